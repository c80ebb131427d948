import type { Transaction } from 'kysely';
import type { Config } from '../../config.js';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type NewRealtimeEvent, type RealtimeEvent } from '../../platform/events.js';
import { enqueue, type JobKinds } from '../../platform/jobs.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { loadCommsSettings } from '../comms/settings.js';
import { notify } from '../notifications/notifications.service.js';
import { excerpt, langOf } from '../notifications/notifications.text.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { ensureVapidKeys } from './urgent.push.js';
import * as q from './urgent.queries.js';

/*
 * An urgent broadcast interrupts: a banner on every open page of its recipients at once (pushed over
 * the WebSocket), an e-mail and a web push message; then, every `escalationMinutes` (comms settings),
 * those who have not acknowledged get it again in the app, by e-mail and by push — twice at most.
 * A recipient's `last_channel` says how far it went: `app` when published (banner, notification and
 * push), `email` once the first e-mail is queued, `push` after an escalation.
 */

/** Escalations after the first delivery. */
export const MAX_ESCALATIONS = 2;
/** Banners one person sees at once; more than this is a crisis the page cannot help with. */
const ACTIVE_LIMIT = 20;
/** Notifications written per insert. */
const NOTIFY_BATCH = 1000;
/** Browsers one person may subscribe; a new one beyond this replaces their oldest. */
export const MAX_SUBSCRIPTIONS = 10;

const linkOf = (id: string) => `/announcements/${id}`;
const tagOf = (id: string) => `urgent:${id}`;

