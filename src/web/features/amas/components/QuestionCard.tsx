import { Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconArrowBigUp, IconArrowBigUpFilled, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { AmaError } from './AmaError.js';
import type { AmaQuestion } from '../api.js';
import { useAnswer, useHide, useVote } from '../hooks/useAmas.js';

/** The host's inline answer box: Markdown, saved over any earlier answer. */
function AnswerBox({ q, onDone }: { q: AmaQuestion; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(q.answer ?? '');
  const answer = useAnswer(q.amaId);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        answer.mutate({ questionId: q.id, answer: text }, { onSuccess: onDone });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('amas.question.answerLabel')}
          description={t('amas.question.answerHelp')}
          autosize
          minRows={3}
          maxLength={COMMS_LIMITS.amaAnswer}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          data-autofocus
          required
        />
        <AmaError error={answer.error} />
        <Group gap="xs">
          <Button type="submit" size="sm" loading={answer.isPending} disabled={!text.trim()}>
            {t('amas.question.saveAnswer')}
          </Button>
          <Button variant="default" size="sm" onClick={onDone}>
            {t('common.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One question: its votes, who asked (or "Anonymous"), the answer, and the host's controls. */
export function QuestionCard({ q }: { q: AmaQuestion }) {
  const { t, i18n } = useTranslation();
  const [answering, setAnswering] = useState(false);
  const vote = useVote(q.amaId);
  const hide = useHide(q.amaId);
  const asked = new Date(q.createdAt).toLocaleTimeString(i18n.language.startsWith('it') ? 'it-IT' : 'en-GB', {
    hour: '2-digit',
    minute: '2-digit',
  });
  return (
    <Card withBorder radius="md" padding="md" component="article" aria-label={t('amas.question.label')}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <Button
          variant={q.myVote ? 'filled' : 'default'}
          size="compact-md"
          h="auto"
          py={6}
          px={10}
          aria-pressed={q.myVote}
          aria-label={t('amas.question.upvote', { count: q.upvoteCount })}
          disabled={!q.canVote || vote.isPending}
          onClick={() => vote.mutate({ questionId: q.id, on: !q.myVote })}
        >
          <Stack gap={0} align="center">
            {q.myVote ? <IconArrowBigUpFilled size={20} aria-hidden /> : <IconArrowBigUp size={20} aria-hidden />}
            <Text size="sm" fw={700} aria-hidden>
              {q.upvoteCount}
            </Text>
          </Stack>
        </Button>
        <Stack gap="xs" style={{ flex: 1, minWidth: 0 }}>
          <Text className="ama-question-body">{q.body}</Text>
          <Group gap="xs" wrap="wrap">
            {q.author ? (
              <Group gap={6} wrap="nowrap">
                <UserAvatar name={q.author.name} photoUrl={q.author.photoUrl} size={22} />
                <Text size="sm" c="dimmed">
                  {q.author.name}
                </Text>
              </Group>
            ) : (
              <Text size="sm" c="dimmed" fs="italic">
                {t('amas.question.anonymous')}
              </Text>
            )}
            <Text size="sm" c="dimmed">
              · {asked}
            </Text>
            {q.answeredAt && (
              <Badge color="teal" variant="light" leftSection={<IconCheck size={14} aria-hidden />}>
                {t('amas.question.answered')}
              </Badge>
            )}
          </Group>
          {q.answerHtml && !answering && (
            <Card radius="sm" padding="sm" bg="var(--mantine-color-default-hover)">
              <Text size="xs" fw={700} c="dimmed" mb={4}>
                {t('amas.question.answer')}
              </Text>
              <PostHtml html={q.answerHtml} />
            </Card>
          )}
          {answering && <AnswerBox q={q} onDone={() => setAnswering(false)} />}
          <AmaError error={vote.error ?? hide.error} />
          {(q.canAnswer || q.canHide) && !answering && (
            <Group gap="xs">
              {q.canAnswer && (
                <Button size="compact-sm" variant="light" onClick={() => setAnswering(true)}>
                  {q.answerHtml ? t('amas.question.editAnswer') : t('amas.question.answerAction')}
                </Button>
              )}
              {q.canHide && (
                <ConfirmButton
                  size="compact-sm"
                  variant="subtle"
                  color="red"
                  title={t('amas.question.hideTitle')}
                  message={t('amas.question.hideMessage')}
                  confirmLabel={t('amas.question.hide')}
                  loading={hide.isPending}
                  onConfirm={() => hide.mutate(q.id)}
                >
                  {t('amas.question.hide')}
                </ConfirmButton>
              )}
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}
