import { Button, Checkbox, Group, Progress, Radio, Stack, Text } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PollExtra, PostView } from '../../feed/api.js';
import { refreshPost } from '../../feed/hooks/usePosts.js';
import { useQuestionErrorText } from '../hooks/useQuestionError.js';
import { useVote } from '../hooks/useQuestions.js';

/** A poll: vote and see results live. */
export function PollPostBlock({ post }: { post: PostView }) {
  const poll = post.poll;
  if (!poll) {
    return null;
  }
  return <Poll postId={post.id} poll={poll} canVote={post.abilities.canInteract} />;
}

function Poll({ postId, poll, canVote }: { postId: string; poll: PollExtra; canVote: boolean }) {
  const { t, i18n } = useTranslation();
  const [chosen, setChosen] = useState<string[]>([]);
  const vote = useVote(postId);
  const errorText = useQuestionErrorText();
  const voting = canVote && !poll.closed && !poll.hasVoted;
  useRefreshAtClose(postId, poll);
  const closes = poll.closesAt
    ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(poll.closesAt))
    : null;
  const legend = poll.multiple ? t('questions.poll.chooseMany') : t('questions.poll.chooseOne');

  return (
    <Stack gap="xs" mt="sm" component="section" aria-label={t('questions.poll.label')}>
      {voting ? (
        <>
          {poll.multiple ? (
            <Checkbox.Group value={chosen} onChange={setChosen} label={legend}>
              <Stack gap={6} mt={6}>
                {poll.options.map((o) => (
                  <Checkbox key={o.id} value={o.id} label={o.label} />
                ))}
              </Stack>
            </Checkbox.Group>
          ) : (
            <Radio.Group value={chosen[0] ?? null} onChange={(v) => setChosen([v])} label={legend}>
              <Stack gap={6} mt={6}>
                {poll.options.map((o) => (
                  <Radio key={o.id} value={o.id} label={o.label} />
                ))}
              </Stack>
            </Radio.Group>
          )}
          <Group>
            <Button size="xs" disabled={chosen.length === 0} loading={vote.isPending} onClick={() => vote.mutate(chosen)}>
              {t('questions.poll.vote')}
            </Button>
          </Group>
          {vote.isError && (
            <Text size="sm" c="red.8" role="alert">
              {errorText(vote.error)}
            </Text>
          )}
        </>
      ) : poll.resultsShown ? (
        <Results poll={poll} />
      ) : (
        <Stack gap={4}>
          {poll.options.map((o) => (
            <Text key={o.id} size="sm">
              {o.label}
            </Text>
          ))}
        </Stack>
      )}
      <Group gap="xs" wrap="wrap">
        {poll.resultsShown && (
          <Text size="xs" c="dimmed">
            {t('questions.poll.votes', { count: poll.voterCount })}
          </Text>
        )}
        {poll.hasVoted && (
          <Text size="xs" c="teal.8" fw={600}>
            {t('questions.poll.voted')}
          </Text>
        )}
        {closes && (
          <Text size="xs" c="dimmed">
            {poll.closed ? t('questions.poll.closedAt', { when: closes }) : t('questions.poll.closesAt', { when: closes })}
          </Text>
        )}
        {!closes && poll.closed && (
          <Text size="xs" c="dimmed">
            {t('questions.poll.closed')}
          </Text>
        )}
      </Group>
      {poll.anonymous && (
        <Group gap={4} wrap="nowrap">
          <IconLock size={14} aria-hidden />
          <Text size="xs" c="dimmed">
            {poll.resultsShown ? t('questions.poll.anonymous') : t('questions.poll.threshold', { count: poll.threshold })}
          </Text>
        </Group>
      )}
    </Stack>
  );
}

/** The longest wait a browser timer takes (about 24 days); a later closing is caught by a later visit. */
const MAX_TIMER = 2_147_483_647;

/** Fetches the poll again when it closes, so the final results (and the end of voting) show without a reload. */
function useRefreshAtClose(postId: string, poll: PollExtra) {
  const qc = useQueryClient();
  const closesAt = poll.closed ? null : poll.closesAt;
  useEffect(() => {
    if (!closesAt) {
      return;
    }
    const wait = new Date(closesAt).getTime() - Date.now() + 1000;
    if (wait > MAX_TIMER) {
      return;
    }
    const timer = setTimeout(() => void refreshPost(qc, postId), Math.max(0, wait));
    return () => clearTimeout(timer);
  }, [qc, postId, closesAt]);
}

function Results({ poll }: { poll: PollExtra }) {
  const { t } = useTranslation();
  // Shares of the people who voted: with multiple choice they add up to more than 100%.
  const total = poll.voterCount;
  return (
    <Stack gap={8}>
      {poll.options.map((o) => {
        const votes = o.votes ?? 0;
        const pct = total > 0 ? Math.round((votes / total) * 100) : 0;
        const mine = poll.myVotes.includes(o.id);
        return (
          <div key={o.id}>
            <Group justify="space-between" gap="xs" wrap="nowrap">
              <Text size="sm" fw={mine ? 700 : 400}>
                {o.label}
                {mine && (
                  <Text span size="xs" c="teal.8" ml={6}>
                    {t('questions.poll.yourChoice')}
                  </Text>
                )}
              </Text>
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                {t('questions.poll.share', { pct, count: votes })}
              </Text>
            </Group>
            <Progress value={pct} size="md" color={mine ? 'teal' : 'brand'} aria-label={t('questions.poll.bar', { label: o.label, pct })} />
          </div>
        );
      })}
    </Stack>
  );
}
