import { Box } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AdvocacyInsightsDto, AdvocacyInsightsFilters } from '../../insights-api.js';
import { insightsCsvUrl } from '../../insights-api.js';
import { axisTick, formatNumber, formatPercent, tooltipStyle } from './format.js';
import { InsightCard } from './InsightCard.js';

const short = (s: string) => (s.length > 22 ? `${s.slice(0, 21)}…` : s);

/** How many of each department's active people shared in the period. */
export function DepartmentChart({ data, filters }: { data: AdvocacyInsightsDto['byDepartment']; filters: AdvocacyInsightsFilters }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const rows = data.map((d) => ({
    ...d,
    label: d.id === null ? t('advocacyManage.insights.byDepartment.none') : d.name,
    pct: d.participation * 100,
  }));
  const best = rows.reduce<(typeof rows)[number] | null>((b, d) => (d.participation > (b?.participation ?? 0) ? d : b), null);
  const summary = best
    ? t('advocacyManage.insights.byDepartment.summary', { name: best.label, pct: formatPercent(best.participation, lng) })
    : t('advocacyManage.insights.byDepartment.summaryEmpty');
  return (
    <InsightCard
      id="advocacy-by-department"
      title={t('advocacyManage.insights.byDepartment.title')}
      description={t('advocacyManage.insights.byDepartment.description')}
      summary={summary}
      empty={t('advocacyManage.insights.byDepartment.empty')}
      csvUrl={insightsCsvUrl(filters, 'byDepartment')}
      data={{
        header: [
          t('advocacyManage.insights.col.department'),
          t('advocacyManage.insights.col.people'),
          t('advocacyManage.insights.col.sharers'),
          t('advocacyManage.insights.col.participation'),
        ],
        rows: rows.map((d) => [d.label, formatNumber(d.people, lng), formatNumber(d.sharers, lng), formatPercent(d.participation, lng)]),
      }}
    >
      <Box role="img" aria-label={summary} h={32 + rows.length * 34}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} stroke="var(--mantine-color-default-border)" />
            <XAxis
              type="number"
              domain={[0, 100]}
              tick={axisTick}
              tickLine={false}
              axisLine={false}
              tickFormatter={(n: number) => `${n}%`}
            />
            <YAxis type="category" dataKey="label" width={130} tick={axisTick} tickLine={false} axisLine={false} tickFormatter={short} />
            <Tooltip
              formatter={(v) => [formatPercent(Number(v) / 100, lng), t('advocacyManage.insights.col.participation')]}
              labelFormatter={(label, payload) => {
                // the hovered row itself: two departments may share a name
                const row = payload[0]?.payload as (typeof rows)[number] | undefined;
                return row
                  ? t('advocacyManage.insights.byDepartment.tooltip', {
                      name: row.label,
                      sharers: formatNumber(row.sharers, lng),
                      people: formatNumber(row.people, lng),
                    })
                  : typeof label === 'string'
                    ? label
                    : '';
              }}
              contentStyle={tooltipStyle}
              cursor={{ fill: 'var(--mantine-color-default-hover)' }}
            />
            <Bar dataKey="pct" fill="var(--mantine-color-brand-6)" radius={[0, 4, 4, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </InsightCard>
  );
}
