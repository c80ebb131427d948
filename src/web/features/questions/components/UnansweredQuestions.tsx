import { Anchor, Card, Group, SegmentedControl, Stack, Text } from '@mantine/core';
import { IconMessageQuestion } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import type { Community } from '../../communities/api.js';
import { RelativeTime } from '../../feed/components/RelativeTime.js';
import type { QuestionStatus } from '../api.js';
import { useCommunityQuestions } from '../hooks/useQuestions.js';

/** The start of a question as plain text for a list (the HTML is parsed, never inserted). */
function firstLine(html: string): string {
  const text = (new DOMParser().parseFromString(html, 'text/html').body.textContent ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 160 ? `${text.slice(0, 159)}…` : text;
}

/** A community's unanswered questions. */
export function UnansweredQuestions({ community }: { community: Community }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<QuestionStatus>('unanswered');
  const list = useCommunityQuestions(community.id, status);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="sm">
      <SegmentedControl
        value={status}
        onChange={setStatus}
        aria-label={t('questions.list.filter')}
        data={[
          { value: 'unanswered', label: t('questions.list.unanswered') },
          { value: 'answered', label: t('questions.list.answered') },
          { value: 'all', label: t('questions.list.all') },
        ]}
      />
      <PagedList
        query={list}
        items={items}
        empty={
          <Empty
            icon={<IconMessageQuestion size={28} aria-hidden />}
            title={status === 'unanswered' ? t('questions.list.emptyUnanswered') : t('questions.list.empty')}
            description={t('questions.list.emptyHint')}
          />
        }
      >
        {(posts) => (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {posts.map((p) => (
              <Card key={p.id} component="li" padding="sm" withBorder>
                <Anchor component={Link} to={`/posts/${p.id}`} fw={600}>
                  {firstLine(p.html) || t('questions.badge')}
                </Anchor>
                <Group gap="xs" mt={4}>
                  <Text size="xs" c="dimmed">
                    {p.author.name} · <RelativeTime iso={p.createdAt} />
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t('questions.list.answers', { count: p.commentCount })}
                  </Text>
                </Group>
              </Card>
            ))}
          </Stack>
        )}
      </PagedList>
    </Stack>
  );
}
