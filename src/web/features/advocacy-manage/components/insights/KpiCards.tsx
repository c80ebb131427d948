import { Group, Paper, SimpleGrid, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconClick, IconShare3, IconUsers, IconUserStar, type Icon } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { AdvocacyInsightsDto } from '../../insights-api.js';
import { formatNumber, formatPercent } from './format.js';

type Totals = AdvocacyInsightsDto['totals'];

const TILES: { key: 'shares' | 'clicks' | 'visitors' | 'participation'; icon: Icon }[] = [
  { key: 'shares', icon: IconShare3 },
  { key: 'clicks', icon: IconClick },
  { key: 'visitors', icon: IconUsers },
  { key: 'participation', icon: IconUserStar },
];

/** The four headline numbers of the period. */
export function KpiCards({ totals }: { totals: Totals | undefined }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const value = (key: (typeof TILES)[number]['key'], tt: Totals) =>
    key === 'participation' ? formatPercent(tt.participation, lng) : formatNumber(tt[key], lng);
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {TILES.map(({ key, icon: TileIcon }) => (
        <Paper key={key} withBorder p="md">
          <Group gap="xs" wrap="nowrap" align="center">
            <ThemeIcon variant="light" size="md" radius="md" aria-hidden>
              <TileIcon size={18} />
            </ThemeIcon>
            <Text size="sm" c="dimmed" fw={600} lh={1.2}>
              {t(`advocacyManage.insights.kpi.${key}`)}
            </Text>
          </Group>
          <Text mt={8} fz={{ base: 24, sm: 28 }} fw={800} lh={1} style={{ fontVariantNumeric: 'tabular-nums' }}>
            {totals ? value(key, totals) : <Skeleton height={26} width={64} component="span" display="block" aria-hidden />}
          </Text>
          <Text size="xs" c="dimmed" mt={6}>
            {totals && key === 'participation'
              ? t('advocacyManage.insights.kpi.participationHint', {
                  sharers: formatNumber(totals.sharers, lng),
                  people: formatNumber(totals.activePeople, lng),
                })
              : t(`advocacyManage.insights.kpi.${key}Hint`)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
