import { Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconAward, IconCoins, IconHeartHandshake, IconUsers, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Totals } from '../api.js';
import { formatNumber } from '../shape.js';

const TILES: { key: keyof Totals; icon: Icon }[] = [
  { key: 'kudos', icon: IconHeartHandshake },
  { key: 'points', icon: IconCoins },
  { key: 'givers', icon: IconUsers },
  { key: 'receivers', icon: IconAward },
];

/** The four headline numbers of the period. */
export function KpiTiles({ totals }: { totals: Totals | undefined }) {
  const { t, i18n } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {TILES.map(({ key, icon: TileIcon }) => (
        <Paper key={key} withBorder p="md">
          <Group gap="xs" wrap="nowrap" align="center">
            <ThemeIcon variant="light" size="md" radius="md" aria-hidden>
              <TileIcon size={18} />
            </ThemeIcon>
            <Text size="sm" c="dimmed" fw={600} lh={1.2}>
              {t(`insights.kpi.${key}`)}
            </Text>
          </Group>
          <Text mt={8} fz={{ base: 24, sm: 28 }} fw={800} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {totals ? (
              formatNumber(totals[key], i18n.language)
            ) : (
              <Skeleton height={26} width={64} component="span" display="block" aria-hidden />
            )}
          </Text>
          <Text size="xs" c="dimmed" mt={6}>
            {t(`insights.kpi.${key}Hint`)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
