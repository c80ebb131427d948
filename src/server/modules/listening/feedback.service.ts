import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { hashSecret, newSecret } from '../../platform/ids.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { FeedbackRecipient } from '../../../shared/listening.js';
import { photoUrl } from '../../../shared/urls.js';
import { notify } from '../notifications/notifications.service.js';
import {
  canBlockThread,
  canReadThread,
  isOverseer,
  isRecipient,
  readsHrThreads,
  readsLeadershipThreads,
  replierRole,
  viewerOf,
  type ThreadFacts,
  type ViewerFacts,
} from './feedback.access.js';
import * as q from './feedback.queries.js';
import { MESSAGES_PAGE, type NewThread } from './feedback.schemas.js';

/**
 * Anonymous feedback conversations.
 *
 * A writer is known to a thread only by a random key that their browser keeps; the server stores its
 * hash and never ties the thread to the writer's id, session, address or a precise time (threads and
 * messages carry days and sequence numbers, and random ids). Writer routes take the key from a header
 * and are not logged. Recipients are never told in the writer's request: a message only marks the
 * thread as pending, and the `listening.feedback` job tells every recipient of every pending thread
 * at once, every quarter of an hour. Nothing here logs, audits, queues or publishes anything about a
 * writer.
 */

const PEOPLE_SHOWN = 20;
const INBOX_LIMIT = 20;

/**
 * The key under which a writer's requests are counted against the rate limits: a keyed hash of their
 * id, with a key that lives only in this process's memory, so that the counters (in memory or in
 * Redis) never name a person. With several nodes each counts on its own.
 */
const LIMIT_SECRET = randomBytes(32);
export function writerLimitKey(userId: string | undefined): string {
  return userId ? createHmac('sha256', LIMIT_SECRET).update(userId).digest('base64url') : 'signed-out';
}

const person = (id: string, name: string, title: string | null, photoKey: string | null) => ({
  id,
  name,
  title,
  photoUrl: photoUrl(id, photoKey),
});

const personOf = (p: q.PersonRow) => person(p.id, p.name, p.title, p.photoKey);

/** A message as typed: trimmed, not empty, rendered to sanitised HTML. */
function messageText(raw: string): { body: string; html: string } {
  const body = raw.trim();
  if (body.length === 0) {
    throw badRequest('EMPTY_MESSAGE', 'Write something before sending.');
  }
  return { body, html: renderMarkdown(body).html };
}

function subjectText(raw: string): string {
  const subject = raw.replace(/\s+/g, ' ').trim();
  if (subject.length === 0) {
    throw badRequest('EMPTY_SUBJECT', 'Give the conversation a subject.');
  }
  return subject;
}

function threadFacts(t: Pick<q.ThreadRow, 'recipientKind' | 'recipientId' | 'escalatedOn'>): ThreadFacts {
  return { recipientKind: t.recipientKind, recipientId: t.recipientId, escalated: t.escalatedOn !== null };
}

function recipientPerson(t: q.ThreadRow) {
  return t.recipientKind === 'manager' && t.recipientId && t.recipientName !== null
    ? person(t.recipientId, t.recipientName, t.recipientTitle, t.recipientPhotoKey)
    : null;
}

const base = (t: q.ThreadRow) => ({
  subject: t.subject,
  recipientKind: t.recipientKind,
  recipient: recipientPerson(t),
  status: t.status,
  blocked: t.blocked,
  startedOn: t.startedOn,
  activityOn: t.activityOn,
});

// ---------------------------------------------------------------------------------------------
// Writers

/** Where the signed-in person can write, and exactly who would read it. */
export async function writerOptions(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'listening.respond');
  const { orgId } = actor;
  const [facts, manager, hr] = await Promise.all([
    q.listeningFacts(ctx.db, orgId),
    q.managerOf(ctx.db, orgId, actor.userId),
    q.peopleWithRole(ctx.db, orgId, 'hr', PEOPLE_SHOWN),
  ]);
  const admins = hr.count === 0 || facts.leadershipIds.length === 0 ? await q.peopleWithRole(ctx.db, orgId, 'admin', PEOPLE_SHOWN) : null;
  const leaders =
    facts.leadershipIds.length > 0
      ? { people: await q.activePeople(ctx.db, orgId, facts.leadershipIds, PEOPLE_SHOWN), count: facts.leadershipIds.length }
      : admins!;
  const hrReaders = hr.count > 0 ? hr : admins!;
  return {
    threshold: facts.threshold,
    manager: manager ? { person: personOf(manager.person), reports: manager.reports, allowed: manager.reports >= facts.threshold } : null,
    hr: { people: hrReaders.people.map(personOf), count: hrReaders.count, administrators: hr.count === 0 },
    leadership: { people: leaders.people.map(personOf), count: leaders.count, administrators: facts.leadershipIds.length === 0 },
  };
}

