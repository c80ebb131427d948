import { Box, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type YAxisTickContentProps } from 'recharts';
import type { ValueCount } from '../api.js';
import { shortLabel } from '../network.js';
import { formatNumber, percent } from '../shape.js';
import { ChartCard } from './ChartCard.js';

const ROW = 36;

/** A value's name on one line, shortened to the room there is; the full name shows on hover and in the table. */
function ValueTick({ x, y, payload, chars }: YAxisTickContentProps & { chars: number }) {
  const name = String(payload.value ?? '');
  return (
    <text x={x} y={y} dy={4} dx={-6} textAnchor="end" fontSize={12} fill="var(--mantine-color-text)">
      <title>{name}</title>
      {shortLabel(name, chars)}
    </text>
  );
}

/** How often each company value was named in kudos, most used first. */
export function ValuesChart({ values, from, to }: { values: ValueCount[]; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const { ref, width } = useElementSize<HTMLDivElement>();
  const axis = Math.round(Math.min(220, Math.max(96, width * 0.34)));
  const rows = useMemo(
    () =>
      values
        .filter((v) => Number.isFinite(v.count) && v.count > 0)
        .map((v) => ({
          key: v.value?.id ?? 'none',
          name: v.value ? `${v.value.emoji ? `${v.value.emoji} ` : ''}${v.value.name}` : t('insights.values.none'),
          count: v.count,
        }))
        .sort((a, b) => b.count - a.count),
    [values, t],
  );
  const total = rows.reduce((s, r) => s + r.count, 0);
  const top = rows[0];
  const summary = top
    ? t('insights.values.summary', {
        count: rows.length,
        top: top.name,
        n: formatNumber(top.count, lng),
        share: percent(top.count, total),
      })
    : t('insights.values.summaryEmpty');

  return (
    <ChartCard
      id="insights-values"
      title={t('insights.values.title')}
      description={t('insights.values.description')}
      summary={summary}
      fileName={`recognition-values-${from}-${to}`}
      data={{
        header: [t('insights.values.value'), t('insights.values.kudos'), t('insights.values.share')],
        rows: rows.map((r) => [r.name, r.count, percent(r.count, total)]),
        format: (cell, column) =>
          column === 1 ? formatNumber(Number(cell), lng) : column === 2 ? t('insights.values.percent', { n: cell }) : cell,
      }}
    >
      {rows.length === 0 ? (
        <Text c="dimmed" size="sm" py="lg" ta="center">
          {t('insights.values.empty')}
        </Text>
      ) : (
        <Box ref={ref} role="img" aria-label={summary} h={Math.max(120, rows.length * ROW + 32)}>
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--mantine-color-default-border)" />
              <XAxis
                type="number"
                allowDecimals={false}
                tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
                tickLine={false}
                axisLine={false}
                tickFormatter={(n: number) => formatNumber(n, lng)}
              />
              <YAxis
                type="category"
                dataKey="name"
                width={axis}
                tick={(props: YAxisTickContentProps) => <ValueTick {...props} chars={Math.floor(axis / 7)} />}
                tickLine={false}
                axisLine={false}
              />
              <Tooltip
                cursor={{ fill: 'var(--mantine-color-default-hover)' }}
                formatter={(v) => [
                  `${formatNumber(Number(v), lng)} (${t('insights.values.percent', { n: percent(Number(v), total) })})`,
                  t('insights.values.kudos'),
                ]}
                contentStyle={{
                  background: 'var(--mantine-color-body)',
                  border: '1px solid var(--mantine-color-default-border)',
                  borderRadius: 8,
                  fontSize: 13,
                }}
              />
              <Bar dataKey="count" fill="var(--mantine-color-brand-7)" radius={[0, 6, 6, 0]} barSize={20} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </Box>
      )}
    </ChartCard>
  );
}
