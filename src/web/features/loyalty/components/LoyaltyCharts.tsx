import { Box, Group, SimpleGrid, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type DotItemDotProps,
} from 'recharts';
import { ChartCard, type ChartData } from '../../insights/components/ChartCard.js';
import type { CsvCell } from '../../insights/shape.js';
import type { LoyaltyPoint } from '../api.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { axisTick, tooltipStyle } from './chartStyle.js';
import { SMALL_N, isSmall } from '../logic.js';

/** Line colours, each with its own dash so lines stay apart without colour. */
const LOOKS = [
  { stroke: 'var(--mantine-color-brand-8)', dash: undefined },
  { stroke: 'var(--mantine-color-orange-7)', dash: '6 3' },
  { stroke: 'var(--mantine-color-grape-7)', dash: '2 3' },
] as const;

interface Row {
  key: string;
  label: string;
  /** How many answers the row's score stands on, when it is a score. */
  n: number | null;
  [value: string]: string | number | null;
}

interface LineSpec {
  dataKey: string;
  name: string;
}

/** A small dot for each period; hollow and grey when the score stands on too few answers. */
function scoreDot(stroke: string) {
  function ScoreDot(props: DotItemDotProps) {
    const { cx, cy, index } = props;
    const row = props.payload as Row | undefined;
    if (cx === undefined || cy === undefined || props.value === null || props.value === undefined) {
      return <g key={index} />;
    }
    const small = row?.n !== null && row?.n !== undefined && isSmall(row.n);
    return (
      <circle
        key={index}
        cx={cx}
        cy={cy}
        r={small ? 3.5 : 4}
        fill={small ? 'var(--mantine-color-body)' : stroke}
        stroke={small ? 'var(--mantine-color-gray-6)' : stroke}
        strokeWidth={small ? 1.5 : 0}
      />
    );
  }
  return ScoreDot;
}

/** One card of lines over the periods, with its data as a table for screen readers and as CSV. */
function TrendLines({
  id,
  title,
  description,
  summary,
  rows,
  lines,
  domain,
  ticks,
  zero,
  format,
  data,
  fileName,
  hasSmall,
}: {
  id: string;
  title: string;
  description: string;
  summary: string;
  rows: Row[];
  lines: LineSpec[];
  domain?: [number, number];
  ticks?: number[];
  zero?: boolean;
  format: (v: number) => string;
  data: ChartData;
  fileName: string;
  hasSmall: boolean;
}) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  return (
    <ChartCard id={id} title={title} description={description} summary={summary} data={data} fileName={fileName}>
      <Box role="img" aria-label={summary} h={240}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              dataKey="label"
              tick={axisTick}
              tickLine={false}
              axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
              minTickGap={8}
            />
            <YAxis
              domain={domain ?? [0, 'auto']}
              ticks={ticks}
              allowDecimals={domain !== undefined}
              width={48}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              tickFormatter={(n: number) => format(n)}
            />
            {zero && <ReferenceLine y={0} stroke="var(--mantine-color-gray-5)" />}
            <Tooltip
              formatter={(v, name, item) => {
                const row = item.payload as Row | undefined;
                const text = v === null || v === undefined ? '—' : format(Number(v));
                return [row?.n !== null && row?.n !== undefined ? `${text} · ${t('loyalty.n', { n: f.number(row.n) })}` : text, name];
              }}
              contentStyle={tooltipStyle}
            />
            {lines.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />}
            {lines.map((l, i) => {
              const look = LOOKS[i % LOOKS.length]!;
              return (
                <Line
                  key={l.dataKey}
                  type="linear"
                  dataKey={l.dataKey}
                  name={l.name}
                  stroke={look.stroke}
                  strokeDasharray={look.dash}
                  strokeWidth={2}
                  dot={scoreDot(look.stroke)}
                  activeDot={{ r: 6 }}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              );
            })}
          </LineChart>
        </ResponsiveContainer>
      </Box>
      {hasSmall && (
        <Group gap={6} mt="xs" wrap="nowrap">
          <Box aria-hidden w={9} h={9} style={{ flex: 'none', borderRadius: '50%', border: '1.5px solid var(--mantine-color-gray-6)' }} />
          <Text size="xs" c="dimmed">
            {t('loyalty.charts.smallDots', { min: SMALL_N })}
          </Text>
        </Group>
      )}
    </ChartCard>
  );
}

