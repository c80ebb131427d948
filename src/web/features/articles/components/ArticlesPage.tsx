import { Badge, Button, Card, Group, Image, Stack, Tabs, Text, Anchor } from '@mantine/core';
import { IconArticle, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import { dateLocale } from '../../../components/format.js';
import type { ArticleListItem, ArticleStatus } from '../api.js';
import { useMyArticles } from '../hooks/useArticles.js';

const TABS: ArticleStatus[] = ['draft', 'scheduled', 'published', 'unpublished'];

/** A date and time in the reader's language, e.g. "18 Mar 2026, 09:30". */
export function formatDateTime(iso: string | null, lng: string): string {
  return iso ? new Date(iso).toLocaleString(dateLocale(lng), { dateStyle: 'medium', timeStyle: 'short' }) : '';
}

/** The person's articles: drafts, scheduled, published. */
export function ArticlesPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<ArticleStatus>('draft');
  return (
    <Stack gap="md" maw={760}>
      <PageHeader
        title={t('articles.mine')}
        description={t('articles.mineHint')}
        actions={
          <Button component={Link} to="/articles/new" leftSection={<IconPlus size={18} aria-hidden />}>
            {t('articles.write')}
          </Button>
        }
      />
      <Tabs value={tab} onChange={(v) => setTab((v as ArticleStatus | null) ?? 'draft')} keepMounted={false}>
        <Tabs.List>
          {TABS.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`articles.tabs.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map((s) => (
          <Tabs.Panel key={s} value={s} pt="md">
            <ArticleList status={s} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

function ArticleList({ status }: { status: ArticleStatus }) {
  const { t } = useTranslation();
  const query = useMyArticles(status);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <PagedList
      query={query}
      items={items}
      empty={
        <Empty icon={<IconArticle aria-hidden />} title={t(`articles.empty.${status}`)} description={t('articles.emptyHint')}>
          <Button component={Link} to="/articles/new" variant="light">
            {t('articles.write')}
          </Button>
        </Empty>
      }
    >
      {(list) => (
        <Stack gap="sm">
          {list.map((a) => (
            <ArticleRow key={a.id} article={a} />
          ))}
        </Stack>
      )}
    </PagedList>
  );
}

function ArticleRow({ article: a }: { article: ArticleListItem }) {
  const { t, i18n } = useTranslation();
  const when =
    a.status === 'scheduled'
      ? t('articles.scheduledFor', { when: formatDateTime(a.publishAt, i18n.language) })
      : a.status === 'published'
        ? t('articles.publishedOn', { when: formatDateTime(a.publishedAt, i18n.language) })
        : t('articles.editedOn', { when: formatDateTime(a.updatedAt, i18n.language) });
  return (
    <Card withBorder padding="sm" radius="md">
      <Group wrap="nowrap" align="flex-start" gap="sm">
        {a.coverUrl && <Image src={a.coverUrl} alt="" w={96} h={64} radius="sm" fit="cover" visibleFrom="xs" />}
        <Stack gap={4} miw={0} style={{ flex: 1 }}>
          <Anchor component={Link} to={a.status === 'published' ? `/articles/${a.id}` : `/articles/${a.id}/edit`} fw={700}>
            {a.title}
          </Anchor>
          <Text size="xs" c="dimmed">
            {when}
            {' · '}
            {a.community ? a.community.name : t('articles.onProfile')}
            {' · '}
            {t('articles.readingTime', { count: a.readingMinutes })}
          </Text>
          {a.unpublishAt && (
            <Badge variant="light" color="gray" size="sm">
              {t('articles.endsOn', { when: formatDateTime(a.unpublishAt, i18n.language) })}
            </Badge>
          )}
        </Stack>
        <Button
          component={Link}
          to={`/articles/${a.id}/edit`}
          variant="subtle"
          size="xs"
          aria-label={t('articles.editTitle', { title: a.title })}
        >
          {t('articles.edit')}
        </Button>
      </Group>
    </Card>
  );
}
