import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Section } from '../../../components/Section.js';
import type { LinkResult } from '../api.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { rhoBar, strengthOf } from '../logic.js';

/** The engagement drivers ranked by how strongly each moves with the customer measure: a bar either side of zero. */
export function LinkDrivers({ result }: { result: LinkResult }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const measure = t(`loyalty.link.measure.${result.measure}`);
  return (
    <Section
      id="link-drivers"
      title={t('loyalty.link.drivers.title', { measure })}
      description={t('loyalty.link.drivers.description', { measure })}
    >
      {result.drivers.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('loyalty.link.drivers.empty')}
        </Text>
      ) : (
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {result.drivers.map((d) => {
            const bar = rhoBar(d.rho);
            const strength = strengthOf(d.rho);
            return (
              <Box component="li" key={d.driver}>
                <Group justify="space-between" gap="xs" wrap="nowrap" mb={4}>
                  <Text size="sm" fw={500}>
                    {t(`loyalty.driver.${d.driver}`)}
                  </Text>
                  <Text size="sm" style={{ fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
                    <Text span fw={700} size="sm">
                      ρ {f.coefficient(d.rho)}
                    </Text>{' '}
                    <Text span size="xs" c="dimmed">
                      · {t(`loyalty.unit.count.${result.unit}`, { count: d.n, n: f.number(d.n) })}
                      {' · '}
                      {t(`loyalty.strength.${strength}`)}
                    </Text>
                  </Text>
                </Group>
                {/* the track's middle is zero: bars to the right move with loyalty, to the left against it */}
                <Box
                  aria-hidden
                  h={12}
                  pos="relative"
                  style={{ borderRadius: 6, background: 'var(--mantine-color-default-border)', overflow: 'hidden' }}
                >
                  <Box
                    pos="absolute"
                    top={0}
                    bottom={0}
                    style={{
                      left: bar.side === 'positive' ? '50%' : `${50 - bar.pct / 2}%`,
                      width: `${bar.pct / 2}%`,
                      background: bar.side === 'positive' ? 'var(--mantine-color-brand-7)' : 'var(--mantine-color-orange-7)',
                    }}
                  />
                  <Box pos="absolute" top={0} bottom={0} left="50%" w={2} style={{ background: 'var(--mantine-color-gray-6)' }} />
                </Box>
              </Box>
            );
          })}
        </Stack>
      )}
      {result.drivers.length > 0 && (
        <Group justify="space-between" mt="sm" gap="xs" aria-hidden>
          <Text size="xs" c="dimmed">
            {t('loyalty.link.drivers.against')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('loyalty.link.drivers.with')}
          </Text>
        </Group>
      )}
    </Section>
  );
}
