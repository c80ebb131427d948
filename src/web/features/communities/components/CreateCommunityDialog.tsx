import { Alert, Button, Checkbox, Divider, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SOCIAL_LIMITS, type SyncKind, type Visibility } from '../../../../shared/social.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useStructure } from '../../people/hooks/usePeople.js';
import { useScopedErrorText } from '../errors.js';
import { useCreateCommunity } from '../hooks/useCommunities.js';
import { VisibilityPicker } from './VisibilityPicker.js';
import { toast } from '../toast.js';

interface Values {
  name: string;
  description: string;
  visibility: Visibility;
  official: boolean;
  syncKind: SyncKind | '';
  syncId: string | null;
}

/** Start a community: a name, what it is for, who can see it; administrators also make it official or tie it to the organisation. */
export function CreateCommunityDialog({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const isAdmin = useAbility('communities.admin');
  const errorText = useScopedErrorText('communities');
  const create = useCreateCommunity();
  const structure = useStructure();
  const form = useForm<Values>({
    initialValues: { name: '', description: '', visibility: 'public', official: false, syncKind: '', syncId: null },
    validate: {
      name: (v) => (v.trim() ? null : t('communities.form.nameRequired')),
      syncId: (v, values) => (values.syncKind && !v ? t('communities.form.syncPick') : null),
    },
  });

  const close = () => {
    create.reset();
    onClose();
  };

  const submit = form.onSubmit((v) => {
    create.mutate(
      {
        name: v.name.trim(),
        description: v.description.trim() || undefined,
        visibility: v.visibility,
        ...(isAdmin && v.official ? { official: true } : {}),
        ...(isAdmin && v.syncKind && v.syncId ? { sync: { kind: v.syncKind, id: v.syncId } } : {}),
      },
      {
        onSuccess: (c) => {
          toast(t('communities.create.done', { name: c.name }), { color: 'teal' });
          form.reset();
          close();
          void navigate(`/communities/${c.slug}`);
        },
      },
    );
  });

  const syncOptions = (() => {
    const s = structure.data;
    if (!s) {
      return [];
    }
    const list = form.values.syncKind === 'department' ? s.departments : form.values.syncKind === 'team' ? s.teams : s.locations;
    return list.map((x) => ({ value: x.id, label: x.name }));
  })();

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('communities.close') }}
      opened={opened}
      onClose={close}
      title={
        <Text fw={700} fz="lg">
          {t('communities.create.title')}
        </Text>
      }
      size="lg"
      fullScreen={false}
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t('communities.create.intro')}
          </Text>
          <TextInput
            label={t('communities.form.name')}
            placeholder={t('communities.form.namePlaceholder')}
            maxLength={SOCIAL_LIMITS.communityName}
            required
            data-autofocus
            {...form.getInputProps('name')}
          />
          <Textarea
            label={t('communities.form.description')}
            description={t('communities.form.descriptionHelp')}
            placeholder={t('communities.form.descriptionPlaceholder')}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={SOCIAL_LIMITS.communityDescription}
            {...form.getInputProps('description')}
          />
          <VisibilityPicker
            value={form.values.visibility}
            onChange={(v) => form.setFieldValue('visibility', v)}
            description={t('communities.form.visibilityHelp')}
          />
          {isAdmin && (
            <>
              <Divider label={t('communities.form.adminOnly')} labelPosition="left" />
              <Checkbox
                label={t('communities.form.official')}
                description={t('communities.form.officialHelp')}
                {...form.getInputProps('official', { type: 'checkbox' })}
              />
              <Select
                label={t('communities.form.syncKind')}
                description={t('communities.form.syncHelp')}
                data={[
                  { value: '', label: t('communities.form.syncNone') },
                  { value: 'department', label: t('communities.sync.kind.department') },
                  { value: 'team', label: t('communities.sync.kind.team') },
                  { value: 'location', label: t('communities.sync.kind.location') },
                ]}
                value={form.values.syncKind}
                onChange={(v) => {
                  form.setFieldValue('syncKind', v ?? '');
                  form.setFieldValue('syncId', null);
                }}
                allowDeselect={false}
                comboboxProps={{ withinPortal: true }}
              />
              {form.values.syncKind && (
                <Select
                  label={t(`communities.sync.kind.${form.values.syncKind}`)}
                  placeholder={t('communities.form.syncPlaceholder')}
                  data={syncOptions}
                  searchable
                  nothingFoundMessage={t('communities.form.syncNothing')}
                  comboboxProps={{ withinPortal: true }}
                  {...form.getInputProps('syncId')}
                />
              )}
            </>
          )}
          {create.isError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorText(create.error)}
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('communities.create.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
