import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AdvocacyInsightsFilters } from '../../insights-api.js';
import { insightsCsvUrl } from '../../insights-api.js';
import { axisTick, formatNumber, tooltipStyle } from './format.js';
import { InsightCard } from './InsightCard.js';

export interface TopRow {
  id: string;
  name: string;
  shares: number;
  clicks: number;
}

/** Long titles are cut on the axis; the tooltip and the table keep them whole. */
const short = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);

/** The items or campaigns that brought the most clicks, then shares. */
export function TopChart({ kind, rows, filters }: { kind: 'items' | 'campaigns'; rows: TopRow[]; filters: AdvocacyInsightsFilters }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const base = `advocacyManage.insights.top.${kind}`;
  const first = rows[0];
  const summary = first
    ? t(`${base}.summary`, { name: first.name, clicks: formatNumber(first.clicks, lng), shares: formatNumber(first.shares, lng) })
    : t(`${base}.empty`);
  const sharesName = t('advocacyManage.insights.col.shares');
  const clicksName = t('advocacyManage.insights.col.clicks');
  return (
    <InsightCard
      id={`advocacy-top-${kind}`}
      title={t(`${base}.title`)}
      summary={summary}
      empty={t(`${base}.empty`)}
      csvUrl={insightsCsvUrl(filters, kind === 'items' ? 'topItems' : 'topCampaigns')}
      data={{
        header: [t(`${base}.name`), sharesName, clicksName],
        rows: rows.map((r) => [r.name, formatNumber(r.shares, lng), formatNumber(r.clicks, lng)]),
      }}
    >
      <Box role="img" aria-label={summary} h={48 + rows.length * 40}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 12, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              type="number"
              allowDecimals={false}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              tickFormatter={(n: number) => formatNumber(n, lng)}
            />
            <YAxis type="category" dataKey="name" width={130} tick={axisTick} tickLine={false} axisLine={false} tickFormatter={short} />
            <Tooltip
              formatter={(v, name) => [formatNumber(Number(v), lng), String(name)]}
              contentStyle={tooltipStyle}
              cursor={{ fill: 'var(--mantine-color-default-hover)' }}
            />
            <Legend wrapperStyle={{ fontSize: 13 }} />
            <Bar dataKey="clicks" name={clicksName} fill="var(--mantine-color-orange-5)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
            <Bar dataKey="shares" name={sharesName} fill="var(--mantine-color-brand-6)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </InsightCard>
  );
}
