import { Anchor, Badge, Button, Card, Group, Progress, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconArchive, IconPencil, IconSpeakerphone } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignDto } from '../../../../shared/advocacy.js';
import { formatDate } from '../../../components/format.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { ConfirmDialog } from '../../feed/components/Dialogs.js';
import type { CampaignStateFilter } from '../api.js';
import { useArchiveCampaign, useManagedCampaigns } from '../hooks/useManage.js';
import { campaignProgress } from '../logic.js';
import { toast } from './ManageBits.js';

/** Campaigns with their progress toward the goal; new, edit and archive. */
export function CampaignsTab() {
  const { t } = useTranslation();
  const [state, setState] = useState<CampaignStateFilter>('current');
  const list = useManagedCampaigns(state);
  const [archiving, setArchiving] = useState<CampaignDto | null>(null);
  const archive = useArchiveCampaign();
  const campaigns = list.data?.pages.flatMap((p) => p.items) ?? [];

  const confirmArchive = () => {
    if (archiving) {
      archive.mutate(archiving.id, {
        onSuccess: () => {
          setArchiving(null);
          toast(t('advocacyManage.campaigns.archived'));
        },
      });
    }
  };

  return (
    <Stack gap="md">
      <SegmentedControl
        aria-label={t('advocacyManage.campaigns.filter')}
        value={state}
        onChange={(v) => setState(v)}
        data={(['current', 'past', 'all'] as const).map((s) => ({ value: s, label: t(`advocacyManage.campaigns.${s}`) }))}
        style={{ alignSelf: 'flex-start' }}
      />
      {list.isPending ? (
        <Loading />
      ) : list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : campaigns.length === 0 ? (
        <Empty
          icon={<IconSpeakerphone aria-hidden />}
          title={t('advocacyManage.campaigns.empty')}
          description={t('advocacyManage.campaigns.emptyHint')}
        >
          <Button component={Link} to="/advocacy/manage/campaigns/new" variant="light">
            {t('advocacyManage.campaigns.new')}
          </Button>
        </Empty>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {campaigns.map((c) => (
            <CampaignRow key={c.id} campaign={c} onArchive={() => setArchiving(c)} />
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
        title={t('advocacyManage.campaigns.archiveTitle')}
        message={t('advocacyManage.campaigns.archiveBody', { name: archiving?.name ?? '' })}
        confirmLabel={t('advocacyManage.campaigns.archive')}
        onConfirm={confirmArchive}
        loading={archive.isPending}
        error={archive.error}
      />
    </Stack>
  );
}

function CampaignRow({ campaign: c, onArchive }: { campaign: CampaignDto; onArchive: () => void }) {
  const { t, i18n } = useTranslation();
  const progress = campaignProgress(c);
  const titleId = `advocacy-campaign-${c.id}`;
  const metric = t(`advocacyManage.metric.${c.goalMetric}`, { count: progress.value });
  return (
    <Card component="li" padding="md" withBorder aria-labelledby={titleId}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          {c.archivedAt && (
            <Badge color="dark" variant="light">
              {t('advocacyManage.state.archived')}
            </Badge>
          )}
          {c.hashtag && (
            <Badge variant="outline" color="grape" tt="none">
              {`#${c.hashtag.replace(/^#/, '')}`}
            </Badge>
          )}
        </Group>
        <Anchor id={titleId} component={Link} to={`/advocacy/manage/campaigns/${c.id}`} fw={700} c="var(--mantine-color-text)">
          {c.name}
        </Anchor>
        <Text size="sm" c="dimmed">
          {c.startsAt || c.endsAt
            ? t('advocacyManage.campaigns.dates', { from: formatDate(c.startsAt, i18n.language), to: formatDate(c.endsAt, i18n.language) })
            : t('advocacyManage.campaigns.noDates')}
          {' · '}
          {t('advocacyManage.campaigns.items', { count: c.progress.items })}
          {' · '}
          {t('advocacyManage.campaigns.sharers', { count: c.progress.sharers })}
        </Text>
        {progress.percent === null ? (
          <Text size="sm">{metric}</Text>
        ) : (
          <Stack gap={4}>
            <Text size="sm">
              {t('advocacyManage.campaigns.towardGoal', { value: metric, goal: c.goal ?? 0, percent: progress.percent })}
            </Text>
            <Progress value={progress.percent} aria-label={t('advocacyManage.campaigns.progressLabel', { name: c.name })} />
          </Stack>
        )}
        <Group gap="xs" justify="flex-end">
          <Button
            component={Link}
            to={`/advocacy/manage/campaigns/${c.id}`}
            size="xs"
            variant="light"
            leftSection={<IconPencil size={16} aria-hidden />}
            aria-label={t('advocacyManage.campaigns.editNamed', { name: c.name })}
          >
            {t('advocacyManage.edit')}
          </Button>
          {!c.archivedAt && (
            <Button
              size="xs"
              variant="subtle"
              color="red"
              leftSection={<IconArchive size={16} aria-hidden />}
              onClick={onArchive}
              aria-label={t('advocacyManage.campaigns.archiveNamed', { name: c.name })}
            >
              {t('advocacyManage.campaigns.archive')}
            </Button>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
