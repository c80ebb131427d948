import type { ReactNode } from 'react';
import { LoadMore } from './LoadMore.js';
import { ErrorState, Loading } from './States.js';

/** What PagedList needs of a TanStack infinite query. */
interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  refetch: () => Promise<unknown>;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/**
 * A keyset-paginated list with its states: loading, an error with a retry while nothing is shown, the
 * empty state, then the items, the error of a later page (retrying that page) and "Load more".
 */
export function PagedList<T>({
  query,
  items,
  empty,
  children,
}: {
  query: PagedQuery;
  items: readonly T[];
  empty: ReactNode;
  children: (items: readonly T[]) => ReactNode;
}) {
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError && items.length === 0) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (items.length === 0) {
    return empty;
  }
  return (
    <>
      {children(items)}
      {query.isError && <ErrorState error={query.error} onRetry={() => void query.fetchNextPage()} />}
      <LoadMore query={query} />
    </>
  );
}
