import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId, newSecret } from '../../platform/ids.js';
import { reencodePicture } from '../../platform/images.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { notify } from '../notifications/notifications.service.js';
import { appendEntries, lockPeople, spend } from './ledger.js';
import { gamificationFor } from './recognition.settings.js';
import * as q from './rewards.queries.js';
import type {
  AwardView,
  Decision,
  NewAward,
  NewReward,
  PageQuery,
  RedemptionQuery,
  RedemptionView,
  RewardPatch,
  RewardQuery,
  RewardView,
} from './rewards.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

const DEFAULT_LIMIT = 20;
/** Reward pictures are cards of this size, cropped to fill. */
const PICTURE = { width: 800, height: 600 };

/**
 * Runs a write in one transaction and publishes its realtime events once it has committed; a failure to
 * publish is logged, not answered (the change is saved, and clients catch up from the event log).
 */
async function commit<T>(ctx: Ctx, work: (trx: Transaction<DB>) => Promise<{ result: T; events: RealtimeEvent[] }>): Promise<T> {
  const { result, events } = await ctx.db.transaction().execute(work);
  if (events.length > 0) {
    try {
      await ctx.bus.publish(events);
    } catch (err) {
      ctx.log.warn({ err }, 'realtime publish failed');
    }
  }
  return result;
}

const authorOf = (id: string, name: string, title: string | null, photoKey: string | null) => ({
  id,
  name,
  title,
  photoUrl: photoUrl(id, photoKey),
});

/** Where a reward's picture is served; the key's tail busts caches when the picture changes. */
export function rewardImageUrl(rewardId: string, imageKey: string | null): string | null {
  return imageKey ? `/api/rewards/${rewardId}/image?v=${imageKey.slice(-10, -5)}` : null;
}

function toReward(r: q.RewardRow): RewardView {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    imageUrl: rewardImageUrl(r.id, r.imageKey),
    cost: r.cost,
    stock: r.stock,
    requiresApproval: r.requiresApproval,
    active: r.active,
  };
}

function toRedemption(r: q.RedemptionRow): RedemptionView {
  return {
    id: r.id,
    reward: { id: r.rewardId, name: r.rewardName, imageUrl: rewardImageUrl(r.rewardId, r.rewardImageKey) },
    person: authorOf(r.userId, r.userName, r.userTitle, r.userPhotoKey),
    cost: r.cost,
    status: r.status,
    note: r.note,
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decidedBy: r.deciderId && r.deciderName !== null ? authorOf(r.deciderId, r.deciderName, r.deciderTitle, r.deciderPhotoKey) : null,
  };
}

// --- Page cursors ----------------------------------------------------------------------------------

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const invalidCursor = () => badRequest('INVALID_CURSOR', 'The page cursor is not valid.');

/** Opaque cursors: a position (a number, then an id) in a keyset-ordered list. */
const encodeCursor = (n: number, id: string) => Buffer.from(`${n}|${id}`).toString('base64url');

function decodeCursor(cursor: string | undefined): { n: number; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const [n, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!id || !UUID.test(id) || !/^\d{1,17}$/.test(n ?? '') || !Number.isSafeInteger(Number(n))) {
    throw invalidCursor();
  }
  return { n: Number(n), id };
}

/** Cuts a page from `limit + 1` rows read, with the cursor of its last row when more follow. */
function pageOf<T extends { id: string }>(rows: T[], limit: number, keyOf: (row: T) => number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last), last.id) : null };
}

function timeKey(cursor: string | undefined): q.TimeKey | undefined {
  const c = decodeCursor(cursor);
  return c && { us: c.n, id: c.id };
}

// --- The catalogue ---------------------------------------------------------------------------------

/** The reward catalogue, cheapest first: active rewards for everyone, inactive ones too for administrators who ask. */
export async function listRewards(ctx: Ctx, actor: Actor, query: RewardQuery) {
  requireAction(actor, 'recognition.read');
  const limit = query.limit ?? DEFAULT_LIMIT;
  const all = (query.all ?? false) && can(actor, 'recognition.admin');
  const after = decodeCursor(query.cursor);
  const rows = await q.rewardPage(ctx.db, actor.orgId, { all, limit, after: after && { cost: after.n, id: after.id } });
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.cost);
  return { items: page.map(toReward), nextCursor };
}

