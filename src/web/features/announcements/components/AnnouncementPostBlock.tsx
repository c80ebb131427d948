import { Anchor, Group, Paper } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostView } from '../../feed/api.js';
import { AckControl, KindBadge } from './AnnouncementBits.js';

/** An announcement post's badge, the reader's acknowledgement, and the sender's way to its delivery. */
export function AnnouncementPostBlock({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const a = post.announcement;
  if (!a) {
    return null;
  }
  return (
    <Paper withBorder radius="md" p="sm" mt="xs" bg={a.urgent ? 'var(--mantine-color-red-light)' : undefined}>
      <Group justify="space-between" wrap="wrap" gap="sm">
        <KindBadge urgent={a.urgent} />
        <Group gap="md" wrap="wrap">
          <AckControl id={a.id} postId={post.id} requiresAck={a.requiresAck} ackDueAt={a.ackDueAt} mine={a.mine} size="xs" />
          {a.canSeeStats && (
            <Anchor component={Link} to={`/announcements/${a.id}`} size="sm">
              {t('announcements.post.stats')}
            </Anchor>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
