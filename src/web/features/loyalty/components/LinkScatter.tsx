import { Box, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import {
  CartesianGrid,
  Legend,
  ReferenceLine,
  ResponsiveContainer,
  Scatter,
  ScatterChart,
  Tooltip,
  XAxis,
  YAxis,
  ZAxis,
  type TooltipContentProps,
} from 'recharts';
import { ChartCard } from '../../insights/components/ChartCard.js';
import type { LinkPoint, LinkResult } from '../api.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { SMALL_N, correlationWords, fitSegment, isSmall, measureDomain } from '../logic.js';
import { axisTick, tooltipStyle } from './chartStyle.js';

interface Dot {
  x: number;
  y: number;
  point: LinkPoint;
}

/** The one unit under the pointer: its name, engagement, customer measure and how many answers that stands on. */
function UnitTooltip({ active, payload, result }: TooltipContentProps & { result: LinkResult }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const dot = payload[0]?.payload as Dot | undefined;
  if (!active || !dot) {
    return null;
  }
  const p = dot.point;
  return (
    <Paper p="xs" style={tooltipStyle} shadow="sm">
      <Text size="sm" fw={700}>
        {p.unit.name}
      </Text>
      <Text size="xs">{t('loyalty.link.scatter.engagement', { value: f.number(p.engagement) })}</Text>
      <Text size="xs">
        {t(`loyalty.link.measure.${result.measure}`)}: {f.measure(result.measure, p.customer.value)} ·{' '}
        {t('loyalty.n', { n: f.number(p.customer.n) })}
      </Text>
      {isSmall(p.customer.n) && (
        <Text size="xs" c="dimmed">
          {t('loyalty.small', { min: SMALL_N })}
        </Text>
      )}
    </Paper>
  );
}

/** Engagement against the customer measure, one dot per unit, with the least-squares line. */
export function LinkScatter({ result }: { result: LinkResult }) {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const { measure, points, stats } = result;
  const domain = measureDomain(measure);
  const dots: Dot[] = points.map((p) => ({ x: p.engagement, y: p.customer.value, point: p }));
  const solid = dots.filter((d) => !isSmall(d.point.customer.n));
  const faint = dots.filter((d) => isSmall(d.point.customer.n));
  const segment = fitSegment(
    stats.fit,
    dots.map((d) => d.x),
    domain,
  );
  const measureName = t(`loyalty.link.measure.${measure}`);
  const units = t(`loyalty.unit.count.${result.unit}`, { count: points.length, n: f.number(points.length) });
  const coefficient = stats.spearman?.rho ?? stats.pearson?.r ?? null;
  const words = coefficient === null ? null : correlationWords(coefficient, stats.spearman ?? stats.pearson);
  const summary =
    points.length === 0
      ? t('loyalty.link.scatter.empty')
      : t('loyalty.link.scatter.summary', {
          units,
          measure: measureName,
          low: f.number(Math.min(...dots.map((d) => d.x))),
          high: f.number(Math.max(...dots.map((d) => d.x))),
          relation: words ? t(words.relation) : t('loyalty.relation.unknown'),
        });

  return (
    <ChartCard
      id="link-scatter"
      title={t('loyalty.link.scatter.title', { measure: measureName })}
      description={t(`loyalty.link.scatter.description.${result.unit}`, { period: f.period(result.key) })}
      summary={summary}
      fileName={`engagement-${measure}-${result.unit}-${result.key}`}
      data={
        points.length === 0
          ? null
          : {
              header: [
                t(`loyalty.unit.${result.unit}`),
                t('loyalty.link.engagement'),
                t('loyalty.link.part.survey'),
                t('loyalty.link.part.participation'),
                t('loyalty.link.part.recognition'),
                t('loyalty.link.part.social'),
                measureName,
                t('loyalty.table.answers'),
              ],
              rows: points.map((p) => [
                p.unit.name,
                p.engagement,
                p.parts.survey,
                p.parts.participation,
                p.parts.recognition,
                p.parts.social,
                p.customer.value,
                p.customer.n,
              ]),
              format: (cell, column) =>
                cell === null || cell === undefined
                  ? '—'
                  : typeof cell !== 'number'
                    ? cell
                    : column === 6
                      ? f.measure(measure, cell)
                      : f.number(cell),
            }
      }
    >
      {points.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('loyalty.link.scatter.empty')}
        </Text>
      ) : (
        <Box role="img" aria-label={summary} h={{ base: 300, sm: 380 }}>
          <ResponsiveContainer width="100%" height="100%">
            <ScatterChart margin={{ top: 8, right: 16, bottom: 20, left: 4 }} accessibilityLayer={false}>
              <CartesianGrid strokeDasharray="3 3" stroke="var(--mantine-color-default-border)" />
              <XAxis
                type="number"
                dataKey="x"
                name={t('loyalty.link.engagement')}
                domain={[0, 100]}
                ticks={[0, 25, 50, 75, 100]}
                tick={axisTick}
                tickLine={false}
                axisLine={{ stroke: 'var(--mantine-color-default-border)' }}
                label={{
                  value: t('loyalty.link.engagement'),
                  position: 'insideBottom',
                  offset: -12,
                  fontSize: 12,
                  fill: 'var(--mantine-color-dimmed)',
                }}
              />
              <YAxis
                type="number"
                dataKey="y"
                name={measureName}
                domain={domain}
                width={52}
                tick={axisTick}
                tickLine={false}
                axisLine={false}
                tickFormatter={(n: number) => f.measure(measure, n)}
              />
              <ZAxis range={[70, 70]} />
              {measure === 'nps' && <ReferenceLine y={0} stroke="var(--mantine-color-gray-5)" />}
              {segment && (
                <ReferenceLine
                  segment={segment}
                  stroke="var(--mantine-color-orange-7)"
                  strokeWidth={2}
                  strokeDasharray="6 3"
                  ifOverflow="hidden"
                />
              )}
              <Tooltip
                content={(props: TooltipContentProps) => <UnitTooltip {...props} result={result} />}
                cursor={{ strokeDasharray: '3 3' }}
              />
              <Legend wrapperStyle={{ fontSize: 12, paddingTop: 12 }} itemSorter={null} />
              <Scatter
                name={t(`loyalty.unit.${result.unit}s`)}
                data={solid}
                fill="var(--mantine-color-brand-7)"
                shape="circle"
                legendType="circle"
                isAnimationActive={false}
              />
              {faint.length > 0 && (
                <Scatter
                  name={t('loyalty.link.scatter.few', { min: SMALL_N })}
                  data={faint}
                  fill="var(--mantine-color-gray-5)"
                  shape="diamond"
                  legendType="diamond"
                  isAnimationActive={false}
                />
              )}
            </ScatterChart>
          </ResponsiveContainer>
        </Box>
      )}
      {segment && (
        <Text size="xs" c="dimmed" mt="xs">
          {t('loyalty.link.scatter.fit')}
        </Text>
      )}
    </ChartCard>
  );
}
