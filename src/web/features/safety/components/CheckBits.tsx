import { Badge, Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { dateLocale } from '../../../components/format.js';
import type { LocationTally, SafetyCounts } from '../api.js';

/** A moment in the reader's language, with the time. */
export function useWhen() {
  const { i18n } = useTranslation();
  return (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(dateLocale(i18n.language), { dateStyle: 'medium', timeStyle: 'short' }) : '—';
}

export function DrillBadge({ drill }: { drill: boolean }) {
  const { t } = useTranslation();
  return drill ? (
    <Badge color="blue" variant="light">
      {t('safety.drill')}
    </Badge>
  ) : (
    <Badge color="red" variant="filled">
      {t('safety.real')}
    </Badge>
  );
}

export function StatusBadge({ status }: { status: 'open' | 'closed' }) {
  const { t } = useTranslation();
  return (
    <Badge color={status === 'open' ? 'green' : 'gray'} variant="light">
      {t(`safety.status.${status}`)}
    </Badge>
  );
}

/** The counts in words, so that colour is never the only signal. */
export function CountsText({ counts }: { counts: SafetyCounts }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" c="dimmed">
      {t('safety.countsLine', { safe: counts.safe, help: counts.help, pending: counts.pending, total: counts.total })}
    </Text>
  );
}

/** One bar: safe, needs help and not answered, as parts of everyone asked. */
export function TallyBar({ counts, label }: { counts: SafetyCounts; label: string }) {
  const { t } = useTranslation();
  const pct = (n: number) => (counts.total === 0 ? 0 : (n / counts.total) * 100);
  return (
    <Progress.Root size={22} aria-label={label}>
      <Progress.Section value={pct(counts.safe)} color="green" aria-label={t('safety.tabs.safe')} />
      <Progress.Section value={pct(counts.help)} color="red" aria-label={t('safety.tabs.help')} />
      <Progress.Section value={pct(counts.pending)} color="gray.4" aria-label={t('safety.tabs.pending')} />
    </Progress.Root>
  );
}

/** The tally by location: a bar per location with its numbers in words. */
export function LocationBars({ tallies }: { tallies: LocationTally[] }) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      {tallies.map((l) => {
        const name = l.location?.name ?? t('safety.noLocation');
        return (
          <Stack key={l.location?.id ?? 'none'} gap={4}>
            <Group justify="space-between" wrap="nowrap">
              <Text fw={600}>{name}</Text>
              <Text size="sm" c={l.help > 0 ? 'red' : 'dimmed'} fw={l.help > 0 ? 700 : undefined}>
                {t('safety.countsShort', { safe: l.safe, help: l.help, pending: l.pending })}
              </Text>
            </Group>
            <TallyBar counts={l} label={name} />
          </Stack>
        );
      })}
    </Stack>
  );
}
