import { Anchor, Badge, Button, Card, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconArchive, IconPencil, IconShare3 } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { SHARE_ITEM_STATES, type ShareItemDto } from '../../../../shared/advocacy.js';
import { formatDate } from '../../../components/format.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { ConfirmDialog } from '../../feed/components/Dialogs.js';
import type { ItemStateFilter } from '../api.js';
import { useArchiveItem, useCampaignOptions, useManagedItems } from '../hooks/useManage.js';
import { StateBadge, toast } from './ManageBits.js';

/** Every shareable item, filtered by state and campaign, a page at a time. */
export function ItemsTab() {
  const { t } = useTranslation();
  const [state, setState] = useState<ItemStateFilter>('active');
  const [campaignId, setCampaignId] = useState<string>('');
  const campaigns = useCampaignOptions();
  const list = useManagedItems({ state, campaignId: campaignId || undefined });
  const [archiving, setArchiving] = useState<ShareItemDto | null>(null);
  const archive = useArchiveItem();
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];

  const confirmArchive = () => {
    if (!archiving) {
      return;
    }
    archive.mutate(archiving.id, {
      onSuccess: () => {
        setArchiving(null);
        toast(t('advocacyManage.items.archived'));
      },
    });
  };

  return (
    <Stack gap="md">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('advocacyManage.items.filterState')}
          data={[...SHARE_ITEM_STATES, 'all' as const].map((s) => ({ value: s, label: t(`advocacyManage.state.${s}`) }))}
          value={state}
          onChange={(v) => v && setState(v)}
          allowDeselect={false}
        />
        <Select
          label={t('advocacyManage.items.filterCampaign')}
          data={[
            { value: '', label: t('advocacyManage.items.anyCampaign') },
            ...(campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name })),
          ]}
          value={campaignId}
          onChange={(v) => setCampaignId(v ?? '')}
          allowDeselect={false}
          searchable
          nothingFoundMessage={t('advocacyManage.nothingFound')}
        />
      </SimpleGrid>
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : items.length === 0 ? (
        <Empty icon={<IconShare3 aria-hidden />} title={t('advocacyManage.items.empty')} description={t('advocacyManage.items.emptyHint')}>
          <Button component={Link} to="/advocacy/manage/items/new" variant="light">
            {t('advocacyManage.items.new')}
          </Button>
        </Empty>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {items.map((item) => (
            <ItemRow key={item.id} item={item} onArchive={() => setArchiving(item)} />
          ))}
        </Stack>
      )}
      {list.hasNextPage && (
        <Group justify="center">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </Group>
      )}
      <ConfirmDialog
        opened={archiving !== null}
        onClose={() => {
          setArchiving(null);
          archive.reset();
        }}
        title={t('advocacyManage.items.archiveTitle')}
        message={t('advocacyManage.items.archiveBody', { title: archiving?.title ?? '' })}
        confirmLabel={t('advocacyManage.items.archive')}
        onConfirm={confirmArchive}
        loading={archive.isPending}
        error={archive.error}
      />
    </Stack>
  );
}

function ItemRow({ item, onArchive }: { item: ShareItemDto; onArchive: () => void }) {
  const { t, i18n } = useTranslation();
  const titleId = `advocacy-item-${item.id}`;
  return (
    <Card component="li" padding="md" withBorder aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <StateBadge state={item.state} />
          <Badge variant="outline" color="gray">
            {t(`advocacyManage.kind.${item.kind}`)}
          </Badge>
          {item.campaign && (
            <Badge variant="light" color="grape">
              {item.campaign.name}
            </Badge>
          )}
        </Group>
        <Anchor id={titleId} component={Link} to={`/advocacy/manage/items/${item.id}`} fw={700} c="var(--mantine-color-text)">
          {item.title}
        </Anchor>
        <Text size="sm" c="dimmed">
          {item.endsAt
            ? t('advocacyManage.items.dates', {
                from: formatDate(item.startsAt, i18n.language),
                to: formatDate(item.endsAt, i18n.language),
              })
            : t('advocacyManage.items.from', { from: formatDate(item.startsAt, i18n.language) })}
          {' · '}
          {t('advocacyManage.items.shares', { count: item.shareCount })}
          {' · '}
          {t('advocacyManage.items.clicks', { count: item.clickCount })}
        </Text>
        <Group gap="xs" justify="flex-end">
          <Button
            component={Link}
            to={`/advocacy/manage/items/${item.id}`}
            size="xs"
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            aria-label={t('advocacyManage.items.editNamed', { title: item.title })}
          >
            {t('advocacyManage.edit')}
          </Button>
          {item.state !== 'archived' && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconArchive size={16} aria-hidden />}
              onClick={onArchive}
              aria-label={t('advocacyManage.items.archiveNamed', { title: item.title })}
            >
              {t('advocacyManage.items.archive')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
