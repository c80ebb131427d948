import { Badge, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconSpeakerphone } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.js';
import { useErrorText } from '../../../components/errors.js';
import { dateLocale } from '../../../components/format.js';
import type { AnnouncementStatus, Receipt } from '../api.js';
import { useReceipt } from '../hooks/useAnnouncements.js';

/** An error in the reader's language: this feature's own codes first, then the common ones. */
export function useAnnouncementsErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const common = useErrorText();
  return useCallback(
    (err: unknown) => {
      const key = err instanceof ApiError ? `announcements.errors.${err.code}` : '';
      return key && i18n.exists(key) ? t(key) : common(err);
    },
    [t, i18n, common],
  );
}

/** A date and time in the reader's language, e.g. "18 Mar 2026, 09:30". */
export function formatWhen(iso: string | null, lng: string): string {
  if (!iso) {
    return '—';
  }
  return new Date(iso).toLocaleString(dateLocale(lng), { dateStyle: 'medium', timeStyle: 'short' });
}

/** "Announcement" or "Urgent", with an icon, so colour is never the only signal. */
export function KindBadge({ urgent }: { urgent: boolean }) {
  const { t } = useTranslation();
  return urgent ? (
    <Badge color="red" variant="filled" leftSection={<IconAlertTriangle size={12} aria-hidden />}>
      {t('announcements.badge.urgent')}
    </Badge>
  ) : (
    <Badge color="brand" variant="light" leftSection={<IconSpeakerphone size={12} aria-hidden />}>
      {t('announcements.badge.announcement')}
    </Badge>
  );
}

const STATUS_COLOURS: Record<AnnouncementStatus, string> = {
  draft: 'gray',
  scheduled: 'blue',
  published: 'teal',
  cancelled: 'dark',
};

export function StatusBadge({ status }: { status: AnnouncementStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOURS[status]} variant="outline">
      {t(`announcements.status.${status}`)}
    </Badge>
  );
}

/**
 * The recipient's acknowledgement: "I have read this" while it is asked for, then when it was given.
 * Nothing for someone who is not a recipient.
 */
export function AckControl({
  id,
  postId,
  requiresAck,
  ackDueAt,
  mine,
  size = 'sm',
}: {
  id: string;
  postId: string | null;
  requiresAck: boolean;
  ackDueAt: string | null;
  mine: Receipt | null;
  size?: 'xs' | 'sm' | 'md';
}) {
  const { t, i18n } = useTranslation();
  const ack = useReceipt('ack');
  const errorText = useAnnouncementsErrorText();
  if (!mine) {
    return null;
  }
  if (mine.ackedAt) {
    return (
      <Group gap={6}>
        <IconCheck size={16} aria-hidden color="var(--mantine-color-teal-9)" />
        <Text size="sm" c="teal.9">
          {t('announcements.ack.done', { date: formatWhen(mine.ackedAt, i18n.language) })}
        </Text>
      </Group>
    );
  }
  if (!requiresAck) {
    return null;
  }
  return (
    <Group gap="sm" wrap="wrap">
      <Button
        size={size}
        leftSection={<IconCheck size={16} aria-hidden />}
        loading={ack.isPending}
        onClick={() => ack.mutate({ id, postId })}
      >
        {t('announcements.ack.button')}
      </Button>
      {ackDueAt && (
        <Text size="sm" c="dimmed">
          {t('announcements.ack.due', { date: formatWhen(ackDueAt, i18n.language) })}
        </Text>
      )}
      {ack.isError && (
        <Text size="sm" c="red" role="alert">
          {errorText(ack.error)}
        </Text>
      )}
    </Group>
  );
}

/** A `datetime-local` value (the reader's own time zone) as an instant, or null when empty. */
export const toIso = (local: string) => (local ? new Date(local).toISOString() : null);

/** An instant as a `datetime-local` value in the reader's own time zone. */
export function toLocalInput(iso: string | null): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
