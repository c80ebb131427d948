import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconShare3 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useReadyPreview } from '../hooks/useAdvocacy.js';
import { useShareFlow } from './ShareFlow.js';

const SHOWN = 3;

/** The home page's "ready to share" card: a few items with a Share button; nothing when there is none or the API fails. */
export function ReadyToShareRail() {
  const canShare = useAbility('advocacy.share');
  return canShare ? <Rail /> : null;
}

function Rail() {
  const { t } = useTranslation();
  const ready = useReadyPreview(SHOWN);
  const flow = useShareFlow();
  const items = ready.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <Card padding="md" component="section" aria-labelledby="home-share-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz={16} id="home-share-title">
          {t('advocacy.rail.title')}
        </Title>
        <Anchor component={Link} to="/advocacy" size="sm">
          {t('advocacy.rail.all')}
        </Anchor>
      </Group>
      <Stack gap="sm">
        {items.slice(0, SHOWN).map((i) => (
          <Group key={i.id} gap="sm" wrap="nowrap" justify="space-between" align="flex-start">
            <div style={{ minWidth: 0 }}>
              <Text size="sm" fw={600} lineClamp={2}>
                {i.title}
              </Text>
              {i.campaign && (
                <Text size="xs" c="dimmed" lineClamp={1}>
                  {i.campaign.hashtag ?? i.campaign.name}
                </Text>
              )}
            </div>
            <Button
              size="compact-sm"
              variant="light"
              leftSection={<IconShare3 size={14} aria-hidden />}
              onClick={() => flow.open(i)}
              style={{ flexShrink: 0 }}
              aria-label={t('advocacy.card.shareLabel', { title: i.title })}
            >
              {t('advocacy.card.share')}
            </Button>
          </Group>
        ))}
      </Stack>
      {flow.element}
    </Card>
  );
}
