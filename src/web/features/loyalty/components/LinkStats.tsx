import { Divider, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section.js';
import type { Interval, LinkResult } from '../api.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { correlationWords, intervalWord } from '../logic.js';

function Coefficient({ name, symbol, value, ci }: { name: string; symbol: string; value: number | null; ci: Interval | null }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const hasCi = ci !== null && intervalWord(ci) !== 'missing';
  return (
    <Stack gap={2}>
      <Text size="sm" c="dimmed" fw={600}>
        {name}
      </Text>
      <Text fz={24} fw={800} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
        {value === null ? '—' : `${symbol} = ${f.coefficient(value)}`}
      </Text>
      <Text size="xs" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {hasCi ? (
          <>
            {t('loyalty.link.stats.interval')}{' '}
            <Text span inherit style={{ whiteSpace: 'nowrap' }}>
              {f.interval(ci)}
            </Text>
          </>
        ) : (
          t('loyalty.link.stats.noInterval')
        )}
      </Text>
    </Stack>
  );
}

/** How many units, both correlations with their 95 % intervals, and what they say in plain words. */
export function LinkStats({ result }: { result: LinkResult }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const { stats } = result;
  const primary = stats.spearman
    ? { value: stats.spearman.rho, ci: stats.spearman }
    : stats.pearson
      ? { value: stats.pearson.r, ci: stats.pearson }
      : null;
  const words = primary ? correlationWords(primary.value, primary.ci) : null;
  const units = t(`loyalty.unit.count.${result.unit}`, { count: stats.n, n: f.number(stats.n) });
  return (
    <Section id="link-stats" title={t('loyalty.link.stats.title')} description={t('loyalty.link.stats.description')}>
      <Stack gap="md">
        <Text size="md" fw={500} aria-live="polite">
          {words
            ? t('loyalty.link.stats.sentence', { units, relation: t(words.relation), interval: t(words.interval) })
            : t('loyalty.link.stats.noStats', { units })}
        </Text>
        <Divider />
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="md">
          <Stack gap={2}>
            <Text size="sm" c="dimmed" fw={600}>
              {t(`loyalty.link.stats.units.${result.unit}`)}
            </Text>
            <Text fz={24} fw={800} lh={1.1} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {f.number(stats.n)}
            </Text>
            <Text size="xs" c="dimmed">
              {t('loyalty.link.stats.unitsHint')}
            </Text>
          </Stack>
          <Coefficient name={t('loyalty.link.stats.pearson')} symbol="r" value={stats.pearson?.r ?? null} ci={stats.pearson} />
          <Coefficient name={t('loyalty.link.stats.spearman')} symbol="ρ" value={stats.spearman?.rho ?? null} ci={stats.spearman} />
        </SimpleGrid>
        <Group gap={4}>
          <Text size="xs" c="dimmed">
            {t('loyalty.link.stats.help')}
          </Text>
        </Group>
      </Stack>
    </Section>
  );
}
