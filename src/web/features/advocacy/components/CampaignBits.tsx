import { Anchor, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignDto } from '../../../../shared/advocacy.js';
import { formatDate } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import { campaignProgress } from '../logic.js';

/** "12 Mar – 30 Apr 2026", "from 12 Mar", "until 30 Apr", or nothing. */
export function useCampaignDates() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (c: Pick<CampaignDto, 'startsAt' | 'endsAt'>): string | null => {
    if (c.startsAt && c.endsAt) {
      return t('advocacy.campaign.dates', { from: formatDate(c.startsAt, lng), to: formatDate(c.endsAt, lng) });
    }
    if (c.startsAt) {
      return t('advocacy.campaign.from', { date: formatDate(c.startsAt, lng) });
    }
    if (c.endsAt) {
      return t('advocacy.campaign.until', { date: formatDate(c.endsAt, lng) });
    }
    return null;
  };
}

/** Progress toward the goal as a bar with the numbers written out (the bar alone would say nothing to a screen reader). */
export function GoalProgress({ campaign, size = 'md' }: { campaign: CampaignDto; size?: 'sm' | 'md' | 'lg' }) {
  const { t } = useTranslation();
  const p = campaignProgress(campaign);
  const metric = campaign.goalMetric;
  const label =
    p.goal === null
      ? t(`advocacy.campaign.soFar.${metric}`, { count: p.value })
      : t(`advocacy.campaign.toward.${metric}`, { value: p.value, goal: p.goal, percent: p.percent });
  return (
    <Stack gap={4}>
      {p.percent !== null && (
        <Progress value={p.percent} size={size} radius="xl" color={p.percent >= 100 ? 'teal' : 'brand'} aria-label={label} />
      )}
      <Text size="sm" c="dimmed">
        {label}
        {p.percent !== null && p.percent >= 100 ? ` · ${t('advocacy.campaign.reached')}` : ''}
      </Text>
    </Stack>
  );
}

/** A campaign in a list: name (a link to its page), hashtag, dates, progress. */
export function CampaignCard({ campaign }: { campaign: CampaignDto }) {
  const { t } = useTranslation();
  const dates = useCampaignDates()(campaign);
  return (
    <Card withBorder padding="md">
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} fz="lg">
            <Anchor component={Link} to={`/advocacy/campaigns/${campaign.id}`} inherit>
              {campaign.name}
            </Anchor>
          </Title>
          {campaign.hashtag && (
            <Badge variant="light" style={{ textTransform: 'none' }}>
              {campaign.hashtag}
            </Badge>
          )}
        </Group>
        {dates && (
          <Text size="sm" c="dimmed">
            {dates}
          </Text>
        )}
        {campaign.description && (
          <Text size="sm" lineClamp={2}>
            {campaign.description}
          </Text>
        )}
        <GoalProgress campaign={campaign} size="sm" />
        <Text size="xs" c="dimmed">
          {t('advocacy.campaign.items', { count: campaign.progress.items })} ·{' '}
          {t('advocacy.campaign.sharers', { count: campaign.progress.sharers })}
        </Text>
      </Stack>
    </Card>
  );
}