/** Who a new thread of this kind goes to (the manager for `manager`), or why it cannot go there. */
async function recipientFor(ctx: Ctx, actor: Actor, kind: FeedbackRecipient): Promise<string | null> {
  if (kind !== 'manager') {
    return null;
  }
  const [manager, { threshold }] = await Promise.all([
    q.managerOf(ctx.db, actor.orgId, actor.userId),
    q.listeningFacts(ctx.db, actor.orgId),
  ]);
  if (!manager) {
    throw unprocessable('NO_MANAGER', 'You have no manager to write to. You can write to HR instead.');
  }
  if (manager.reports < threshold) {
    throw unprocessable(
      'MANAGER_TEAM_TOO_SMALL',
      `Your manager has fewer than ${threshold} people, so they could tell who wrote. You can write to HR instead.`,
      { threshold },
    );
  }
  return manager.person.id;
}

/**
 * Starts a conversation. The key comes back once and is stored only as a hash: losing it loses the
 * way back to the thread (which the writer can keep by copying it).
 */
export async function startThread(ctx: Ctx, actor: Actor, input: NewThread): Promise<{ threadId: string; key: string }> {
  requireAction(actor, 'listening.respond');
  const subject = subjectText(input.subject);
  const text = messageText(input.body);
  const recipientId = await recipientFor(ctx, actor, input.recipient);
  const key = newSecret();
  // Random ids: a time-ordered id would say when the thread was started.
  const threadId = randomUUID();
  await ctx.db.transaction().execute(async (trx) => {
    await q.insertThread(trx, {
      id: threadId,
      orgId: actor.orgId,
      recipientKind: input.recipient,
      recipientId,
      writerKeyHash: hashSecret(key),
      subject,
    });
    await q.appendMessage(trx, { id: randomUUID(), threadId, sender: 'writer', authorId: null, body: text.body, bodyHtml: text.html });
  });
  return { threadId, key };
}

/** The thread a key opens, in the actor's organisation; 404 for anything else. */
async function writerThreadRow(ctx: Ctx, actor: Actor, key: string | undefined): Promise<q.ThreadRow> {
  requireAction(actor, 'listening.respond');
  const row = key ? await q.threadByKeyHash(ctx.db, actor.orgId, hashSecret(key)) : undefined;
  if (!row) {
    throw notFound('conversation');
  }
  return row;
}

/** The writer's threads among these keys (keys that open nothing are left out), latest activity first. */
export async function myThreads(ctx: Ctx, actor: Actor, keys: readonly string[]) {
  requireAction(actor, 'listening.respond');
  const byHash = new Map(keys.map((k) => [hashSecret(k), k]));
  const rows = await q.threadsByKeyHashes(ctx.db, actor.orgId, [...byHash.keys()]);
  return {
    items: rows.map((t) => ({
      key: byHash.get(t.writerKeyHash)!,
      threadId: t.id,
      ...base(t),
      revealed: t.revealedUserId !== null,
      unread: t.writerUnread,
    })),
  };
}

async function writerView(ctx: Ctx, t: q.ThreadRow, before: number | undefined) {
  const [{ messages, olderBefore }, { leadershipIds }] = await Promise.all([
    q.messagesOf(ctx.db, t.id, before, MESSAGES_PAGE),
    q.listeningFacts(ctx.db, t.orgId),
  ]);
  return {
    threadId: t.id,
    ...base(t),
    revealed: t.revealedUserId !== null,
    unread: t.writerUnread,
    canReply: t.status !== 'closed' && !t.blocked,
    canReveal: t.revealedUserId === null,
    messages: messages.map((m) => ({
      seq: m.seq,
      sender: m.sender,
      html: m.bodyHtml,
      sentOn: m.sentOn,
      author:
        m.sender === 'recipient' && m.authorId && m.name !== null
          ? {
              ...person(m.authorId, m.name, m.title, m.photoKey),
              role: replierRole(t, { id: m.authorId, roles: m.roles ?? [] }, leadershipIds),
            }
          : null,
    })),
    olderBefore,
  };
}

