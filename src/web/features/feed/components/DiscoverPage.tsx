import { Button } from '@mantine/core';
import { IconCompass } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { feedUrls } from '../api.js';
import { FeedColumn } from './FeedColumn.js';
import { PostFeed } from './PostFeed.js';

/** Popular conversations from across the organisation, beyond the people and communities one follows. */
export function DiscoverPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  return (
    <FeedColumn>
      <PageHeader title={t('feed.discover.title')} description={t('feed.discover.intro', { org: me?.org.name ?? '' })} />
      <PostFeed
        url={feedUrls.discover}
        label={t('feed.discover.title')}
        empty={
          <Empty icon={<IconCompass size={28} aria-hidden />} title={t('feed.discover.emptyTitle')} description={t('feed.discover.empty')}>
            <Button component={Link} to="/">
              {t('feed.discover.write')}
            </Button>
          </Empty>
        }
      />
    </FeedColumn>
  );
}
