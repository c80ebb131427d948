import {
  Alert,
  Button,
  Chip,
  Group,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { IconDeviceFloppy, IconInfoCircle, IconLock, IconSend } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { LISTENING_LIMITS as L, RECURRENCES } from '../../../../shared/listening.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { SurveyDetail } from '../api.js';
import { useCreateSurvey, useListeningSettings, useScheduleSurvey, useSurvey, useUpdateSurvey } from '../hooks/useSurveys.js';
import {
  audienceOf,
  editorFromDetail,
  emptyEditor,
  MAX_ROUND_DAYS,
  questionProblem,
  reminderChoices,
  toInput,
  type EditorState,
} from '../logic.js';
import { toast } from '../toast.js';
import { AnonymityChoice } from './AnonymityChoice.js';
import { AudienceFields, AudiencePreview } from './AudienceFields.js';
import { ErrorAlert } from './ErrorAlert.js';
import { QuestionList } from './QuestionList.js';
import { StatusBadge } from './SurveyBadges.js';

/** Building a survey or pulse (new, or a saved one by id): questions, audience, anonymity, schedule. */
export function SurveyEditorPage() {
  const { t } = useTranslation();
  const { surveyId } = useParams();
  const me = useMe();
  const manage = me.data?.abilities['listening.manage'] === true;
  const survey = useSurvey(manage ? surveyId : undefined);
  const settings = useListeningSettings(manage);
  const title = t(surveyId ? 'surveys.editor.editTitle' : 'surveys.editor.newTitle');

  if (me.isPending) {
    return <Loading />;
  }
  if (!manage) {
    return (
      <>
        <PageHeader title={title} />
        <Empty
          icon={<IconLock size={28} aria-hidden />}
          title={t('surveys.editor.noAccessTitle')}
          description={t('surveys.editor.noAccessBody')}
        >
          <Button component={Link} to="/listening" variant="light">
            {t('surveys.list.backToListening')}
          </Button>
        </Empty>
      </>
    );
  }
  if ((surveyId && survey.isPending) || settings.isPending) {
    return (
      <>
        <PageHeader title={title} />
        <Loading />
      </>
    );
  }
  if (surveyId && survey.isError) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={survey.error} onRetry={() => void survey.refetch()} />
      </>
    );
  }
  if (settings.isError) {
    return (
      <>
        <PageHeader title={title} />
        <ErrorState error={settings.error} onRetry={() => void settings.refetch()} />
      </>
    );
  }
  const minimum = settings.data.threshold;
  if (surveyId && survey.data) {
    return <Editor key={survey.data.id} survey={survey.data} minimum={minimum} initial={editorFromDetail(survey.data)} />;
  }
  return (
    <Editor survey={null} minimum={minimum} initial={emptyEditor('survey', settings.data.threshold, settings.data.commentThreshold)} />
  );
}

