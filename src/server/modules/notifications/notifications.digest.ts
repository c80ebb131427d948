import type { Kysely, Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { enqueue, type Handlers } from '../../platform/jobs.js';
import * as q from './notifications.queries.js';
import { channelsOf } from './notifications.service.js';
import { digestDue, digestEmail, excerpt, langOf, type DigestLine } from './notifications.text.js';

/**
 * E-mail digests, built exactly once by construction.
 *
 * A recurring `digest.schedule` job finds the people who are due and queues one `digest.build` job per
 * person. A build runs inside its job's transaction: it locks the person's settings row, checks again
 * that they are due, marks the notifications it lists as digested, moves `last_digest_at` and queues
 * the `mail.send` job — all of which commit together with the build job itself. A crash before that
 * commit leaves everything as it was and the build runs again; after it, the digest exists once and a
 * second build (from a second node, or a retry) finds the person no longer due. The SMTP send itself is
 * at-least-once (the mail job retries until the server accepts it), so each digest carries a fixed
 * Message-ID that lets mail clients drop a second copy.
 *
 * The schedule job re-queues itself. Scheduling runs under an advisory lock and queues the next run only
 * when no later one is waiting, so several nodes (or a retried run) never fork the chain; each node
 * also makes sure a chain exists when it starts.
 */

/** How often the scheduler looks for people who are due (digests go out within this of the morning hour). */
const SCHEDULE_EVERY_MS = 15 * 60_000;
/** People scheduled per run; the rest are found by the next run. */
const SCHEDULE_BATCH = 5000;
/** Notifications one digest considers; older ones wait for the next digest. */
const PENDING_LIMIT = 500;
/** Lines one e-mail lists; the rest are counted. */
const LINES = 20;

const nextRun = (now: Date) => new Date((Math.floor(now.getTime() / SCHEDULE_EVERY_MS) + 1) * SCHEDULE_EVERY_MS);

/** Makes sure the recurring schedule exists (called when a node starts its job worker). */
export async function ensureDigestSchedule(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await q.lockDigestScheduling(trx);
    if (!(await q.hasPendingSchedule(trx))) {
      await enqueue(trx, null, 'digest.schedule', {});
    }
  });
}

/** One run of the scheduler, inside its job's transaction: queues the next run, then one build per person due. */
export async function scheduleDigests(trx: Transaction<DB>, now = new Date()): Promise<number> {
  await q.lockDigestScheduling(trx);
  if (!(await q.hasFutureSchedule(trx))) {
    await enqueue(trx, null, 'digest.schedule', {}, nextRun(now));
  }
  const candidates = await q.digestCandidates(trx, SCHEDULE_BATCH);
  const queued = await q.queuedDigestBuilds(trx);
  let n = 0;
  for (const c of candidates) {
    if (!queued.has(c.id) && digestDue(c.digest ?? 'daily', c.lastDigestAt, c.timezone ?? c.locationTimezone, now)) {
      await enqueue(trx, c.orgId, 'digest.build', { userId: c.id });
      n += 1;
    }
  }
  return n;
}

function linkOf(base: string, userId: string, r: q.NotificationRow): string {
  if (r.postOk && r.postId) {
    return `${base}/posts/${r.postId}`;
  }
  if (r.communityOk && r.communitySlug) {
    return `${base}/communities/${encodeURIComponent(r.communitySlug)}`;
  }
  if (r.type === 'follow' && r.actorId) {
    return `${base}/people/${r.actorId}`;
  }
  if (r.type === 'redemption' || r.type === 'award') {
    return `${base}/rewards`;
  }
  if (r.type === 'badge' || r.type === 'kudos') {
    return `${base}/people/${userId}#recognition`;
  }
  if (r.type === 'recognition_flag') {
    return `${base}/admin/flags`;
  }
  const data = (r.data ?? {}) as Record<string, unknown>;
  const uuid = (v: unknown) => (typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v) ? v : null);
  // Communication notifications name their place in the app themselves (a path within it).
  if (typeof data.link === 'string' && /^\/[A-Za-z0-9/_\-?=&#.%]*$/.test(data.link) && !data.link.startsWith('//')) {
    return `${base}${data.link}`;
  }
  if (r.type === 'survey') {
    const roundId = uuid(data.roundId);
    return roundId ? `${base}/listening/answer/${roundId}` : `${base}/listening`;
  }
  if (r.type === 'feedback') {
    const threadId = uuid(data.threadId);
    return threadId ? `${base}/listening/conversations/${threadId}` : `${base}/listening/conversations`;
  }
  if (r.type === 'listening_action') {
    return `${base}/listening/actions`;
  }
  if (r.type === 'customer_followup') {
    const followupId = uuid(data.followupId);
    return followupId ? `${base}/customers/followups/${followupId}` : `${base}/customers/followups`;
  }
  return `${base}/notifications`;
}

/**
 * Builds one person's digest inside the build job's transaction, if they are still due: the unread
 * notifications waiting for an e-mail, of the types they want by e-mail, that they may still read.
 * Returns whether an e-mail was queued.
 */
export async function buildDigest(
  trx: Transaction<DB>,
  config: Pick<Config, 'publicUrl'>,
  userId: string,
  now = new Date(),
): Promise<boolean> {
  const person = await q.digestRecipient(trx, userId);
  if (!person || person.status !== 'active') {
    return false;
  }
  const settings = await q.lockSettings(trx, person.orgId, userId);
  if (settings.digest === 'off' || !digestDue(settings.digest, settings.lastDigestAt, person.timezone ?? person.locationTimezone, now)) {
    return false;
  }
  const reader = { orgId: person.orgId, userId, isAdmin: person.roles.includes('admin') };
  const rows = await q.pendingEmail(trx, reader, PENDING_LIMIT);
  const wanted = rows.filter((r) => r.visible && channelsOf(settings.prefs, r.type).email);
  // Everything considered is settled, including what is no longer readable or wanted by e-mail.
  await q.markDigested(
    trx,
    rows.map((r) => r.id),
    now,
  );
  if (wanted.length === 0) {
    return false;
  }
  const lines: DigestLine[] = wanted.slice(0, LINES).map((r) => ({
    type: r.type,
    actorName: r.actorName,
    communityName: r.communityOk ? r.communityName : null,
    onComment: r.commentId !== null,
    data: (r.data ?? {}) as Record<string, unknown>,
    excerpt:
      r.commentOk && r.postOk && r.commentBody ? excerpt(r.commentBody, 120) : r.postOk && r.postBody ? excerpt(r.postBody, 120) : null,
    link: linkOf(config.publicUrl, userId, r),
  }));
  const mail = digestEmail({
    lang: langOf(person.locale, person.defaultLocale),
    digest: settings.digest,
    name: person.name,
    orgName: person.orgName,
    lines,
    more: wanted.length - lines.length,
    centreUrl: `${config.publicUrl}/notifications`,
    settingsUrl: `${config.publicUrl}/settings/notifications`,
  });
  await enqueue(trx, person.orgId, 'mail.send', {
    to: person.email,
    ...mail,
    messageId: `<digest.${userId}.${now.getTime()}@${new URL(config.publicUrl).hostname}>`,
  });
  await q.setLastDigestAt(trx, userId, now);
  return true;
}

/** The job handlers of digests, for the worker. */
export function digestHandlers(config: Pick<Config, 'publicUrl'>): Pick<Handlers, 'digest.schedule' | 'digest.build'> {
  return {
    'digest.schedule': async (_payload, trx) => {
      await scheduleDigests(trx);
    },
    'digest.build': async (payload, trx) => {
      await buildDigest(trx, config, payload.userId);
    },
  };
}
