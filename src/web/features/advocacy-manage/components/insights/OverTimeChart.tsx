import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AdvocacyInsightsDto, AdvocacyInsightsFilters } from '../../insights-api.js';
import { insightsCsvUrl } from '../../insights-api.js';
import { axisTick, formatDay, formatLongDay, formatNumber, tooltipStyle } from './format.js';
import { InsightCard } from './InsightCard.js';

/** Shares and the clicks they brought, day by day. */
export function OverTimeChart({ data, filters }: { data: AdvocacyInsightsDto['overTime']; filters: AdvocacyInsightsFilters }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const shares = data.reduce((n, d) => n + d.shares, 0);
  const clicks = data.reduce((n, d) => n + d.clicks, 0);
  const busiest = data.reduce<(typeof data)[number] | null>((best, d) => (d.clicks > (best?.clicks ?? 0) ? d : best), null);
  const summary = t('advocacyManage.insights.overTime.summary', {
    shares: formatNumber(shares, lng),
    clicks: formatNumber(clicks, lng),
    count: data.length,
  });
  const sharesName = t('advocacyManage.insights.col.shares');
  const clicksName = t('advocacyManage.insights.col.clicks');
  return (
    <InsightCard
      id="advocacy-over-time"
      title={t('advocacyManage.insights.overTime.title')}
      description={
        busiest
          ? t('advocacyManage.insights.overTime.busiest', { day: formatLongDay(busiest.day, lng) })
          : t('advocacyManage.insights.overTime.description')
      }
      summary={summary}
      csvUrl={insightsCsvUrl(filters, 'overTime')}
      data={{
        header: [t('advocacyManage.insights.col.day'), sharesName, clicksName],
        rows: data.map((d) => [formatLongDay(d.day, lng), formatNumber(d.shares, lng), formatNumber(d.clicks, lng)]),
      }}
    >
      <Box role="img" aria-label={summary} h={260}>
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              dataKey="day"
              tickFormatter={(d: string) => formatDay(d, lng)}
              tick={axisTick}
              tickLine={false}
              axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
              minTickGap={16}
            />
            <YAxis
              allowDecimals={false}
              width={44}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              tickFormatter={(n: number) => formatNumber(n, lng)}
            />
            <Tooltip
              labelFormatter={(d) => (typeof d === 'string' ? formatLongDay(d, lng) : '')}
              formatter={(v, name) => [formatNumber(Number(v), lng), String(name)]}
              contentStyle={tooltipStyle}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Line
              type="monotone"
              dataKey="shares"
              name={sharesName}
              stroke="var(--mantine-color-brand-8)"
              strokeWidth={2}
              dot={data.length <= 31 ? { r: 2.5 } : false}
              isAnimationActive={false}
            />
            <Line
              type="monotone"
              dataKey="clicks"
              name={clicksName}
              stroke="var(--mantine-color-orange-6)"
              strokeWidth={2}
              strokeDasharray="5 3"
              dot={data.length <= 31 ? { r: 2.5 } : false}
              isAnimationActive={false}
            />
          </LineChart>
        </ResponsiveContainer>
      </Box>
    </InsightCard>
  );
}