/** A thread as its writer sees it: the newest messages, or those before `before`. */
export async function writerThread(ctx: Ctx, actor: Actor, key: string | undefined, before?: number) {
  const t = await writerThreadRow(ctx, actor, key);
  return writerView(ctx, t, before);
}

/** The writer answers; their recipients hear of it with the next batch of notifications. */
export async function writerReply(ctx: Ctx, actor: Actor, key: string | undefined, body: string) {
  const t = await writerThreadRow(ctx, actor, key);
  const text = messageText(body);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await q.lockThread(trx, actor.orgId, t.id);
    if (!locked) {
      throw notFound('conversation');
    }
    if (locked.blocked) {
      throw conflict('THREAD_BLOCKED', 'You can no longer write in this conversation.');
    }
    if (locked.status === 'closed') {
      throw conflict('THREAD_CLOSED', 'This conversation was closed. Start a new one to write again.');
    }
    await q.appendMessage(trx, {
      id: randomUUID(),
      threadId: t.id,
      sender: 'writer',
      authorId: null,
      body: text.body,
      bodyHtml: text.html,
    });
    await q.touchThread(trx, t.id, 'writer');
    await q.updateThread(trx, actor.orgId, t.id, { writerUnread: false });
  });
  return writerThread(ctx, actor, key);
}

export async function writerMarkRead(ctx: Ctx, actor: Actor, key: string | undefined) {
  const t = await writerThreadRow(ctx, actor, key);
  if (t.writerUnread) {
    await q.updateThread(ctx.db, actor.orgId, t.id, { writerUnread: false });
  }
  return { ok: true as const };
}

/**
 * The writer tells the recipients who they are: from now on the thread shows their name. There is
 * no way back, and a thread shows one name only.
 */
export async function revealWriter(ctx: Ctx, actor: Actor, key: string | undefined) {
  const t = await writerThreadRow(ctx, actor, key);
  if (t.revealedUserId !== null && t.revealedUserId !== actor.userId) {
    throw conflict('ALREADY_REVEALED', 'Someone has already said they wrote this conversation.');
  }
  if (t.revealedUserId === null) {
    await q.updateThread(ctx.db, actor.orgId, t.id, { revealedUserId: actor.userId });
  }
  return writerThread(ctx, actor, key);
}

// ---------------------------------------------------------------------------------------------
// Recipients

async function viewerFacts(ctx: Ctx, actor: Actor): Promise<ViewerFacts> {
  const [orgHasHr, { leadershipIds }] = await Promise.all([q.orgHasRole(ctx.db, actor.orgId, 'hr'), q.listeningFacts(ctx.db, actor.orgId)]);
  return viewerOf(actor, { orgHasHr, leadershipIds });
}

function scopeOf(v: ViewerFacts): q.InboxScope {
  return { userId: v.userId, hr: readsHrThreads(v), leadership: readsLeadershipThreads(v), escalated: isOverseer(v) };
}

const encodeSeq = (seq: number | string) => Buffer.from(String(seq)).toString('base64url');
function decodeSeq(cursor: string | undefined): number | undefined {
  if (cursor === undefined) {
    return undefined;
  }
  const raw = Buffer.from(cursor, 'base64url').toString();
  if (!/^\d{1,18}$/.test(raw)) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return Number(raw);
}

const revealedOf = (t: q.ThreadRow) =>
  t.revealedUserId && t.revealedName !== null ? person(t.revealedUserId, t.revealedName, t.revealedTitle, t.revealedPhotoKey) : null;

