import { Anchor, Box, Group, Image, Text, Title } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PostView } from '../../feed/api.js';

/** An article's card in a feed: cover, title, summary, reading time, and a link to read it. */
export function ArticlePostBody({ post }: { post: PostView }) {
  const { t } = useTranslation();
  const a = post.article;
  if (!a) {
    return null;
  }
  const to = `/articles/${a.id}`;
  return (
    <Box className="article-card">
      {a.coverUrl && (
        <Link to={to} tabIndex={-1} aria-hidden>
          <Image src={a.coverUrl} alt="" radius="md" h={180} fit="cover" mb="sm" loading="lazy" />
        </Link>
      )}
      <Title order={3} fz="lg" mb={4}>
        <Anchor component={Link} to={to} c="var(--mantine-color-text)" underline="hover">
          {a.title}
        </Anchor>
      </Title>
      {a.summary && (
        <Text size="sm" c="dimmed" lineClamp={3} mb={6}>
          {a.summary}
        </Text>
      )}
      <Group gap="md">
        <Group gap={4} c="dimmed">
          <IconClock size={14} aria-hidden />
          <Text size="xs">{t('articles.readingTime', { count: a.readingMinutes })}</Text>
        </Group>
        <Anchor component={Link} to={to} size="sm" fw={600} aria-label={t('articles.readTitle', { title: a.title })}>
          {t('articles.read')}
        </Anchor>
      </Group>
    </Box>
  );
}
