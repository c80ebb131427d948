import { Box, Card, SimpleGrid, Skeleton, Stack, Tabs } from '@mantine/core';
import { IconGift, IconHistory, IconPlugConnectedX, IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import type { RecognitionMe, Reward } from '../api.js';
import { useCatalogue, useRecognitionMe, useRedeem } from '../hooks/useRewards.js';
import { newIdempotencyKey, redeemBlock } from '../logic.js';
import { toast } from '../toast.js';
import { MyPoints } from './MyPoints.js';
import { MyRedemptions } from './MyRedemptions.js';
import { PointsHistory } from './PointsHistory.js';
import { RedeemDialog } from './RedeemDialog.js';
import { RewardCard } from './RewardCard.js';

const VIEWS = ['catalogue', 'mine', 'history'] as const;
type View = (typeof VIEWS)[number];
const isView = (v: string | null): v is View => (VIEWS as readonly string[]).includes(v ?? '');

/** Tab icons help on wide screens; on a phone the three labels need the room. */
function TabIcon({ icon: I }: { icon: typeof IconGift }) {
  return (
    <Box visibleFrom="xs" display="flex">
      <I size={18} aria-hidden />
    </Box>
  );
}

/** The rewards store: my points, the catalogue, what I redeemed and how my points moved. */
export function RewardsPage() {
  const { t } = useTranslation();
  const me = useRecognitionMe();
  const [params, setParams] = useSearchParams();
  const asked = params.get('view');
  const view: View = isView(asked) ? asked : 'catalogue';
  const setView = (v: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (v && v !== 'catalogue') {
          next.set('view', v);
        } else {
          next.delete('view');
        }
        return next;
      },
      { replace: true },
    );

  return (
    <Box maw={1040} mx="auto">
      <PageHeader title={t('rewards.title')} description={t('rewards.intro')} />
      {me.isPending ? (
        <Loading />
      ) : me.isError ? (
        <ErrorState error={me.error} onRetry={() => void me.refetch()} />
      ) : !me.data.gamification ? (
        <Stack gap="lg">
          <Card padding="lg">
            <Empty icon={<IconPlugConnectedX size={28} aria-hidden />} title={t('rewards.off.title')} description={t('rewards.off.body')} />
          </Card>
          <MyRedemptions titled />
        </Stack>
      ) : (
        <Stack gap="lg">
          <MyPoints me={me.data} />
          <Tabs value={view} onChange={setView} keepMounted={false}>
            <Tabs.List mb="md" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
              <Tabs.Tab value="catalogue" leftSection={<TabIcon icon={IconGift} />} style={{ flexShrink: 0 }}>
                {t('rewards.tabs.catalogue')}
              </Tabs.Tab>
              <Tabs.Tab value="mine" leftSection={<TabIcon icon={IconReceipt} />} style={{ flexShrink: 0 }}>
                {t('rewards.tabs.mine')}
              </Tabs.Tab>
              <Tabs.Tab value="history" leftSection={<TabIcon icon={IconHistory} />} style={{ flexShrink: 0 }}>
                {t('rewards.tabs.history')}
              </Tabs.Tab>
            </Tabs.List>
            <Tabs.Panel value="catalogue">{view === 'catalogue' && <Catalogue me={me.data} />}</Tabs.Panel>
            <Tabs.Panel value="mine">{view === 'mine' && <MyRedemptions />}</Tabs.Panel>
            <Tabs.Panel value="history">{view === 'history' && <PointsHistory />}</Tabs.Panel>
          </Tabs>
        </Stack>
      )}
    </Box>
  );
}

/** Rewards as cards, cheapest first; Redeem asks first and shows the balance afterwards. */
function Catalogue({ me }: { me: RecognitionMe }) {
  const { t } = useTranslation();
  const list = useCatalogue();
  const redeem = useRedeem();
  // One key per attempt: a retry after a lost answer is the same attempt, a new dialog is a new one.
  const [chosen, setChosen] = useState<{ reward: Reward; key: string } | null>(null);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const open = (reward: Reward) => {
    redeem.reset();
    setChosen({ reward, key: newIdempotencyKey() });
  };
  const close = () => {
    if (!redeem.isPending) {
      setChosen(null);
    }
  };
  const confirm = () => {
    if (!chosen) {
      return;
    }
    redeem.mutate(chosen, {
      onSuccess: (r) => {
        setChosen(null);
        toast(
          r.status === 'pending'
            ? t('rewards.redeem.requested', { name: r.reward.name })
            : t('rewards.redeem.done', { name: r.reward.name }),
        );
      },
    });
  };

  if (list.isPending) {
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md" aria-hidden>
        {Array.from({ length: 3 }, (_, i) => (
          <Card key={i} padding="md">
            <Card.Section>
              <Skeleton height={150} radius={0} />
            </Card.Section>
            <Skeleton height={16} width="60%" mt="md" />
            <Skeleton height={10} mt="sm" />
            <Skeleton height={10} width="80%" mt={6} />
            <Skeleton height={36} mt="lg" />
          </Card>
        ))}
      </SimpleGrid>
    );
  }
  if (list.isError && items.length === 0) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  if (items.length === 0) {
    return (
      <Empty
        icon={<IconGift size={28} aria-hidden />}
        title={t('rewards.catalogue.emptyTitle')}
        description={t('rewards.catalogue.emptyBody')}
      />
    );
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
        {items.map((r) => (
          <RewardCard key={r.id} reward={r} block={redeemBlock(r, me.received, me.gamification)} onRedeem={() => open(r)} />
        ))}
      </SimpleGrid>
      {list.isError && <ErrorState error={list.error} onRetry={() => void list.fetchNextPage()} />}
      <LoadMore query={list} />
      <RedeemDialog
        reward={chosen?.reward ?? null}
        balance={me.received}
        pending={redeem.isPending}
        error={redeem.error}
        onConfirm={confirm}
        onClose={close}
      />
    </>
  );
}
