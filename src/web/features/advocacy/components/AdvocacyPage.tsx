import { Box, Button, Group, SimpleGrid, Stack, Tabs } from '@mantine/core';
import { IconChartBar, IconSettings, IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useCampaigns } from '../hooks/useAdvocacy.js';
import { CampaignCard } from './CampaignBits.js';
import { LeaderboardSection } from './LeaderboardSection.js';
import { MyReachSection } from './MyReachSection.js';
import { CardSkeletons, ReadyList } from './ReadyList.js';

const TABS = ['ready', 'campaigns', 'leaderboard', 'reach'] as const;
type Tab = (typeof TABS)[number];

function CampaignList() {
  const { t } = useTranslation();
  const list = useCampaigns('current');
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
        icon={<IconSpeakerphone aria-hidden />}
        title={t('advocacy.campaigns.emptyTitle')}
        description={t('advocacy.campaigns.emptyBody')}
      />
    );
  }
  return (
    <>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        {items.map((c) => (
          <CampaignCard key={c.id} campaign={c} />
        ))}
      </SimpleGrid>
      <LoadMore query={list} />
    </>
  );
}

/** The employee's advocacy home: what is ready to share, campaigns, the leaderboard and their own reach. */
export function AdvocacyPage() {
  const { t } = useTranslation();
  const canManage = useAbility('advocacy.manage');
  const canInsights = useAbility('advocacy.insights');
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.find((x) => x === raw) ?? 'ready';

  return (
    <Box maw={960} mx="auto">
      <PageHeader
        title={t('advocacy.title')}
        description={t('advocacy.intro')}
        actions={
          (canManage || canInsights) && (
            <Group gap="xs">
              {canManage && (
                <Button component={Link} to="/advocacy/manage" variant="default" leftSection={<IconSettings size={18} aria-hidden />}>
                  {t('advocacy.manage')}
                </Button>
              )}
              {canInsights && (
                <Button component={Link} to="/advocacy/insights" variant="default" leftSection={<IconChartBar size={18} aria-hidden />}>
                  {t('advocacy.insights')}
                </Button>
              )}
            </Group>
          )
        }
      />
      <Tabs value={tab} onChange={(v) => setParams(v && v !== 'ready' ? { tab: v } : {}, { replace: true })} keepMounted={false}>
        <Tabs.List mb="md" aria-label={t('advocacy.title')}>
          {TABS.map((x) => (
            <Tabs.Tab key={x} value={x}>
              {t(`advocacy.tabs.${x}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="ready">
          <Stack gap="md">
            <ReadyList />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="campaigns">
          <CampaignList />
        </Tabs.Panel>
        <Tabs.Panel value="leaderboard">
          <LeaderboardSection />
        </Tabs.Panel>
        <Tabs.Panel value="reach">
          <MyReachSection />
        </Tabs.Panel>
      </Tabs>
    </Box>
  );
}