/** The threads the viewer receives (or oversees once escalated), latest activity first. */
export async function inbox(
  ctx: Ctx,
  actor: Actor,
  query: { status?: q.ThreadStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'listening.respond');
  const limit = query.limit ?? INBOX_LIMIT;
  const afterSeq = decodeSeq(query.cursor);
  const v = await viewerFacts(ctx, actor);
  const rows = await q.inboxPage(ctx.db, actor.orgId, scopeOf(v), { status: query.status, afterSeq, limit });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((t) => ({
      id: t.id,
      ...base(t),
      unread: t.recipientUnread,
      escalated: t.escalatedOn !== null,
      revealed: revealedOf(t),
      messages: Number(t.messageCount ?? 0),
      lastSender: t.lastSender ?? 'writer',
    })),
    nextCursor: rows.length > limit && last ? encodeSeq(last.activitySeq) : null,
  };
}

/** Whether the viewer receives anonymous feedback, and how much waits for them. */
export async function inboxSummary(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'listening.respond');
  const v = await viewerFacts(ctx, actor);
  const scope = scopeOf(v);
  const [counts, reports] = await Promise.all([
    q.inboxCounts(ctx.db, actor.orgId, scope),
    q.hasDirectReports(ctx.db, actor.orgId, actor.userId),
  ]);
  return { receives: scope.hr || scope.leadership || scope.escalated || reports || counts.open > 0, ...counts };
}

/** A thread the viewer may read; 404 for everyone else, so that its existence is not revealed. */
async function readableThread(ctx: Ctx, actor: Actor, threadId: string): Promise<{ t: q.ThreadRow; v: ViewerFacts }> {
  requireAction(actor, 'listening.respond');
  const [t, v] = await Promise.all([q.threadById(ctx.db, actor.orgId, threadId), viewerFacts(ctx, actor)]);
  if (!t || !canReadThread(v, threadFacts(t))) {
    throw notFound('conversation');
  }
  return { t, v };
}

async function recipientView(ctx: Ctx, t: q.ThreadRow, v: ViewerFacts, before: number | undefined) {
  const { messages, olderBefore } = await q.messagesOf(ctx.db, t.id, before, MESSAGES_PAGE);
  const facts = threadFacts(t);
  const revealed = revealedOf(t);
  return {
    id: t.id,
    ...base(t),
    unread: t.recipientUnread,
    revealed,
    escalation:
      t.escalatedOn !== null
        ? {
            note: t.escalationNote ?? '',
            by:
              t.escalatedBy && t.escalatedByName !== null
                ? person(t.escalatedBy, t.escalatedByName, t.escalatedByTitle, t.escalatedByPhotoKey)
                : null,
            on: t.escalatedOn,
          }
        : null,
    canReply: t.status !== 'closed',
    canClose: t.status !== 'closed',
    canReopen: t.status === 'closed',
    canEscalate: t.status === 'open' && t.escalatedOn === null,
    canBlock: canBlockThread(v, facts) && !t.blocked,
    messages: messages.map((m) => ({
      seq: m.seq,
      sender: m.sender,
      html: m.bodyHtml,
      sentOn: m.sentOn,
      author:
        m.sender === 'recipient' ? (m.authorId && m.name !== null ? person(m.authorId, m.name, m.title, m.photoKey) : null) : revealed,
    })),
    olderBefore,
  };
}

/** A thread as a recipient sees it; opening its newest messages marks it read for its recipients. */
export async function recipientThread(ctx: Ctx, actor: Actor, threadId: string, before?: number) {
  const { t, v } = await readableThread(ctx, actor, threadId);
  if (before === undefined && t.recipientUnread && isRecipient(v, threadFacts(t))) {
    await q.updateThread(ctx.db, actor.orgId, t.id, { recipientUnread: false });
    t.recipientUnread = false;
  }
  return recipientView(ctx, t, v, before);
}

