import { Button, Center } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The "Load more" button under a keyset-paginated list (a TanStack infinite query); nothing when the list is complete. */
export function LoadMore({
  query,
  mt = 'md',
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
  mt?: 'md' | 'lg';
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) {
    return null;
  }
  return (
    <Center mt={mt}>
      <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
        {t('common.loadMore')}
      </Button>
    </Center>
  );
}
