import { Paper, Progress, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { StatTile } from '../../../components/StatTile.js';
import { ErrorState } from '../../../components/States.js';
import { useMyAdvocacy } from '../hooks/useAdvocacy.js';
import { capPercent, pointsLeft } from '../logic.js';

/** The reader's own shares, the clicks and visitors they brought, and this week's points against the cap. */
export function MyReachSection() {
  const { t } = useTranslation();
  const me = useMyAdvocacy();
  if (me.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 3 }} role="status" aria-busy="true" aria-label={t('common.loading')}>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} height={84} />
        ))}
      </SimpleGrid>
    );
  }
  if (me.isError) {
    return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
  }
  const m = me.data;
  const left = pointsLeft(m);
  const weekLabel = t('advocacy.reach.pointsOf', { points: m.pointsThisWeek, cap: m.pointsCapPerWeek });
  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <StatTile label={t('advocacy.reach.shares')} value={m.shares} />
        <StatTile label={t('advocacy.reach.clicks')} value={m.clicks} />
        <StatTile label={t('advocacy.reach.visitors')} value={m.visitors} />
      </SimpleGrid>
      <Text size="xs" c="dimmed">
        {t('advocacy.reach.honest')}
      </Text>
      {m.pointsCapPerWeek > 0 && (
        <Paper withBorder p="md" radius="md">
          <Stack gap={6}>
            <Text fw={600}>{t('advocacy.reach.pointsTitle')}</Text>
            <Progress value={capPercent(m)} radius="xl" aria-label={weekLabel} />
            <Text size="sm">{weekLabel}</Text>
            <Text size="sm" c="dimmed">
              {left > 0 ? t('advocacy.reach.pointsLeft', { points: m.pointsPerShare, left }) : t('advocacy.reach.capReached')}
            </Text>
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
