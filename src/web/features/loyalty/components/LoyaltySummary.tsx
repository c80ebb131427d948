import { Group, Paper, SimpleGrid, Text, ThemeIcon } from '@mantine/core';
import {
  IconArrowDownRight,
  IconArrowRight,
  IconArrowUpRight,
  IconHeartHandshake,
  IconMoodSmile,
  IconRepeat,
  IconShieldCheck,
  IconUserMinus,
  type Icon,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LoyaltyPoint } from '../api.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { change, isSmall, latestPair } from '../logic.js';
import { SmallHint } from './Counted.js';

interface Tile {
  key: string;
  icon: Icon;
  value: string | null;
  /** The answers or accounts the value stands on, said in words. */
  basis: string;
  /** A score from too few answers is greyed. */
  small: boolean;
  delta: number | null;
  deltaText: string;
  /** Whether a rise is good news (churn is the one where it is not). */
  higherIsBetter: boolean;
}

/** The latest period's headline numbers, each with its base and the change from the period before. */
export function LoyaltySummary({ series }: { series: LoyaltyPoint[] }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const { latest, previous } = latestPair(series);
  if (!latest) {
    return null;
  }
  const nps = latest.nps;
  const csat = latest.csat;
  const acc = latest.accounts;
  const inter = latest.interactions;
  const dNps = change(nps?.score, previous?.nps?.score);
  const dCsat = change(csat?.mean, previous?.csat?.mean, 2);
  const dRet = change(acc.retention, previous?.accounts.retention, 1);
  const dChurn = change(acc.churn, previous?.accounts.churn, 1);
  const dRepeat = previous ? change(inter.repeatAccounts, previous.interactions.repeatAccounts) : null;

  const tiles: Tile[] = [
    {
      key: 'nps',
      icon: IconHeartHandshake,
      value: nps ? f.signed(nps.score) : null,
      basis: nps ? t('loyalty.summary.npsBasis', { count: nps.n, n: f.number(nps.n) }) : t('loyalty.summary.noAnswers'),
      small: nps ? isSmall(nps.n) : false,
      delta: dNps,
      deltaText: dNps === null ? '' : t('loyalty.summary.points', { value: f.signed(dNps) }),
      higherIsBetter: true,
    },
    {
      key: 'csat',
      icon: IconMoodSmile,
      value: csat ? t('loyalty.summary.outOf5', { value: f.mean(csat.mean) }) : null,
      basis: csat
        ? t('loyalty.summary.csatBasis', { count: csat.n, n: f.number(csat.n), satisfied: f.pct(csat.satisfied) })
        : t('loyalty.summary.noAnswers'),
      small: csat ? isSmall(csat.n) : false,
      delta: dCsat,
      deltaText: dCsat === null ? '' : f.signed(dCsat, 2),
      higherIsBetter: true,
    },
    {
      key: 'retention',
      icon: IconShieldCheck,
      value: acc.retention === null ? null : f.pct(acc.retention),
      basis:
        acc.atStart > 0
          ? t('loyalty.summary.accountsBasis', { count: acc.atStart, n: f.number(acc.atStart) })
          : t('loyalty.summary.noAccounts'),
      small: false,
      delta: dRet,
      deltaText: dRet === null ? '' : t('loyalty.summary.pctPoints', { value: f.signed(dRet, 1) }),
      higherIsBetter: true,
    },
    {
      key: 'churn',
      icon: IconUserMinus,
      value: acc.churn === null ? null : f.pct(acc.churn),
      basis: acc.atStart > 0 ? t('loyalty.summary.lostBasis', { count: acc.lost, n: f.number(acc.lost) }) : t('loyalty.summary.noAccounts'),
      small: false,
      delta: dChurn,
      deltaText: dChurn === null ? '' : t('loyalty.summary.pctPoints', { value: f.signed(dChurn, 1) }),
      higherIsBetter: false,
    },
    {
      key: 'repeat',
      icon: IconRepeat,
      value: f.number(inter.repeatAccounts),
      basis: t('loyalty.summary.repeatBasis', { count: inter.accounts, n: f.number(inter.accounts) }),
      small: false,
      delta: dRepeat,
      deltaText: dRepeat === null ? '' : f.signed(dRepeat),
      higherIsBetter: true,
    },
  ];

  return (
    <section aria-label={t('loyalty.summary.label', { period: f.period(latest.key) })}>
      <Text size="sm" c="dimmed" mb="xs">
        {t('loyalty.summary.intro', { period: f.period(latest.key) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="sm">
        {tiles.map((tile) => (
          <SummaryTile key={tile.key} tile={tile} previous={previous ? f.period(previous.key) : null} />
        ))}
      </SimpleGrid>
    </section>
  );
}

function SummaryTile({ tile, previous }: { tile: Tile; previous: string | null }) {
  const { t } = useTranslation();
  const TileIcon = tile.icon;
  let delta: ReactNode;
  if (tile.delta === null || previous === null) {
    delta = t('loyalty.summary.noPrevious');
  } else {
    const up = tile.delta > 0;
    const flat = tile.delta === 0;
    const good = flat ? null : up === tile.higherIsBetter;
    const ArrowIcon = flat ? IconArrowRight : up ? IconArrowUpRight : IconArrowDownRight;
    delta = (
      <Group gap={4} wrap="nowrap" component="span">
        <ArrowIcon
          size={14}
          aria-hidden
          color={good === null ? undefined : good ? 'var(--mantine-color-teal-7)' : 'var(--mantine-color-red-7)'}
        />
        <span>{t('loyalty.summary.change', { value: tile.deltaText, period: previous })}</span>
      </Group>
    );
  }
  return (
    <Paper withBorder p="md">
      <Group gap="xs" wrap="nowrap" align="center">
        <ThemeIcon variant="light" size="md" radius="md" aria-hidden>
          <TileIcon size={18} />
        </ThemeIcon>
        <Text size="sm" c="dimmed" fw={600} lh={1.2}>
          {t(`loyalty.summary.${tile.key}`)}
        </Text>
      </Group>
      <Text
        mt={8}
        fz={{ base: 24, sm: 28 }}
        fw={800}
        lh={1}
        c={tile.small || tile.value === null ? 'dimmed' : undefined}
        style={{ fontVariantNumeric: 'tabular-nums' }}
      >
        {tile.value ?? '—'}
        {tile.small && <SmallHint />}
      </Text>
      <Text size="xs" c="dimmed" mt={6}>
        {tile.basis}
      </Text>
      <Text size="xs" mt={4} c="dimmed" component="div">
        {delta}
      </Text>
    </Paper>
  );
}
