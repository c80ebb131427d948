import { findTerms, type IdentifyingTerm, type TermMatch } from '../../../shared/identifying-terms.js';
import { LISTENING_LIMITS } from '../../../shared/listening.js';
import { dateLocale } from '../../components/format.js';
import type { AnswerInput, GroupLabel, RoundQuestion } from './api.js';

/** What the respondent has chosen or written so far, by question. */
export interface Draft {
  value?: number;
  choices?: number[];
  text?: string;
}
export type Drafts = Readonly<Record<string, Draft>>;

/** "in 3 days", "tomorrow", "in 5 hours" in the reader's language; "soon" is left to the caller when past. */
export function closesIn(iso: string, lng: string, now = Date.now()): string {
  const ms = new Date(iso).getTime() - now;
  const rtf = new Intl.RelativeTimeFormat(dateLocale(lng), { numeric: 'auto' });
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) {
    return rtf.format(minutes, 'minute');
  }
  const hours = Math.round(minutes / 60);
  if (hours < 36) {
    return rtf.format(hours, 'hour');
  }
  return rtf.format(Math.round(hours / 24), 'day');
}

/** True when the draft holds an answer the server will keep for this question. */
export function isAnswered(q: RoundQuestion, d: Draft | undefined): boolean {
  if (!d) {
    return false;
  }
  switch (q.kind) {
    case 'scale5':
    case 'scale10':
      return d.value !== undefined;
    case 'single':
    case 'multi':
      return (d.choices?.length ?? 0) > 0;
    case 'text':
      return (d.text?.trim().length ?? 0) > 0;
  }
}

/** Required questions without an answer yet, in order. */
export function missingRequired(questions: readonly RoundQuestion[], drafts: Drafts): RoundQuestion[] {
  return questions.filter((q) => q.required && !isAnswered(q, drafts[q.id]));
}

/** A comment longer than the server takes (counted as the server counts: by character, after trimming). */
export const tooLong = (text: string | undefined) => Array.from(text?.trim() ?? '').length > LISTENING_LIMITS.comment;

/** The answers to send: one per answered question, blanks left out. */
export function toAnswers(questions: readonly RoundQuestion[], drafts: Drafts): AnswerInput[] {
  const out: AnswerInput[] = [];
  for (const q of questions) {
    const d = drafts[q.id];
    if (!isAnswered(q, d)) {
      continue;
    }
    if (q.kind === 'scale5' || q.kind === 'scale10') {
      out.push({ questionId: q.id, value: d!.value! });
    } else if (q.kind === 'single' || q.kind === 'multi') {
      out.push({ questionId: q.id, choices: [...d!.choices!].sort((a, b) => a - b) });
    } else {
      out.push({ questionId: q.id, text: d!.text!.trim() });
    }
  }
  return out;
}

/** Adds or removes one option of a multiple choice. */
export function toggleChoice(choices: readonly number[] | undefined, index: number): number[] {
  const set = new Set(choices ?? []);
  if (set.has(index)) {
    set.delete(index);
  } else {
    set.add(index);
  }
  return [...set].sort((a, b) => a - b);
}

/** What a comment mentions that could identify its writer; names first, each thing once. */
export function identifyingMentions(text: string, terms: readonly IdentifyingTerm[]): TermMatch[] {
  if (!text.trim() || terms.length === 0) {
    return [];
  }
  const found = findTerms(text, terms);
  return [...found.filter((m) => m.kind === 'person'), ...found.filter((m) => m.kind !== 'person')];
}

/** Joins words the way the language does: "A, B and C" / "A, B e C". */
export function listOf(items: readonly string[], lng: string): string {
  return new Intl.ListFormat(dateLocale(lng), { style: 'long', type: 'conjunction' }).format(items);
}

/** The group's parts in the order people read them: department, team, line, location. */
export function orderedLabels(labels: readonly GroupLabel[]): GroupLabel[] {
  const order = { department: 0, team: 1, line: 2, location: 3 } as const;
  return [...labels].sort((a, b) => order[a.dimension] - order[b.dimension]);
}