const dash = (cell: CsvCell) => (cell === null || cell === undefined ? '—' : cell);

/** NPS, CSAT, retention with churn, and interactions over the periods. */
export function LoyaltyCharts({ series, scopeName }: { series: LoyaltyPoint[]; scopeName: string }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const label = (p: LoyaltyPoint) => f.period(p.key);
  const first = series[0];
  const last = series[series.length - 1];
  const span = first && last ? { from: label(first), to: label(last) } : { from: '', to: '' };
  const file = (what: string) => `${what}-${scopeName}-${first?.key ?? ''}-${last?.key ?? ''}`;
  const fmtNumber = (cell: CsvCell, column: number, kind: 'signed' | 'mean' | 'pct' | 'number') =>
    column === 0 || typeof cell !== 'number'
      ? dash(cell)
      : kind === 'signed'
        ? f.signed(cell)
        : kind === 'mean'
          ? f.mean(cell)
          : kind === 'pct'
            ? f.pct(cell)
            : f.number(cell);

  const withNps = series.filter((p) => p.nps);
  const npsRows: Row[] = series.map((p) => ({ key: p.key, label: label(p), n: p.nps?.n ?? null, score: p.nps?.score ?? null }));
  const npsSummary =
    withNps.length === 0
      ? t('loyalty.charts.nps.empty')
      : t('loyalty.charts.nps.summary', {
          ...span,
          first: f.signed(withNps[0]!.nps!.score),
          last: f.signed(withNps[withNps.length - 1]!.nps!.score),
          n: f.number(withNps.reduce((s, p) => s + p.nps!.n, 0)),
        });

  const withCsat = series.filter((p) => p.csat);
  const csatRows: Row[] = series.map((p) => ({ key: p.key, label: label(p), n: p.csat?.n ?? null, mean: p.csat?.mean ?? null }));
  const csatSummary =
    withCsat.length === 0
      ? t('loyalty.charts.csat.empty')
      : t('loyalty.charts.csat.summary', {
          ...span,
          first: f.mean(withCsat[0]!.csat!.mean),
          last: f.mean(withCsat[withCsat.length - 1]!.csat!.mean),
          n: f.number(withCsat.reduce((s, p) => s + p.csat!.n, 0)),
        });

  const accountRows: Row[] = series.map((p) => ({
    key: p.key,
    label: label(p),
    n: null,
    retention: p.accounts.retention,
    churn: p.accounts.churn,
  }));
  const lost = series.reduce((s, p) => s + p.accounts.lost, 0);
  const accountsSummary = t('loyalty.charts.accounts.summary', {
    ...span,
    retention: last?.accounts.retention === null || !last ? '—' : f.pct(last.accounts.retention),
    count: lost,
    lost: f.number(lost),
  });

  const interactionRows: Row[] = series.map((p) => ({
    key: p.key,
    label: label(p),
    n: null,
    count: p.interactions.count,
    accounts: p.interactions.accounts,
    repeat: p.interactions.repeatAccounts,
  }));
  const totalInteractions = series.reduce((s, p) => s + p.interactions.count, 0);
  const interactionsSummary = t('loyalty.charts.interactions.summary', {
    ...span,
    count: totalInteractions,
    total: f.number(totalInteractions),
  });

  const period = t('loyalty.charts.period');

  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
      <TrendLines
        id="loyalty-nps"
        title={t('loyalty.charts.nps.title')}
        description={t('loyalty.charts.nps.description')}
        summary={npsSummary}
        rows={npsRows}
        lines={[{ dataKey: 'score', name: t('loyalty.summary.nps') }]}
        domain={[-100, 100]}
        ticks={[-100, -50, 0, 50, 100]}
        zero
        format={(v) => f.signed(v)}
        hasSmall={withNps.some((p) => isSmall(p.nps!.n))}
        fileName={file('nps')}
        data={{
          header: [
            period,
            t('loyalty.summary.nps'),
            t('loyalty.table.answers'),
            t('loyalty.charts.nps.promoters'),
            t('loyalty.charts.nps.passives'),
            t('loyalty.charts.nps.detractors'),
          ],
          rows: series.map((p) => [
            label(p),
            p.nps?.score ?? null,
            p.nps?.n ?? 0,
            p.nps?.promoters ?? null,
            p.nps?.passives ?? null,
            p.nps?.detractors ?? null,
          ]),
          format: (cell, column) => fmtNumber(cell, column, column === 1 ? 'signed' : 'number'),
        }}
      />
      <TrendLines
        id="loyalty-csat"
        title={t('loyalty.charts.csat.title')}
        description={t('loyalty.charts.csat.description')}
        summary={csatSummary}
        rows={csatRows}
        lines={[{ dataKey: 'mean', name: t('loyalty.summary.csat') }]}
        domain={[1, 5]}
        ticks={[1, 2, 3, 4, 5]}
        format={(v) => f.mean(v)}
        hasSmall={withCsat.some((p) => isSmall(p.csat!.n))}
        fileName={file('csat')}
        data={{
          header: [period, t('loyalty.charts.csat.mean'), t('loyalty.charts.csat.satisfied'), t('loyalty.table.answers')],
          rows: series.map((p) => [label(p), p.csat?.mean ?? null, p.csat?.satisfied ?? null, p.csat?.n ?? 0]),
          format: (cell, column) => fmtNumber(cell, column, column === 1 ? 'mean' : column === 2 ? 'pct' : 'number'),
        }}
      />
      <TrendLines
        id="loyalty-accounts"
        title={t('loyalty.charts.accounts.title')}
        description={t('loyalty.charts.accounts.description')}
        summary={accountsSummary}
        rows={accountRows}
        lines={[
          { dataKey: 'retention', name: t('loyalty.summary.retention') },
          { dataKey: 'churn', name: t('loyalty.summary.churn') },
        ]}
        domain={[0, 100]}
        ticks={[0, 25, 50, 75, 100]}
        format={(v) => f.pct(v)}
        hasSmall={false}
        fileName={file('retention')}
        data={{
          header: [
            period,
            t('loyalty.charts.accounts.atStart'),
            t('loyalty.charts.accounts.lost'),
            t('loyalty.summary.retention'),
            t('loyalty.summary.churn'),
          ],
          rows: series.map((p) => [label(p), p.accounts.atStart, p.accounts.lost, p.accounts.retention, p.accounts.churn]),
          format: (cell, column) => fmtNumber(cell, column, column >= 3 ? 'pct' : 'number'),
        }}
      />
      <TrendLines
        id="loyalty-interactions"
        title={t('loyalty.charts.interactions.title')}
        description={t('loyalty.charts.interactions.description')}
        summary={interactionsSummary}
        rows={interactionRows}
        lines={[
          { dataKey: 'count', name: t('loyalty.charts.interactions.count') },
          { dataKey: 'accounts', name: t('loyalty.charts.interactions.accounts') },
          { dataKey: 'repeat', name: t('loyalty.charts.interactions.repeat') },
        ]}
        format={(v) => f.number(v)}
        hasSmall={false}
        fileName={file('interactions')}
        data={{
          header: [
            period,
            t('loyalty.charts.interactions.count'),
            t('loyalty.charts.interactions.accounts'),
            t('loyalty.charts.interactions.repeat'),
          ],
          rows: series.map((p) => [label(p), p.interactions.count, p.interactions.accounts, p.interactions.repeatAccounts]),
          format: (cell, column) => fmtNumber(cell, column, 'number'),
        }}
      />
    </SimpleGrid>
  );
}
