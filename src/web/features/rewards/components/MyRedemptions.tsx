import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useFormat } from '../hooks/useFormat.js';
import { useMyRedemptions } from '../hooks/useRewards.js';
import { RedemptionStatusBadge } from './RedemptionStatusBadge.js';
import { RewardImage } from './RewardImage.js';

/**
 * What I redeemed, newest first, with where each request stands. As a `titled` section (when points
 * are off for me) it shows only when there is something to show.
 */
export function MyRedemptions({ titled = false }: { titled?: boolean }) {
  const { t } = useTranslation();
  const { points, dateTime } = useFormat();
  const list = useMyRedemptions();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  if (titled && (list.isPending || (items.length === 0 && !list.isError))) {
    return null;
  }
  if (list.isPending) {
    return <Loading />;
  }
  if (list.isError && items.length === 0) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <Empty icon={<IconReceipt size={28} aria-hidden />} title={t('rewards.mine.emptyTitle')} description={t('rewards.mine.emptyBody')} />
    );
  }
  const content = (
    <>
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((r) => (
          <Card key={r.id} component="li" padding="md">
            <Group gap="md" wrap="nowrap" align="flex-start">
              <RewardImage url={r.reward.imageUrl} height={56} width={56} radius="md" />
              <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                <Group justify="space-between" gap="xs" wrap="wrap">
                  <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                    {r.reward.name}
                  </Text>
                  <RedemptionStatusBadge status={r.status} />
                </Group>
                <Text size="sm" c="dimmed">
                  {points(r.cost)} · <time dateTime={r.createdAt}>{dateTime(r.createdAt)}</time>
                </Text>
                {r.status === 'refused' && (
                  <Text size="sm" c="dimmed">
                    {t('rewards.mine.refunded')}
                  </Text>
                )}
                {r.note && (
                  <Text size="sm" style={{ whiteSpace: 'pre-line', overflowWrap: 'anywhere' }}>
                    {r.decidedBy
                      ? t('rewards.mine.noteFrom', { name: r.decidedBy.name, note: r.note })
                      : t('rewards.mine.note', { note: r.note })}
                  </Text>
                )}
              </Stack>
            </Group>
          </Card>
        ))}
      </Stack>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.fetchNextPage()} />}
      <LoadMore query={list} />
    </>
  );
  if (!titled) {
    return content;
  }
  return (
    <section aria-labelledby="rewards-mine-title">
      <Title order={2} fz={19} mb="sm" id="rewards-mine-title">
        {t('rewards.tabs.mine')}
      </Title>
      {content}
    </section>
  );
}
