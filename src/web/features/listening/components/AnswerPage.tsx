import './listening.css';
import { Alert, Box, Button, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { useReducedMotion } from '@mantine/hooks';
import {
  IconArrowLeft,
  IconEyeOff,
  IconHeartHandshake,
  IconLock,
  IconLockOff,
  IconSend,
  IconUser,
  IconUsersGroup,
} from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../../api.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useErrorText } from '../../../components/errors.js';
import { formatDate } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { RoundQuestion, RoundView } from '../api.js';
import { useIdentifyingTerms, useRound, useSubmitAnswers } from '../hooks/useListening.js';
import { isAnswered, missingRequired, orderedLabels, toAnswers, tooLong, type Draft, type Drafts } from '../logic.js';
import { AnonymityBadge, KindBadge } from './badges.js';
import { ChoiceInput, CommentInput, Scale10Input, Scale5Input } from './QuestionInputs.js';

/** Answering one round: how anonymous it is first, then every question on one page, then thanks. */
export function AnswerPage() {
  const { t } = useTranslation();
  const { roundId = '' } = useParams();
  const round = useRound(roundId);
  const [sent, setSent] = useState(false);

  let body;
  if (round.isPending) {
    body = <Loading />;
  } else if (round.isError) {
    body =
      round.error instanceof ApiError && round.error.status === 404 ? (
        <Outcome
          icon={<IconLockOff size={28} aria-hidden />}
          title={t('listening.answer.notFoundTitle')}
          body={t('listening.answer.notFoundBody')}
        />
      ) : (
        <ErrorState error={round.error} onRetry={() => void round.refetch()} />
      );
  } else if (sent) {
    body = (
      <Outcome
        icon={<IconHeartHandshake size={28} aria-hidden />}
        title={t('listening.answer.thanksTitle')}
        body={
          <>
            {t('listening.answer.thanksBody')}
            {round.data.survey.anonymity === 'anonymous' && <> {t('listening.answer.thanksAnonymous')}</>}
          </>
        }
        focus
      />
    );
  } else if (round.data.answered) {
    body = (
      <Outcome
        icon={<IconHeartHandshake size={28} aria-hidden />}
        title={t('listening.answer.alreadyTitle')}
        body={t('listening.answer.alreadyBody')}
      />
    );
  } else if (round.data.round.status === 'closed') {
    body = (
      <Outcome
        icon={<IconLock size={28} aria-hidden />}
        title={t('listening.answer.closedTitle')}
        body={t('listening.answer.closedBody')}
      />
    );
  } else {
    body = <AnswerForm view={round.data} onSent={() => setSent(true)} />;
  }

  return (
    <Box maw={720} mx="auto">
      <Button
        component={Link}
        to="/listening"
        variant="subtle"
        size="compact-sm"
        leftSection={<IconArrowLeft size={16} aria-hidden />}
        mb="xs"
      >
        {t('listening.answer.back')}
      </Button>
      {round.data ? <RoundHeader view={round.data} /> : <PageHeader title={t('listening.title')} />}
      {body}
    </Box>
  );
}

function RoundHeader({ view }: { view: RoundView }) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  return (
    <>
      <Group gap={6} mb={6}>
        <KindBadge kind={view.survey.kind} />
        <AnonymityBadge anonymity={view.survey.anonymity} />
        {view.round.number > 1 && (
          <Text size="sm" c="dimmed">
            {t('listening.answer.round', { number: view.round.number })}
          </Text>
        )}
      </Group>
      <PageHeader
        title={view.survey.title}
        description={
          view.round.status === 'open' ? t('listening.answer.openUntil', { date: formatDate(view.round.closesAt, lng) }) : undefined
        }
      />
      {view.survey.intro.trim() && (
        <Text mb="lg" style={{ whiteSpace: 'pre-wrap' }}>
          {view.survey.intro}
        </Text>
      )}
    </>
  );
}

