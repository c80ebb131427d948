import { Alert, Button, Grid, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ACTION_SCOPES, ACTION_STATUSES, DRIVERS, LISTENING_LIMITS } from '../../../../shared/listening.js';
import { useAbility, useMe } from '../../auth/hooks/useSession.js';
import { MarkdownEditor } from '../../feed/components/MarkdownEditor.js';
import { PeopleMultiPicker, type PickedPerson } from '../../people/components/PeopleMultiPicker.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import type { ActionView, Driver } from '../api.js';
import { useActionsErrorText } from '../errors.js';
import { useSaveAction, useSurveyOptions } from '../hooks/useActions.js';
import { initialValues, isDay, isDriver, isScope, isStatus, toInput, type FormValues } from '../logic.js';
import { toast } from '../toast.js';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** The action to edit; a new one when null. */
  action: ActionView | null;
  /** A new action's survey and topic, when it starts from a result. */
  prefill?: { surveyId?: string | null; driver?: Driver | null };
}

/**
 * Writes or edits an action: what, details, owner, due date, status, the survey and topic it answers,
 * and who it is for. HR and administrators may address anyone; managers their own team.
 */
export function ActionFormModal({ opened, onClose, action, prefill }: Props) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {action ? t('actions.form.editTitle') : t('actions.form.createTitle')}
        </Text>
      }
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <ActionForm action={action} prefill={prefill ?? {}} onDone={onClose} />}
    </Modal>
  );
}