async function rewardOrThrow(db: Executor, orgId: string, id: string): Promise<q.RewardRow> {
  const row = await q.findReward(db, orgId, id);
  if (!row) {
    throw notFound('reward');
  }
  return row;
}

/** Adds a reward to the catalogue (unlimited and active unless told otherwise). */
export async function createReward(ctx: Ctx, actor: Actor, body: NewReward): Promise<RewardView> {
  requireAction(actor, 'recognition.admin');
  const id = newId();
  return ctx.db.transaction().execute(async (trx) => {
    await q.insertReward(trx, {
      id,
      orgId: actor.orgId,
      name: body.name.trim(),
      description: (body.description ?? '').trim(),
      cost: body.cost,
      stock: body.stock ?? null,
      requiresApproval: body.requiresApproval ?? false,
      active: body.active ?? true,
    });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'reward.created', targetId: id, data: { cost: body.cost } });
    return toReward(await rewardOrThrow(trx, actor.orgId, id));
  });
}

/** Changes a reward. Redemptions already made keep the cost they were made at. */
export async function updateReward(ctx: Ctx, actor: Actor, id: string, patch: RewardPatch): Promise<RewardView> {
  requireAction(actor, 'recognition.admin');
  return ctx.db.transaction().execute(async (trx) => {
    const changed = await q.updateReward(trx, actor.orgId, id, {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
      ...(patch.cost !== undefined ? { cost: patch.cost } : {}),
      ...(patch.stock !== undefined ? { stock: patch.stock } : {}),
      ...(patch.requiresApproval !== undefined ? { requiresApproval: patch.requiresApproval } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
    });
    if (!changed) {
      throw notFound('reward');
    }
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'reward.updated', targetId: id, data: { ...patch } });
    return toReward(await rewardOrThrow(trx, actor.orgId, id));
  });
}

/** Stores a reward's picture: re-encoded from its content (metadata and location stripped), cropped to a card. */
export async function setRewardImage(ctx: Ctx, actor: Actor, id: string, read: () => Promise<Buffer>): Promise<RewardView> {
  requireAction(actor, 'recognition.admin');
  await rewardOrThrow(ctx.db, actor.orgId, id);
  const image = await reencodePicture(await read(), PICTURE);
  const key = `rewards/${actor.orgId}/${id}-${newSecret(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}.webp`;
  await ctx.storage.put(key, image);
  return replaceImage(ctx, actor, id, key);
}

/** Takes a reward's picture away. */
export async function removeRewardImage(ctx: Ctx, actor: Actor, id: string): Promise<RewardView> {
  requireAction(actor, 'recognition.admin');
  return replaceImage(ctx, actor, id, null);
}

async function replaceImage(ctx: Ctx, actor: Actor, id: string, key: string | null): Promise<RewardView> {
  const { view, old } = await ctx.db.transaction().execute(async (trx) => {
    const current = await q.lockRewardImage(trx, actor.orgId, id);
    if (!current) {
      throw notFound('reward');
    }
    await q.updateReward(trx, actor.orgId, id, { imageKey: key });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'reward.updated', targetId: id, data: { fields: ['image'] } });
    return { view: toReward(await rewardOrThrow(trx, actor.orgId, id)), old: current.imageKey };
  });
  if (old && old !== key) {
    await ctx.storage.delete(old).catch(() => undefined);
  }
  return view;
}

/** A reward's picture, for anyone in the organisation (past redemptions show it even once the reward is inactive). */
export async function rewardImage(ctx: Ctx, actor: Actor, id: string): Promise<Buffer> {
  requireAction(actor, 'recognition.read');
  const row = await rewardOrThrow(ctx.db, actor.orgId, id);
  const data = row.imageKey ? await ctx.storage.get(row.imageKey) : undefined;
  if (!data) {
    throw notFound('picture');
  }
  return data;
}

// --- Redemptions -----------------------------------------------------------------------------------

async function redemptionViews(db: Executor, orgId: string, ids: readonly string[]): Promise<RedemptionView[]> {
  return ids.length === 0 ? [] : (await q.redemptionRows(db, orgId, { ids })).map(toRedemption);
}

async function redemptionView(db: Executor, orgId: string, id: string): Promise<RedemptionView> {
  const [view] = await redemptionViews(db, orgId, [id]);
  if (!view) {
    throw notFound('redemption');
  }
  return view;
}

