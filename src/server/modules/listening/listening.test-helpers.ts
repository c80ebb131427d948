import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { newId } from '../../platform/ids.js';
import type { Anonymity, Driver, QuestionKind, Recurrence, SurveyKind } from '../../../shared/listening.js';
import { openRound, type SurveyAudience } from './rounds.js';
import { recordSheet, type AnswerInput } from './sheets.js';

/** Test fixtures for listening: a survey with questions, an open round, answers written directly. */

export interface QuestionSpec {
  kind: QuestionKind;
  driver?: Driver | null;
  bankKey?: string | null;
  text?: string;
  options?: string[];
  required?: boolean;
  pool?: boolean;
}

export async function insertSurvey(
  db: Kysely<DB>,
  orgId: string,
  opts: {
    questions: QuestionSpec[];
    kind?: SurveyKind;
    title?: string;
    anonymity?: Anonymity;
    threshold?: number;
    commentThreshold?: number;
    audience?: SurveyAudience;
    recurrence?: Recurrence;
    rotateCount?: number;
    createdBy?: string | null;
  },
): Promise<{ surveyId: string; questionIds: string[] }> {
  const surveyId = newId();
  const threshold = opts.threshold ?? 5;
  await db
    .insertInto('surveys')
    .values({
      id: surveyId,
      orgId,
      kind: opts.kind ?? 'survey',
      title: opts.title ?? 'Engagement survey',
      anonymity: opts.anonymity ?? 'anonymous',
      threshold,
      commentThreshold: opts.commentThreshold ?? threshold,
      audience: JSON.stringify(opts.audience ?? { all: true }),
      recurrence: opts.recurrence ?? 'none',
      rotateCount: opts.rotateCount ?? 0,
      status: 'scheduled',
      startsAt: new Date(),
      createdBy: opts.createdBy ?? null,
    })
    .execute();
  const questionIds = opts.questions.map(() => newId());
  await db
    .insertInto('surveyQuestions')
    .values(
      opts.questions.map((q, i) => ({
        id: questionIds[i]!,
        surveyId,
        position: i,
        kind: q.kind,
        driver: q.driver ?? null,
        bankKey: q.bankKey ?? null,
        text: q.text ?? `Question ${i + 1}`,
        options: JSON.stringify(q.options ?? []),
        required: q.required ?? q.kind !== 'text',
        pool: q.pool ?? false,
      })),
    )
    .execute();
  return { surveyId, questionIds };
}

/** Opens the survey's next round now (in its own transaction). */
export async function openTestRound(db: Kysely<DB>, surveyId: string, closesAt?: Date) {
  return db.transaction().execute((trx) => openRound(trx, surveyId, new Date(), closesAt));
}

/** Writes one invited person's answers straight to the database, as answering would. */
export async function answerAs(db: Kysely<DB>, roundId: string, userId: string, answers: AnswerInput[], keepOwner = false) {
  await db.transaction().execute((trx) => recordSheet(trx, roundId, userId, answers, keepOwner));
}