/** Runs a change on a locked thread the viewer may read, then answers the thread as it now is. */
async function change(
  ctx: Ctx,
  actor: Actor,
  threadId: string,
  work: (
    trx: Transaction<DB>,
    locked: NonNullable<Awaited<ReturnType<typeof q.lockThread>>>,
    t: q.ThreadRow,
    v: ViewerFacts,
  ) => Promise<RealtimeEvent[] | void>,
) {
  const { t, v } = await readableThread(ctx, actor, threadId);
  const events = await ctx.db.transaction().execute(async (trx) => {
    const locked = await q.lockThread(trx, actor.orgId, threadId);
    if (!locked) {
      throw notFound('conversation');
    }
    return (await work(trx, locked, t, v)) ?? [];
  });
  if (events.length > 0) {
    try {
      await ctx.bus.publish(events);
    } catch (err) {
      ctx.log.warn({ err }, 'realtime publish failed');
    }
  }
  const fresh = await q.threadById(ctx.db, actor.orgId, threadId);
  if (!fresh) {
    throw notFound('conversation');
  }
  return recipientView(ctx, fresh, v, undefined);
}

/** A recipient answers; the writer sees it (and who answered) the next time they look. */
export async function recipientReply(ctx: Ctx, actor: Actor, threadId: string, body: string) {
  const text = messageText(body);
  return change(ctx, actor, threadId, async (trx, locked) => {
    if (locked.status === 'closed') {
      throw conflict('THREAD_CLOSED', 'This conversation is closed. Reopen it to answer.');
    }
    await q.appendMessage(trx, {
      id: randomUUID(),
      threadId,
      sender: 'recipient',
      authorId: actor.userId,
      body: text.body,
      bodyHtml: text.html,
    });
    await q.touchThread(trx, threadId, 'recipient');
    await q.updateThread(trx, actor.orgId, threadId, { recipientUnread: false });
  });
}

export async function closeThread(ctx: Ctx, actor: Actor, threadId: string) {
  return change(ctx, actor, threadId, async (trx, locked) => {
    if (locked.status !== 'closed') {
      await q.updateThread(trx, actor.orgId, threadId, { status: 'closed' });
    }
  });
}

/** Reopens a closed thread; one that was escalated goes back to being escalated. */
export async function reopenThread(ctx: Ctx, actor: Actor, threadId: string) {
  return change(ctx, actor, threadId, async (trx, locked, t) => {
    if (locked.status === 'closed') {
      await q.updateThread(trx, actor.orgId, threadId, { status: t.escalatedOn !== null ? 'escalated' : 'open' });
    }
  });
}

/**
 * Reports a thread as abusive: HR and administrators can then read it (and block its writer), and
 * are notified now. The escalation names who made it; it says nothing about the writer.
 */
export async function escalateThread(ctx: Ctx, actor: Actor, threadId: string, rawNote: string) {
  const note = rawNote.trim();
  if (note.length === 0) {
    throw badRequest('EMPTY_NOTE', 'Say what is wrong with this conversation.');
  }
  return change(ctx, actor, threadId, async (trx, locked, t) => {
    if (t.escalatedOn !== null || locked.status === 'escalated') {
      throw conflict('ALREADY_ESCALATED', 'This conversation has already been escalated.');
    }
    if (locked.status === 'closed') {
      throw conflict('THREAD_CLOSED', 'This conversation is closed. Reopen it to escalate it.');
    }
    await q.updateThread(trx, actor.orgId, threadId, { status: 'escalated', escalation: { note, by: actor.userId } });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'listening.feedback.escalated', targetId: threadId });
    const overseers = await q.overseersOf(trx, [actor.orgId]);
    return notify(
      trx,
      overseers.map((o) => ({
        orgId: actor.orgId,
        userId: o.id,
        type: 'feedback' as const,
        actorId: actor.userId,
        data: { threadId, escalated: true },
      })),
    );
  });
}

/** HR or an administrator stops the writer of an escalated thread from writing in it again. */
export async function blockThread(ctx: Ctx, actor: Actor, threadId: string) {
  return change(ctx, actor, threadId, async (trx, locked, t, v) => {
    if (!isOverseer(v)) {
      // The viewer may read the thread, so this is a refusal rather than a 404.
      throw forbidden('CANNOT_BLOCK', 'Only HR and administrators can block the writer of a conversation.');
    }
    if (!canBlockThread(v, threadFacts(t))) {
      throw conflict('NOT_ESCALATED', 'A conversation can only be blocked once it was escalated.');
    }
    if (!locked.blocked) {
      await q.updateThread(trx, actor.orgId, threadId, { blocked: true });
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'listening.feedback.blocked', targetId: threadId });
    }
  });
}
