import { Anchor, Badge, Button, Card, Group, Image, Stack, Text, Title } from '@mantine/core';
import { IconCalendarEvent, IconCheck, IconClick, IconExternalLink, IconShare3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { ShareItemDto } from '../../../../shared/advocacy.js';
import { formatDate } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import { NETWORK_ORDER } from '../logic.js';

/** An item ready to share: what it is, until when, where the reader already shared it, and the Share button. */
export function ShareItemCard({
  item,
  onShare,
  hideCampaign = false,
}: {
  item: ShareItemDto;
  onShare: () => void;
  hideCampaign?: boolean;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const titleId = `share-item-${item.id}`;
  const shared = NETWORK_ORDER.filter((n) => item.mySharedNetworks.includes(n));

  return (
    <Card withBorder padding="md" component="article" aria-labelledby={titleId}>
      {item.imageUrl && (
        <Card.Section mb="sm">
          <Image src={item.imageUrl} alt="" h={180} fit="cover" loading="lazy" />
        </Card.Section>
      )}
      <Stack gap="xs">
        {(item.campaign && !hideCampaign) || item.endsAt ? (
          <Group gap="xs" wrap="wrap">
            {item.campaign && !hideCampaign && (
              <Badge
                component={Link}
                to={`/advocacy/campaigns/${item.campaign.id}`}
                variant="light"
                style={{ cursor: 'pointer', textTransform: 'none' }}
              >
                {t('advocacy.card.campaign', { name: item.campaign.name })}
              </Badge>
            )}
            {item.endsAt && (
              <Group gap={4} wrap="nowrap">
                <IconCalendarEvent size={14} aria-hidden color="var(--mantine-color-dimmed)" />
                <Text size="xs" c="dimmed">
                  {t('advocacy.card.until', { date: formatDate(item.endsAt, lng) })}
                </Text>
              </Group>
            )}
          </Group>
        ) : null}
        <Title order={3} fz="lg" id={titleId} lineClamp={2}>
          {item.title}
        </Title>
        {item.summary && (
          <Text size="sm" c="dimmed" lineClamp={3}>
            {item.summary}
          </Text>
        )}
        <Group gap="md" wrap="wrap">
          <Group gap={4} wrap="nowrap">
            <IconShare3 size={16} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              {t('advocacy.card.shares', { count: item.shareCount })}
            </Text>
          </Group>
          <Group gap={4} wrap="nowrap">
            <IconClick size={16} aria-hidden color="var(--mantine-color-dimmed)" />
            <Text size="sm" c="dimmed">
              {t('advocacy.card.clicks', { count: item.clickCount })}
            </Text>
          </Group>
        </Group>
        {shared.length > 0 && (
          <Group gap={6} wrap="wrap">
            <IconCheck size={16} aria-hidden color="var(--mantine-color-teal-7)" />
            <Text size="sm">{t('advocacy.card.sharedTo', { networks: shared.map((n) => t(`advocacy.networks.${n}`)).join(', ') })}</Text>
          </Group>
        )}
        <Group justify="space-between" mt={4} wrap="wrap" gap="sm">
          <Anchor href={item.url} target="_blank" rel="noopener noreferrer" size="sm">
            <Group gap={4} component="span" wrap="nowrap">
              {t('advocacy.card.open')}
              <IconExternalLink size={14} aria-hidden />
              <span className="visually-hidden">{t('advocacy.card.newTab')}</span>
            </Group>
          </Anchor>
          <Button
            leftSection={<IconShare3 size={18} aria-hidden />}
            onClick={onShare}
            aria-label={t('advocacy.card.shareLabel', { title: item.title })}
          >
            {t('advocacy.card.share')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
