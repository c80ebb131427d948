import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import type { SurveyKind } from '../../../shared/listening.js';
import { notify } from '../notifications/notifications.service.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** People notified per statement batch, so that no insert outgrows the database's parameter limit. */
const BATCH = 2000;

/**
 * Tells these people that a round is open for them (or, with `reminder`, that it still waits for their
 * answer): one in-app `survey` notification each, by e-mail too as their settings say. Nobody is named
 * as the sender. Inserted in batches; returns the realtime events to publish after commit.
 */
export async function notifyRound(
  trx: Executor,
  survey: { id: string; orgId: string; title: string; kind: SurveyKind },
  roundId: string,
  userIds: readonly string[],
  reminder: boolean,
): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  const data = { surveyId: survey.id, roundId, title: survey.title, kind: survey.kind, reminder };
  for (let i = 0; i < userIds.length; i += BATCH) {
    events.push(
      ...(await notify(
        trx,
        userIds.slice(i, i + BATCH).map((userId) => ({ orgId: survey.orgId, userId, type: 'survey' as const, actorId: null, data })),
      )),
    );
  }
  return events;
}
