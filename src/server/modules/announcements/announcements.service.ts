import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor, type Role } from '../../platform/policy.js';
import type { CommsAudience } from '../../../shared/comms.js';
import { photoUrl } from '../../../shared/urls.js';
import { audienceMembers, checkAudienceIds, isEmptyAudience, parseCommsAudience, type AudienceMember } from '../comms/audience.js';
import { loadCommsSettings } from '../comms/settings.js';
import { communityAccess } from '../communities/communities.access.js';
import { notify, type NotificationInput } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { writeKindPost } from '../posts/posts.service.js';
import { startUrgent } from '../urgent/urgent.service.js';
import * as q from './announcements.queries.js';
import type {
  AnnouncementDetail,
  AnnouncementPatch,
  AnnouncementStats,
  AnnouncementStatus,
  AnnouncementSummary,
  Audience,
  ListQuery,
  NewAnnouncement,
  PageQuery,
} from './announcements.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;
type Receipt = { seenAt: Date | null; ackedAt: Date | null };

/** Notifications are written this many at a time. */
const NOTIFY_BATCH = 1000;
/** What stays pinned on top of one person's home at most. */
const PINNED_CAP = 20;
/** A sender may remind by hand at most once in this time. */
export const REMIND_AGAIN_MS = 10 * 60_000;
/** Scheduled announcements published, and announcements reminded, per tick at most. */
const TICK_BATCH = 20;

const statusOf = (a: { publishedAt: Date | null; cancelledAt: Date | null; publishAt: Date | null }): AnnouncementStatus =>
  a.cancelledAt ? 'cancelled' : a.publishedAt ? 'published' : a.publishAt ? 'scheduled' : 'draft';

/** Who sees an announcement's delivery (and drafts): its author, and broadcasters for every one. */
const isSender = (actor: Actor, a: { authorId: string }) => a.authorId === actor.userId || can(actor, 'comms.broadcast');

const linkOf = (id: string) => `/announcements/${id}`;

function summaryOf(a: q.AnnouncementRow, mine: Receipt | null, counts: AnnouncementSummary['counts']): AnnouncementSummary {
  return {
    id: a.id,
    title: a.title,
    status: statusOf(a),
    urgent: a.urgent,
    requiresAck: a.requiresAck,
    ackDueAt: a.ackDueAt,
    pinnedUntil: a.pinnedUntil,
    publishAt: a.publishAt,
    publishedAt: a.publishedAt,
    createdAt: a.createdAt,
    author: { id: a.authorId, name: a.authorName, photoUrl: photoUrl(a.authorId, a.authorPhotoKey) },
    audienceSize: a.audienceSize,
    postId: a.postId,
    mine,
    counts,
  };
}

/** The audience without empty lists, as stored and sent back. */
function cleanAudience(a: Audience | CommsAudience): CommsAudience {
  const p = parseCommsAudience(a);
  return Object.fromEntries(Object.entries(p).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v === true)));
}

/**
 * The people an audience reaches, after checking it: not empty (400), every id known and every
 * community readable by the sender (400), and within the sender's reach (403 AUDIENCE_TOO_LARGE
 * for everyone, or more people than the organisation's limit, without `comms.broadcast`).
 */
async function resolveAudience(db: Executor, actor: Actor, audience: CommsAudience): Promise<AudienceMember[]> {
  if (isEmptyAudience(audience)) {
    throw badRequest('AUDIENCE_EMPTY', 'Choose who should receive this announcement.');
  }
  await checkAudienceIds(db, actor.orgId, audience);
  await requireReadableCommunities(db, actor, audience);
  const [members, settings] = await Promise.all([audienceMembers(db, actor.orgId, audience), loadCommsSettings(db, actor.orgId)]);
  if (needsBroadcast(audience, members.length, settings.broadcastAudienceLimit) && !can(actor, 'comms.broadcast')) {
    throw forbidden(
      'AUDIENCE_TOO_LARGE',
      `Announcements to everyone, or to more than ${settings.broadcastAudienceLimit} people, are sent by the communications team.`,
    );
  }
  return members;
}

