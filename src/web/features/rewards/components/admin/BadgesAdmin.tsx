import { Badge, Button, Card, Group, Modal, Select, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArrowBackUp, IconAward, IconPencil, IconPlus, IconSend } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BADGE_ICONS, RECOGNITION_LIMITS, type BadgeIcon as BadgeIconName } from '../../../../../shared/recognition.js';
import { Section } from '../../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../../components/States.js';
import { BADGE_ICON_MAP, BadgeIcon } from '../../../kudos/index.js';
import type { AdminBadge } from '../../api.js';
import { useAdminBadges, useAwardBadge, useSaveBadge } from '../../hooks/useRecognitionAdmin.js';
import { useValidators } from '../../hooks/useValidators.js';
import { toast } from '../../toast.js';
import { ErrorAlert } from '../ErrorAlert.js';
import { PeopleMultiPicker } from '../../../people/components/PeopleMultiPicker.js';

/** People one badge can be awarded to at once. */
const AWARDEES_MAX = 500;

const isIcon = (v: string | null): v is BadgeIconName => (BADGE_ICONS as readonly string[]).includes(v ?? '');

/** Badges: custom ones administrators create and award by hand, and the ones earned by activity. */
export function BadgesAdmin() {
  const { t } = useTranslation();
  const badges = useAdminBadges();
  const save = useSaveBadge();
  const [editing, setEditing] = useState<AdminBadge | 'new' | null>(null);
  const [awarding, setAwarding] = useState<AdminBadge | null>(null);

  if (badges.isPending) {
    return <Loading />;
  }
  if (badges.isError) {
    return <ErrorState error={badges.error} onRetry={() => void badges.refetch()} />;
  }
  // Archived ones after the others, each group in the server's order.
  const byArchived = (list: AdminBadge[]) => [...list.filter((b) => !b.archived), ...list.filter((b) => b.archived)];
  const custom = byArchived(badges.data.filter((b) => b.rule === null));
  const rules = byArchived(badges.data.filter((b) => b.rule !== null));
  const nameOf = (b: AdminBadge) => (b.rule ? t(`kudos.badges.${b.rule}.name`, { defaultValue: b.name }) : b.name);
  const descriptionOf = (b: AdminBadge) =>
    b.rule ? t(`kudos.badges.${b.rule}.description`, { defaultValue: b.description }) : b.description;

  const setArchived = (b: AdminBadge, archived: boolean) =>
    save.mutate(
      { id: b.id, archived },
      { onSuccess: () => toast(t(archived ? 'rewards.badges.archivedToast' : 'rewards.badges.restoredToast', { name: nameOf(b) })) },
    );

  const row = (b: AdminBadge) => (
    <Card key={b.id} component="li" padding="sm" radius="md">
      <Group gap="md" wrap="nowrap" align="flex-start">
        <BadgeIcon icon={b.icon} rule={b.rule} size={40} muted={b.archived} />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {nameOf(b)}
            </Text>
            {b.archived && (
              <Badge variant="outline" color="gray" leftSection={<IconArchive size={12} aria-hidden />}>
                {t('rewards.badges.archived')}
              </Badge>
            )}
          </Group>
          {descriptionOf(b) && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              {descriptionOf(b)}
            </Text>
          )}
          <Text size="sm">{t('rewards.badges.holders', { count: b.holders })}</Text>
          <Group gap="xs" mt={4}>
            {b.rule === null && !b.archived && (
              <Button
                size="compact-sm"
                leftSection={<IconSend size={16} aria-hidden />}
                onClick={() => setAwarding(b)}
                aria-label={t('rewards.badges.awardNamed', { name: b.name })}
              >
                {t('rewards.badges.award')}
              </Button>
            )}
            {b.rule === null && (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(b)}
                aria-label={t('rewards.badges.editNamed', { name: b.name })}
              >
                {t('rewards.badges.edit')}
              </Button>
            )}
            <Button
              size="compact-sm"
              variant="subtle"
              color="gray"
              leftSection={b.archived ? <IconArrowBackUp size={16} aria-hidden /> : <IconArchive size={16} aria-hidden />}
              loading={save.isPending && save.variables.id === b.id}
              onClick={() => setArchived(b, !b.archived)}
              aria-label={t(b.archived ? 'rewards.badges.restoreNamed' : 'rewards.badges.archiveNamed', { name: nameOf(b) })}
            >
              {t(b.archived ? 'rewards.badges.restore' : 'rewards.badges.archive')}
            </Button>
          </Group>
        </Stack>
      </Group>
    </Card>
  );

  return (
    <Stack gap="lg">
      <ErrorAlert error={save.error} />
      <Section
        id="badges-custom"
        title={t('rewards.badges.customTitle')}
        description={t('rewards.badges.customIntro')}
        actions={
          <Button leftSection={<IconPlus size={18} aria-hidden />} variant="light" onClick={() => setEditing('new')}>
            {t('rewards.badges.create')}
          </Button>
        }
      >
        {custom.length === 0 ? (
          <Empty
            icon={<IconAward size={28} aria-hidden />}
            title={t('rewards.badges.emptyTitle')}
            description={t('rewards.badges.emptyBody')}
          />
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {custom.map(row)}
          </Stack>
        )}
      </Section>

      {rules.length > 0 && (
        <Section id="badges-rules" title={t('rewards.badges.rulesTitle')} description={t('rewards.badges.rulesIntro')}>
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {rules.map(row)}
          </Stack>
        </Section>
      )}

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={
          <Text fw={700} fz="lg">
            {editing && editing !== 'new' ? t('rewards.badges.editTitle', { name: editing.name }) : t('rewards.badges.createTitle')}
          </Text>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing !== null && (
          <BadgeForm
            key={editing === 'new' ? 'new' : editing.id}
            badge={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={awarding !== null}
        onClose={() => setAwarding(null)}
        title={
          <Text fw={700} fz="lg">
            {awarding ? t('rewards.badges.awardTitle', { name: awarding.name }) : ''}
          </Text>
        }
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {awarding && <AwardForm key={awarding.id} badge={awarding} onDone={() => setAwarding(null)} />}
      </Modal>
    </Stack>
  );
}

interface BadgeFormValues {
  name: string;
  description: string;
  icon: string | null;
}

function BadgeForm({ badge, onDone }: { badge: AdminBadge | null; onDone: () => void }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const save = useSaveBadge();
  const L = RECOGNITION_LIMITS;
  const form = useForm<BadgeFormValues>({
    initialValues: { name: badge?.name ?? '', description: badge?.description ?? '', icon: badge?.icon ?? 'award' },
    validate: { name: valid.name(L.badgeName), description: valid.text(L.badgeDescription) },
  });
  const icon = isIcon(form.values.icon) ? form.values.icon : 'award';
  const Current = BADGE_ICON_MAP[icon];
  const submit = (v: BadgeFormValues) =>
    save.mutate(
      { id: badge?.id ?? null, name: v.name.trim(), description: v.description.trim(), icon: isIcon(v.icon) ? v.icon : 'award' },
      {
        onSuccess: () => {
          toast(t(badge ? 'rewards.badges.saved' : 'rewards.badges.created', { name: v.name.trim() }));
          onDone();
        },
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <TextInput label={t('rewards.badges.name')} required maxLength={L.badgeName} data-autofocus {...form.getInputProps('name')} />
        <Textarea
          label={t('rewards.badges.description')}
          description={t('common.optional')}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={L.badgeDescription}
          {...form.getInputProps('description')}
        />
        <Select
          label={t('rewards.badges.icon')}
          data={BADGE_ICONS.map((i) => ({ value: i, label: t(`rewards.badges.icons.${i}`) }))}
          allowDeselect={false}
          searchable
          leftSection={<Current size={20} aria-hidden />}
          comboboxProps={{ withinPortal: true }}
          renderOption={({ option }) => {
            const name = String(option.value);
            const I = isIcon(name) ? BADGE_ICON_MAP[name] : IconAward;
            return (
              <Group gap="sm" wrap="nowrap">
                <I size={20} aria-hidden />
                <Text size="sm">{option.label}</Text>
              </Group>
            );
          }}
          {...form.getInputProps('icon')}
        />
        <Group gap="sm">
          <BadgeIcon icon={icon} size={48} />
          <Text size="sm" c="dimmed">
            {t('rewards.badges.preview')}
          </Text>
        </Group>
        <ErrorAlert error={save.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {badge ? t('common.save') : t('rewards.badges.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AwardForm({ badge, onDone }: { badge: AdminBadge; onDone: () => void }) {
  const { t } = useTranslation();
  const valid = useValidators();
  const award = useAwardBadge();
  const form = useForm<{ userIds: string[]; reason: string }>({
    initialValues: { userIds: [], reason: '' },
    validate: {
      userIds: (v) => (v.length === 0 ? t('rewards.awards.pickSomeone') : null),
      reason: valid.text(RECOGNITION_LIMITS.awardReason),
    },
  });
  const submit = (v: { userIds: string[]; reason: string }) =>
    award.mutate(
      { id: badge.id, userIds: v.userIds, reason: v.reason.trim() || undefined },
      {
        onSuccess: (r) => {
          const parts = [
            r.awarded.length > 0 ? t('rewards.badges.awarded', { count: r.awarded.length }) : t('rewards.badges.awardedNone'),
            r.alreadyHeld.length > 0 ? t('rewards.badges.alreadyHeld', { count: r.alreadyHeld.length }) : '',
            r.gamificationOff.length > 0 ? t('rewards.badges.leftOut', { count: r.gamificationOff.length }) : '',
          ];
          toast(parts.filter(Boolean).join(' '));
          onDone();
        },
      },
    );
  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Stack gap="md">
        <PeopleMultiPicker
          label={t('rewards.badges.awardPeople')}
          value={form.values.userIds}
          onChange={(ids) => form.setFieldValue('userIds', ids)}
          max={AWARDEES_MAX}
          error={typeof form.errors.userIds === 'string' ? form.errors.userIds : undefined}
        />
        <Textarea
          label={t('rewards.badges.reason')}
          description={t('rewards.badges.reasonHint')}
          autosize
          minRows={2}
          maxRows={5}
          maxLength={RECOGNITION_LIMITS.awardReason}
          {...form.getInputProps('reason')}
        />
        <ErrorAlert error={award.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" leftSection={<IconSend size={18} aria-hidden />} loading={award.isPending}>
            {t('rewards.badges.awardSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
