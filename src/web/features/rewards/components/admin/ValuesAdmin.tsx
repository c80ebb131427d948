import { ActionIcon, Button, Card, Group, Modal, Stack, Text, TextInput, Textarea, Tooltip } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArrowBackUp, IconArrowDown, IconArrowUp, IconHeartHandshake, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RECOGNITION_LIMITS } from '../../../../../shared/recognition.js';
import { Section } from '../../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../../components/States.js';
import type { AdminValue } from '../../api.js';
import { useAdminValues, useCreateValue, useMoveValue, useUpdateValue } from '../../hooks/useRecognitionAdmin.js';
import { useValidators } from '../../hooks/useValidators.js';
import { EMOJI_MAX, emojiOk, moveTarget } from '../../logic.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';

/** Company values: the list people tie their kudos to, in the order they see it. */
export function ValuesAdmin() {
  const { t } = useTranslation();
  const values = useAdminValues();
  const update = useUpdateValue();
  const move = useMoveValue();
  const [editing, setEditing] = useState<AdminValue | 'new' | null>(null);
  const [announcement, setAnnouncement] = useState('');

  const all = useMemo(() => values.data ?? [], [values.data]);
  const active = useMemo(() => all.filter((v) => !v.archived), [all]);
  const archived = useMemo(() => all.filter((v) => v.archived), [all]);

  const moveValue = (v: AdminValue, direction: 'up' | 'down') => {
    const position = moveTarget(all, v.id, direction);
    if (position === null) {
      return;
    }
    const at = active.findIndex((x) => x.id === v.id) + (direction === 'up' ? 0 : 2);
    move.mutate(
      { id: v.id, position },
      {
        onSuccess: () => {
          setAnnouncement(t('rewards.values.moved', { name: v.name, position: at, total: active.length }));
          // Keep the keyboard where it was: on the same button, or on the other one at the end of the list.
          requestAnimationFrame(() => {
            const same = document.getElementById(`value-${v.id}-${direction}`);
            const other = document.getElementById(`value-${v.id}-${direction === 'up' ? 'down' : 'up'}`);
            ((same as HTMLButtonElement | null)?.disabled ? other : same)?.focus();
          });
        },
      },
    );
  };

  const setArchived = (v: AdminValue, archive: boolean) =>
    update.mutate(
      { id: v.id, archived: archive },
      { onSuccess: () => toast(t(archive ? 'rewards.values.archivedToast' : 'rewards.values.restoredToast', { name: v.name })) },
    );

  if (values.isPending) {
    return <Loading />;
  }
  if (values.isError) {
    return <ErrorState error={values.error} onRetry={() => void values.refetch()} />;
  }

  return (
    <Stack gap="lg">
      <Section
        id="values-active"
        title={t('rewards.values.title')}
        description={t('rewards.values.intro')}
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} variant="light" onClick={() => setEditing('new')}>
            {t('rewards.values.add')}
          </Button>
        }
      >
        <div className="visually-hidden" role="status" aria-live="polite">
          {announcement}
        </div>
        <ErrorAlert error={move.error ?? update.error} />
        {active.length === 0 ? (
          <Empty
            icon={<IconHeartHandshake size={28} aria-hidden />}
            title={t('rewards.values.emptyTitle')}
            description={t('rewards.values.emptyBody')}
          />
        ) : (
          <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
            {active.map((v, i) => (
              <Card key={v.id} component="li" padding="sm" radius="md">
                <Group justify="space-between" wrap="nowrap" gap="sm" align="flex-start">
                  <Group gap="sm" wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
                    <Text fz={24} lh={1.2} w={32} ta="center" aria-hidden>
                      {v.emoji ?? '•'}
                    </Text>
                    <div style={{ minWidth: 0 }}>
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {v.name}
                      </Text>
                      {v.description && (
                        <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                          {v.description}
                        </Text>
                      )}
                    </div>
                  </Group>
                  <Group gap={2} wrap="nowrap">
                    <Tooltip label={t('rewards.values.up')}>
                      <ActionIcon
                        id={`value-${v.id}-up`}
                        variant="subtle"
                        color="gray"
                        size="lg"
                        disabled={i === 0 || move.isPending}
                        aria-label={t('rewards.values.upNamed', { name: v.name })}
                        onClick={() => moveValue(v, 'up')}
                      >
                        <IconArrowUp size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('rewards.values.down')}>
                      <ActionIcon
                        id={`value-${v.id}-down`}
                        variant="subtle"
                        color="gray"
                        size="lg"
                        disabled={i === active.length - 1 || move.isPending}
                        aria-label={t('rewards.values.downNamed', { name: v.name })}
                        onClick={() => moveValue(v, 'down')}
                      >
                        <IconArrowDown size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('rewards.values.edit')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        aria-label={t('rewards.values.editNamed', { name: v.name })}
                        onClick={() => setEditing(v)}
                      >
                        <IconPencil size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                    <Tooltip label={t('rewards.values.archive')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="lg"
                        aria-label={t('rewards.values.archiveNamed', { name: v.name })}
                        loading={update.isPending && update.variables.id === v.id}
                        onClick={() => setArchived(v, true)}
                      >
                        <IconArchive size={18} aria-hidden />
                      </ActionIcon>
                    </Tooltip>
                  </Group>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </Section>

      {archived.length > 0 && (
        <Section id="values-archived" title={t('rewards.values.archivedTitle')} description={t('rewards.values.archivedIntro')}>
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {archived.map((v) => (
              <Group key={v.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
                <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                  {v.emoji ? `${v.emoji} ` : ''}
                  {v.name}
                </Text>
                <Button
                  size="compact-sm"
                  variant="subtle"
                  leftSection={<IconArrowBackUp size={16} aria-hidden />}
                  loading={update.isPending && update.variables.id === v.id}
                  onClick={() => setArchived(v, false)}
                  aria-label={t('rewards.values.restoreNamed', { name: v.name })}
                >
                  {t('rewards.values.restore')}
                </Button>
              </Group>
            ))}
          </Stack>
        </Section>
      )}

      <ValueDialog editing={editing} onClose={() => setEditing(null)} />
    </Stack>
  );
}

interface FormValues {
  name: string;
  description: string;
  emoji: string;
}

function ValueDialog({ editing, onClose }: { editing: AdminValue | 'new' | null; onClose: () => void }) {
  const { t } = useTranslation();
  const opened = editing !== null;
  const value = editing === 'new' ? null : editing;
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {value ? t('rewards.values.editTitle', { name: value.name }) : t('rewards.values.addTitle')}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {opened && <ValueForm key={value?.id ?? 'new'} value={value} onDone={onClose} />}
    </Modal>
  );
}

function ValueForm({ value, onDone }: { value: AdminValue | null; onDone: () => void }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const create = useCreateValue();
  const update = useUpdateValue();
  const L = RECOGNITION_LIMITS;
  const form = useForm<FormValues>({
    initialValues: { name: value?.name ?? '', description: value?.description ?? '', emoji: value?.emoji ?? '' },
    validate: {
      name: valid.name(L.valueName),
      description: valid.text(L.valueDescription),
      emoji: (v) => (emojiOk(v) ? null : t('rewards.values.emojiInvalid')),
    },
  });
  const save = (v: FormValues) => {
    const body = { name: v.name.trim(), description: v.description.trim(), emoji: v.emoji.trim() || null };
    if (value) {
      update.mutate(
        { id: value.id, ...body },
        {
          onSuccess: () => {
            toast(t('rewards.values.saved', { name: body.name }));
            onDone();
          },
        },
      );
    } else {
      create.mutate(body, {
        onSuccess: () => {
          toast(t('rewards.values.added', { name: body.name }));
          onDone();
        },
      });
    }
  };
  const error = create.error ?? update.error;
  return (
    <form onSubmit={form.onSubmit(save)} noValidate>
      <Stack gap="md">
        <TextInput label={t('rewards.values.name')} required maxLength={L.valueName} data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label={t('rewards.values.description')}
          description={t('common.optional')}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={L.valueDescription}
          {...form.getInputProps('description')}
        />
        <TextInput
          label={t('rewards.values.emoji')}
          description={t('rewards.values.emojiHint')}
          maxLength={EMOJI_MAX}
          w={{ base: '100%', xs: 200 }}
          {...form.getInputProps('emoji')}
        />
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending}>
            {value ? t('common.save') : t('rewards.values.addSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
