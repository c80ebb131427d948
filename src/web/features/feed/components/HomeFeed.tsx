import { Group, SegmentedControl, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import type { FeedSort } from '../../../../shared/social.js';
import { feedUrls } from '../api.js';
import { usePostFeed } from '../hooks/usePosts.js';
import { PostFeed } from './PostFeed.js';

export function useHomeSort(): [FeedSort, (s: FeedSort) => void] {
  const [params, setParams] = useSearchParams();
  const sort: FeedSort = params.get('sort') === 'top' ? 'top' : 'latest';
  const set = (s: FeedSort) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (s === 'top') {
          next.set('sort', 'top');
        } else {
          next.delete('sort');
        }
        return next;
      },
      { replace: true },
    );
  return [sort, set];
}

/** Whether the home feed is known to have nothing in it yet (a new company). */
export function useHomeFeedEmpty(): boolean {
  const latest = usePostFeed(feedUrls.home);
  return latest.data?.pages[0]?.items.length === 0;
}

/** The home feed: the newest or the most talked-about posts from one's communities and the people one follows. */
export function HomeFeed({ empty }: { empty?: ReactNode }) {
  const { t } = useTranslation();
  const [sort, setSort] = useHomeSort();
  return (
    <section aria-labelledby="home-feed-title">
      <Group justify="space-between" mb="sm" mt="xs" wrap="nowrap">
        <Text component="h2" id="home-feed-title" fw={700} fz={18} m={0}>
          {t('feed.home.title')}
        </Text>
        <SegmentedControl
          size="sm"
          radius="xl"
          value={sort}
          onChange={(v) => setSort(v === 'top' ? 'top' : 'latest')}
          data={[
            { value: 'latest', label: t('feed.home.latest') },
            { value: 'top', label: t('feed.home.top') },
          ]}
          aria-label={t('feed.home.sort')}
        />
      </Group>
      <PostFeed
        url={feedUrls.home}
        sort={sort === 'top' ? 'top' : undefined}
        newPostsFrom={sort === 'latest' ? 'any' : undefined}
        empty={empty}
        label={t('feed.home.title')}
      />
    </section>
  );
}
