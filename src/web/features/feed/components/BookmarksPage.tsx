import { IconBookmark } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { feedUrls } from '../api.js';
import { FeedColumn } from './FeedColumn.js';
import { PostFeed } from './PostFeed.js';

/** Posts one saved for later, newest saved first. */
export function BookmarksPage() {
  const { t } = useTranslation();
  return (
    <FeedColumn>
      <PageHeader title={t('feed.bookmarks.title')} description={t('feed.bookmarks.intro')} />
      <PostFeed
        url={feedUrls.bookmarks}
        label={t('feed.bookmarks.title')}
        empty={
          <Empty
            icon={<IconBookmark size={28} aria-hidden />}
            title={t('feed.bookmarks.emptyTitle')}
            description={t('feed.bookmarks.empty')}
          />
        }
      />
    </FeedColumn>
  );
}
