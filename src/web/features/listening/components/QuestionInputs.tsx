import './listening.css';
import { Alert, Text, Textarea } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconMoodCry, IconMoodEmpty, IconMoodHappy, IconMoodSad, IconMoodSmile } from '@tabler/icons-react';
import type { MouseEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LISTENING_LIMITS } from '../../../../shared/listening.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { IdentifyingTerm, RoundQuestion } from '../api.js';
import { identifyingMentions, listOf, toggleChoice, tooLong } from '../logic.js';

/** A click from a pointer (mouse, touch) rather than from the keyboard moving through radios. */
const byPointer = (e: MouseEvent) => e.detail > 0;

interface Choice {
  value: number;
  label: string;
  top?: ReactNode;
}

/**
 * One answer among several, as native radios: Tab reaches the group, arrow keys move the choice,
 * and screen readers announce a radio group named by the question.
 */
function RadioChoices({
  name,
  choices,
  value,
  onChange,
  onPicked,
  className,
  describedBy,
}: {
  name: string;
  choices: Choice[];
  value: number | undefined;
  onChange: (v: number) => void;
  onPicked?: (() => void) | undefined;
  className: string;
  describedBy?: string | undefined;
}) {
  return (
    <div className={className}>
      {choices.map((c) => {
        const checked = value === c.value;
        return (
          <label key={c.value} className="ls-choice" data-checked={checked || undefined}>
            <input
              className="ls-choice-input"
              type="radio"
              name={name}
              value={c.value}
              checked={checked}
              aria-describedby={describedBy}
              onChange={() => onChange(c.value)}
              onClick={(e) => {
                if (byPointer(e)) {
                  onPicked?.();
                }
              }}
            />
            {c.top}
            {c.label && <span>{c.label}</span>}
          </label>
        );
      })}
    </div>
  );
}

/** Faces drawn as icons (not emoji, which some systems lack); the word next to each is the label. */
const FACES = [IconMoodCry, IconMoodSad, IconMoodEmpty, IconMoodSmile, IconMoodHappy];

function Face({ value }: { value: number }) {
  const Icon = FACES[value - 1] ?? IconMoodEmpty;
  return <Icon className="ls-choice-face" size={26} stroke={1.75} aria-hidden />;
}

/** Agreement 1–5 (or, for a check-in, how one is doing, with faces and words). */
export function Scale5Input({
  question,
  value,
  onChange,
  onPicked,
  describedBy,
}: {
  question: RoundQuestion;
  value: number | undefined;
  onChange: (v: number) => void;
  onPicked?: (() => void) | undefined;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  const feeling = question.driver === 'checkin';
  const choices: Choice[] = [1, 2, 3, 4, 5].map((v) => ({
    value: v,
    label: t(feeling ? `listening.feeling.${v}` : `listening.scale5.${v}`),
    top: feeling ? <Face value={v} /> : undefined,
  }));
  return (
    <RadioChoices
      name={`q-${question.id}`}
      choices={choices}
      value={value}
      onChange={onChange}
      onPicked={onPicked}
      className="ls-scale5"
      describedBy={describedBy}
    />
  );
}

/** 0–10, labelled at both ends ("Not at all likely" … "Extremely likely"). */
export function Scale10Input({
  question,
  value,
  onChange,
  onPicked,
  describedBy,
}: {
  question: RoundQuestion;
  value: number | undefined;
  onChange: (v: number) => void;
  onPicked?: (() => void) | undefined;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  const ends = `q-${question.id}-ends`;
  const choices: Choice[] = Array.from({ length: 11 }, (_, v) => ({ value: v, label: String(v) }));
  return (
    <>
      <RadioChoices
        name={`q-${question.id}`}
        choices={choices.map((c) => ({ ...c, label: '', top: <span className="ls-choice-number">{c.value}</span> }))}
        value={value}
        onChange={onChange}
        onPicked={onPicked}
        className="ls-scale10"
        describedBy={[ends, describedBy].filter(Boolean).join(' ')}
      />
      <div className="ls-scale-ends" id={ends} style={{ marginTop: 6 }}>
        <span>0 = {t('listening.scale10.low')}</span>
        <span style={{ textAlign: 'end' }}>10 = {t('listening.scale10.high')}</span>
      </div>
    </>
  );
}

/** One option (radios) or several (checkboxes) of the question's own. */
export function ChoiceInput({
  question,
  choices,
  onChange,
  onPicked,
  describedBy,
}: {
  question: RoundQuestion;
  choices: number[] | undefined;
  onChange: (choices: number[]) => void;
  onPicked?: (() => void) | undefined;
  describedBy?: string | undefined;
}) {
  const { t } = useTranslation();
  if (question.kind === 'single') {
    return (
      <RadioChoices
        name={`q-${question.id}`}
        choices={question.options.map((label, value) => ({ value, label }))}
        value={choices?.[0]}
        onChange={(v) => onChange([v])}
        onPicked={onPicked}
        className="ls-options"
        describedBy={describedBy}
      />
    );
  }
  const hint = `q-${question.id}-hint`;
  return (
    <>
      <Text size="sm" c="dimmed" id={hint} mb={6}>
        {t('listening.answer.multiHint')}
      </Text>
      <div className="ls-options">
        {question.options.map((label, i) => {
          const checked = choices?.includes(i) ?? false;
          return (
            <label key={i} className="ls-choice" data-checked={checked || undefined}>
              <input
                className="ls-choice-input"
                type="checkbox"
                name={`q-${question.id}`}
                value={i}
                checked={checked}
                aria-describedby={[hint, describedBy].filter(Boolean).join(' ')}
                onChange={() => onChange(toggleChoice(choices, i))}
              />
              <span>{label}</span>
            </label>
          );
        })}
      </div>
    </>
  );
}

/**
 * Open text, kept as plain text. While it is written (after a pause), it is checked here, in the
 * browser, against names and details that could identify the writer; the warning never blocks sending.
 */
export function CommentInput({
  question,
  labelId,
  text,
  onChange,
  terms,
  warn,
  error,
}: {
  question: RoundQuestion;
  labelId: string;
  text: string;
  onChange: (text: string) => void;
  terms: readonly IdentifyingTerm[];
  warn: boolean;
  error?: string | undefined;
}) {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const [settled] = useDebouncedValue(text, 400);
  const mentions = warn ? identifyingMentions(settled, terms) : [];
  const long = tooLong(text);
  const count = Array.from(text.trim()).length;
  const warningId = `q-${question.id}-warning`;
  const counterId = `q-${question.id}-counter`;
  const named = mentions.map((m) => (m.kind === 'person' ? m.term : t(`listening.comment.${m.kind}`)));
  return (
    <>
      <Textarea
        aria-labelledby={labelId}
        aria-describedby={[counterId, mentions.length > 0 ? warningId : ''].filter(Boolean).join(' ')}
        placeholder={t('listening.comment.placeholder')}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={3}
        maxRows={12}
        error={long ? t('listening.comment.tooLong', { max: LISTENING_LIMITS.comment }) : error}
        spellCheck
      />
      <Text size="xs" c="dimmed" ta="end" mt={4} id={counterId}>
        {t('listening.comment.counter', { count, max: LISTENING_LIMITS.comment })}
      </Text>
      <div role="status" aria-live="polite">
        {mentions.length > 0 && (
          <Alert
            id={warningId}
            mt="xs"
            color="orange"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('listening.comment.warningTitle')}
          >
            {t('listening.comment.warning', { list: listOf(named, lng) })}
          </Alert>
        )}
      </div>
    </>
  );
}
