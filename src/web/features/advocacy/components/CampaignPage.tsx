import { Anchor, Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { PageHeader, useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useCampaign } from '../hooks/useAdvocacy.js';
import { GoalProgress, useCampaignDates } from './CampaignBits.js';
import { ReadyList } from './ReadyList.js';

/** One campaign: what it is about, its progress toward the goal, and its items ready to share. */
export function CampaignPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const campaign = useCampaign(id);
  const dates = useCampaignDates();
  useDocumentTitle(campaign.data?.name ?? t('advocacy.title'));

  const back = (
    <Anchor component={Link} to="/advocacy?tab=campaigns" size="sm">
      <Group gap={4} component="span">
        <IconArrowLeft size={16} aria-hidden />
        {t('advocacy.campaign.back')}
      </Group>
    </Anchor>
  );

  if (campaign.isPending) {
    return <Loading />;
  }
  if (campaign.isError) {
    return (
      <Box maw={960} mx="auto">
        <Stack gap="md">
          {back}
          {campaign.error instanceof ApiError && campaign.error.status === 404 ? (
            <Empty icon={<IconArrowLeft aria-hidden />} title={t('advocacy.campaign.notFound')} />
          ) : (
            <ErrorState error={campaign.error} onRetry={() => void campaign.refetch()} />
          )}
        </Stack>
      </Box>
    );
  }
  const c = campaign.data;
  const when = dates(c);
  return (
    <Box maw={960} mx="auto">
      <Stack gap={4} mb="sm">
        {back}
      </Stack>
      <PageHeader
        title={c.name}
        description={
          <Group gap="xs" component="span" wrap="wrap">
            {c.hashtag && (
              <Badge variant="light" style={{ textTransform: 'none' }} component="span">
                {c.hashtag}
              </Badge>
            )}
            {when && <span>{when}</span>}
            {c.archivedAt && (
              <Badge color="gray" component="span">
                {t('advocacy.campaign.archived')}
              </Badge>
            )}
          </Group>
        }
      />
      <Stack gap="lg">
        {c.description && <Text style={{ whiteSpace: 'pre-wrap' }}>{c.description}</Text>}
        <Paper withBorder p="md" radius="md">
          <Stack gap="xs">
            <Title order={2} fz="md">
              {t('advocacy.campaign.progress')}
            </Title>
            <GoalProgress campaign={c} size="lg" />
            <Text size="sm" c="dimmed">
              {t('advocacy.campaign.totals', { shares: c.progress.shares, clicks: c.progress.clicks, sharers: c.progress.sharers })}
            </Text>
          </Stack>
        </Paper>
        <section aria-labelledby="campaign-ready">
          <Title order={2} fz="lg" id="campaign-ready" mb="sm">
            {t('advocacy.campaign.ready')}
          </Title>
          <ReadyList campaignId={c.id} />
        </section>
      </Stack>
    </Box>
  );
}
