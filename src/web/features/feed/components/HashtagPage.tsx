import { Button, Card, Group, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconHash, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { feedUrls } from '../api.js';
import { useFollowHashtag, useHashtag } from '../hooks/useFollow.js';
import { FeedColumn } from './FeedColumn.js';
import { PostFeed } from './PostFeed.js';

/** Every post with one hashtag, at /hashtags/:tag, with a way to follow it. */
export function HashtagPage() {
  const { tag: raw = '' } = useParams();
  const tag = raw.replace(/^#/, '').toLowerCase();
  const { t } = useTranslation();
  const info = useHashtag(tag);
  const follow = useFollowHashtag(tag);
  useDocumentTitle(`#${tag}`);
  const following = info.data?.following ?? false;

  return (
    <FeedColumn>
      <Card padding="lg" mb="lg">
        <Group justify="space-between" wrap="wrap" gap="md">
          <Group gap="md" wrap="nowrap" miw={0}>
            <ThemeIcon size={52} radius="xl" variant="light">
              <IconHash size={28} aria-hidden />
            </ThemeIcon>
            <Stack gap={2} miw={0}>
              <Title order={1} fz={{ base: 24, sm: 28 }} style={{ overflowWrap: 'anywhere' }}>
                #{tag}
              </Title>
              {info.isPending ? (
                <Skeleton height={12} width={120} />
              ) : (
                <Text c="dimmed" size="sm">
                  {info.data ? t('feed.hashtag.posts', { count: info.data.postCount }) : t('feed.hashtag.topic')}
                </Text>
              )}
            </Stack>
          </Group>
          {info.data && (
            <Button
              variant={following ? 'default' : 'filled'}
              leftSection={following ? <IconCheck size={18} aria-hidden /> : <IconPlus size={18} aria-hidden />}
              aria-pressed={following}
              loading={follow.isPending}
              onClick={() => follow.mutate(!following)}
            >
              {following ? t('feed.follow.following') : t('feed.follow.follow')}
            </Button>
          )}
        </Group>
        <Text size="sm" c="dimmed" mt="sm">
          {following ? t('feed.hashtag.followingHint') : t('feed.hashtag.followHint')}
        </Text>
      </Card>
      <PostFeed
        url={feedUrls.hashtag(tag)}
        label={t('feed.hashtag.label', { tag })}
        empty={
          <Empty
            icon={<IconHash size={28} aria-hidden />}
            title={t('feed.hashtag.emptyTitle')}
            description={t('feed.hashtag.empty', { tag })}
          />
        }
      />
    </FeedColumn>
  );
}