/** Thanks, already answered, closed, not for you: one calm card with the way back. */
function Outcome({ icon, title, body, focus }: { icon: ReactNode; title: string; body: ReactNode; focus?: boolean }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  // After sending, the form is gone: bring focus (and screen readers) to what happened.
  useEffect(() => {
    if (focus) {
      ref.current?.focus();
    }
  }, [focus]);
  return (
    <Card padding="lg" ref={ref} tabIndex={focus ? -1 : undefined} style={{ outline: 'none' }}>
      <Empty icon={icon} title={title} description={body}>
        <Button component={Link} to="/listening">
          {t('listening.answer.back')}
        </Button>
      </Empty>
    </Card>
  );
}

const PRIVACY_ICON = { anonymous: IconEyeOff, confidential: IconLock, attributed: IconUser } as const;
const PRIVACY_COLOR = { anonymous: 'brand', confidential: 'blue', attributed: 'orange' } as const;

/** Before the first question: how anonymous this is, in plain words, and the group the answer counts in. */
function PrivacyNotice({ view }: { view: RoundView }) {
  const { t } = useTranslation();
  const { anonymity, threshold } = view.survey;
  const Icon = PRIVACY_ICON[anonymity];
  const where = orderedLabels(view.group.labels)
    .map((l) => (l.dimension === 'line' ? t('listening.privacy.line', { name: l.name }) : l.name))
    .join(', ');
  const size = view.group.size;
  return (
    <Alert
      color={PRIVACY_COLOR[anonymity]}
      variant="light"
      icon={<Icon aria-hidden />}
      title={
        <Title order={2} fz="md">
          {t(`listening.privacy.title.${anonymity}`)}
        </Title>
      }
      mb="lg"
    >
      <Stack gap="xs">
        <Text size="sm">{t(`listening.privacy.body.${anonymity}`, { threshold })}</Text>
        {anonymity !== 'attributed' && (
          <Group gap={8} wrap="nowrap" align="flex-start">
            <IconUsersGroup size={18} aria-hidden style={{ flex: 'none', marginTop: 1 }} />
            <Text size="sm" fw={600}>
              {size < threshold
                ? t('listening.privacy.groupSmall', { threshold })
                : where
                  ? t('listening.privacy.group', { count: size, where })
                  : t('listening.privacy.groupAll', { count: size })}
            </Text>
          </Group>
        )}
        {anonymity !== 'attributed' && view.questions.some((q) => q.kind === 'text') && (
          <Text size="sm">{t('listening.privacy.comments')}</Text>
        )}
      </Stack>
    </Alert>
  );
}