/**
 * Redeems a reward with the person's received points, in one transaction: the person is locked (so that
 * their concurrent redemptions queue and cannot overdraw them), one is taken from a limited stock by a
 * conditional update (so that it never goes below zero), and the cost is taken from their points. A
 * reward that needs approval waits as `pending`; a refusal gives the points and the stock back.
 * With an idempotency key, a retry gives back the redemption the key first made (`replayed`).
 */
export async function redeem(
  ctx: Ctx,
  actor: Actor,
  rewardId: string,
  idempotencyKey: string | undefined,
): Promise<{ redemption: RedemptionView; replayed: boolean }> {
  requireAction(actor, 'recognition.give');
  const { orgId, userId } = actor;
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await lockPeople(trx, orgId, [userId])).has(userId)) {
      throw forbidden();
    }
    if (idempotencyKey !== undefined) {
      const prior = await q.redemptionByKey(trx, orgId, userId, idempotencyKey);
      if (prior) {
        if (prior.rewardId !== rewardId) {
          throw unprocessable('IDEMPOTENCY_MISMATCH', 'This idempotency key was already used to redeem another reward.');
        }
        return { redemption: await redemptionView(trx, orgId, prior.id), replayed: true };
      }
    }
    if (!(await gamificationFor(trx, orgId, [userId])).get(userId)) {
      throw unprocessable('GAMIFICATION_OFF', 'Points and rewards are switched off for you.');
    }
    const reward = await rewardOrThrow(trx, orgId, rewardId);
    if (!reward.active) {
      throw unprocessable('REWARD_INACTIVE', 'This reward is no longer offered.');
    }
    if (reward.stock !== null && !(await q.takeFromStock(trx, orgId, rewardId))) {
      throw unprocessable('OUT_OF_STOCK', 'This reward is out of stock.');
    }
    const id = newId();
    const status = reward.requiresApproval ? 'pending' : 'approved';
    await q.insertRedemption(trx, {
      id,
      orgId,
      rewardId,
      userId,
      cost: reward.cost,
      status,
      decidedAt: status === 'approved' ? new Date() : null,
      idempotencyKey: idempotencyKey ?? null,
    });
    await spend(trx, orgId, userId, 'received', reward.cost, { reason: 'redemption', redemptionId: id });
    return { redemption: await redemptionView(trx, orgId, id), replayed: false };
  });
}

/** The actor's own redemptions, newest first. */
export async function myRedemptions(ctx: Ctx, actor: Actor, query: PageQuery) {
  requireAction(actor, 'recognition.read');
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await q.redemptionRows(ctx.db, actor.orgId, { userId: actor.userId, limit, after: timeKey(query.cursor) });
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.us);
  return { items: page.map(toRedemption), nextCursor };
}

/** Everyone's redemptions, newest first, optionally of one status (the pending ones are the queue to decide). */
export async function adminRedemptions(ctx: Ctx, actor: Actor, query: RedemptionQuery) {
  requireAction(actor, 'recognition.admin');
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await q.redemptionRows(ctx.db, actor.orgId, { status: query.status, limit, after: timeKey(query.cursor) });
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.us);
  return { items: page.map(toRedemption), nextCursor };
}

/**
 * Approves or refuses a pending redemption, once: a second decision (or one on a redemption approved at
 * once) is a 409. A refusal gives the points back (a `redemption_refund` entry) and, for a limited
 * reward, the stock. The person is told either way.
 */
export async function decide(ctx: Ctx, actor: Actor, id: string, status: 'approved' | 'refused', body: Decision): Promise<RedemptionView> {
  requireAction(actor, 'recognition.admin');
  const { orgId } = actor;
  const note = body.note?.trim() || null;
  return commit(ctx, async (trx) => {
    const decided = await q.decidePending(trx, orgId, id, { status, note, decidedBy: actor.userId });
    if (!decided) {
      if (await q.redemptionExists(trx, orgId, id)) {
        throw conflict('ALREADY_DECIDED', 'This redemption has already been decided.');
      }
      throw notFound('redemption');
    }
    if (status === 'refused') {
      await appendEntries(trx, [
        {
          orgId,
          userId: decided.userId,
          account: 'received',
          delta: decided.cost,
          period: null,
          reason: 'redemption_refund',
          redemptionId: id,
        },
      ]);
      await q.returnToStock(trx, orgId, decided.rewardId);
    }
    await audit(trx, {
      orgId,
      actorId: actor.userId,
      action: `redemption.${status}`,
      targetId: id,
      data: { userId: decided.userId, rewardId: decided.rewardId, cost: decided.cost, note },
    });
    const view = await redemptionView(trx, orgId, id);
    const events = await notify(trx, [
      {
        orgId,
        userId: decided.userId,
        type: 'redemption',
        actorId: actor.userId,
        data: { redemptionId: id, rewardId: decided.rewardId, rewardName: view.reward.name, status, note },
      },
    ]);
    return { result: view, events };
  });
}

