import { Anchor, Badge, Button, Card, Group, Select, Stack, Text, Title } from '@mantine/core';
import { IconCalendarDue, IconPencil, IconSend, IconTrash, IconUsers } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ACTION_STATUSES } from '../../../../shared/listening.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { dateLocale, formatDate } from '../../../components/format.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import type { ActionStatus, ActionView } from '../api.js';
import { isOverdue, isStatus, today } from '../logic.js';

export const STATUS_COLOR: Record<ActionStatus, string> = { planned: 'gray', in_progress: 'blue', done: 'teal' };

/** A calendar day (YYYY-MM-DD) in the reader's language, read as that day wherever the reader is. */
export function formatDay(day: string, lng: string): string {
  const d = new Date(`${day}T12:00:00`);
  return Number.isNaN(d.getTime()) ? day : d.toLocaleDateString(dateLocale(lng), { year: 'numeric', month: 'short', day: 'numeric' });
}

/** Who an action is for, in words. */
export function useScopeLabel(): (scope: ActionView['scope']) => string {
  const { t } = useTranslation();
  return (scope) => {
    if (scope.kind === 'company') {
      return t('actions.scope.company');
    }
    return scope.name ? t(`actions.scope.${scope.kind}`, { name: scope.name }) : t('actions.scope.unknown');
  };
}

export function StatusBadge({ status }: { status: ActionStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" radius="sm" style={{ flexShrink: 0 }}>
      {t(`actions.status.${status}`)}
    </Badge>
  );
}

/** Owner and due date, the line every view of an action shows. */
export function ActionMeta({ action }: { action: ActionView }) {
  const { t, i18n } = useTranslation();
  const late = isOverdue(action, today());
  return (
    <Group gap="md" wrap="wrap">
      <Group gap={6} wrap="nowrap">
        {action.owner ? (
          <>
            <UserAvatar name={action.owner.name} photoUrl={action.owner.photoUrl} size={24} />
            <Text size="sm">
              <Text span c="dimmed" size="sm">
                {t('actions.card.owner')}:{' '}
              </Text>
              <Anchor component={Link} to={`/people/${action.owner.id}`} size="sm">
                {action.owner.name}
              </Anchor>
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t('actions.card.noOwner')}
          </Text>
        )}
      </Group>
      <Group gap={4} wrap="nowrap">
        <IconCalendarDue size={16} aria-hidden color={late ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-dimmed)'} />
        <Text size="sm" c={late ? 'red.7' : 'dimmed'} fw={late ? 600 : undefined}>
          {action.dueOn
            ? t(late ? 'actions.card.overdue' : 'actions.card.due', { date: formatDay(action.dueOn, i18n.language) })
            : t('actions.card.noDue')}
        </Text>
      </Group>
    </Group>
  );
}

/** The topic and survey an action responds to, when there are any. */
function Origins({ action, linkSurvey }: { action: ActionView; linkSurvey: boolean }) {
  const { t } = useTranslation();
  if (!action.driver && !action.survey) {
    return null;
  }
  return (
    <Group gap="xs" wrap="wrap">
      {action.driver && (
        <Badge variant="outline" color="brand" radius="sm">
          {t(`actions.drivers.${action.driver}`)}
        </Badge>
      )}
      {action.survey && (
        <Text size="sm" c="dimmed">
          {linkSurvey ? (
            <Anchor component={Link} to={`/listening/surveys/${action.survey.id}/results`} size="sm">
              {t('actions.card.from', { survey: action.survey.title })}
            </Anchor>
          ) : (
            t('actions.card.from', { survey: action.survey.title })
          )}
        </Text>
      )}
    </Group>
  );
}

interface ManageProps {
  onEdit: () => void;
  onStatus: (status: ActionStatus) => void;
  onShare: () => void;
  onDelete: () => void;
  busy: boolean;
}

/**
 * One action plan. People it was shared with read it; those who manage it also see who it is for,
 * whether it is shared yet, and can move it along, edit, share or delete it.
 */
export function ActionCard({ action, manage }: { action: ActionView; manage?: ManageProps }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const scopeLabel = useScopeLabel();
  const audience = scopeLabel(action.scope);
  return (
    <Card padding="lg" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
          <Title order={3} fz={18} id={titleId} style={{ overflowWrap: 'anywhere' }}>
            {action.title}
          </Title>
          <StatusBadge status={action.status} />
        </Group>
        <ActionMeta action={action} />
        <Origins action={action} linkSurvey={manage !== undefined} />
        {action.html && <PostHtml html={action.html} clamp />}
        <Group gap="xs" wrap="wrap">
          <IconUsers size={16} aria-hidden color="var(--mantine-color-dimmed)" />
          <Text size="sm" c="dimmed">
            {t('actions.card.audience')}: {audience}
          </Text>
          {action.sharedAt ? (
            <Badge variant="light" color="teal" radius="sm">
              {t('actions.card.shared', { date: formatDate(action.sharedAt, i18n.language) })}
            </Badge>
          ) : (
            <Badge variant="light" color="yellow" radius="sm">
              {t('actions.card.draft')}
            </Badge>
          )}
        </Group>
        {manage && (
          <Group gap="xs" wrap="wrap" justify="space-between">
            <Select
              size="xs"
              w={160}
              aria-label={t('actions.status.changeLabel', { title: action.title })}
              data={ACTION_STATUSES.map((s) => ({ value: s, label: t(`actions.status.${s}`) }))}
              value={action.status}
              onChange={(v) => isStatus(v) && v !== action.status && manage.onStatus(v)}
              allowDeselect={false}
              disabled={!action.canEdit || manage.busy}
              comboboxProps={{ withinPortal: true }}
            />
            <Group gap="xs" wrap="wrap">
              {action.canEdit && (
                <Button
                  size="xs"
                  variant="default"
                  leftSection={<IconPencil size={14} aria-hidden />}
                  onClick={manage.onEdit}
                  aria-label={t('actions.card.editLabel', { title: action.title })}
                >
                  {t('actions.card.edit')}
                </Button>
              )}
              {action.canShare && (
                <ConfirmButton
                  size="xs"
                  danger={false}
                  leftSection={<IconSend size={14} aria-hidden />}
                  title={t('actions.share.title')}
                  message={t('actions.share.message', { audience })}
                  confirmLabel={t('actions.share.confirm')}
                  onConfirm={manage.onShare}
                  loading={manage.busy}
                  aria-label={t('actions.card.shareLabel', { title: action.title })}
                >
                  {t('actions.card.share')}
                </ConfirmButton>
              )}
              {action.canDelete && (
                <ConfirmButton
                  size="xs"
                  variant="subtle"
                  color="red"
                  leftSection={<IconTrash size={14} aria-hidden />}
                  title={t('actions.remove.title')}
                  message={t('actions.remove.message', { title: action.title })}
                  confirmLabel={t('actions.remove.confirm')}
                  onConfirm={manage.onDelete}
                  loading={manage.busy}
                  aria-label={t('actions.card.deleteLabel', { title: action.title })}
                >
                  {t('actions.card.delete')}
                </ConfirmButton>
              )}
            </Group>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