const needsBroadcast = (a: CommsAudience, size: number, limit: number) => a.all === true || size > limit;

/** A community the sender may not read is answered as unknown: the sender must not learn that it exists. */
async function requireReadableCommunities(db: Executor, actor: Actor, audience: CommsAudience): Promise<void> {
  const ids = audience.communityIds ?? [];
  if (ids.length === 0) {
    return;
  }
  const access = await communityAccess(db, actor, ids);
  if (ids.some((id) => !access.get(id)?.canRead)) {
    throw badRequest('AUDIENCE_UNKNOWN', 'The audience names communities that do not exist.', { field: 'communityIds' });
  }
}

interface Plan {
  title: string;
  body: string;
  bodyHtml: string;
  audience: CommsAudience;
  audienceSize: number;
  urgent: boolean;
  publishAt: Date | null;
  pinnedUntil: Date | null;
  requiresAck: boolean;
  ackDueAt: Date | null;
  /** Publish in this request. */
  now: boolean;
}

const dateOf = (v: string | Date | null | undefined): Date | null => {
  if (v === null || v === undefined) {
    return null;
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    throw badRequest('INVALID_DATE', 'A date is not valid.');
  }
  return d;
};

/** Checks a whole announcement as it would be saved, and says whether it goes out now. */
async function plan(db: Executor, actor: Actor, input: NewAnnouncement): Promise<Plan> {
  const title = input.title.trim();
  const body = input.body.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  if (!title) {
    throw badRequest('EMPTY_TITLE', 'Give the announcement a title.');
  }
  if (!body) {
    throw badRequest('EMPTY_BODY', 'Write the announcement before sending it.');
  }
  const urgent = input.urgent === true;
  if (urgent && !can(actor, 'comms.broadcast')) {
    throw forbidden('URGENT_NOT_ALLOWED', 'Urgent announcements are sent by the communications team.');
  }
  const draft = input.draft === true;
  const now = new Date();
  const publishAt = draft ? null : dateOf(input.publishAt);
  if (publishAt && publishAt.getTime() <= now.getTime()) {
    throw badRequest('PUBLISH_AT_PAST', 'Choose a time in the future to schedule the announcement, or send it now.');
  }
  const requiresAck = input.requiresAck === true;
  const ackDueAt = dateOf(input.ackDueAt);
  const pinnedUntil = dateOf(input.pinnedUntil);
  const goesOutAt = publishAt ?? now;
  if (ackDueAt && !requiresAck) {
    throw badRequest('ACK_DUE_WITHOUT_ACK', 'A due date needs an acknowledgement to be asked for.');
  }
  if (ackDueAt && ackDueAt.getTime() <= goesOutAt.getTime()) {
    throw badRequest('ACK_DUE_PAST', 'The acknowledgement due date must come after the announcement is sent.');
  }
  if (pinnedUntil && pinnedUntil.getTime() <= goesOutAt.getTime()) {
    throw badRequest('PINNED_UNTIL_PAST', 'Pin the announcement until a time after it is sent.');
  }
  const audience = cleanAudience(input.audience);
  const members = await resolveAudience(db, actor, audience);
  if (!draft && !publishAt && members.length === 0) {
    throw badRequest('AUDIENCE_EMPTY', 'Nobody is in this audience yet.');
  }
  return {
    title,
    body,
    bodyHtml: renderMarkdown(body).html,
    audience,
    audienceSize: members.length,
    urgent,
    publishAt,
    pinnedUntil,
    requiresAck,
    ackDueAt,
    now: !draft && !publishAt,
  };
}