// --- Company awards --------------------------------------------------------------------------------

async function awardViews(db: Executor, orgId: string, rows: Awaited<ReturnType<typeof q.awardRows>>): Promise<AwardView[]> {
  const recipients = await q.awardRecipients(
    db,
    orgId,
    rows.map((r) => r.id),
  );
  const byAward = new Map<string, AwardView['recipients']>();
  for (const r of recipients) {
    const list = byAward.get(r.awardId!) ?? [];
    list.push(authorOf(r.id, r.name, r.title, r.photoKey));
    byAward.set(r.awardId!, list);
  }
  return rows.map((r) => ({
    id: r.id,
    points: r.points,
    reason: r.reason,
    recipients: byAward.get(r.id) ?? [],
    grantedBy: r.granterId && r.granterName !== null ? authorOf(r.granterId, r.granterName, r.granterTitle, r.granterPhotoKey) : null,
    createdAt: r.createdAt,
  }));
}

/**
 * Grants points to people on behalf of the company: an `award` entry in each one's received points,
 * linked to one award; nobody's allowance is touched. All or nothing: unknown people are a 404,
 * deactivated people (RECIPIENT_INACTIVE) and people whose points are switched off (GAMIFICATION_OFF)
 * a 422 listing them, so that the administrator decides whether to grant to the others.
 */
export async function grantAward(ctx: Ctx, actor: Actor, body: NewAward): Promise<AwardView> {
  requireAction(actor, 'recognition.admin');
  const { orgId } = actor;
  const ids = [...new Set(body.userIds)];
  const reason = body.reason.trim();
  return commit(ctx, async (trx) => {
    const people = await q.peopleOf(trx, orgId, ids);
    const known = new Set(people.map((p) => p.id));
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      throw new AppError(404, 'NOT_FOUND', 'Some of these people do not exist.', { userIds: unknown });
    }
    const inactive = people.filter((p) => p.status !== 'active').map((p) => p.id);
    if (inactive.length > 0) {
      throw unprocessable('RECIPIENT_INACTIVE', 'Some of these people are deactivated.', { userIds: inactive });
    }
    const gamification = await gamificationFor(trx, orgId, ids);
    const off = ids.filter((id) => !gamification.get(id));
    if (off.length > 0) {
      throw unprocessable('GAMIFICATION_OFF', 'Points are switched off for some of these people.', { userIds: off });
    }
    const id = newId();
    await q.insertAward(trx, { id, orgId, grantedBy: actor.userId, reason, points: body.points });
    await appendEntries(
      trx,
      ids.map((userId) => ({
        orgId,
        userId,
        account: 'received' as const,
        delta: body.points,
        period: null,
        reason: 'award' as const,
        awardId: id,
      })),
    );
    await audit(trx, {
      orgId,
      actorId: actor.userId,
      action: 'award.granted',
      targetId: id,
      data: { points: body.points, reason, userIds: ids },
    });
    const events = await notify(
      trx,
      ids.map((userId) => ({
        orgId,
        userId,
        type: 'award' as const,
        actorId: actor.userId,
        data: { awardId: id, points: body.points, reason },
      })),
    );
    const [view] = await awardViews(trx, orgId, await q.awardRows(trx, orgId, { ids: [id] }));
    return { result: view!, events };
  });
}

/** The company's awards, newest first, each with its recipients (one query for the page's recipients). */
export async function listAwards(ctx: Ctx, actor: Actor, query: PageQuery) {
  requireAction(actor, 'recognition.admin');
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await q.awardRows(ctx.db, actor.orgId, { limit, after: timeKey(query.cursor) });
  const { page, nextCursor } = pageOf(rows, limit, (r) => r.us);
  return { items: await awardViews(ctx.db, actor.orgId, page), nextCursor };
}
