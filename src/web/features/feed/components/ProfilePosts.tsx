import { Box, Group, Text, Title } from '@mantine/core';
import { IconMessageCircle2 } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Empty } from '../../../components/States.js';
import { feedUrls } from '../api.js';
import { useFollowState } from '../hooks/useFollow.js';
import { Composer } from './Composer.js';
import { PostFeed } from './PostFeed.js';

/** A person's posts on their profile; on one's own profile, a box to write one. */
export function ProfilePosts({ personId, name, isMe }: { personId: string; name: string; isMe: boolean }) {
  const { t } = useTranslation();
  const follow = useFollowState(personId);
  const first = name.split(/\s+/)[0] ?? name;
  return (
    <Box component="section" aria-labelledby="profile-posts" maw={680}>
      <Group justify="space-between" align="baseline" mb="sm" wrap="wrap" gap="xs">
        <Title order={2} fz={20} id="profile-posts">
          {isMe ? t('feed.profile.mine') : t('feed.profile.theirs', { name: first })}
        </Title>
        {follow.data && (
          <Text size="sm" c="dimmed">
            {t('feed.profile.followers', { count: follow.data.followerCount })} ·{' '}
            {t('feed.profile.following', { count: follow.data.followingCount })}
          </Text>
        )}
      </Group>
      {isMe && (
        <Box mb="md">
          <Composer communityId={null} placeholder={t('feed.profile.prompt')} />
        </Box>
      )}
      <PostFeed
        url={feedUrls.person(personId)}
        newPostsFrom={isMe ? undefined : `profile:${personId}`}
        label={isMe ? t('feed.profile.mine') : t('feed.profile.theirs', { name: first })}
        empty={
          <Empty
            icon={<IconMessageCircle2 size={28} aria-hidden />}
            title={isMe ? t('feed.profile.emptyMineTitle') : t('feed.profile.emptyTitle', { name: first })}
            description={isMe ? t('feed.profile.emptyMine') : t('feed.profile.empty', { name: first })}
          />
        }
      />
    </Box>
  );
}
