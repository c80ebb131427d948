import { Anchor, Button, Group } from '@mantine/core';
import { IconArrowLeft, IconMessageOff } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { usePost } from '../hooks/usePosts.js';
import { usePostsLive } from '../hooks/usePostsLive.js';
import { FeedColumn } from './FeedColumn.js';
import { PostCard } from './PostCard.js';
import { FeedSkeleton } from './PostFeed.js';

/** One post with its whole conversation, at /posts/:id. */
export function PostDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const post = usePost(id);
  const ids = useMemo(() => [id], [id]);
  usePostsLive(ids);
  useDocumentTitle(post.data ? t('feed.detail.title', { name: post.data.author.name }) : t('feed.detail.titlePlain'));

  const back = () => {
    if (window.history.length > 1) {
      void navigate(-1);
    } else {
      void navigate('/');
    }
  };

  return (
    <FeedColumn>
      <Group mb="md">
        <Button variant="subtle" color="gray" leftSection={<IconArrowLeft size={18} aria-hidden />} onClick={back} px={8}>
          {t('feed.detail.back')}
        </Button>
      </Group>
      <h1 className="visually-hidden">
        {post.data ? t('feed.detail.title', { name: post.data.author.name }) : t('feed.detail.titlePlain')}
      </h1>
      {post.isPending ? (
        <FeedSkeleton count={1} />
      ) : post.isError && !post.data ? (
        post.error instanceof ApiError && post.error.status === 404 ? (
          <Empty icon={<IconMessageOff size={28} aria-hidden />} title={t('feed.detail.goneTitle')} description={t('feed.detail.gone')}>
            <Anchor component={Link} to="/">
              {t('feed.detail.home')}
            </Anchor>
          </Empty>
        ) : (
          <ErrorState error={post.error} onRetry={() => void post.refetch()} />
        )
      ) : post.data ? (
        <PostCard post={post.data} detail />
      ) : null}
    </FeedColumn>
  );
}
