import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { enqueue, type Handlers } from '../../platform/jobs.js';
import { closeRounds, openRound } from './rounds.js';
import { notifyRound } from './surveys.notify.js';
import * as q from './surveys.queries.js';
import { nextOpening, remindersDue, roundClosesAt } from './surveys.schedule.js';

/**
 * The survey scheduler: a `listening.tick` job every minute, for every organisation.
 *
 * Each run, inside its job's transaction: queues the next run, closes rounds whose time is up (who
 * answered is forgotten), opens the first round of scheduled surveys whose start has come, opens the
 * next round of recurring surveys when it is due, marks surveys ended once their last round closed,
 * and sends due reminders. Rows are taken with `for update skip locked` and changes are conditional,
 * so two nodes running a tick at once never open, close or remind twice. Nothing about who answered
 * is logged or put in a job: reminders are notifications to those who have not answered, in one batch.
 */

const TICK_EVERY_MS = 60_000;

/** The start of the next minute. */
const nextTick = (now: Date) => new Date((Math.floor(now.getTime() / TICK_EVERY_MS) + 1) * TICK_EVERY_MS);

/** Queues the next tick unless one is already waiting (several nodes, or a retried run, never fork the chain). */
async function scheduleNextTick(trx: Transaction<DB>, now: Date): Promise<void> {
  await q.lockTickScheduling(trx);
  if (!(await q.hasPendingTick(trx, true))) {
    await enqueue(trx, null, 'listening.tick', {}, nextTick(now));
  }
}

/** Makes sure the survey tick is queued (once, whatever the number of nodes starting). */
export async function ensureSurveySchedule(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await q.lockTickScheduling(trx);
    if (!(await q.hasPendingTick(trx, false))) {
      await enqueue(trx, null, 'listening.tick', {});
    }
  });
}

/** Opens a survey's next round at `now` and tells everyone invited. */
async function openAndNotify(
  trx: Transaction<DB>,
  survey: Pick<q.RunningSurvey, 'id' | 'orgId' | 'kind' | 'title' | 'recurrence' | 'roundDays' | 'endsAt'>,
  now: Date,
): Promise<RealtimeEvent[]> {
  const closesAt = roundClosesAt(survey.recurrence, now, survey.roundDays, survey.endsAt);
  const round = await openRound(trx, survey.id, now, closesAt);
  return notifyRound(trx, survey, round.roundId, round.userIds, false);
}

/** Opens the first round of every scheduled survey whose start has come. */
async function startDue(trx: Transaction<DB>, now: Date): Promise<RealtimeEvent[]> {
  const ids = await q.surveysToStart(trx, now);
  const events: RealtimeEvent[] = [];
  for (const id of ids) {
    const s = await trx
      .selectFrom('surveys')
      .select(['id', 'orgId', 'kind', 'title', 'recurrence', 'roundDays', 'endsAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    if (s.endsAt && s.endsAt.getTime() <= now.getTime()) {
      // Its whole time went by unopened (the scheduler was stopped): it ends without a round.
      await trx.updateTable('surveys').set({ status: 'ended', updatedAt: now }).where('id', '=', id).execute();
      continue;
    }
    events.push(...(await openAndNotify(trx, s, now)));
  }
  return events;
}

/** What a running survey needs now: its next round, to end, or nothing. */
function planFor(s: q.RunningSurvey, now: Date): 'open' | 'end' | null {
  if (s.recurrence === 'none' || !s.anchor || !s.lastOpensAt) {
    return s.openRounds === 0 ? 'end' : null;
  }
  const next = nextOpening(s.recurrence, s.anchor, s.lastOpensAt);
  const over = s.endsAt !== null && (next.getTime() >= s.endsAt.getTime() || now.getTime() >= s.endsAt.getTime());
  if (over) {
    return s.openRounds === 0 ? 'end' : null;
  }
  return next.getTime() <= now.getTime() ? 'open' : null;
}

/** Opens the next round of recurring surveys when it is due, and ends surveys with no round to come. */
async function advanceRunning(trx: Transaction<DB>, now: Date): Promise<RealtimeEvent[]> {
  const candidates = (await q.runningSurveys(trx)).filter((s) => planFor(s, now) !== null);
  // Lock, then read again: what another node did before we got the lock is seen by the second read.
  const locked = await q.lockRunning(
    trx,
    candidates.map((s) => s.id),
  );
  const fresh = await q.runningSurveys(trx, locked);
  const toEnd = fresh.filter((s) => planFor(s, now) === 'end').map((s) => s.id);
  await q.endSurveys(trx, toEnd, now);
  const events: RealtimeEvent[] = [];
  for (const s of fresh.filter((x) => planFor(x, now) === 'open')) {
    // A round still open when the next is due (rounds as long as the period) closes first.
    const open = await q.openRoundsOf(trx, s.id);
    await closeRounds(
      trx,
      open.map((r) => r.id),
    );
    events.push(...(await openAndNotify(trx, s, now)));
  }
  return events;
}

/**
 * Sends the reminders that are due: for each open round, once each of its reminder days has come, one
 * in-app reminder to every invited person who has not answered. Never to one person alone: with a
 * single person left, a reminder would tell whoever watches the answers come in who answered next.
 */
async function sendReminders(trx: Transaction<DB>, now: Date): Promise<RealtimeEvent[]> {
  const rounds = await q.roundsWithReminders(trx);
  const claimed: typeof rounds = [];
  for (const r of rounds) {
    const due = remindersDue(r.reminderDays, r.opensAt, r.closesAt, now);
    if (due > r.remindersSent && (await q.claimReminder(trx, r.id, due))) {
      claimed.push(r);
    }
  }
  const missing = await q.notAnswered(
    trx,
    claimed.map((r) => r.id),
  );
  const events: RealtimeEvent[] = [];
  for (const r of claimed) {
    const people = missing.get(r.id) ?? [];
    if (people.length < 2) {
      continue;
    }
    events.push(...(await notifyRound(trx, { id: r.surveyId, orgId: r.orgId, title: r.title, kind: r.kind }, r.id, people, true)));
  }
  return events;
}

/** One run of the scheduler at `now`, inside the caller's transaction; returns the realtime events to publish after commit. */
export async function runSurveyTick(trx: Transaction<DB>, now = new Date()): Promise<RealtimeEvent[]> {
  await closeRounds(trx, await q.roundsToClose(trx, now));
  const started = await startDue(trx, now);
  const advanced = await advanceRunning(trx, now);
  const reminded = await sendReminders(trx, now);
  return [...started, ...advanced, ...reminded];
}

/** Opens due rounds, closes finished ones and sends due reminders; re-queues itself. */
export function surveyJobHandlers(): Pick<Handlers, 'listening.tick'> {
  return {
    'listening.tick': async (_payload, trx) => {
      const now = new Date();
      await scheduleNextTick(trx, now);
      return runSurveyTick(trx, now);
    },
  };
}
