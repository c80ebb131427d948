import { Box, Button, Card, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconArrowLeft, IconChartDots3, IconLock } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { type AdvocacyInsightsFilters, lastDays, rangeProblem, useAdvocacyInsights } from '../insights-api.js';
import { DepartmentChart } from './insights/DepartmentChart.js';
import { type FilterState, InsightsFilters, type Period } from './insights/InsightsFilters.js';
import { KpiCards } from './insights/KpiCards.js';
import { NetworkChart } from './insights/NetworkChart.js';
import { OverTimeChart } from './insights/OverTimeChart.js';
import { TopChart } from './insights/TopChart.js';

/** Advocacy insights for communications staff and administrators; everyone else sees why not. */
export function InsightsPage() {
  const me = useMe();
  if (me.isPending) {
    return <Loading />;
  }
  return me.data?.abilities['advocacy.insights'] === true ? <Insights /> : <NotAllowed />;
}

function NotAllowed() {
  const { t } = useTranslation();
  return (
    <Box maw={960} mx="auto">
      <PageHeader title={t('advocacyManage.insights.title')} />
      <Empty
        icon={<IconLock size={28} aria-hidden />}
        title={t('advocacyManage.insights.forbidden.title')}
        description={t('advocacyManage.insights.forbidden.body')}
      >
        <Button component={Link} to="/advocacy" variant="default">
          {t('advocacyManage.insights.forbidden.back')}
        </Button>
      </Empty>
    </Box>
  );
}

const PERIODS: readonly Period[] = ['7', '30', '90', 'custom'];

/** The filters live in the address, so a view can be bookmarked and shared with a colleague. */
function useFilterState(): [FilterState, (changes: Partial<FilterState>) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('period');
  const period: Period = PERIODS.find((p) => p === raw) ?? '30';
  const preset = useMemo(() => lastDays(period === 'custom' ? 30 : Number(period)), [period]);
  const state: FilterState = {
    period,
    from: period === 'custom' ? (params.get('from') ?? preset.from) : preset.from,
    to: period === 'custom' ? (params.get('to') ?? preset.to) : preset.to,
    campaignId: params.get('campaign') ?? '',
  };
  const change = (changes: Partial<FilterState>) => {
    const next = { ...state, ...changes };
    const out = new URLSearchParams();
    if (next.period !== '30') {
      out.set('period', next.period);
    }
    if (next.period === 'custom') {
      // switching to custom starts from the range shown until then
      out.set('from', next.from);
      out.set('to', next.to);
    }
    if (next.campaignId) {
      out.set('campaign', next.campaignId);
    }
    setParams(out, { replace: true });
  };
  return [state, change];
}

function Insights() {
  const { t } = useTranslation();
  const [state, change] = useFilterState();
  const problem = rangeProblem(state.from, state.to);
  const filters: AdvocacyInsightsFilters = useMemo(
    () => ({ from: state.from, to: state.to, campaignId: state.campaignId || undefined }),
    [state.from, state.to, state.campaignId],
  );
  const insights = useAdvocacyInsights(filters, problem === null);
  const data = insights.data;

  if (insights.error instanceof ApiError && insights.error.status === 403) {
    return <NotAllowed />;
  }
  const nothing = data !== undefined && data.totals.shares === 0 && data.totals.clicks === 0;

  return (
    <Box maw={960} mx="auto">
      <PageHeader
        title={t('advocacyManage.insights.title')}
        description={t('advocacyManage.insights.intro')}
        actions={
          <Button component={Link} to="/advocacy/manage" variant="subtle" leftSection={<IconArrowLeft size={18} aria-hidden />}>
            {t('advocacyManage.insights.toManage')}
          </Button>
        }
      />
      <Stack gap="lg">
        <InsightsFilters state={state} problem={problem} onChange={change} />
        {problem !== null ? null : insights.isError ? (
          <ErrorState error={insights.error} onRetry={() => void insights.refetch()} />
        ) : (
          <Stack gap="lg" aria-busy={insights.isFetching}>
            <KpiCards totals={data?.totals} />
            {!data ? (
              <>
                <Skeleton height={320} radius="lg" />
                <Skeleton height={280} radius="lg" />
              </>
            ) : nothing ? (
              <>
                <Card padding="lg">
                  <Empty
                    icon={<IconChartDots3 size={28} aria-hidden />}
                    title={t('advocacyManage.insights.empty.title')}
                    description={t(state.campaignId ? 'advocacyManage.insights.empty.campaign' : 'advocacyManage.insights.empty.body')}
                  >
                    <Button component={Link} to="/advocacy/manage">
                      {t('advocacyManage.insights.empty.action')}
                    </Button>
                  </Empty>
                </Card>
                <DepartmentChart data={data.byDepartment} filters={filters} />
              </>
            ) : (
              <>
                <OverTimeChart data={data.overTime} filters={filters} />
                <NetworkChart data={data.byNetwork} filters={filters} />
                <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
                  <TopChart kind="items" rows={data.topItems.map((i) => ({ ...i, name: i.title }))} filters={filters} />
                  <TopChart kind="campaigns" rows={data.topCampaigns} filters={filters} />
                </SimpleGrid>
                <DepartmentChart data={data.byDepartment} filters={filters} />
              </>
            )}
          </Stack>
        )}
      </Stack>
    </Box>
  );
}
