import { Badge, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCalendarDue } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FeedbackItem, FollowupStatus } from '../api.js';
import { CATEGORY_COLOR, FOLLOWUP_COLOR, SCORE_MAX, dueState, formatDay, today } from '../logic.js';

/** The score with its category, e.g. "NPS 9/10 · Promoter": the colour repeats what the words say. */
export function ScoreBadge({ item, size = 'lg' }: { item: Pick<FeedbackItem, 'kind' | 'score' | 'category'>; size?: 'md' | 'lg' }) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      color={CATEGORY_COLOR[item.category].bg}
      c={CATEGORY_COLOR[item.category].c}
      size={size}
      radius="sm"
      style={{ flexShrink: 0, textTransform: 'none' }}
    >
      {t(`voice.kind.${item.kind}`)} {item.score}/{SCORE_MAX[item.kind]} · {t(`voice.category.${item.category}`)}
    </Badge>
  );
}

/** A customer's own words. React writes them as text, so markup in a comment stays visible and inert. */
export function CommentText({ comment, clamp }: { comment: string | null; clamp?: number }) {
  const { t } = useTranslation();
  if (!comment) {
    return (
      <Text size="sm" c="dimmed" fs="italic">
        {t('voice.card.noComment')}
      </Text>
    );
  }
  return (
    <Text component="blockquote" m={0} lineClamp={clamp} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {comment}
    </Text>
  );
}

export function FollowupStatusBadge({ status }: { status: FollowupStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={FOLLOWUP_COLOR[status]} variant="dot" radius="sm" style={{ flexShrink: 0, textTransform: 'none' }}>
      {t(`voice.followupStatus.${status}`)}
    </Badge>
  );
}

/** Red that stays above AA contrast on light and dark backgrounds. */
export const LATE = 'light-dark(var(--mantine-color-red-9), var(--mantine-color-red-4))';

/** A follow-up's due day, in red with a warning sign and the word "overdue" when it has passed. */
export function DueText({ followup }: { followup: { status: FollowupStatus; dueOn: string } }) {
  const { t, i18n } = useTranslation();
  const state = dueState(followup, today());
  const date = formatDay(followup.dueOn, i18n.language);
  const late = state === 'overdue';
  const Icon = late ? IconAlertTriangle : IconCalendarDue;
  return (
    <Group gap={4} wrap="nowrap">
      <Icon size={16} aria-hidden color={late ? LATE : 'var(--mantine-color-dimmed)'} />
      <Text size="sm" c={late ? LATE : 'dimmed'} fw={late ? 600 : undefined}>
        {t(`voice.due.${state}`, { date })}
      </Text>
    </Group>
  );
}

/** The follow-up an answer opened, as a chip that leads to it. */
export function FollowupChip({ followup }: { followup: NonNullable<FeedbackItem['followup']> }) {
  const { t, i18n } = useTranslation();
  const state = dueState(followup, today());
  return (
    <Badge
      component={Link}
      to={`/customers/followups/${followup.id}`}
      color={state === 'overdue' ? 'red' : FOLLOWUP_COLOR[followup.status]}
      variant="dot"
      radius="sm"
      style={{ cursor: 'pointer', textTransform: 'none' }}
      aria-label={t('voice.card.followupLabel', {
        status: t(`voice.followupStatus.${followup.status}`),
        due: t(`voice.due.${state}`, { date: formatDay(followup.dueOn, i18n.language) }),
      })}
    >
      {t('voice.card.followup')}: {t(`voice.followupStatus.${followup.status}`)}
      {state === 'overdue' ? ` · ${t('voice.due.overdueShort')}` : ''}
    </Badge>
  );
}