const rowOf = (p: Plan) => ({
  title: p.title,
  body: p.body,
  bodyHtml: p.bodyHtml,
  audience: p.audience,
  audienceSize: p.audienceSize,
  urgent: p.urgent,
  publishAt: p.publishAt,
  pinnedUntil: p.pinnedUntil,
  requiresAck: p.requiresAck,
  ackDueAt: p.ackDueAt,
});

/**
 * Creates an announcement: kept as a draft, scheduled for `publishAt`, or published at once to its
 * audience (see `publishNow`).
 */
export async function createAnnouncement(ctx: Ctx, actor: Actor, input: NewAnnouncement): Promise<AnnouncementDetail> {
  requireAction(actor, 'comms.announce');
  const p = await plan(ctx.db, actor, input);
  const id = newId();
  await writeAndPublish(ctx, async (trx) => {
    await q.insertAnnouncement(trx, { id, orgId: actor.orgId, authorId: actor.userId, ...rowOf(p) });
    return { result: id, events: p.now ? await publishNow(trx, actor, id) : [] };
  });
  return getAnnouncement(ctx, actor, id);
}

/** The announcement a sender is about to change, locked; 404 unless they may see it, 403 unless they wrote it. */
async function ownDraft(trx: Executor, actor: Actor, id: string): Promise<q.AnnouncementRow> {
  const a = await q.announcementById(trx, actor.orgId, id, true);
  if (!a || !isSender(actor, a)) {
    throw notFound('announcement');
  }
  return a;
}

function requireUnsent(a: q.AnnouncementRow): void {
  if (a.cancelledAt) {
    throw conflict('ANNOUNCEMENT_CANCELLED', 'This announcement was cancelled.');
  }
  if (a.publishedAt) {
    throw conflict('ANNOUNCEMENT_PUBLISHED', 'This announcement has been sent and can no longer be changed.');
  }
}

/**
 * Changes a draft or scheduled announcement (its author only); `draft: false` without `publishAt`
 * sends it now. The whole announcement is checked again as it will be sent.
 */
export async function updateAnnouncement(ctx: Ctx, actor: Actor, id: string, patch: AnnouncementPatch): Promise<AnnouncementDetail> {
  requireAction(actor, 'comms.announce');
  await writeAndPublish(ctx, async (trx) => {
    const a = await ownDraft(trx, actor, id);
    if (a.authorId !== actor.userId) {
      throw forbidden('NOT_AUTHOR', 'Only the author can change an announcement.');
    }
    requireUnsent(a);
    const merged: NewAnnouncement = {
      title: patch.title ?? a.title,
      body: patch.body ?? a.body,
      audience: patch.audience ?? parseCommsAudience(a.audience),
      publishAt: patch.publishAt === undefined ? a.publishAt?.toISOString() : patch.publishAt,
      pinnedUntil: patch.pinnedUntil === undefined ? a.pinnedUntil?.toISOString() : patch.pinnedUntil,
      requiresAck: patch.requiresAck ?? a.requiresAck,
      ackDueAt: patch.ackDueAt === undefined ? a.ackDueAt?.toISOString() : patch.ackDueAt,
      urgent: patch.urgent ?? a.urgent,
      draft: patch.draft ?? statusOf(a) === 'draft',
    };
    const p = await plan(trx, actor, merged);
    if (!(await q.updateDraft(trx, actor.orgId, id, rowOf(p)))) {
      throw conflict('ANNOUNCEMENT_PUBLISHED', 'This announcement has been sent and can no longer be changed.');
    }
    return { result: id, events: p.now ? await publishNow(trx, actor, id) : [] };
  });
  return getAnnouncement(ctx, actor, id);
}

/** Cancels a draft or scheduled announcement (its author, or a broadcaster). */
export async function cancelAnnouncement(ctx: Ctx, actor: Actor, id: string): Promise<AnnouncementDetail> {
  requireAction(actor, 'comms.announce');
  await ctx.db.transaction().execute(async (trx) => {
    const a = await ownDraft(trx, actor, id);
    requireUnsent(a);
    await q.cancelAnnouncement(trx, actor.orgId, id);
  });
  return getAnnouncement(ctx, actor, id);
}

