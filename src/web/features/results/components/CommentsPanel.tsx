import { Alert, Paper, Skeleton, Stack, Text, TextInput, VisuallyHidden } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconEyeOff, IconHourglass, IconMessageOff, IconSearch, IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadMore } from '../../../components/LoadMore.js';
import { Section } from '../../../components/Section.js';
import { ErrorState } from '../../../components/States.js';
import type { ResultFilter, ResultsQuestion } from '../api.js';
import { useComments } from '../hooks/useResults.js';
import { useResultsFormat } from '../hooks/useResultsFormat.js';

/** Long enough for a phrase; the server caps it too. */
const SEARCH_MAX = 100;

/**
 * Written answers of the group, as plain text, in the random (but stable) order the server gives,
 * dated by their round only. Search narrows them; nothing is shown for groups below the comment
 * threshold.
 */
export function CommentsPanel({
  surveyId,
  round,
  filter,
  commentThreshold,
  questions,
}: {
  surveyId: string;
  round: string;
  filter: ResultFilter;
  commentThreshold: number;
  questions: ResultsQuestion[];
}) {
  const { t } = useTranslation();
  const f = useResultsFormat();
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 350);
  const comments = useComments(surveyId, { round, ...filter, q: search || undefined }, true);
  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];
  const status = comments.data?.pages[0]?.status;
  const questionText = new Map(questions.map((x) => [x.id, x.text]));

  let body: ReactNode;
  if (comments.isPending) {
    body = (
      <Stack gap="sm" aria-hidden>
        <Skeleton height={64} radius="md" />
        <Skeleton height={64} radius="md" />
        <Skeleton height={64} radius="md" />
      </Stack>
    );
  } else if (comments.isError && items.length === 0) {
    body = <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />;
  } else if (status && status !== 'shown') {
    const look = {
      too_few: { icon: <IconHourglass aria-hidden />, text: t('results.comments.too_few', { n: commentThreshold }), color: 'gray' },
      suppressed: { icon: <IconEyeOff aria-hidden />, text: t('results.cell.suppressed', { n: commentThreshold }), color: 'gray' },
      unavailable: { icon: <IconAlertTriangle aria-hidden />, text: t('results.cell.unavailable'), color: 'orange' },
    }[status];
    body = (
      <Alert variant="light" color={look.color} icon={look.icon} role="status">
        {look.text}
      </Alert>
    );
  } else if (items.length === 0) {
    body = (
      <Stack align="center" gap={4} py="lg">
        <IconMessageOff size={28} aria-hidden color="var(--mantine-color-dimmed)" />
        <Text size="sm" c="dimmed" ta="center">
          {search ? t('results.comments.emptySearch', { q: search }) : t('results.comments.empty')}
        </Text>
      </Stack>
    );
  } else {
    body = (
      <>
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((c, i) => (
            <Paper component="li" key={`${c.roundNumber}-${i}`} withBorder p="md" radius="md">
              <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                {c.text}
              </Text>
              <Text size="xs" c="dimmed" mt={6}>
                {[
                  t('results.comments.round', { number: c.roundNumber, date: f.date(c.roundDate) }),
                  questionText.has(c.questionId) ? t('results.comments.question', { question: questionText.get(c.questionId) }) : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Paper>
          ))}
        </Stack>
        {comments.isError && <ErrorState error={comments.error} onRetry={() => void comments.fetchNextPage()} />}
        <LoadMore query={comments} />
      </>
    );
  }

  return (
    <Section
      id="results-comments"
      title={t('results.comments.title')}
      description={t('results.comments.description', { n: commentThreshold })}
    >
      <Stack gap="md">
        <TextInput
          type="search"
          label={t('results.comments.search')}
          placeholder={t('results.comments.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          maxLength={SEARCH_MAX}
          onChange={(e) => setQ(e.currentTarget.value)}
          size="sm"
          maw={420}
        />
        <div aria-busy={comments.isFetching}>{body}</div>
        <VisuallyHidden aria-live="polite">
          {!comments.isPending && status === 'shown' ? t('results.comments.shown', { count: items.length, n: f.number(items.length) }) : ''}
        </VisuallyHidden>
      </Stack>
    </Section>
  );
}
