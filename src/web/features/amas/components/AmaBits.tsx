import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AmaStatus } from '../../../../shared/comms.js';
import { dateLocale } from '../../../components/format.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import type { AmaSummary } from '../api.js';
import './amas.css';

/** The AMA's status in words (colour is never the only signal); "Live" has a pulsing dot. */
export function AmaStatusBadge({ status }: { status: AmaStatus }) {
  const { t } = useTranslation();
  switch (status) {
    case 'live':
      return (
        <Badge color="red" variant="light" leftSection={<span className="ama-live-dot" aria-hidden />}>
          {t('amas.status.live')}
        </Badge>
      );
    case 'scheduled':
      return (
        <Badge color="brand" variant="light">
          {t('amas.status.scheduled')}
        </Badge>
      );
    case 'ended':
      return (
        <Badge color="gray" variant="light">
          {t('amas.status.ended')}
        </Badge>
      );
  }
}

/** When an AMA runs, in the reader's language: "18 Mar 2026, 15:00 – 16:00". */
export function useAmaTime(): (a: Pick<AmaSummary, 'startsAt' | 'endsAt'>) => string {
  const { i18n } = useTranslation();
  return (a) => {
    const start = new Date(a.startsAt);
    const end = new Date(a.endsAt);
    const locale = dateLocale(i18n.language);
    const day = { year: 'numeric', month: 'short', day: 'numeric' } as const;
    const time = { hour: '2-digit', minute: '2-digit' } as const;
    const sameDay = start.toDateString() === end.toDateString();
    const from = start.toLocaleString(locale, { ...day, ...time });
    const to = sameDay ? end.toLocaleTimeString(locale, time) : end.toLocaleString(locale, { ...day, ...time });
    return `${from} – ${to}`;
  };
}

/** The host with their photo and title. */
export function AmaHost({ host, size = 32 }: { host: AmaSummary['host']; size?: number }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="nowrap">
      <UserAvatar name={host.name} photoUrl={host.photoUrl} size={size} />
      <div>
        <Text size="sm" fw={600}>
          {t('amas.hostedBy', { name: host.name })}
        </Text>
        {host.title && (
          <Text size="xs" c="dimmed">
            {host.title}
          </Text>
        )}
      </div>
    </Group>
  );
}
