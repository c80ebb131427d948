import { Box, SegmentedControl } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { VolumePoint } from '../api.js';
import { fillWeeks, formatDay, formatLongDay, formatNumber } from '../shape.js';
import { ChartCard } from './ChartCard.js';

type Metric = 'kudos' | 'points';

/** Kudos (or points) per week over the chosen range. */
export function VolumeChart({ volume, from, to }: { volume: VolumePoint[]; from: string; to: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [metric, setMetric] = useState<Metric>('kudos');
  const weeks = useMemo(() => fillWeeks(volume, from, to), [volume, from, to]);
  const total = weeks.reduce((s, w) => s + w[metric], 0);
  const busiest = weeks.reduce<VolumePoint | null>((best, w) => (w[metric] > (best?.[metric] ?? 0) ? w : best), null);
  const metricName = t(`insights.volume.${metric}`);

  const summary =
    total === 0 || !busiest
      ? t(`insights.volume.summaryEmpty.${metric}`)
      : t(`insights.volume.summary.${metric}`, {
          total: formatNumber(total, lng),
          count: weeks.length,
          week: formatLongDay(busiest.week, lng),
          top: formatNumber(busiest[metric], lng),
        });

  return (
    <ChartCard
      id="insights-volume"
      title={t('insights.volume.title')}
      description={t('insights.volume.description')}
      summary={summary}
      fileName={`recognition-per-week-${from}-${to}`}
      data={{
        header: [t('insights.volume.week'), t('insights.volume.kudos'), t('insights.volume.points')],
        rows: weeks.map((w) => [w.week, w.kudos, w.points]),
        format: (cell, column) =>
          column === 0 ? formatLongDay(String(cell), lng) : typeof cell === 'number' ? formatNumber(cell, lng) : cell,
      }}
      controls={
        <SegmentedControl
          size="xs"
          value={metric}
          onChange={(v) => setMetric(v === 'points' ? 'points' : 'kudos')}
          data={[
            { value: 'kudos', label: t('insights.volume.kudos') },
            { value: 'points', label: t('insights.volume.points') },
          ]}
          aria-label={t('insights.volume.show')}
        />
      }
    >
      <Box role="img" aria-label={summary} h={260}>
        <ResponsiveContainer width="100%" height="100%">
          <AreaChart data={weeks} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <defs>
              <linearGradient id="insights-volume-fill" x1="0" y1="0" x2="0" y2="1">
                <stop offset="0%" stopColor="var(--mantine-color-brand-6)" stopOpacity={0.45} />
                <stop offset="100%" stopColor="var(--mantine-color-brand-6)" stopOpacity={0.04} />
              </linearGradient>
            </defs>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              dataKey="week"
              tickFormatter={(w: string) => formatDay(w, lng)}
              tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
              tickLine={false}
              axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
              minTickGap={16}
            />
            <YAxis
              allowDecimals={false}
              width={44}
              tick={{ fontSize: 12, fill: 'var(--mantine-color-dimmed)' }}
              tickLine={false}
              axisLine={false}
              tickFormatter={(n: number) => formatNumber(n, lng)}
            />
            <Tooltip
              labelFormatter={(w) => t('insights.volume.weekOf', { date: typeof w === 'string' ? formatLongDay(w, lng) : '' })}
              formatter={(v) => [formatNumber(Number(v), lng), metricName]}
              contentStyle={{
                background: 'var(--mantine-color-body)',
                border: '1px solid var(--mantine-color-default-border)',
                borderRadius: 8,
                fontSize: 13,
              }}
            />
            <Area
              type="monotone"
              dataKey={metric}
              name={metricName}
              stroke="var(--mantine-color-brand-8)"
              strokeWidth={2}
              fill="url(#insights-volume-fill)"
              dot={weeks.length <= 26 ? { r: 2.5, fill: 'var(--mantine-color-brand-8)', strokeWidth: 0 } : false}
              isAnimationActive={false}
            />
          </AreaChart>
        </ResponsiveContainer>
      </Box>
    </ChartCard>
  );
}