/** A Markdown text as plain text for an e-mail: paragraphs kept, marks and link targets taken out. */
export function markdownText(markdown: string): string {
  return markdown
    .replace(/\r\n?/g, '\n')
    .replace(/@\[([^\]\n]{1,100})\]\((?:person|community):[0-9a-fA-F-]{36}\)/g, '@$1')
    .replace(/!?\[([^\]\n]*)\]\([^)\s]*\)/g, '$1')
    .replace(/^\s{0,3}(?:#{1,6}\s+|>\s?)/gm, '')
    .replace(/[*_~`]+/g, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** The e-mail of an urgent broadcast, in the recipient's language. */
export function urgentEmail(
  lang: 'en' | 'it',
  m: { title: string; body: string; link: string; reminder: boolean },
): Pick<JobKinds['mail.send'], 'subject' | 'text'> {
  const text = markdownText(m.body);
  if (lang === 'it') {
    return {
      subject: `${m.reminder ? 'Ancora urgente' : 'Urgente'}: ${m.title}`,
      text: [
        m.reminder ? 'Non hai ancora confermato di aver letto questo messaggio urgente.' : 'Un messaggio urgente per te.',
        '',
        m.title,
        '',
        text,
        '',
        `Leggilo e conferma di averlo visto: ${m.link}`,
      ].join('\n'),
    };
  }
  return {
    subject: `${m.reminder ? 'Still urgent' : 'Urgent'}: ${m.title}`,
    text: [
      m.reminder ? 'You have not yet confirmed that you read this urgent message.' : 'An urgent message for you.',
      '',
      m.title,
      '',
      text,
      '',
      `Read it and confirm you have seen it: ${m.link}`,
    ].join('\n'),
  };
}

async function queueEmails(
  trx: Transaction<DB>,
  config: Pick<Config, 'publicUrl'>,
  b: q.UrgentRow,
  targets: readonly q.MailTarget[],
  round: number,
): Promise<void> {
  const host = new URL(config.publicUrl).hostname;
  for (const p of targets) {
    const mail = urgentEmail(langOf(p.locale, p.defaultLocale), {
      title: b.title,
      body: b.body,
      link: `${config.publicUrl}${linkOf(b.id)}`,
      reminder: round > 0,
    });
    // A fixed Message-ID per person and round: a mail job retried after the server accepted it is dropped by mail clients.
    await enqueue(trx, b.orgId, 'mail.send', { to: p.email, ...mail, messageId: `<urgent.${b.id}.${round}.${p.userId}@${host}>` });
  }
}

async function queuePush(trx: Transaction<DB>, b: q.UrgentRow, userIds: readonly string[]): Promise<void> {
  if (userIds.length === 0) {
    return;
  }
  await enqueue(trx, b.orgId, 'push.send', {
    userIds: [...userIds],
    title: b.title,
    body: excerpt(b.body, 180),
    url: linkOf(b.id),
    tag: tagOf(b.id),
  });
}

/**
 * Called by the announcements service, in the publishing transaction, when an urgent announcement
 * is published to its recipients (their rows already written): starts the interruption (a banner on
 * every open page), queues the web push message and the first e-mail to every recipient who has not
 * acknowledged, and the first escalation. Returns the realtime events for the caller to record and
 * publish after commit.
 */
export async function startUrgent(trx: Transaction<DB>, orgId: string, announcementId: string): Promise<NewRealtimeEvent[]> {
  const b = await q.urgentById(trx, orgId, announcementId);
  if (!b || !b.publishedAt || b.endedAt || b.cancelledAt) {
    return [];
  }
  const targets = await q.markReached(trx, orgId, b.id, b.authorId, 'app');
  await queuePush(
    trx,
    b,
    targets.map((p) => p.userId),
  );
  // The e-mail links need the public address, which only job handlers are given: the first e-mail is a job run at once.
  await enqueue(trx, orgId, 'urgent.escalate', { announcementId: b.id, round: 0 });
  const settings = await loadCommsSettings(trx, orgId);
  await enqueue(
    trx,
    orgId,
    'urgent.escalate',
    { announcementId: b.id, round: 1 },
    new Date(Date.now() + settings.escalationMinutes * 60_000),
  );
  return [{ orgId, channel: 'org', type: 'urgent.started', payload: { announcementId: b.id } }];
}

/**
 * One round of an urgent broadcast, inside its job's transaction. Round 0: the first e-mail to those
 * who have not acknowledged yet. Rounds 1 and 2 (escalations): the notification again, an e-mail and
 * a web push message to those who have not acknowledged, then the next round is queued. Nothing
 * happens once the broadcast has ended, and a round runs once whatever the number of copies of its
 * job (the step is a conditional update). Returns the realtime events to publish.
 */
export async function runRound(
  trx: Transaction<DB>,
  config: Pick<Config, 'publicUrl'>,
  payload: JobKinds['urgent.escalate'],
  now = new Date(),
): Promise<RealtimeEvent[]> {
  const b = await q.urgentForJob(trx, payload.announcementId);
  if (!b || !b.publishedAt || b.endedAt || b.cancelledAt) {
    return [];
  }
  if (payload.round === 0) {
    const targets = await q.markReached(trx, b.orgId, b.id, b.authorId, 'email', 'app');
    await queueEmails(trx, config, b, targets, 0);
    return [];
  }
  if (!(await q.advanceEscalation(trx, b.orgId, b.id, payload.round))) {
    return [];
  }
  const targets = await q.markReached(trx, b.orgId, b.id, b.authorId, 'push');
  const events: RealtimeEvent[] = [];
  for (let i = 0; i < targets.length; i += NOTIFY_BATCH) {
    events.push(
      ...(await notify(
        trx,
        targets.slice(i, i + NOTIFY_BATCH).map((p) => ({
          orgId: b.orgId,
          userId: p.userId,
          type: 'urgent' as const,
          actorId: b.authorId,
          data: { variant: 'escalated', title: b.title, link: linkOf(b.id) },
        })),
      )),
    );
  }
  await queueEmails(trx, config, b, targets, payload.round);
  await queuePush(
    trx,
    b,
    targets.map((p) => p.userId),
  );
  if (payload.round < MAX_ESCALATIONS && targets.length > 0) {
    const settings = await loadCommsSettings(trx, b.orgId);
    await enqueue(
      trx,
      b.orgId,
      'urgent.escalate',
      { announcementId: b.id, round: 2 },
      new Date(now.getTime() + settings.escalationMinutes * 60_000),
    );
  }
  return events;
}

/** The urgent broadcasts the person has not acknowledged and that are still on: what their banner shows. */
export async function activeBanners(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'content.read');
  const rows = await q.activeFor(ctx.db, actor.orgId, actor.userId, ACTIVE_LIMIT);
  const broadcaster = can(actor, 'comms.broadcast');
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      html: r.bodyHtml,
      excerpt: excerpt(r.body, 200),
      publishedAt: r.publishedAt ?? new Date(),
      author: { id: r.authorId, name: r.authorName, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) },
      canEnd: broadcaster || r.authorId === actor.userId,
    })),
  };
}

/**
 * Ends an urgent broadcast: the banners go away and escalation stops. Its author or a broadcaster may;
 * a recipient who may not is refused, anyone else is told it does not exist. Ending twice is fine.
 */
export async function endUrgent(ctx: Ctx, actor: Actor, id: string) {
  requireAction(actor, 'content.read');
  return writeAndPublish(ctx, async (trx) => {
    const b = await q.urgentById(trx, actor.orgId, id);
    if (!b || !b.publishedAt) {
      throw notFound('urgent broadcast');
    }
    const mayEnd = b.authorId === actor.userId || can(actor, 'comms.broadcast');
    if (!mayEnd) {
      if (await q.isRecipient(trx, actor.orgId, id, actor.userId)) {
        throw forbidden();
      }
      throw notFound('urgent broadcast');
    }
    const { endedAt, changed } = await q.endBroadcast(trx, actor.orgId, id);
    let events: RealtimeEvent[] = [];
    if (changed) {
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'urgent.end', targetId: id });
      events = await recordEvents(trx, [{ orgId: actor.orgId, channel: 'org', type: 'urgent.ended', payload: { announcementId: id } }]);
    }
    return { result: { id, endedAt }, events };
  });
}

/** The organisation's public VAPID key, which browsers subscribe with (made on first use). */
export async function pushKey(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'me.read');
  const keys = await ensureVapidKeys(ctx.db, actor.orgId);
  return { publicKey: keys.publicKey };
}

function checkEndpoint(endpoint: string): void {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw badRequest('INVALID_ENDPOINT', 'The push endpoint is not a valid address.', { field: 'endpoint' });
  }
  if (url.protocol !== 'https:' || url.username || url.password) {
    throw badRequest('INVALID_ENDPOINT', 'The push endpoint must be an https address.', { field: 'endpoint' });
  }
}

/**
 * Saves this browser's push subscription for the person (the same endpoint again updates its keys).
 * An endpoint another person subscribed is refused with 409 ENDPOINT_TAKEN: the browser then makes a
 * new subscription, and the old one disappears when its push service answers that it is gone.
 */
export async function subscribe(ctx: Ctx, actor: Actor, input: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  requireAction(actor, 'me.update');
  checkEndpoint(input.endpoint);
  await ctx.db.transaction().execute(async (trx) => {
    const saved = await q.upsertSubscription(trx, {
      orgId: actor.orgId,
      userId: actor.userId,
      endpoint: input.endpoint,
      p256dh: input.keys.p256dh,
      auth: input.keys.auth,
    });
    if (!saved) {
      throw conflict('ENDPOINT_TAKEN', 'This browser is subscribed for someone else. Subscribe again to get a new address.');
    }
    await q.keepNewestSubscriptions(trx, actor.orgId, actor.userId, MAX_SUBSCRIPTIONS);
  });
  return { ok: true as const };
}

/** Forgets this browser's subscription for the person (nothing to forget is fine). */
export async function unsubscribe(ctx: Ctx, actor: Actor, input: { endpoint: string }) {
  requireAction(actor, 'me.update');
  await q.deleteSubscription(ctx.db, actor.orgId, actor.userId, input.endpoint);
  return { ok: true as const };
}
