import { badRequest } from '../../platform/errors.js';
import {
  BANK_BY_KEY,
  DRIVERS,
  LISTENING_LIMITS,
  type Anonymity,
  type Driver,
  type QuestionKind,
  type Recurrence,
  type SurveyKind,
} from '../../../shared/listening.js';
import type { SurveyAudience } from './rounds.js';
import { MAX_ROUND_DAYS } from './surveys.schedule.js';
import type { QuestionInput } from './surveys.schemas.js';

/** A survey's settings as stored, whole (a draft being built, or one being checked before it is saved). */
export interface SurveyState {
  kind: SurveyKind;
  title: string;
  intro: string;
  anonymity: Anonymity;
  threshold: number;
  commentThreshold: number;
  audience: SurveyAudience;
  recurrence: Recurrence;
  rotateCount: number;
  startsAt: Date | null;
  roundDays: number;
  endsAt: Date | null;
  reminderDays: number[];
}

/** A question as stored, in order. */
export interface QuestionState {
  kind: QuestionKind;
  driver: Driver | null;
  bankKey: string | null;
  text: string;
  options: string[];
  required: boolean;
  pool: boolean;
}

/** Drivers a custom agreement-scale question may count towards: every driver but eNPS and the check-in. */
const SCALE_DRIVERS: ReadonlySet<Driver> = new Set(DRIVERS.filter((d) => d !== 'enps' && d !== 'checkin'));

const at = (i: number) => ({ question: i });

/**
 * Checks and normalises the questions of a survey of `kind`: bank questions take their kind and driver
 * from the bank; custom ones need a text, choices for single and multiple choice (and none for the
 * others), and a driver only where a score can count towards it. Throws 400 naming the question.
 */
export function normaliseQuestions(kind: SurveyKind, input: readonly QuestionInput[]): QuestionState[] {
  if (input.length > LISTENING_LIMITS.questions) {
    throw badRequest('TOO_MANY_QUESTIONS', `A survey can have at most ${LISTENING_LIMITS.questions} questions.`, {
      limit: LISTENING_LIMITS.questions,
    });
  }
  const seen = new Set<string>();
  return input.map((q, i) => {
    const pool = q.pool ?? false;
    if (pool && kind !== 'pulse') {
      throw badRequest('POOL_PULSE_ONLY', 'Only pulse surveys rotate questions: take the question out of the rotating pool.', at(i));
    }
    if (q.bankKey !== undefined) {
      const bank = BANK_BY_KEY.get(q.bankKey);
      if (!bank) {
        throw badRequest('UNKNOWN_BANK_KEY', `There is no question “${q.bankKey}” in the question bank.`, { ...at(i), bankKey: q.bankKey });
      }
      if (seen.has(bank.key)) {
        throw badRequest('DUPLICATE_QUESTION', 'This bank question is already in the survey.', { ...at(i), bankKey: bank.key });
      }
      seen.add(bank.key);
      if ((q.kind !== undefined && q.kind !== bank.kind) || q.options?.length || q.driver !== undefined || q.text?.trim()) {
        throw badRequest(
          'BANK_QUESTION_FIXED',
          'A question from the bank keeps its own wording, type and driver: add a custom question to change them.',
          at(i),
        );
      }
      return {
        kind: bank.kind,
        driver: bank.driver,
        bankKey: bank.key,
        text: '',
        options: [],
        required: requiredFor(bank.kind, q.required),
        pool,
      };
    }
    if (!q.kind) {
      throw badRequest('QUESTION_KIND_REQUIRED', 'Choose the type of the question, or a question from the bank.', at(i));
    }
    const text = (q.text ?? '').trim();
    if (!text) {
      throw badRequest('QUESTION_TEXT_REQUIRED', 'Write the question.', at(i));
    }
    const options = (q.options ?? []).map((o) => o.trim());
    if (q.kind === 'single' || q.kind === 'multi') {
      if (options.length < 2) {
        throw badRequest('OPTIONS_REQUIRED', 'A choice question needs at least two choices.', at(i));
      }
      if (options.some((o) => !o)) {
        throw badRequest('OPTION_EMPTY', 'Every choice needs a text.', at(i));
      }
      if (new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
        throw badRequest('OPTIONS_DUPLICATE', 'Two choices of this question are the same.', at(i));
      }
    } else if (options.length > 0) {
      throw badRequest('OPTIONS_NOT_ALLOWED', 'Only single and multiple choice questions have choices.', at(i));
    }
    const driver = q.driver ?? null;
    if (driver !== null) {
      const fits = (q.kind === 'scale5' && SCALE_DRIVERS.has(driver)) || (q.kind === 'scale10' && driver === 'enps');
      if (!fits) {
        throw badRequest(
          'DRIVER_NOT_ALLOWED',
          'Only agreement-scale questions count towards a driver, and only 0–10 questions towards eNPS.',
          at(i),
        );
      }
    }
    return { kind: q.kind, driver, bankKey: null, text, options, required: requiredFor(q.kind, q.required), pool };
  });
}

/**
 * Every scale and choice question must be answered, so that each result about a group covers exactly
 * the people counted in it: a skipped question would make its own, smaller group that could be
 * subtracted from another. Only open text is optional (and optional by default).
 */
function requiredFor(kind: QuestionKind, asked: boolean | undefined): boolean {
  return kind === 'text' ? (asked ?? false) : true;
}

/** Normalises an audience: `all` replaces every list; lists lose duplicates. */
export function normaliseAudience(a: {
  all?: boolean;
  departmentIds?: string[];
  teamIds?: string[];
  locationIds?: string[];
  lineOf?: string[];
}): SurveyAudience {
  if (a.all) {
    return { all: true, departmentIds: [], teamIds: [], locationIds: [], lineOf: [] };
  }
  const uniq = (v: string[] | undefined) => [...new Set(v ?? [])];
  return {
    all: false,
    departmentIds: uniq(a.departmentIds),
    teamIds: uniq(a.teamIds),
    locationIds: uniq(a.locationIds),
    lineOf: uniq(a.lineOf),
  };
}

/** Whether an audience names nobody at all. */
export function audienceEmpty(a: SurveyAudience): boolean {
  return !a.all && !a.departmentIds?.length && !a.teamIds?.length && !a.locationIds?.length && !a.lineOf?.length;
}

/** Checks how a survey's settings fit together (400 when they do not); the organisation's minimum is checked apart. */
export function checkShape(s: SurveyState): void {
  if (s.commentThreshold < s.threshold) {
    throw badRequest(
      'COMMENT_THRESHOLD_BELOW_THRESHOLD',
      'Comments need at least as many answers as the other results: raise the comment threshold to the threshold or more.',
      { threshold: s.threshold, commentThreshold: s.commentThreshold },
    );
  }
  if (s.roundDays > MAX_ROUND_DAYS[s.recurrence]) {
    throw badRequest(
      'ROUND_TOO_LONG',
      `A round of this survey can stay open at most ${MAX_ROUND_DAYS[s.recurrence]} days, so that rounds never overlap.`,
      {
        max: MAX_ROUND_DAYS[s.recurrence],
      },
    );
  }
  if (s.startsAt && s.endsAt && s.endsAt.getTime() <= s.startsAt.getTime()) {
    throw badRequest('ENDS_BEFORE_START', 'The end must come after the start.');
  }
  if (s.rotateCount > 0 && s.kind !== 'pulse') {
    throw badRequest('ROTATION_PULSE_ONLY', 'Only pulse surveys rotate questions.');
  }
}