function AnswerForm({ view, onSent }: { view: RoundView; onSent: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const reduceMotion = useReducedMotion();
  const submit = useSubmitAnswers(view.round.id);
  const hasText = view.questions.some((q) => q.kind === 'text');
  const warn = view.survey.anonymity !== 'attributed';
  const terms = useIdentifyingTerms(view.round.id, hasText && warn);
  const [drafts, setDrafts] = useState<Drafts>({});
  const [showMissing, setShowMissing] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  const total = view.questions.length;
  const answered = view.questions.filter((q) => isAnswered(q, drafts[q.id])).length;
  const missing = missingRequired(view.questions, drafts);
  const refused = new Set(
    submit.error instanceof ApiError && submit.error.code === 'INVALID_ANSWERS'
      ? submit.error.fieldErrors.map((d) => (d as { questionId?: string }).questionId).filter((id): id is string => Boolean(id))
      : [],
  );

  const set = (id: string, d: Draft) => setDrafts((prev) => ({ ...prev, [id]: { ...prev[id], ...d } }));

  /** After a tap, bring the next question up, so answering on a phone is tap, tap, tap. */
  const advance = (index: number) => {
    const next = view.questions[index + 1];
    const el = next && document.getElementById(`q-${next.id}-card`);
    if (el && el.getBoundingClientRect().top > window.innerHeight * 0.6) {
      el.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
    }
  };

  const focusQuestion = (q: RoundQuestion) => {
    const card = document.getElementById(`q-${q.id}-card`);
    card?.scrollIntoView({ behavior: reduceMotion ? 'auto' : 'smooth', block: 'start' });
    const input = card?.querySelector<HTMLElement>('input:checked, input, textarea');
    input?.focus({ preventScroll: true });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (missing.length > 0) {
      setShowMissing(true);
      focusQuestion(missing[0]!);
      return;
    }
    if (view.questions.some((q) => q.kind === 'text' && tooLong(drafts[q.id]?.text))) {
      const q = view.questions.find((x) => x.kind === 'text' && tooLong(drafts[x.id]?.text));
      if (q) {
        focusQuestion(q);
      }
      return;
    }
    submit.mutate(toAnswers(view.questions, drafts), { onSuccess: onSent });
  };

  const submitError =
    submit.error instanceof ApiError && ['ALREADY_ANSWERED', 'ROUND_CLOSED', 'INVALID_ANSWERS'].includes(submit.error.code)
      ? t(`listening.errors.${submit.error.code}`)
      : submit.error
        ? errorText(submit.error)
        : null;

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate>
      <PrivacyNotice view={view} />
      <Stack gap="md">
        {view.questions.map((q, i) => {
          const labelId = `q-${q.id}-label`;
          const errorId = `q-${q.id}-error`;
          const problem = refused.has(q.id)
            ? t('listening.answer.refused')
            : showMissing && missing.includes(q)
              ? t('listening.answer.needed')
              : undefined;
          const d = drafts[q.id];
          const heading = (
            <>
              <Text size="xs" c="dimmed" fw={600} tt="uppercase" mb={4}>
                {t('listening.answer.questionOf', { n: i + 1, total })}
                {!q.required && <> · {t('listening.answer.optional')}</>}
              </Text>
              <Text fw={600} size="lg" lh={1.35} id={labelId}>
                {q.text}
              </Text>
            </>
          );
          const input =
            q.kind === 'scale5' ? (
              <Scale5Input
                question={q}
                value={d?.value}
                onChange={(value) => set(q.id, { value })}
                onPicked={() => advance(i)}
                describedBy={problem ? errorId : undefined}
              />
            ) : q.kind === 'scale10' ? (
              <Scale10Input
                question={q}
                value={d?.value}
                onChange={(value) => set(q.id, { value })}
                onPicked={() => advance(i)}
                describedBy={problem ? errorId : undefined}
              />
            ) : q.kind === 'single' || q.kind === 'multi' ? (
              <ChoiceInput
                question={q}
                choices={d?.choices}
                onChange={(choices) => set(q.id, { choices })}
                onPicked={q.kind === 'single' ? () => advance(i) : undefined}
                describedBy={problem ? errorId : undefined}
              />
            ) : null;
          return (
            <Card key={q.id} padding="lg" id={`q-${q.id}-card`} className="ls-question" withBorder>
              {q.kind === 'text' ? (
                <>
                  {heading}
                  <Box mt="sm">
                    <CommentInput
                      question={q}
                      labelId={labelId}
                      text={d?.text ?? ''}
                      onChange={(text) => set(q.id, { text })}
                      terms={terms.data?.terms ?? []}
                      warn={warn}
                      error={problem}
                    />
                  </Box>
                </>
              ) : (
                <fieldset className="ls-fieldset" aria-invalid={problem ? true : undefined}>
                  <legend>{heading}</legend>
                  <Box mt="sm">{input}</Box>
                  {problem && (
                    <Text c="red.8" size="sm" mt="xs" id={errorId}>
                      {problem}
                    </Text>
                  )}
                </fieldset>
              )}
            </Card>
          );
        })}

        <Card padding="lg">
          <Stack gap="sm">
            <Group justify="space-between" gap="xs">
              <Text size="sm" fw={600} id="ls-progress-label">
                {t('listening.answer.progress', { answered, total })}
              </Text>
            </Group>
            <Progress.Root size="sm">
              <Progress.Section value={total === 0 ? 0 : (answered / total) * 100} aria-labelledby="ls-progress-label" />
            </Progress.Root>
            {showMissing && missing.length > 0 && (
              <Text c="red.8" size="sm" role="alert">
                {t('listening.answer.missing', { count: missing.length })}
              </Text>
            )}
            {submitError && (
              <Alert color="red" variant="light" role="alert">
                {submitError}
              </Alert>
            )}
            <Button type="submit" size="md" fullWidth loading={submit.isPending} leftSection={<IconSend size={18} aria-hidden />}>
              {t('listening.answer.submit')}
            </Button>
          </Stack>
        </Card>
      </Stack>
    </form>
  );
}