async function notifyAll(trx: Transaction<DB>, items: NotificationInput[]): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  for (let i = 0; i < items.length; i += NOTIFY_BATCH) {
    events.push(...(await notify(trx, items.slice(i, i + NOTIFY_BATCH))));
  }
  return events;
}

/**
 * Publishes an announcement inside the caller's transaction, as its author: snapshots the
 * recipients with where each one is, writes the feed post, notifies every recipient, tells every
 * open page (`announcement.published`) and, when urgent, starts the interruption. Nothing happens
 * to one already published or cancelled. Returns the events to publish after commit.
 */
async function publishNow(trx: Transaction<DB>, author: Actor, id: string): Promise<RealtimeEvent[]> {
  const a = await q.announcementById(trx, author.orgId, id, true);
  if (!a || a.publishedAt || a.cancelledAt) {
    return [];
  }
  const orgId = author.orgId;
  const members = await audienceMembers(trx, orgId, parseCommsAudience(a.audience));
  const now = new Date();
  await q.insertRecipients(trx, orgId, id, members, now);
  // Its recipients hear of it below; a mention must not tell anyone else that it exists.
  const post = await writeKindPost(trx, author, {
    kind: 'announcement',
    communityId: null,
    title: a.title,
    body: a.body,
    createdAt: now,
    notifyMentioned: false,
  });
  await q.markPublished(trx, orgId, id, { postId: post.id, publishedAt: now, audienceSize: members.length });
  const notified = await notifyAll(
    trx,
    members.map((m) => ({
      orgId,
      userId: m.userId,
      type: 'announcement' as const,
      actorId: a.authorId,
      data: { variant: 'published', title: a.title, link: linkOf(id) },
    })),
  );
  const urgent = a.urgent ? await startUrgent(trx, orgId, id) : [];
  const recorded = await recordEvents(trx, [
    { orgId, channel: 'org', type: 'announcement.published', payload: { announcementId: id } },
    ...urgent,
  ]);
  return [...post.events, ...notified, ...recorded];
}

const authorActor = (orgId: string, u: { id: string; roles: string[] }): Actor => ({
  orgId,
  userId: u.id,
  roles: u.roles as Role[],
  via: 'session',
  scopes: ['read', 'write'],
  mustEnrollTotp: false,
});

/**
 * Publishes a scheduled announcement whose time has come, checking again that its author may still
 * send it (active, allowed to announce, to this audience, urgently); one they no longer may is
 * cancelled rather than sent.
 */
async function publishScheduled(trx: Transaction<DB>, orgId: string, id: string): Promise<RealtimeEvent[]> {
  const a = await q.announcementById(trx, orgId, id, true);
  if (!a || a.publishedAt || a.cancelledAt) {
    return [];
  }
  const user = await q.authorOf(trx, orgId, a.authorId);
  const author = user && user.status === 'active' ? authorActor(orgId, user) : null;
  const allowed =
    author !== null &&
    can(author, 'comms.announce') &&
    can(author, 'content.write') &&
    (!a.urgent || can(author, 'comms.broadcast')) &&
    (await resolveAudience(trx, author, parseCommsAudience(a.audience)).then(
      () => true,
      () => false,
    ));
  if (!allowed) {
    await q.cancelAnnouncement(trx, orgId, id);
    return [];
  }
  return publishNow(trx, author, id);
}

/** Reminds the recipients still waiting, in one batch; returns how many and the events to publish. */
async function remindWaiting(
  trx: Transaction<DB>,
  a: { id: string; orgId: string; authorId: string; title: string; requiresAck: boolean; ackDueAt: Date | null },
  capped: boolean,
): Promise<{ count: number; events: RealtimeEvent[] }> {
  const userIds = await q.takeReminded(trx, a.orgId, a.id, { unseen: !a.requiresAck, capped });
  await q.setLastReminded(trx, a.orgId, a.id, new Date());
  const events = await notifyAll(
    trx,
    userIds.map((userId) => ({
      orgId: a.orgId,
      userId,
      type: 'announcement' as const,
      actorId: a.authorId,
      data: { variant: 'reminder', title: a.title, link: linkOf(a.id) },
    })),
  );
  return { count: userIds.length, events };
}

