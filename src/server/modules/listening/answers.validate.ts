import { badRequest } from '../../platform/errors.js';
import { LISTENING_LIMITS, scaleRange, type QuestionKind } from '../../../shared/listening.js';
import type { AnswerInput } from './sheets.js';

export interface AskedQuestion {
  id: string;
  kind: QuestionKind;
  options: readonly string[];
  required: boolean;
}

export interface GivenAnswer {
  questionId: string;
  value?: number | null | undefined;
  choices?: number[] | null | undefined;
  text?: string | null | undefined;
}

interface Problem {
  field: string;
  rule: string;
  message: string;
  questionId?: string;
}

const codePoints = (s: string) => Array.from(s).length;

/**
 * Checks answers against the questions a round asks and returns what to store: every required
 * question answered exactly once, scale values in range, valid option indexes (one for single
 * choice, distinct and at least one for multiple choice), text trimmed and within the limit. Text
 * is stored as the plain text it is: nothing ever renders it as HTML. An answer that leaves its
 * question blank (no value, no choices, blank text) counts as not answered. Throws a 400 listing
 * every problem.
 */
export function checkAnswers(questions: readonly AskedQuestion[], given: readonly GivenAnswer[]): AnswerInput[] {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const out: AnswerInput[] = [];
  given.forEach((a, i) => {
    const field = `body.answers.${i}`;
    const q = byId.get(a.questionId);
    if (!q) {
      problems.push({ field: `${field}.questionId`, rule: 'unknown', message: 'This round does not ask this question.' });
      return;
    }
    const problem = (rule: string, message: string, part = '') =>
      problems.push({ field: `${field}${part}`, rule, message, questionId: q.id });
    if (seen.has(q.id)) {
      problem('duplicate', 'This question is answered more than once.', '.questionId');
      return;
    }
    seen.add(q.id);
    const hasValue = a.value !== undefined && a.value !== null;
    const hasChoices = a.choices !== undefined && a.choices !== null;
    const text = typeof a.text === 'string' ? a.text.trim() : '';
    const hasText = text.length > 0;
    const range = scaleRange(q.kind);
    if (range) {
      if (hasChoices || hasText) {
        problem('kind', 'A scale question takes a value only.');
      } else if (hasValue && (a.value! < range.min || a.value! > range.max)) {
        problem('range', `The answer must be between ${range.min} and ${range.max}.`, '.value');
      } else if (hasValue) {
        out.push({ questionId: q.id, value: a.value! });
      }
      return;
    }
    if (q.kind === 'single' || q.kind === 'multi') {
      if (hasValue || hasText) {
        problem('kind', 'A choice question takes choices only.');
        return;
      }
      if (!hasChoices) {
        return;
      }
      const choices = a.choices!;
      if (choices.some((c) => c < 0 || c >= q.options.length)) {
        problem('option', 'One of the choices is not an option of this question.', '.choices');
      } else if (q.kind === 'single' && choices.length !== 1) {
        problem('single', 'Choose exactly one option.', '.choices');
      } else if (choices.length === 0) {
        problem('multi', 'Choose at least one option.', '.choices');
      } else if (new Set(choices).size !== choices.length) {
        problem('distinct', 'An option is chosen more than once.', '.choices');
      } else {
        out.push({ questionId: q.id, choices: [...choices].sort((x, y) => x - y) });
      }
      return;
    }
    if (hasValue || hasChoices) {
      problem('kind', 'An open question takes text only.');
    } else if (codePoints(text) > LISTENING_LIMITS.comment) {
      problem('maxLength', `The answer must be at most ${LISTENING_LIMITS.comment} characters.`, '.text');
    } else if (hasText) {
      out.push({ questionId: q.id, text });
    }
  });
  const answered = new Set(out.map((a) => a.questionId));
  for (const q of questions) {
    if (q.required && !answered.has(q.id) && !problems.some((p) => p.questionId === q.id)) {
      problems.push({ field: 'body.answers', rule: 'required', message: 'This question needs an answer.', questionId: q.id });
    }
  }
  if (problems.length === 0 && out.length === 0) {
    problems.push({ field: 'body.answers', rule: 'minItems', message: 'Answer at least one question.' });
  }
  if (problems.length > 0) {
    throw badRequest('INVALID_ANSWERS', 'Some answers are missing or invalid.', problems);
  }
  return out;
}
