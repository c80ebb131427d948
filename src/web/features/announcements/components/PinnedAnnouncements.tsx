import { Anchor, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePinnedAnnouncements } from '../hooks/useAnnouncements.js';
import { AckControl, formatWhen, KindBadge } from './AnnouncementBits.js';

/** Announcements pinned on top of the home feed until acknowledged or their pin ends. */
export function PinnedAnnouncements() {
  const { t, i18n } = useTranslation();
  const pinned = usePinnedAnnouncements();
  const items = pinned.data?.items ?? [];
  if (items.length === 0) {
    return null;
  }
  return (
    <section aria-labelledby="pinned-announcements">
      <h2 id="pinned-announcements" className="visually-hidden">
        {t('announcements.pinned.title')}
      </h2>
      <Stack gap="sm">
        {items.map((a) => (
          <Paper
            key={a.id}
            withBorder
            radius="md"
            p="md"
            style={{ borderLeft: `4px solid var(--mantine-color-${a.urgent ? 'red' : 'brand'}-6)` }}
            data-testid="pinned-announcement"
          >
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap">
                <KindBadge urgent={a.urgent} />
                <Text size="sm" c="dimmed">
                  {t('announcements.from', { name: a.author.name, date: formatWhen(a.publishedAt, i18n.language) })}
                </Text>
              </Group>
              <Anchor component={Link} to={`/announcements/${a.id}`} fw={700} fz="lg" c="inherit">
                {a.title}
              </Anchor>
              <AckControl id={a.id} postId={a.postId} requiresAck={a.requiresAck} ackDueAt={a.ackDueAt} mine={a.mine} />
            </Stack>
          </Paper>
        ))}
      </Stack>
    </section>
  );
}
