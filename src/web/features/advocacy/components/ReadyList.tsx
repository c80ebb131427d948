import { Card, SimpleGrid, Skeleton, Stack } from '@mantine/core';
import { IconShare3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { useReadyItems } from '../hooks/useAdvocacy.js';
import { useShareFlow } from './ShareFlow.js';
import { ShareItemCard } from './ShareItemCard.js';

/** Placeholders shaped like the cards, while the first page loads. */
export function CardSkeletons({ count = 2 }: { count?: number }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md" role="status" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} withBorder padding="md">
          <Stack gap="sm">
            <Skeleton height={120} />
            <Skeleton height={18} width="80%" />
            <Skeleton height={12} />
            <Skeleton height={12} width="60%" />
          </Stack>
        </Card>
      ))}
    </SimpleGrid>
  );
}

/** Everything ready to share now, or one campaign's part of it. */
export function ReadyList({ campaignId }: { campaignId?: string }) {
  const { t } = useTranslation();
  const list = useReadyItems(campaignId);
  const flow = useShareFlow();

  if (list.isPending) {
    return <CardSkeletons />;
  }
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <Empty
        icon={<IconShare3 aria-hidden />}
        title={campaignId ? t('advocacy.ready.emptyCampaign') : t('advocacy.ready.emptyTitle')}
        description={t('advocacy.ready.emptyBody')}
      />
    );
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {items.map((i) => (
          <ShareItemCard key={i.id} item={i} onShare={() => flow.open(i)} hideCampaign={campaignId !== undefined} />
        ))}
      </SimpleGrid>
      <LoadMore query={list} />
      {flow.element}
    </>
  );
}
