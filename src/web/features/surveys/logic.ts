import {
  LISTENING_LIMITS,
  QUESTION_BANK,
  type Anonymity,
  type BankQuestion,
  type Driver,
  type QuestionKind,
  type Recurrence,
  type SurveyStatus,
} from '../../../shared/listening.js';
import type { Audience, QuestionInput, RoundSummary, SurveyDetail, SurveyInput } from './api.js';

/** The longest a round of each recurrence may stay open, so that rounds never overlap (as the server checks). */
export const MAX_ROUND_DAYS: Record<Recurrence, number> = { none: 90, weekly: 7, biweekly: 14, monthly: 28 };

/** Drivers a custom agreement-scale question may count towards. */
export const SCALE_DRIVERS: readonly Driver[] = [
  'recognition',
  'growth',
  'management',
  'peers',
  'workload',
  'wellbeing',
  'alignment',
  'autonomy',
];

export const STATUS_COLOR: Record<SurveyStatus, string> = { draft: 'gray', scheduled: 'blue', running: 'teal', ended: 'dark' };

/** Whether an audience names nobody at all. */
export function audienceIsEmpty(a: Audience): boolean {
  return !a.all && !a.departmentIds?.length && !a.teamIds?.length && !a.locationIds?.length && !a.lineOf?.length;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** An instant as the value of a `datetime-local` field, in the browser's time zone; '' for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A `datetime-local` value (the browser's time zone) as an ISO instant; null when empty or not a date. */
