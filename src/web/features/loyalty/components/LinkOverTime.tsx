import { Box, Card, Skeleton, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { ErrorState } from '../../../components/States.js';
import { ChartCard } from '../../insights/components/ChartCard.js';
import type { OverTimeQuery } from '../api.js';
import { useLinkOverTime } from '../hooks/useLoyalty.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { measureDomain } from '../logic.js';
import { axisTick, tooltipStyle } from './chartStyle.js';

/** The whole company's engagement and its customers' loyalty, period by period, on two scales. */
export function LinkOverTime({ query, enabled }: { query: OverTimeQuery; enabled: boolean }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const over = useLinkOverTime(query, enabled);
  if (!over.data) {
    return over.isError ? (
      <Card padding="lg">
        <ErrorState error={over.error} onRetry={() => void over.refetch()} />
      </Card>
    ) : (
      <Skeleton height={340} radius="lg" />
    );
  }
  const { measure } = query;
  const measureName = t(`loyalty.link.measure.${measure}`);
  const rows = over.data.series.map((p) => ({
    key: p.key,
    label: f.period(p.key),
    engagement: p.engagement,
    customer: p.customer?.value ?? null,
    n: p.customer?.n ?? null,
  }));
  const withBoth = rows.filter((r) => r.engagement !== null || r.customer !== null);
  const first = rows[0];
  const last = rows[rows.length - 1];
  const summary =
    withBoth.length === 0 || !first || !last
      ? t('loyalty.link.overTime.empty')
      : t('loyalty.link.overTime.summary', {
          from: first.label,
          to: last.label,
          measure: measureName,
          engagement: last.engagement === null ? '—' : f.number(last.engagement),
          customer: last.customer === null ? '—' : f.measure(measure, last.customer),
        });

  return (
    <ChartCard
      id="link-over-time"
      title={t('loyalty.link.overTime.title')}
      description={t('loyalty.link.overTime.description', { measure: measureName, count: query.window })}
      summary={summary}
      fileName={`engagement-${measure}-over-time`}
      data={
        withBoth.length === 0
          ? null
          : {
              header: [t('loyalty.charts.period'), t('loyalty.link.engagement'), measureName, t('loyalty.table.answers')],
              rows: rows.map((r) => [r.label, r.engagement, r.customer, r.n]),
              format: (cell, column) =>
                cell === null || cell === undefined
                  ? '—'
                  : typeof cell !== 'number'
                    ? cell
                    : column === 2
                      ? f.measure(measure, cell)
                      : f.number(cell),
            }
      }
    >
      {withBoth.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('loyalty.link.overTime.empty')}
        </Text>
      ) : (
        <Box role="img" aria-label={summary} h={300} aria-busy={over.isFetching}>
          <ResponsiveContainer width="100%" height="100%">
            <LineChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
              <XAxis
                dataKey="label"
                tick={axisTick}
                tickLine={false}
                axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
                minTickGap={8}
              />
              <YAxis
                yAxisId="engagement"
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                width={40}
                tick={axisTick}
                tickLine={false}
                axisLine={false}
              />
              <YAxis
                yAxisId="customer"
                orientation="right"
                domain={measureDomain(measure)}
                width={52}
                tick={axisTick}
                tickLine={false}
                axisLine={false}
                tickFormatter={(n: number) => f.measure(measure, n)}
              />
              {measure === 'nps' && <ReferenceLine yAxisId="customer" y={0} stroke="var(--mantine-color-gray-5)" />}
              <Tooltip
                formatter={(v, name, item) => {
                  if (v === null || v === undefined) {
                    return ['—', name];
                  }
                  if (item.dataKey === 'customer') {
                    const n = (item.payload as { n: number | null } | undefined)?.n;
                    const text = f.measure(measure, Number(v));
                    return [n === null || n === undefined ? text : `${text} · ${t('loyalty.n', { n: f.number(n) })}`, name];
                  }
                  return [f.number(Number(v)), name];
                }}
                contentStyle={tooltipStyle}
              />
              <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} />
              <Line
                yAxisId="engagement"
                type="linear"
                dataKey="engagement"
                name={t('loyalty.link.overTime.engagementAxis')}
                stroke="var(--mantine-color-brand-8)"
                strokeWidth={2}
                dot={{ r: 4, fill: 'var(--mantine-color-brand-8)', strokeWidth: 0 }}
                connectNulls={false}
                isAnimationActive={false}
              />
              <Line
                yAxisId="customer"
                type="linear"
                dataKey="customer"
                name={t('loyalty.link.overTime.customerAxis', { measure: measureName })}
                stroke="var(--mantine-color-orange-7)"
                strokeDasharray="6 3"
                strokeWidth={2}
                dot={{ r: 4, fill: 'var(--mantine-color-orange-7)', strokeWidth: 0 }}
                connectNulls={false}
                isAnimationActive={false}
              />
            </LineChart>
          </ResponsiveContainer>
        </Box>
      )}
    </ChartCard>
  );
}
