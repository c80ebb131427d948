import type { FastifyBaseLogger } from 'fastify';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RealtimeEvent } from './events.js';
import { newId } from './ids.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface JobKinds {
  /** `messageId`, when given, is the same on every attempt, so that a mail client drops a second copy. */
  'mail.send': { to: string; subject: string; text: string; messageId?: string };
  /** Finds who is due an e-mail digest and queues one build per person; re-queues itself. */
  'digest.schedule': Record<string, never>;
  /** Builds one person's digest, if still due, and queues its e-mail. */
  'digest.build': { userId: string };
  /** Stored files whose rows were deleted in the transaction that wrote this job. */
  'attachments.purge': { keys: string[] };
  /** Posts today's work anniversaries and birthdays of every organisation; re-queues itself for the next day. */
  'milestones.schedule': Record<string, never>;
  /** Opens due survey rounds, closes finished ones and sends due reminders; re-queues itself. */
  'listening.tick': Record<string, never>;
  /** Notifies recipients of new anonymous feedback messages in a batch; re-queues itself. */
  'listening.feedback': Record<string, never>;
  /** Releases a closed round's common views (company, departments, teams, lines) and stores their numbers. */
  'listening.release': { roundId: string };
  /** Publishes due announcements, sends reminders to acknowledge, escalates urgent broadcasts; re-queues itself. */
  'announcements.tick': Record<string, never>;
  /**
   * Sends an urgent broadcast again to those who have not acknowledged it. Round 0 is the first e-mail,
   * queued to run at once (e-mail links need the public address, which job handlers are given); rounds
   * 1 and 2 are the escalations, each in the app, by e-mail and by web push.
   */
  'urgent.escalate': { announcementId: string; round: 0 | 1 | 2 };
  /** Web push notifications to these people's subscribed browsers. */
  'push.send': { userIds: string[]; title: string; body: string; url: string; tag: string };
  /** Reminds those who have not answered open safety checks; re-queues itself. */
  'safety.tick': Record<string, never>;
  /** Publishes scheduled articles and unpublishes expired ones; re-queues itself. */
  'articles.tick': Record<string, never>;
  /** Sends event reminders; re-queues itself. */
  'events.tick': Record<string, never>;
  /** Opens and ends AMA sessions at their times; re-queues itself. */
  'amas.tick': Record<string, never>;
  /** Awards reach badges to people whose tracked links were clicked in the last hour; re-queues itself hourly. */
  'advocacy.reach': Record<string, never>;
}
export type JobKind = keyof JobKinds;

const MAX_ATTEMPTS = 6;

/**
 * Durable work. A job is a row written in the same transaction as the change that causes it,
 * so an acknowledged change never loses its e-mail; a worker runs due jobs with retries.
 */
export async function enqueue<K extends JobKind>(
  db: Executor,
  orgId: string | null,
  kind: K,
  payload: JobKinds[K],
  runAt?: Date,
): Promise<void> {
  await db
    .insertInto('jobs')
    .values({ id: newId(), orgId, kind, payload: JSON.stringify(payload), ...(runAt ? { runAt } : {}) })
    .execute();
}

/**
 * A handler runs inside the job's transaction and does its database work through `trx`: that work
 * commits exactly when the job is marked done, and is rolled back when the handler fails. (On PGlite
 * the job holds the one connection, so a handler must not open another transaction.)
 */
export type Handlers = {
  [K in JobKind]: (payload: JobKinds[K], trx: Transaction<DB>) => Promise<void | readonly RealtimeEvent[]>;
};

export interface Worker {
  /** Runs every due job once; returns how many ran. */
  runDue(): Promise<number>;
  start(): void;
  stop(): Promise<void>;
  /** Asks the worker to look for jobs now rather than at its next tick. */
  poke(): void;
}

/**
 * Runs due jobs. A handler may return realtime events (recorded in its transaction); they go to
 * `publish` once the job's transaction has committed, and never when it rolled back.
 */
export function createWorker(
  db: Kysely<DB>,
  handlers: Handlers,
  log: FastifyBaseLogger,
  opts: { intervalMs?: number; publish?: (events: readonly RealtimeEvent[]) => Promise<void> } = {},
): Worker {
  const intervalMs = opts.intervalMs ?? 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;
  let stopped = true;

  async function runOne(): Promise<boolean> {
    let events: readonly RealtimeEvent[] = [];
    const ran = await db.transaction().execute(async (trx) => {
      const job = await trx
        .selectFrom('jobs')
        .select(['id', 'kind', 'payload', 'attempts'])
        .where('status', '=', 'pending')
        // The database's clock, like the runAt it filled in: the server's clock has only millisecond
        // precision, so a job written in the same millisecond would look a few microseconds early.
        .where('runAt', '<=', sql<Date>`now()`)
        .orderBy('runAt')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!job) {
        return false;
      }
      const handler = handlers[job.kind as JobKind] as
        ((p: unknown, trx: Transaction<DB>) => Promise<void | readonly RealtimeEvent[]>) | undefined;
      await sql`savepoint job_handler`.execute(trx);
      try {
        if (!handler) {
          throw new Error(`no handler for job kind ${job.kind}`);
        }
        events = (await handler(job.payload, trx)) ?? [];
        await trx
          .updateTable('jobs')
          .set({ status: 'done', attempts: job.attempts + 1 })
          .where('id', '=', job.id)
          .execute();
      } catch (err) {
        events = [];
        await sql`rollback to savepoint job_handler`.execute(trx);
        const attempts = job.attempts + 1;
        log.warn({ err, jobId: job.id, kind: job.kind, attempts }, 'job failed');
        await trx
          .updateTable('jobs')
          .set({
            attempts,
            lastError: String(err).slice(0, 1000),
            status: attempts >= MAX_ATTEMPTS ? 'failed' : 'pending',
            runAt: sql<Date>`now() + make_interval(secs => ${2 ** attempts * 5})`,
          })
          .where('id', '=', job.id)
          .execute();
      }
      return true;
    });
    if (events.length > 0 && opts.publish) {
      await opts.publish(events).catch((err: unknown) => log.warn({ err }, 'job events not published'));
    }
    return ran;
  }

  async function drain(): Promise<number> {
    let n = 0;
    while (await runOne()) {
      n += 1;
    }
    return n;
  }

  function tick() {
    if (running || stopped) {
      return;
    }
    running = drain()
      .catch((err: unknown) => {
        log.error({ err }, 'job worker error');
        return 0;
      })
      .finally(() => {
        running = undefined;
      });
  }

  return {
    async runDue() {
      await running;
      return drain();
    },
    start() {
      stopped = false;
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
    poke() {
      setImmediate(tick);
    },
  };
}