export function fromLocalInput(value: string): string | null {
  if (!value) {
    return null;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** How many of those invited answered, in percent; null when it may not be shown. */
export function responseRate(round: Pick<RoundSummary, 'invited' | 'responses'>): number | null {
  if (round.responses === null || round.invited === 0) {
    return null;
  }
  return Math.round((round.responses / round.invited) * 100);
}

/** Whether too few people would be invited for results ever to be shown. */
export function belowThreshold(invited: number, threshold: number, anonymity: Anonymity): boolean {
  return anonymity !== 'attributed' && invited < threshold;
}

/** The days a reminder can be sent on: after the round opens, before it closes (at most two weeks). */
export function reminderChoices(roundDays: number): number[] {
  return Array.from({ length: Math.max(0, Math.min(roundDays - 1, 14)) }, (_, i) => i + 1);
}

/** The bank's questions grouped by driver, in the bank's order. */
export function bankByDriver(exclude: ReadonlySet<string> = new Set()): { driver: Driver; questions: BankQuestion[] }[] {
  const groups = new Map<Driver, BankQuestion[]>();
  for (const q of QUESTION_BANK) {
    if (q.driver === 'checkin' || exclude.has(q.key)) {
      continue;
    }
    groups.set(q.driver, [...(groups.get(q.driver) ?? []), q]);
  }
  return [...groups].map(([driver, questions]) => ({ driver, questions }));
}

/** A question in the editor; `key` only tells the rows apart. */
export interface EditorQuestion {
  key: string;
  bankKey: string | null;
  kind: QuestionKind;
  text: string;
  options: string[];
  driver: Driver | null;
  required: boolean;
  pool: boolean;
}

export type AudienceMode = 'all' | 'groups';

export interface EditorState {
  kind: 'survey' | 'pulse';
  title: string;
  intro: string;
  anonymity: Anonymity;
  threshold: number;
  commentThreshold: number;
  audienceMode: AudienceMode;
  departmentIds: string[];
  teamIds: string[];
  locationIds: string[];
  lineOf: string[];
  recurrence: Recurrence;
  rotateCount: number;
  /** `datetime-local` values; '' for none. */
  startsAt: string;
  endsAt: string;
  roundDays: number;
  reminderDays: number[];
  questions: EditorQuestion[];
}

let nextKey = 0;
export const newKey = () => `q${(nextKey += 1)}`;

/** A new survey's starting point, with the organisation's thresholds. */
export function emptyEditor(
  kind: 'survey' | 'pulse',
  threshold: number = LISTENING_LIMITS.defaultThreshold,
  commentThreshold = threshold,
): EditorState {
  return {
    kind,
    title: '',
    intro: '',
    anonymity: 'anonymous',
    threshold,
    commentThreshold: Math.max(threshold, commentThreshold),
    audienceMode: 'all',
    departmentIds: [],
    teamIds: [],
    locationIds: [],
    lineOf: [],
    recurrence: kind === 'pulse' ? 'weekly' : 'none',
    rotateCount: 0,
    startsAt: '',
    endsAt: '',
    roundDays: kind === 'pulse' ? 5 : 14,
    reminderDays: kind === 'pulse' ? [2] : [3, 7],
    questions: [],
  };
}

/** A saved survey in the editor. */
export function editorFromDetail(s: SurveyDetail): EditorState {
  const all = s.audience.all === true;
  return {
    kind: s.kind === 'pulse' ? 'pulse' : 'survey',
    title: s.title,
    intro: s.intro,
    anonymity: s.anonymity,
    threshold: s.threshold,
    commentThreshold: s.commentThreshold,
    audienceMode: all ? 'all' : 'groups',
    departmentIds: s.audience.departmentIds ?? [],
    teamIds: s.audience.teamIds ?? [],
    locationIds: s.audience.locationIds ?? [],
    lineOf: s.audience.lineOf ?? [],
    recurrence: s.recurrence,
    rotateCount: s.rotateCount,
    startsAt: toLocalInput(s.startsAt),
    endsAt: toLocalInput(s.endsAt),
    roundDays: s.roundDays,
    reminderDays: s.reminderDays,
    questions: s.questions.map((q) => ({
      key: newKey(),
      bankKey: q.bankKey,
      kind: q.kind,
      text: q.bankKey ? '' : q.text,
      options: q.options,
      driver: q.driver,
      required: q.required,
      pool: q.pool,
    })),
  };
}

export function audienceOf(s: Pick<EditorState, 'audienceMode' | 'departmentIds' | 'teamIds' | 'locationIds' | 'lineOf'>): Audience {
  return s.audienceMode === 'all'
    ? { all: true }
    : { departmentIds: s.departmentIds, teamIds: s.teamIds, locationIds: s.locationIds, lineOf: s.lineOf };
}

function questionInput(q: EditorQuestion, pulse: boolean): QuestionInput {
  const common = { required: q.required, ...(pulse ? { pool: q.pool } : {}) };
  if (q.bankKey) {
    return { bankKey: q.bankKey, ...common };
  }
  return {
    kind: q.kind,
    text: q.text.trim(),
    ...(q.kind === 'single' || q.kind === 'multi' ? { options: q.options.map((o) => o.trim()).filter(Boolean) } : {}),
    ...(q.driver ? { driver: q.driver } : {}),
    ...common,
  };
}

/** What the editor sends: everything for a draft, only what may still change once it runs. */
export function toInput(s: EditorState, live: boolean): SurveyInput {
  const endsAt = fromLocalInput(s.endsAt);
  if (live) {
    return {
      title: s.title.trim(),
      intro: s.intro.trim(),
      endsAt,
      reminderDays: s.reminderDays,
      threshold: s.threshold,
      commentThreshold: s.commentThreshold,
    };
  }
  const pulse = s.kind === 'pulse';
  return {
    kind: s.kind,
    title: s.title.trim(),
    intro: s.intro.trim(),
    anonymity: s.anonymity,
    threshold: s.threshold,
    commentThreshold: s.commentThreshold,
    audience: audienceOf(s),
    recurrence: s.recurrence,
    rotateCount: pulse && s.questions.some((q) => q.pool) ? s.rotateCount : 0,
    startsAt: fromLocalInput(s.startsAt),
    roundDays: s.roundDays,
    endsAt,
    reminderDays: s.reminderDays.filter((d) => d < s.roundDays),
    questions: s.questions.map((q) => questionInput(q, pulse)),
  };
}

/** Moves the item at `from` one place up or down; the same array when it cannot move. */
export function move<T>(list: readonly T[], from: number, direction: -1 | 1): T[] {
  const to = from + direction;
  if (to < 0 || to >= list.length || from < 0 || from >= list.length) {
    return [...list];
  }
  const next = [...list];
  [next[from], next[to]] = [next[to]!, next[from]!];
  return next;
}

/** What is wrong with a custom question before it is sent, as a translation key; null when nothing. */
export function questionProblem(q: EditorQuestion): string | null {
  if (q.bankKey) {
    return null;
  }
  if (!q.text.trim()) {
    return 'surveys.editor.problem.text';
  }
  const options = q.options.map((o) => o.trim()).filter(Boolean);
  if ((q.kind === 'single' || q.kind === 'multi') && options.length < 2) {
    return 'surveys.editor.problem.options';
  }
  if ((q.kind === 'single' || q.kind === 'multi') && new Set(options.map((o) => o.toLowerCase())).size !== options.length) {
    return 'surveys.editor.problem.duplicate';
  }
  return null;
}