function ActionForm({
  action,
  prefill,
  onDone,
}: {
  action: ActionView | null;
  prefill: NonNullable<Props['prefill']>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const me = useMe().data;
  const anyScope = useAbility('listening.manage');
  const structure = useStructure();
  const surveys = useSurveyOptions(true);
  const save = useSaveAction();
  const errorText = useActionsErrorText();
  const form = useForm<FormValues>({
    initialValues: initialValues(action, { ...prefill, ownerId: me?.user.id ?? null }),
    validate: {
      title: (v) => (v.trim() ? null : t('actions.form.titleRequired')),
      ownerId: (v) => (v ? null : t('actions.form.ownerRequired')),
      dueOn: (v) => (v === '' || isDay(v) ? null : t('actions.form.dueInvalid')),
      scopeId: (v, values) =>
        (values.scopeKind === 'department' || values.scopeKind === 'team') && !v ? t('actions.form.pickRequired') : null,
    },
  });
  const v = form.values;
  const locked = Boolean(action?.sharedAt);

  // People the pickers already show by name: the current owner (or the writer), and the manager of a line.
  const knownOwner: PickedPerson[] = action?.owner
    ? [action.owner]
    : me
      ? [{ id: me.user.id, name: me.user.name, title: me.user.title, photoUrl: me.user.photoUrl }]
      : [];
  const knownManager: PickedPerson[] =
    action?.scope.kind === 'line' && action.scope.id && action.scope.name
      ? [{ id: action.scope.id, name: action.scope.name, title: null, photoUrl: null }]
      : [];

  const surveyData = (() => {
    const list = [...(surveys.data ?? [])];
    if (action?.survey && !list.some((s) => s.id === action.survey?.id)) {
      list.push(action.survey);
    }
    return list.map((s) => ({ value: s.id, label: s.title }));
  })();
  const scopeOptions = (() => {
    const s = structure.data;
    if (v.scopeKind === 'department') {
      return (s?.departments ?? []).map((d) => ({ value: d.id, label: d.name }));
    }
    if (v.scopeKind === 'team') {
      return (s?.teams ?? []).map((x) => ({ value: x.id, label: x.name }));
    }
    return [];
  })();

  const submit = form.onSubmit((values) => {
    save.mutate(
      { id: action?.id, input: toInput(values) },
      {
        onSuccess: () => {
          toast(action ? t('actions.form.saved') : t('actions.form.created'));
          onDone();
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('actions.form.intro')}
        </Text>
        <TextInput
          label={t('actions.form.title')}
          placeholder={t('actions.form.titlePlaceholder')}
          maxLength={LISTENING_LIMITS.actionTitle}
          required
          data-autofocus
          {...form.getInputProps('title')}
        />
        <MarkdownEditor
          label={t('actions.form.description')}
          placeholder={t('actions.form.descriptionPlaceholder')}
          value={v.description}
          onChange={(text) => form.setFieldValue('description', text)}
          maxLength={LISTENING_LIMITS.actionDescription}
          minRows={3}
        />
        <PeopleMultiPicker
          label={t('actions.form.owner')}
          description={t('actions.form.ownerHelp')}
          value={v.ownerId ? [v.ownerId] : []}
          onChange={(ids) => form.setFieldValue('ownerId', ids.at(-1) ?? null)}
          max={1}
          initial={knownOwner}
          error={typeof form.errors.ownerId === 'string' ? form.errors.ownerId : undefined}
        />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput type="date" label={t('actions.form.due')} {...form.getInputProps('dueOn')} />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('actions.status.label')}
              data={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actions.status.${s}`) }))}
              value={v.status}
              onChange={(s) => isStatus(s) && form.setFieldValue('status', s)}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
        </Grid>
        <Grid gap="md">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('actions.form.survey')}
              placeholder={t('actions.form.surveyNone')}
              data={surveyData}
              value={v.surveyId}
              onChange={(s) => form.setFieldValue('surveyId', s)}
              clearable
              searchable
              nothingFoundMessage={t('actions.form.nothingFound')}
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <Select
              label={t('actions.form.driver')}
              placeholder={t('actions.form.driverNone')}
              data={DRIVERS.map((d) => ({ value: d, label: t(`actions.drivers.${d}`) }))}
              value={v.driver}
              onChange={(d) => form.setFieldValue('driver', isDriver(d) ? d : null)}
              clearable
              comboboxProps={{ withinPortal: true }}
            />
          </Grid.Col>
        </Grid>
        {anyScope ? (
          <Stack gap="xs">
            <Select
              label={t('actions.form.scope')}
              description={locked ? t('actions.form.scopeLocked') : t('actions.form.scopeHelp')}
              data={ACTION_SCOPES.map((k) => ({ value: k, label: t(`actions.form.scopeKind.${k}`) }))}
              value={v.scopeKind}
              onChange={(k) => {
                if (isScope(k)) {
                  form.setValues({ scopeKind: k, scopeId: null });
                }
              }}
              allowDeselect={false}
              disabled={locked}
              comboboxProps={{ withinPortal: true }}
            />
            {(v.scopeKind === 'department' || v.scopeKind === 'team') && (
              <Select
                label={t(`actions.form.${v.scopeKind}`)}
                placeholder={t('actions.form.pickPlaceholder')}
                data={scopeOptions}
                searchable
                disabled={locked}
                nothingFoundMessage={t('actions.form.nothingFound')}
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps('scopeId')}
              />
            )}
            {v.scopeKind === 'line' && !locked && (
              <PeopleMultiPicker
                label={t('actions.form.manager')}
                description={t('actions.form.managerHelp')}
                value={v.scopeId ? [v.scopeId] : []}
                onChange={(ids) => form.setFieldValue('scopeId', ids.at(-1) ?? null)}
                max={1}
                initial={knownManager}
              />
            )}
          </Stack>
        ) : (
          <Stack gap={2}>
            <Text size="sm" fw={500}>
              {t('actions.form.scope')}
            </Text>
            <Text size="sm" c="dimmed">
              {action && !(action.scope.kind === 'line' && action.scope.id === me?.user.id)
                ? action.scope.kind === 'company'
                  ? t('actions.scope.company')
                  : t(`actions.scope.${action.scope.kind}`, { name: action.scope.name ?? '' })
                : t('actions.scope.mine')}
            </Text>
          </Stack>
        )}
        {save.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {errorText(save.error)}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {action ? t('actions.form.save') : t('actions.form.create')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
