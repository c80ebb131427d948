import { Badge, Button, Card, Skeleton, Stack } from '@mantine/core';
import { IconMessageHeart } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { useAddressParams } from '../hooks/useAddressParams.js';
import { useLoyaltySeries } from '../hooks/useLoyalty.js';
import { hasAnswers, hasAnyData, isKeyOf, loyaltyCsvUrl, loyaltyQuery, loyaltyState, recentKeys } from '../logic.js';
import { InsightsGate, NotAllowedPage } from './InsightsGate.js';
import { LoyaltyCharts } from './LoyaltyCharts.js';
import { LoyaltyControls } from './LoyaltyControls.js';
import { LoyaltySummary } from './LoyaltySummary.js';
import { UnitsTable } from './UnitsTable.js';

/** Loyalty measures over time: NPS, CSAT, retention and churn, repeat interactions. */
export function LoyaltyPage() {
  const { t } = useTranslation();
  return (
    <InsightsGate title={t('loyalty.title')}>
      <Loyalty />
    </InsightsGate>
  );
}

function Loyalty() {
  const { t } = useTranslation();
  const [params, set] = useAddressParams();
  const state = useMemo(() => loyaltyState(params), [params]);
  // the range ends today: work it out once per visit so the query (and its cache key) stays put
  const today = useMemo(() => new Date(), []);
  const query = useMemo(() => loyaltyQuery(state, today), [state, today]);
  const loyalty = useLoyaltySeries(query);
  const data = loyalty.data;
  const changed = ['scope', 'period', 'range'].some((k) => params.has(k));

  if (loyalty.error instanceof ApiError && loyalty.error.status === 403) {
    return <NotAllowedPage title={t('loyalty.title')} />;
  }

  const scopeName = data?.scope.ref?.name ?? t('loyalty.scope.company');
  // the table offers the periods the charts show, newest first; before any data, the periods asked for
  // (the previous answer stays on screen while the next loads, so its keys may be of the other kind of period)
  const shown = (data?.series ?? []).map((p) => p.key).filter((k) => isKeyOf(k, state.period));
  const keys = shown.length > 0 ? shown.reverse() : recentKeys(state.period, state.count, today);

  return (
    <>
      <PageHeader
        title={t('loyalty.title')}
        description={t('loyalty.intro')}
        actions={
          data && (
            <Badge variant="light" size="lg" radius="sm" style={{ textTransform: 'none' }}>
              {data.scope.kind === 'company'
                ? t('loyalty.scope.company')
                : t(`loyalty.scope.badge.${data.scope.kind}`, { name: scopeName })}
            </Badge>
          )
        }
      />
      <LoyaltyControls state={state} csvUrl={loyaltyCsvUrl(query)} changed={changed} onChange={set} />

      <Stack gap="lg" aria-busy={loyalty.isFetching}>
        {loyalty.isError ? (
          <ErrorState error={loyalty.error} onRetry={() => void loyalty.refetch()} />
        ) : !data ? (
          <>
            <Skeleton height={140} radius="lg" />
            <Skeleton height={320} radius="lg" />
          </>
        ) : (
          <>
            {!hasAnswers(data.series) && (
              <Card padding="lg">
                <Empty
                  icon={<IconMessageHeart size={28} aria-hidden />}
                  title={t('loyalty.empty.title')}
                  description={t(state.scope.kind === 'company' ? 'loyalty.empty.body' : 'loyalty.empty.scoped')}
                >
                  <Button component={Link} to="/customers">
                    {t('loyalty.empty.send')}
                  </Button>
                </Empty>
              </Card>
            )}
            {hasAnyData(data.series) && (
              <>
                <LoyaltySummary series={data.series} />
                <LoyaltyCharts series={data.series} scopeName={scopeName} />
              </>
            )}
            <UnitsTable
              period={state.period}
              keys={keys}
              chosenKey={state.key}
              unit={state.unit}
              csvUrl={loyaltyCsvUrl(query, state.unit)}
              onChange={set}
            />
          </>
        )}
      </Stack>
    </>
  );
}
