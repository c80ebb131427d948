import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AdvocacyInsightsDto, AdvocacyInsightsFilters } from '../../insights-api.js';
import { insightsCsvUrl } from '../../insights-api.js';
import { axisTick, formatDecimal, formatNumber, tooltipStyle } from './format.js';
import { InsightCard } from './InsightCard.js';

/** Shares and clicks per network, with clicks per share: where sharing reaches people. */
export function NetworkChart({ data, filters }: { data: AdvocacyInsightsDto['byNetwork']; filters: AdvocacyInsightsFilters }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rows = data.map((d) => ({ ...d, label: t(`advocacyManage.insights.network.${d.network}`) }));
  const best = rows.reduce<(typeof rows)[number] | null>(
    (b, d) => (d.shares > 0 && d.clicksPerShare > (b?.clicksPerShare ?? 0) ? d : b),
    null,
  );
  const summary = best
    ? t('advocacyManage.insights.byNetwork.summary', { network: best.label, ratio: formatDecimal(best.clicksPerShare, lng) })
    : t('advocacyManage.insights.byNetwork.summaryEmpty');
  const sharesName = t('advocacyManage.insights.col.shares');
  const clicksName = t('advocacyManage.insights.col.clicks');
  return (
    <InsightCard
      id="advocacy-by-network"
      title={t('advocacyManage.insights.byNetwork.title')}
      description={summary}
      summary={summary}
      csvUrl={insightsCsvUrl(filters, 'byNetwork')}
      data={{
        header: [t('advocacyManage.insights.col.network'), sharesName, clicksName, t('advocacyManage.insights.col.clicksPerShare')],
        rows: rows.map((d) => [d.label, formatNumber(d.shares, lng), formatNumber(d.clicks, lng), formatDecimal(d.clicksPerShare, lng)]),
      }}
    >
      <Box role="img" aria-label={summary} h={240}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              dataKey="label"
              tick={axisTick}
              tickLine={false}
              axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
              interval={0}
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
              formatter={(v, name) => [formatNumber(Number(v), lng), String(name)]}
              contentStyle={tooltipStyle}
              cursor={{ fill: 'var(--mantine-color-default-hover)' }}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="shares" name={sharesName} fill="var(--mantine-color-brand-6)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="clicks" name={clicksName} fill="var(--mantine-color-orange-5)" radius={[4, 4, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </InsightCard>
  );
}
