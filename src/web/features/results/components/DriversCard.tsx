import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section.js';
import type { Cell } from '../api.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { driverColumns } from '../logic.js';

/** Each driver's share of favourable answers as a labelled horizontal bar, the number printed beside it. */
export function DriversCard({ cell }: { cell: Cell }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const drivers = driverColumns([cell]);
  if (cell.status !== 'shown' || drivers.length === 0) {
    return null;
  }
  return (
    <Section id="results-drivers" title={t('results.drivers.title')} description={t('results.drivers.description')}>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {drivers.map((d) => {
          const r = cell.drivers.find((x) => x.driver === d)!;
          const value = r.favourable !== null && Number.isFinite(r.favourable) ? Math.max(0, Math.min(100, r.favourable)) : null;
          return (
            <Box component="li" key={d}>
              <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
                <Text size="sm" fw={500}>
                  {t(`results.driver.${d}`)}
                </Text>
                <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                  {value === null ? (
                    <Text span size="sm" c="dimmed">
                      {t('results.drivers.noValue')}
                    </Text>
                  ) : (
                    <Text span fw={700} size="sm">
                      {t('results.drivers.favourable', { pct: f.pct(Math.round(value)) })}
                    </Text>
                  )}{' '}
                  <Text span size="xs" c="dimmed">
                    · {t('results.answers', { count: r.answers, n: f.number(r.answers) })}
                    {r.mean !== null && ` · ${t('results.drivers.mean', { mean: f.mean(r.mean) })}`}
                  </Text>
                </Text>
              </Group>
              <Box aria-hidden h={12} style={{ borderRadius: 6, background: 'var(--mantine-color-default-border)', overflow: 'hidden' }}>
                {value !== null && (
                  <Box h="100%" style={{ width: `${value}%`, background: 'var(--mantine-color-brand-7)', borderRadius: 6 }} />
                )}
              </Box>
            </Box>
          );
        })}
      </Stack>
    </Section>
  );
}