/**
 * One minute's work: publishes the scheduled announcements that are due, and reminds those who have
 * not acknowledged, every `reminderHours` until the due time and once at it (without a due time, a
 * few times at most). Rows are locked with `skip locked`, so two nodes never do the same work.
 */
export async function announcementsTick(trx: Transaction<DB>): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  for (const due of await q.duePublications(trx, TICK_BATCH)) {
    events.push(...(await publishScheduled(trx, due.orgId, due.id)));
  }
  for (const due of await q.dueReminders(trx, TICK_BATCH)) {
    const r = await remindWaiting(trx, { ...due, requiresAck: true }, due.ackDueAt === null);
    events.push(...r.events);
  }
  return events;
}

/** What the viewer may see of one announcement: as its sender, as a recipient, or nothing (404). */
async function visible(db: Executor, actor: Actor, id: string): Promise<{ a: q.AnnouncementRow; sender: boolean; mine: Receipt | null }> {
  const a = await q.announcementById(db, actor.orgId, id);
  if (!a) {
    throw notFound('announcement');
  }
  const sender = isSender(actor, a);
  const mine = a.publishedAt ? ((await q.receiptOf(db, actor.orgId, id, actor.userId)) ?? null) : null;
  if (!sender && !mine) {
    throw notFound('announcement');
  }
  return { a, sender, mine };
}

/** One announcement: for its recipients, their own receipt; for its sender, the audience and the counts too. */
export async function getAnnouncement(ctx: Ctx, actor: Actor, id: string): Promise<AnnouncementDetail> {
  requireAction(actor, 'content.read');
  const { a, sender, mine } = await visible(ctx.db, actor, id);
  const counts = sender ? ((await q.countsOf(ctx.db, actor.orgId, [id])).get(id) ?? { delivered: 0, seen: 0, acknowledged: 0 }) : null;
  const unsent = !a.publishedAt && !a.cancelledAt;
  return {
    ...summaryOf(a, mine, counts),
    body: sender ? a.body : null,
    html: a.bodyHtml,
    audience: sender ? cleanAudience(parseCommsAudience(a.audience)) : null,
    canEdit: unsent && a.authorId === actor.userId && can(actor, 'comms.announce'),
    canCancel: unsent && sender && can(actor, 'comms.announce'),
    canSeeStats: sender,
  };
}

const encodeInbox = (k: q.InboxKey) => Buffer.from(`${k.pending}|${k.at.toISOString()}|${k.id}`).toString('base64url');