function Editor({ survey, initial, minimum }: { survey: SurveyDetail | null; initial: EditorState; minimum: number }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateSurvey();
  const update = useUpdateSurvey();
  const schedule = useScheduleSurvey();
  const [s, setS] = useState<EditorState>(initial);
  const [tried, setTried] = useState(false);
  const set = (patch: Partial<EditorState>) => setS((prev) => ({ ...prev, ...patch }));

  const status = survey?.status ?? 'draft';
  const ended = status === 'ended';
  const live = status === 'running' || ended;
  const locked = survey?.questionsLocked ?? false;
  const isNew = survey === null;
  const thresholdMin = live ? (survey?.threshold ?? minimum) : minimum;
  const commentMin = live ? Math.max(s.threshold, survey?.commentThreshold ?? s.threshold) : s.threshold;
  const pulse = s.kind === 'pulse';
  const pooled = s.questions.filter((q) => q.pool).length;
  const maxDays = MAX_ROUND_DAYS[s.recurrence];
  const audience = audienceOf(s);

  const problems = {
    title: !s.title.trim() ? t('surveys.editor.problem.title') : null,
    threshold:
      !Number.isInteger(s.threshold) || s.threshold < thresholdMin || s.threshold > L.maxThreshold
        ? t(live ? 'surveys.editor.problem.thresholdLive' : 'surveys.editor.problem.threshold', { min: thresholdMin })
        : null,
    commentThreshold:
      !Number.isInteger(s.commentThreshold) || s.commentThreshold < commentMin || s.commentThreshold > L.maxThreshold
        ? t('surveys.editor.problem.commentThreshold', { min: commentMin })
        : null,
    questions: s.questions.some((q) => questionProblem(q) !== null) ? t('surveys.editor.problem.questions') : null,
    rotate:
      pulse && pooled > 0 && (s.rotateCount < 1 || s.rotateCount > pooled) ? t('surveys.editor.problem.rotate', { max: pooled }) : null,
    roundDays: s.roundDays < 1 || s.roundDays > maxDays ? t('surveys.editor.problem.roundDays', { max: maxDays }) : null,
    dates: s.startsAt && s.endsAt && new Date(s.endsAt) <= new Date(s.startsAt) ? t('surveys.editor.problem.dates') : null,
  };
  const invalid = Object.values(problems).some((p) => p !== null);
  const show = (p: string | null) => (tried ? p : null);
  const busy = create.isPending || update.isPending || schedule.isPending;
  const error = create.error ?? update.error ?? schedule.error;

  const save = async (andSchedule: boolean) => {
    setTried(true);
    if (invalid) {
      return;
    }
    create.reset();
    update.reset();
    schedule.reset();
    try {
      const body = toInput(s, live);
      if (live && s.endsAt === initial.endsAt) {
        // Unchanged: a running survey's end is only checked (and its open round moved) when it changes.
        delete body.endsAt;
      }
      const saved = isNew
        ? await create.mutateAsync({ ...body, kind: s.kind, title: s.title.trim() })
        : await update.mutateAsync({ id: survey.id, body });
      if (andSchedule) {
        const done = await schedule.mutateAsync(saved.id);
        toast(t(done.status === 'running' ? 'surveys.list.opened' : 'surveys.list.scheduled', { title: done.title }));
        void navigate('/listening/surveys');
        return;
      }
      toast(t(isNew ? 'surveys.editor.draftSaved' : 'surveys.editor.saved'));
      if (isNew) {
        void navigate(`/listening/surveys/${saved.id}/edit`, { replace: true });
      }
    } catch {
      // The error shows in the form.
    }
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };

  return (
    <>
      <PageHeader
        title={t(isNew ? 'surveys.editor.newTitle' : 'surveys.editor.editTitle')}
        description={isNew ? t('surveys.editor.intro') : undefined}
        actions={survey ? <StatusBadge status={survey.status} /> : undefined}
      />
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="lg">
          {live && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t(ended ? 'surveys.editor.endedNote' : 'surveys.editor.runningNote')}
            </Alert>
          )}

          <Section id="survey-about" title={t('surveys.editor.about')}>
            <Stack gap="md">
              {isNew && (
                <div>
                  <Text size="md" fw={500} id="survey-kind-label" mb={4}>
                    {t('surveys.editor.kind')}
                  </Text>
                  <SegmentedControl
                    aria-labelledby="survey-kind-label"
                    value={s.kind}
                    onChange={(v) => {
                      const kind = v;
                      const base = emptyEditor(kind, s.threshold, s.commentThreshold);
                      set({
                        kind,
                        recurrence: base.recurrence,
                        roundDays: base.roundDays,
                        reminderDays: base.reminderDays,
                        questions: kind === 'pulse' ? s.questions : s.questions.map((q) => ({ ...q, pool: false })),
                      });
                    }}
                    data={[
                      { value: 'survey', label: t('surveys.kind.survey') },
                      { value: 'pulse', label: t('surveys.kind.pulse') },
                    ]}
                  />
                  <Text size="sm" c="dimmed" mt={4}>
                    {t(`surveys.editor.kindHelp.${s.kind}`)}
                  </Text>
                </div>
              )}
              <TextInput
                label={t('surveys.editor.title')}
                required
                maxLength={L.title}
                value={s.title}
                onChange={(e) => set({ title: e.currentTarget.value })}
                error={show(problems.title)}
                disabled={ended}
              />
              <Textarea
                label={t('surveys.editor.introLabel')}
                description={t('surveys.editor.introHelp')}
                autosize
                minRows={3}
                maxRows={10}
                maxLength={L.intro}
                value={s.intro}
                onChange={(e) => set({ intro: e.currentTarget.value })}
                disabled={ended}
              />
            </Stack>
          </Section>

          <Section
            id="survey-questions"
            title={t('surveys.editor.questions')}
            description={t(pulse ? 'surveys.editor.questionsPulseHelp' : 'surveys.editor.questionsHelp')}
          >
            <Stack gap="md">
              <QuestionList questions={s.questions} onChange={(questions) => set({ questions })} pulse={pulse} locked={locked || ended} />
              {show(problems.questions) && (
                <Text size="sm" c="red" role="alert">
                  {problems.questions}
                </Text>
              )}
              {pulse && pooled > 0 && (
                <NumberInput
                  size="md"
                  label={t('surveys.editor.rotateCount')}
                  description={t('surveys.editor.rotateHelp', { count: pooled })}
                  min={1}
                  max={pooled}
                  allowDecimal={false}
                  allowNegative={false}
                  value={s.rotateCount}
                  onChange={(v) => set({ rotateCount: Number(v) || 0 })}
                  error={show(problems.rotate)}
                  disabled={locked || ended}
                  w={{ base: '100%', xs: 280 }}
                />
              )}
            </Stack>
          </Section>

          <Section id="survey-audience" title={t('surveys.editor.audience')} description={t('surveys.editor.audienceHelp')}>
            <Stack gap="md">
              <AudienceFields value={s} onChange={set} managers={survey?.audienceLabels.lineOf ?? []} disabled={live} />
              <AudiencePreview audience={audience} threshold={s.threshold} anonymity={s.anonymity} />
            </Stack>
          </Section>

          <Section id="survey-anonymity" title={t('surveys.editor.anonymity')}>
            <Stack gap="md">
              <AnonymityChoice value={s.anonymity} onChange={(anonymity) => set({ anonymity })} threshold={s.threshold} disabled={live} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <NumberInput
                  size="md"
                  label={t('surveys.editor.threshold')}
                  description={t(live ? 'surveys.editor.thresholdLiveHelp' : 'surveys.editor.thresholdHelp', { min: thresholdMin })}
                  min={thresholdMin}
                  max={L.maxThreshold}
                  allowDecimal={false}
                  allowNegative={false}
                  value={s.threshold}
                  onChange={(v) => {
                    const threshold = Number(v) || 0;
                    set({ threshold, commentThreshold: Math.max(s.commentThreshold, threshold) });
                  }}
                  error={show(problems.threshold)}
                  disabled={ended}
                />
                <NumberInput
                  size="md"
                  label={t('surveys.editor.commentThreshold')}
                  description={t('surveys.editor.commentThresholdHelp')}
                  min={commentMin}
                  max={L.maxThreshold}
                  allowDecimal={false}
                  allowNegative={false}
                  value={s.commentThreshold}
                  onChange={(v) => set({ commentThreshold: Number(v) || 0 })}
                  error={show(problems.commentThreshold)}
                  disabled={ended}
                />
              </SimpleGrid>
            </Stack>
          </Section>

          <Section id="survey-schedule" title={t('surveys.editor.schedule')} description={t('surveys.editor.scheduleHelp')}>
            <Stack gap="md">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="datetime-local"
                  label={t('surveys.editor.startsAt')}
                  description={t('surveys.editor.startsAtHelp')}
                  value={s.startsAt}
                  onChange={(e) => set({ startsAt: e.currentTarget.value })}
                  disabled={live}
                />
                <TextInput
                  type="datetime-local"
                  label={t(s.recurrence === 'none' ? 'surveys.editor.closesAt' : 'surveys.editor.endsAt')}
                  description={t(s.recurrence === 'none' ? 'surveys.editor.closesAtHelp' : 'surveys.editor.endsAtHelp')}
                  value={s.endsAt}
                  onChange={(e) => set({ endsAt: e.currentTarget.value })}
                  error={show(problems.dates)}
                  disabled={ended}
                />
                <Select
                  label={t('surveys.editor.recurrence')}
                  data={RECURRENCES.map((r) => ({ value: r, label: t(`surveys.recurrence.${r}`) }))}
                  value={s.recurrence}
                  allowDeselect={false}
                  onChange={(v) => {
                    const recurrence = v ?? 'none';
                    set({ recurrence, roundDays: Math.min(s.roundDays, MAX_ROUND_DAYS[recurrence]) });
                  }}
                  disabled={live}
                  comboboxProps={{ withinPortal: true }}
                />
                <NumberInput
                  size="md"
                  label={t(s.recurrence === 'none' ? 'surveys.editor.openDays' : 'surveys.editor.roundDays')}
                  description={t('surveys.editor.roundDaysHelp', { max: maxDays })}
                  min={1}
                  max={maxDays}
                  allowDecimal={false}
                  allowNegative={false}
                  value={s.roundDays}
                  onChange={(v) => set({ roundDays: Number(v) || 0 })}
                  error={show(problems.roundDays)}
                  disabled={live}
                />
              </SimpleGrid>
              <div>
                <Text size="md" fw={500} id="survey-reminders-label">
                  {t('surveys.editor.reminders')}
                </Text>
                <Text size="sm" c="dimmed" mb="xs">
                  {t('surveys.editor.remindersHelp')}
                </Text>
                <Chip.Group
                  multiple
                  value={s.reminderDays.map(String)}
                  onChange={(v) => set({ reminderDays: v.map(Number).sort((a, b) => a - b) })}
                >
                  <Group gap={6} role="group" aria-labelledby="survey-reminders-label">
                    {reminderChoices(s.roundDays).map((d) => (
                      <Chip key={d} value={String(d)} size="sm" disabled={ended}>
                        {t('surveys.editor.reminderDay', { count: d })}
                      </Chip>
                    ))}
                  </Group>
                </Chip.Group>
              </div>
            </Stack>
          </Section>

          {tried && invalid && (
            <Text c="red" size="sm" role="alert">
              {t('surveys.editor.fixProblems')}
            </Text>
          )}
          <ErrorAlert error={error} />
          {!ended && (
            <Group gap="sm" justify="flex-end" wrap="wrap">
              <Button component={Link} to="/listening/surveys" variant="default">
                {t('common.cancel')}
              </Button>
              <Button
                type="submit"
                variant={status === 'draft' ? 'default' : 'filled'}
                loading={busy}
                leftSection={<IconDeviceFloppy size={18} aria-hidden />}
              >
                {t(status === 'draft' ? 'surveys.editor.saveDraft' : 'surveys.editor.save')}
              </Button>
              {status === 'draft' && (
                <Button type="button" loading={busy} leftSection={<IconSend size={18} aria-hidden />} onClick={() => void save(true)}>
                  {t('surveys.editor.saveAndSchedule')}
                </Button>
              )}
            </Group>
          )}
        </Stack>
      </form>
    </>
  );
}
