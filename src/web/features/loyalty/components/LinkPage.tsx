import { Badge, Card, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { CUSTOMER_DEFAULTS } from '../../../../shared/customers.js';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useAddressParams } from '../hooks/useAddressParams.js';
import { useCustomerSettings, useLink } from '../hooks/useLoyalty.js';
import { useLoyaltyFormat } from '../hooks/useLoyaltyFormat.js';
import { clampWindow, linkCsvUrl, linkQuery, linkState, overTimeQuery } from '../logic.js';
import { EngagementIndexCard } from './EngagementIndexCard.js';
import { InsightsGate, NotAllowedPage } from './InsightsGate.js';
import { LinkCaveats } from './LinkCaveats.js';
import { LinkControls } from './LinkControls.js';
import { LinkDrivers } from './LinkDrivers.js';
import { LinkOverTime } from './LinkOverTime.js';
import { LinkScatter } from './LinkScatter.js';
import { LinkStats } from './LinkStats.js';

/** The employee–customer link: engagement beside customer loyalty, with the statistics. */
export function LinkPage() {
  const { t } = useTranslation();
  return (
    <InsightsGate title={t('loyalty.link.title')}>
      <LinkDashboard />
    </InsightsGate>
  );
}

function LinkDashboard() {
  const { t } = useTranslation();
  const f = useLoyaltyFormat();
  const [params, set] = useAddressParams();
  // the company's window is the default; only those who may read the settings can ask for it
  const canReadSettings = useAbility('customers.read');
  const settings = useCustomerSettings(canReadSettings);
  const defaultWindow = clampWindow(settings.data?.windowMonths ?? CUSTOMER_DEFAULTS.windowMonths);
  const settled = !canReadSettings || !settings.isPending;
  const state = useMemo(() => linkState(params, defaultWindow), [params, defaultWindow]);
  const query = useMemo(() => linkQuery(state), [state]);
  const ready = state.windowChosen || settled;
  const link = useLink(query, ready);
  const result = link.data;
  const changed = ['unit', 'period', 'key', 'lag', 'window', 'measure'].some((k) => params.has(k));

  if (link.error instanceof ApiError && link.error.status === 403) {
    return <NotAllowedPage title={t('loyalty.link.title')} />;
  }

  return (
    <>
      <PageHeader
        title={t('loyalty.link.title')}
        description={t('loyalty.link.intro')}
        actions={
          result && (
            <Badge variant="light" size="lg" radius="sm" style={{ textTransform: 'none' }}>
              {t(`loyalty.link.badge.${result.lag}`, { period: f.period(result.key), count: result.windowMonths })}
            </Badge>
          )
        }
      />
      <LinkControls state={state} defaultWindow={defaultWindow} csvUrl={linkCsvUrl(query)} changed={changed} onChange={set} />

      <Stack gap="lg" aria-busy={link.isFetching}>
        {link.isError ? (
          <Card padding="lg">
            <ErrorState error={link.error} onRetry={() => void link.refetch()} />
          </Card>
        ) : !result ? (
          <>
            <Skeleton height={160} radius="lg" />
            <Skeleton height={420} radius="lg" />
          </>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <LinkStats result={result} />
              <LinkCaveats result={result} />
            </SimpleGrid>
            <LinkScatter result={result} />
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
              <LinkDrivers result={result} />
              <EngagementIndexCard />
            </SimpleGrid>
          </>
        )}
        <LinkOverTime query={overTimeQuery(state)} enabled={ready} />
      </Stack>
    </>
  );
}
