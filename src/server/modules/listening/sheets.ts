import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { conflict, notFound } from '../../platform/errors.js';
import { sheetId } from './rounds.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface AnswerInput {
  questionId: string;
  value?: number | null;
  choices?: number[] | null;
  text?: string | null;
}

/**
 * Stores one person's answers to an open round: a sheet under their stored group, with a random id
 * and no person, session or time, and, apart from it, the fact that they answered. The person is kept
 * with the sheet only when the survey is confidential or attributed (`keepOwner`). Answers must
 * already be checked against the round's questions. Run inside a transaction.
 */
export async function recordSheet(
  trx: Executor,
  roundId: string,
  userId: string,
  answers: readonly AnswerInput[],
  keepOwner: boolean,
): Promise<void> {
  const marked = await trx
    .updateTable('surveyAudience')
    .set({ answered: true })
    .where('roundId', '=', roundId)
    .where('userId', '=', userId)
    .where('answered', '=', false)
    .returning(['departmentId', 'teamId', 'lineId', 'locationId'])
    .executeTakeFirst();
  if (!marked) {
    const invited = await trx
      .selectFrom('surveyAudience')
      .select('answered')
      .where('roundId', '=', roundId)
      .where('userId', '=', userId)
      .executeTakeFirst();
    if (!invited) {
      throw notFound('survey round');
    }
    throw conflict('ALREADY_ANSWERED', 'You have already answered this round.');
  }
  const id = sheetId();
  await trx
    .insertInto('surveySheets')
    .values({ id, roundId, ...marked })
    .execute();
  if (answers.length > 0) {
    await trx
      .insertInto('surveyAnswers')
      .values(
        answers.map((a) => ({
          sheetId: id,
          questionId: a.questionId,
          value: a.value ?? null,
          choices: a.choices ?? null,
          text: a.text ?? null,
        })),
      )
      .execute();
  }
  if (keepOwner) {
    await trx.insertInto('surveySheetOwners').values({ sheetId: id, userId }).execute();
  }
}