function decodeInbox(cursor: string | undefined): q.InboxKey | undefined {
  if (!cursor) {
    return undefined;
  }
  const [pending, at, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const date = new Date(at ?? '');
  if ((pending !== '0' && pending !== '1') || !id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(date.getTime())) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { pending: Number(pending), at: date, id };
}

/**
 * A page of announcements: `inbox` (the default), those addressed to the viewer, waiting for their
 * acknowledgement first; `sent`, those the viewer wrote (everyone's, for broadcasters), newest first.
 */
export async function listAnnouncements(
  ctx: Ctx,
  actor: Actor,
  input: ListQuery,
): Promise<{ items: AnnouncementSummary[]; nextCursor: string | null }> {
  requireAction(actor, 'content.read');
  const limit = input.limit ?? 20;
  if (input.box === 'sent') {
    requireAction(actor, 'comms.announce');
    const rows = await q.sentPage(
      ctx.db,
      actor.orgId,
      can(actor, 'comms.broadcast') ? null : actor.userId,
      decodeTimeCursor(input.cursor),
      limit + 1,
    );
    const { page, nextCursor } = keysetPage(rows, limit);
    const ids = page.map((r) => r.id);
    const [counts, mine] = await Promise.all([q.countsOf(ctx.db, actor.orgId, ids), q.receiptsOf(ctx.db, actor.orgId, actor.userId, ids)]);
    return {
      items: page.map((a) => summaryOf(a, mine.get(a.id) ?? null, counts.get(a.id) ?? { delivered: 0, seen: 0, acknowledged: 0 })),
      nextCursor,
    };
  }
  const rows = await q.inboxPage(ctx.db, actor.orgId, actor.userId, decodeInbox(input.cursor), limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const counts = await q.countsOf(
    ctx.db,
    actor.orgId,
    page.filter((a) => isSender(actor, a)).map((a) => a.id),
  );
  return {
    items: page.map((a) => summaryOf(a, { seenAt: a.seenAt, ackedAt: a.ackedAt }, isSender(actor, a) ? (counts.get(a.id) ?? null) : null)),
    nextCursor: rows.length > limit && last ? encodeInbox({ pending: Number(last.pending), at: last.publishedAt!, id: last.id }) : null,
  };
}

/** What stays on top of the viewer's home: announcements to them pinned now, or waiting for their acknowledgement. */
export async function pinnedAnnouncements(ctx: Ctx, actor: Actor): Promise<{ items: AnnouncementSummary[] }> {
  requireAction(actor, 'content.read');
  const rows = await q.pinnedFor(ctx.db, actor.orgId, actor.userId, PINNED_CAP);
  return { items: rows.map((a) => summaryOf(a, { seenAt: a.seenAt, ackedAt: a.ackedAt }, null)) };
}

/** Tells the author their counts moved; the post id also refreshes the feed pages that show it. */
async function statsEvent(trx: Executor, a: { id: string; orgId: string; authorId: string; postId: string | null }) {
  return recordEvents(trx, [
    {
      orgId: a.orgId,
      channel: `user:${a.authorId}`,
      type: 'announcement.stats',
      payload: { announcementId: a.id, ...(a.postId ? { postId: a.postId } : {}) },
    },
  ]);
}

/** Records a receipt change of the viewer's (seen, or acknowledged); 404 for anyone but a recipient. Idempotent. */
async function receipt(ctx: Ctx, actor: Actor, id: string, ack: boolean): Promise<Receipt> {
  requireAction(actor, 'content.write');
  return writeAndPublish(ctx, async (trx) => {
    const a = await q.announcementById(trx, actor.orgId, id);
    const before = a?.publishedAt ? await q.receiptOf(trx, actor.orgId, id, actor.userId) : undefined;
    if (!a || !before) {
      throw notFound('announcement');
    }
    const changed = ack ? await q.markAcked(trx, actor.orgId, id, actor.userId) : await q.markSeen(trx, actor.orgId, id, actor.userId);
    if (!changed) {
      return { result: before, events: [] };
    }
    return { result: changed, events: await statsEvent(trx, a) };
  });
}

/** The viewer opened the announcement. */
export const markSeen = (ctx: Ctx, actor: Actor, id: string) => receipt(ctx, actor, id, false);

/** The viewer acknowledges the announcement ("I have read this"); it counts as seen too. */
export const acknowledge = (ctx: Ctx, actor: Actor, id: string) => receipt(ctx, actor, id, true);

/** The sender's view; 403 for a recipient (who knows it exists), 404 for anyone else. */
async function asSender(db: Executor, actor: Actor, id: string): Promise<q.AnnouncementRow> {
  const { a, sender } = await visible(db, actor, id);
  if (!sender) {
    throw forbidden();
  }
  return a;
}

const rate = (n: number, of: number) => (of === 0 ? 0 : n / of);

/** Delivered, seen and acknowledged counts and rates, overall and per department, team and location. */
export async function announcementStats(ctx: Ctx, actor: Actor, id: string): Promise<AnnouncementStats> {
  requireAction(actor, 'content.read');
  const a = await asSender(ctx.db, actor, id);
  const [counts, departments, teams, locations] = await Promise.all([
    q.countsOf(ctx.db, actor.orgId, [id]),
    q.segmentCounts(ctx.db, actor.orgId, id, 'department'),
    q.segmentCounts(ctx.db, actor.orgId, id, 'team'),
    q.segmentCounts(ctx.db, actor.orgId, id, 'location'),
  ]);
  const c = counts.get(id) ?? { delivered: 0, seen: 0, acknowledged: 0 };
  return {
    ...c,
    seenRate: rate(c.seen, c.delivered),
    ackRate: rate(c.acknowledged, c.delivered),
    requiresAck: a.requiresAck,
    lastRemindedAt: a.lastRemindedAt,
    segments: { departments, teams, locations },
  };
}

const encodeName = (k: q.NameKey) => Buffer.from(JSON.stringify([k.name, k.id])).toString('base64url');

function decodeName(cursor: string | undefined): q.NameKey | undefined {
  if (!cursor) {
    return undefined;
  }
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) {
      return { name: v[0], id: v[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/** Recipients who have not acknowledged yet (not opened it, when no acknowledgement is asked), by name. */
export async function pendingRecipients(ctx: Ctx, actor: Actor, id: string, input: PageQuery) {
  requireAction(actor, 'content.read');
  const a = await asSender(ctx.db, actor, id);
  const limit = input.limit ?? 50;
  const rows = await q.pendingPage(ctx.db, actor.orgId, id, { unseen: !a.requiresAck, after: decodeName(input.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      id: r.id,
      name: r.name,
      title: r.title,
      photoUrl: photoUrl(r.id, r.photoKey),
      seenAt: r.seenAt,
      remindedCount: r.remindedCount,
    })),
    nextCursor: rows.length > limit && last ? encodeName(last) : null,
  };
}

/** Reminds now those who have not acknowledged (not opened, when no acknowledgement is asked); at most every few minutes. */
export async function remindNow(ctx: Ctx, actor: Actor, id: string): Promise<{ reminded: number }> {
  requireAction(actor, 'comms.announce');
  return writeAndPublish(ctx, async (trx) => {
    const found = await q.announcementById(trx, actor.orgId, id, true);
    if (!found) {
      throw notFound('announcement');
    }
    const a = await asSender(trx, actor, id);
    if (!a.publishedAt) {
      throw conflict('ANNOUNCEMENT_NOT_SENT', 'This announcement has not been sent yet.');
    }
    if (a.lastRemindedAt && Date.now() - a.lastRemindedAt.getTime() < REMIND_AGAIN_MS) {
      throw conflict('REMINDED_RECENTLY', 'A reminder went out a few minutes ago. Try again a little later.');
    }
    const r = await remindWaiting(trx, a, false);
    return { result: { reminded: r.count }, events: r.events };
  });
}

/** How many people an audience reaches now, and whether the asker may send to it (for the editor, before sending). */
export async function audienceSize(ctx: Ctx, actor: Actor, input: { audience: Audience }) {
  requireAction(actor, 'comms.announce');
  const audience = cleanAudience(input.audience);
  const settings = await loadCommsSettings(ctx.db, actor.orgId);
  if (isEmptyAudience(audience)) {
    return { size: 0, needsBroadcast: false, allowed: true, limit: settings.broadcastAudienceLimit };
  }
  await checkAudienceIds(ctx.db, actor.orgId, audience);
  await requireReadableCommunities(ctx.db, actor, audience);
  const size = (await audienceMembers(ctx.db, actor.orgId, audience)).length;
  const needs = needsBroadcast(audience, size, settings.broadcastAudienceLimit);
  return { size, needsBroadcast: needs, allowed: !needs || can(actor, 'comms.broadcast'), limit: settings.broadcastAudienceLimit };
}
