import { Anchor, Badge, Box, Button, Card, Divider, Group, Image, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { CommentsSection } from '../../feed/components/Comments.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { ReactButton, ReactionSummary, ReactorsModal } from '../../feed/components/Reactions.js';
import { usePost, usePostReaction } from '../../feed/hooks/usePosts.js';
import type { PostView } from '../../feed/api.js';
import { useArticle } from '../hooks/useArticles.js';
import { formatDateTime } from './ArticlesPage.js';
import './articles.css';

/** An article to read, with its reactions and comments. */
export function ArticlePage() {
  const { t, i18n } = useTranslation();
  const { id } = useParams();
  const query = useArticle(id);
  const a = query.data;
  useDocumentTitle(a?.title ?? t('articles.title'));
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError || !a) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return (
    <Box component="article" className="article-page" aria-labelledby="article-title">
      {a.status !== 'published' && (
        <Badge color="yellow" variant="light" mb="sm">
          {t(`articles.tabs.${a.status}`)}
        </Badge>
      )}
      {a.coverUrl && <Image src={a.coverUrl} alt="" radius="md" mah={360} fit="cover" mb="lg" />}
      <Title order={1} id="article-title" fz={{ base: 28, sm: 36 }} lh={1.2} mb="md">
        {a.title}
      </Title>
      {a.summary && (
        <Text size="lg" c="dimmed" mb="md">
          {a.summary}
        </Text>
      )}
      <Group justify="space-between" wrap="wrap" gap="sm" mb="lg">
        <Group gap="sm" wrap="nowrap">
          <UserAvatar name={a.author.name} photoUrl={a.author.photoUrl} size={40} />
          <Stack gap={0}>
            <Anchor component={Link} to={`/people/${a.author.id}`} fw={700} c="var(--mantine-color-text)">
              {a.author.name}
            </Anchor>
            <Text size="sm" c="dimmed">
              {a.publishedAt ? formatDateTime(a.publishedAt, i18n.language) : t('articles.notPublished')}
              {a.community && (
                <>
                  {' · '}
                  <Anchor component={Link} to={`/communities/${a.community.slug}`} c="dimmed" size="sm">
                    {a.community.name}
                  </Anchor>
                </>
              )}
            </Text>
          </Stack>
        </Group>
        <Group gap="sm">
          <Group gap={4} c="dimmed">
            <IconClock size={16} aria-hidden />
            <Text size="sm">{t('articles.readingTime', { count: a.readingMinutes })}</Text>
          </Group>
          {a.abilities.canEdit && (
            <Button
              component={Link}
              to={`/articles/${a.id}/edit`}
              variant="light"
              size="xs"
              leftSection={<IconPencil size={16} aria-hidden />}
            >
              {t('articles.edit')}
            </Button>
          )}
        </Group>
      </Group>
      <PostHtml html={a.html} className="article-body" />
      {a.postId && <ArticleConversation postId={a.postId} />}
    </Box>
  );
}

/** The reactions and comments of the article's feed post. */
function ArticleConversation({ postId }: { postId: string }) {
  const post = usePost(postId);
  if (!post.data) {
    return null;
  }
  return <Conversation post={post.data} />;
}

function Conversation({ post }: { post: PostView }) {
  const [reactors, setReactors] = useState(false);
  const react = usePostReaction(post);
  return (
    <Card withBorder padding={0} radius="md" mt="xl">
      <Group justify="space-between" px="md" py="xs">
        {post.abilities.canInteract && <ReactButton mine={post.myReaction} onReact={(k) => react.mutate(k)} />}
        <ReactionSummary counts={post.reactionCounts} total={post.reactionCount} onOpen={() => setReactors(true)} />
      </Group>
      <Divider />
      <CommentsSection post={post} />
      {reactors && (
        <ReactorsModal
          target="posts"
          id={post.id}
          counts={post.reactionCounts}
          total={post.reactionCount}
          opened
          onClose={() => setReactors(false)}
        />
      )}
    </Card>
  );
}
