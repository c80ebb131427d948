import { Box, Button, Group, Tabs } from '@mantine/core';
import { IconChartBar, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { CampaignsTab } from './CampaignsTab.js';
import { ItemsTab } from './ItemsTab.js';
import { ManagersOnly } from './ManageBits.js';
import { SettingsTab } from './SettingsTab.js';

const TABS = ['items', 'campaigns', 'settings'] as const;
type Tab = (typeof TABS)[number];

/** Communications staff's advocacy desk: shareable items, campaigns, guidelines and points. */
export function ManagePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const insights = useAbility('advocacy.insights');
  const raw = params.get('tab');
  const tab: Tab = TABS.find((x) => x === raw) ?? 'items';

  return (
    <Box maw={960} mx="auto">
      <PageHeader
        title={t('advocacyManage.manageTitle')}
        description={t('advocacyManage.intro')}
        actions={
          insights && (
            <Button component={Link} to="/advocacy/insights" variant="light" leftSection={<IconChartBar size={18} aria-hidden />}>
              {t('advocacyManage.toInsights')}
            </Button>
          )
        }
      />
      <ManagersOnly>
        <Tabs value={tab} onChange={(v) => v && setParams(v === 'items' ? {} : { tab: v }, { replace: true })} keepMounted={false}>
          <Tabs.List mb="lg" style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
            <Tabs.Tab value="items">{t('advocacyManage.tabs.items')}</Tabs.Tab>
            <Tabs.Tab value="campaigns">{t('advocacyManage.tabs.campaigns')}</Tabs.Tab>
            <Tabs.Tab value="settings">{t('advocacyManage.tabs.settings')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="items">
            <Group justify="flex-end" mb="md">
              <Button component={Link} to="/advocacy/manage/items/new" leftSection={<IconPlus size={18} aria-hidden />}>
                {t('advocacyManage.items.new')}
              </Button>
            </Group>
            <ItemsTab />
          </Tabs.Panel>
          <Tabs.Panel value="campaigns">
            <Group justify="flex-end" mb="md">
              <Button component={Link} to="/advocacy/manage/campaigns/new" leftSection={<IconPlus size={18} aria-hidden />}>
                {t('advocacyManage.campaigns.new')}
              </Button>
            </Group>
            <CampaignsTab />
          </Tabs.Panel>
          <Tabs.Panel value="settings">
            <SettingsTab />
          </Tabs.Panel>
        </Tabs>
      </ManagersOnly>
    </Box>
  );
}
