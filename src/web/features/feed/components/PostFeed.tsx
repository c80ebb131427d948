import { Box, Button, Card, Group, Skeleton, Stack } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import { IconArrowUp, IconNews } from '@tabler/icons-react';
import { type InfiniteData, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Empty, ErrorState } from '../../../components/States.js';
import type { FeedSort } from '../../../../shared/social.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { feedApi, type FeedPage } from '../api.js';
import { type LiveEvent, useLiveEvent } from '../hooks/live.js';
import { feedKey, usePostFeed } from '../hooks/usePosts.js';
import { usePostsLive } from '../hooks/usePostsLive.js';
import { PostCard } from './PostCard.js';

export interface PostFeedProps {
  /** The feed's API address, e.g. `feedUrls.community(id)`. */
  url: string;
  sort?: FeedSort;
  /**
   * Which new posts announced by the server belong to this feed: a channel name (`community:<id>`),
   * `'any'` for every new post the reader may see, or a test of the event. Without it, no banner.
   */
  newPostsFrom?: string | ((e: LiveEvent) => boolean);
  /** Shown when the feed has no posts yet; say what to do first. */
  empty?: ReactNode;
  /** The feed's accessible name. */
  label?: string;
}

export function FeedSkeleton({ count = 3 }: { count?: number }) {
  return (
    <Stack gap="md" aria-hidden>
      {Array.from({ length: count }, (_, i) => (
        <Card key={i} padding="md">
          <Group gap="sm" wrap="nowrap">
            <Skeleton circle height={44} />
            <Box flex={1}>
              <Skeleton height={12} width="40%" mb={8} />
              <Skeleton height={10} width="25%" />
            </Box>
          </Group>
          <Skeleton height={12} mt="md" />
          <Skeleton height={12} mt={8} />
          <Skeleton height={12} mt={8} width="70%" />
          <Group mt="md" gap="lg">
            <Skeleton height={24} width={70} />
            <Skeleton height={24} width={90} />
            <Skeleton height={24} width={70} />
          </Group>
        </Card>
      ))}
    </Stack>
  );
}

/** A list of posts from any feed address, with "Load more", live updates, and a "new posts" banner. */
export function PostFeed({ url, sort, newPostsFrom, empty, label }: PostFeedProps) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const feed = usePostFeed(url, sort);
  const top = useRef<HTMLDivElement>(null);
  const reduceMotion = useReducedMotion();
  const [fresh, setFresh] = useState<string[]>([]);

  const posts = useMemo(() => {
    const seen = new Set<string>();
    return (feed.data?.pages.flatMap((p) => p.items) ?? []).filter((p) => (seen.has(p.id) ? false : (seen.add(p.id), true)));
  }, [feed.data]);
  const ids = useMemo(() => posts.map((p) => p.id), [posts]);
  usePostsLive(ids);

  const myId = me?.user.id;
  const filter = useCallback(
    (e: LiveEvent) => {
      if (e.event !== 'post.created' || !newPostsFrom) {
        return false;
      }
      if (e.payload.authorId === myId) {
        return false;
      }
      if (newPostsFrom === 'any') {
        return true;
      }
      return typeof newPostsFrom === 'string' ? e.channel === newPostsFrom : newPostsFrom(e);
    },
    [newPostsFrom, myId],
  );
  const head = feed.data?.pages[0]?.head ?? null;
  const [counted, setCounted] = useState<number | null>(null);
  const onNewPost = useCallback(
    (e: LiveEvent) => {
      const id = typeof e.payload.postId === 'string' ? e.payload.postId : String(e.id);
      setFresh((list) => (list.includes(id) || ids.includes(id) ? list : [...list, id]));
      // the home feed can say exactly how many new posts reached it (some events are for posts it leaves out)
      if (head) {
        feedApi.news(head).then(
          (n) => setCounted(n.count),
          () => setCounted(null),
        );
      }
    },
    [ids, head],
  );
  useLiveEvent(filter, onNewPost);

  const newCount = fresh.length === 0 ? 0 : (counted ?? fresh.length);

  const showNew = async () => {
    setFresh([]);
    setCounted(null);
    // start again from the newest page rather than refetching every page already loaded
    qc.setQueryData<InfiniteData<FeedPage, string | undefined>>(feedKey(url, sort), (data) =>
      data ? { pages: data.pages.slice(0, 1), pageParams: data.pageParams.slice(0, 1) } : data,
    );
    await feed.refetch();
    const el = top.current;
    if (el) {
      const y = el.getBoundingClientRect().top + window.scrollY - 80;
      window.scrollTo({ top: Math.max(0, y), behavior: reduceMotion ? 'auto' : 'smooth' });
      el.focus({ preventScroll: true });
    }
  };

  return (
    <Box ref={top} tabIndex={-1} style={{ outline: 'none' }} pos="relative">
      <div className="visually-hidden" aria-live="polite" role="status">
        {newCount > 0 ? t('feed.newPosts', { count: newCount }) : ''}
      </div>
      {newCount > 0 && (
        <div className="new-posts-banner">
          <Button
            radius="xl"
            size="sm"
            leftSection={<IconArrowUp size={16} aria-hidden />}
            onClick={() => void showNew()}
            className="new-posts-button"
          >
            {t('feed.newPosts', { count: newCount })}
          </Button>
        </div>
      )}
      {feed.isPending ? (
        <FeedSkeleton />
      ) : feed.isError && posts.length === 0 ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : posts.length === 0 ? (
        (empty ?? <Empty icon={<IconNews size={28} aria-hidden />} title={t('feed.empty.title')} description={t('feed.empty.body')} />)
      ) : (
        <>
          <Stack gap="md" role="feed" aria-label={label ?? t('feed.label')} aria-busy={feed.isFetching}>
            {posts.map((p) => (
              <PostCard key={p.id} post={p} />
            ))}
          </Stack>
          {feed.isFetchNextPageError && (
            <Box mt="md">
              <ErrorState error={feed.error} onRetry={() => void feed.fetchNextPage()} />
            </Box>
          )}
          <LoadMore query={feed} />
        </>
      )}
    </Box>
  );
}
