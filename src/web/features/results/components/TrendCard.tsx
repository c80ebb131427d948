import { Alert, Box, Card, SegmentedControl, Skeleton, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorState } from '../../../components/States.js';
import { ChartCard } from '../../insights/components/ChartCard.js';
import type { ResultFilter } from '../api.js';
import { useTrend } from '../hooks/useResults.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';
import { trendSeries } from '../logic.js';

/** Line colours, each with its own dash so lines stay apart without colour. */
const LINES = [
  { stroke: 'var(--mantine-color-brand-8)', dash: undefined },
  { stroke: 'var(--mantine-color-blue-7)', dash: '6 3' },
  { stroke: 'var(--mantine-color-grape-7)', dash: '2 3' },
  { stroke: 'var(--mantine-color-orange-7)', dash: '10 4' },
  { stroke: 'var(--mantine-color-pink-7)', dash: '6 3 2 3' },
  { stroke: 'var(--mantine-color-indigo-7)', dash: undefined },
  { stroke: 'var(--mantine-color-lime-8)', dash: '6 3' },
  { stroke: 'var(--mantine-color-cyan-8)', dash: '2 3' },
  { stroke: 'var(--mantine-color-red-8)', dash: '10 4' },
] as const;

const tooltipStyle = {
  background: 'var(--mantine-color-body)',
  border: '1px solid var(--mantine-color-default-border)',
  borderRadius: 8,
  fontSize: 13,
};

type Metric = 'drivers' | 'enps';

/** eNPS and each driver's favourable share round by round; a round that cannot be shown is a gap, said in words. */
export function TrendCard({ surveyId, filter, title }: { surveyId: string; filter: ResultFilter; title: string }) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const trend = useTrend(surveyId, filter, true);
  const series = useMemo(() => trendSeries(trend.data?.points ?? []), [trend.data]);
  const [asked, setMetric] = useState<Metric>('drivers');
  const metric: Metric = asked === 'enps' && series.hasEnps ? 'enps' : series.drivers.length > 0 ? asked : 'enps';

  if (trend.isPending) {
    return <Skeleton height={360} radius="lg" />;
  }
  if (trend.isError) {
    return (
      <Card padding="lg">
        <ErrorState error={trend.error} onRetry={() => void trend.refetch()} />
      </Card>
    );
  }

  const rows = series.rows.map((r) => ({ ...r, ...r.drivers, label: t('results.trend.short', { number: r.number }) }));
  const keys = metric === 'enps' ? ['enps'] : series.drivers;
  const name = (k: string) => (k === 'enps' ? t('results.summary.enps') : t(`results.driver.${k}`));
  const value = (v: number) => (metric === 'enps' ? f.signed(v) : f.pct(Math.round(v)));
  const first = series.rows[0];
  const last = series.rows[series.rows.length - 1];
  const summary =
    first && last
      ? t('results.trend.summary', { first: first.number, last: last.number, n: series.rows.length })
      : t('results.trend.single');
  const enough = series.rows.length >= 2 && (series.hasEnps || series.drivers.length > 0);

  return (
    <ChartCard
      id="results-trend"
      title={t('results.trend.title')}
      description={t('results.trend.description')}
      summary={summary}
      fileName={`${title}-trend`}
      data={
        enough
          ? {
              header: [
                t('results.trend.round'),
                t('results.trend.closes'),
                t('results.heatmap.responses'),
                ...(series.hasEnps ? [t('results.summary.enps')] : []),
                ...series.drivers.map((d) => t(`results.driver.${d}`)),
              ],
              rows: series.rows.map((r) => [
                r.number,
                r.closesAt.slice(0, 10),
                r.responses,
                ...(series.hasEnps ? [r.enps] : []),
                ...series.drivers.map((d) => (r.drivers[d] === null || r.drivers[d] === undefined ? null : Math.round(r.drivers[d]))),
              ]),
              format: (cell, column) =>
                column === 1 && typeof cell === 'string'
                  ? f.date(cell)
                  : cell === null || cell === undefined
                    ? '—'
                    : typeof cell === 'number'
                      ? f.number(cell)
                      : cell,
            }
          : null
      }
      controls={
        enough && series.hasEnps && series.drivers.length > 0 ? (
          <SegmentedControl
            size="xs"
            value={metric}
            onChange={(v) => setMetric(v === 'enps' ? 'enps' : 'drivers')}
            data={[
              { value: 'drivers', label: t('results.trend.drivers') },
              { value: 'enps', label: t('results.summary.enps') },
            ]}
            aria-label={t('results.trend.show')}
          />
        ) : undefined
      }
    >
      {!enough ? (
        <Text size="sm" c="dimmed">
          {t('results.trend.single')}
        </Text>
      ) : (
        <>
          <Box role="img" aria-label={summary} h={300} aria-busy={trend.isFetching}>
            <ResponsiveContainer width="100%" height="100%">
              <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
                <XAxis
                  dataKey="label"
                  tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
                  tickLine={false}
                  axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
                  minTickGap={8}
                />
                <YAxis
                  domain={metric === 'enps' ? [-100, 100] : [0, 100]}
                  ticks={metric === 'enps' ? [-100, -50, 0, 50, 100] : [0, 25, 50, 75, 100]}
                  width={44}
                  tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
                  tickLine={false}
                  axisLine={false}
                  tickFormatter={(n: number) => value(n)}
                />
                {metric === 'enps' && <ReferenceLine y={0} stroke="var(--mantine-color-gray-5)" />}
                <Tooltip
                  labelFormatter={(_, payload) => {
                    const p = payload[0]?.payload as (typeof rows)[number] | undefined;
                    return p ? t('results.trend.label', { number: p.number, date: f.date(p.closesAt) }) : '';
                  }}
                  formatter={(v, n) => [v === null || v === undefined ? '—' : value(Number(v)), n]}
                  contentStyle={tooltipStyle}
                />
                {keys.length > 1 && <Legend wrapperStyle={{ fontSize: 12 }} />}
                {keys.map((k, i) => {
                  const look = LINES[i % LINES.length]!;
                  return (
                    <Line
                      key={k}
                      type="linear"
                      dataKey={k}
                      name={name(k)}
                      stroke={look.stroke}
                      strokeDasharray={look.dash}
                      strokeWidth={2}
                      dot={{ r: 4, fill: look.stroke, strokeWidth: 0 }}
                      activeDot={{ r: 6 }}
                      connectNulls={false}
                      isAnimationActive={false}
                    />
                  );
                })}
              </LineChart>
            </ResponsiveContainer>
          </Box>
          {series.gaps.length > 0 && (
            <Alert mt="sm" variant="light" color="gray" icon={<IconInfoCircle aria-hidden />}>
              {t('results.trend.gaps', {
                count: series.gaps.length,
                rounds: f.list(series.gaps.map((g) => String(g.number))),
              })}
            </Alert>
          )}
        </>
      )}
    </ChartCard>
  );
}
