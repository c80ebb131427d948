import type { ReactNode } from 'react';
import { PageHeader } from '../../../components/PageHeader.js';
import { Loading } from '../../../components/States.js';
import { useAbility, useMe } from '../../auth/hooks/useSession.js';
import { CustomersNav } from '../../customers/components/CustomersNav.js';
import { NotAllowed } from './NotAllowed.js';

/** The page's title over the explanation, for someone who may not see the dashboard. */
export function NotAllowedPage({ title }: { title: string }) {
  return (
    <>
      <PageHeader title={title} />
      <NotAllowed />
    </>
  );
}

/**
 * A customer dashboard under the customers' navigation, shown only to those with access to the
 * customer insights; the dashboard is not even mounted (so asks nothing of the server) for the others.
 */
export function InsightsGate({ title, children }: { title: string; children: ReactNode }) {
  const me = useMe();
  const allowed = useAbility('customers.insights');
  return (
    <>
      <CustomersNav />
      {me.isPending ? <Loading /> : allowed ? children : <NotAllowedPage title={title} />}
    </>
  );
}
