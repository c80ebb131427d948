import type { Kysely, Transaction } from 'kysely';
import type { DB, MemberRole, MemberStatus } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { reencodePicture } from '../../platform/images.js';
import { badRequest, conflict, forbidden, isUniqueViolation, notFound, type AppError } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId, newSecret } from '../../platform/ids.js';
import { can, communityAbilities, requireAction, type Actor, type CommunityAbilities } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { notify } from '../notifications/notifications.service.js';
import { toFacts } from './communities.access.js';
import * as q from './communities.queries.js';
import type { CommunityPatch, CommunityView, NewCommunity } from './communities.schemas.js';
import { applySync, slugAllowed, slugify, uniqueSlug } from './communities.sync.js';

type Executor = Kysely<DB> | Transaction<DB>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const keyOf = (idOrSlug: string) => (UUID.test(idOrSlug) ? { id: idOrSlug.toLowerCase() } : { slug: idOrSlug.toLowerCase() });

/** Where a community's cover is served; the key's tail busts caches when the cover changes. */
export function coverUrl(communityId: string, coverKey: string | null): string | null {
  return coverKey ? `/api/communities/${communityId}/cover?v=${coverKey.slice(-10, -5)}` : null;
}

/** What the actor can do in a community, as the web app shows it. */
function abilitiesOf(actor: Actor, row: q.CommunityRow): CommunityAbilities & { canInvite: boolean } {
  const a = communityAbilities(actor, toFacts(row));
  return { ...a, canInvite: mayInvite(row, a) };
}

/** Moderators invite; in a public community anyone in it may, since anyone may join anyway. */
function mayInvite(row: q.CommunityRow, a: CommunityAbilities): boolean {
  const open = row.archivedAt === null && !row.isAllCompany && row.syncKind === null;
  return open && (a.canModerate || (row.visibility === 'public' && row.status === 'active'));
}

/** What a client sees of a community: no row goes out as it is. */
function toView(actor: Actor, r: q.CommunityRow): CommunityView {
  return {
    id: r.id,
    name: r.name,
    slug: r.slug,
    description: r.description,
    rules: r.rules,
    visibility: r.visibility,
    official: r.official,
    isAllCompany: r.isAllCompany,
    sync: r.syncKind && r.syncId ? { kind: r.syncKind, id: r.syncId, name: r.syncName ?? '' } : null,
    memberCount: r.memberCount,
    coverUrl: coverUrl(r.id, r.coverKey),
    membership: r.role && r.status ? { role: r.role, status: r.status } : null,
    abilities: abilitiesOf(actor, r),
    createdAt: r.createdAt,
    archivedAt: r.archivedAt,
  };
}

/** The community as the actor sees it; 404 when it does not exist or is secret to them. */
async function visible(db: Executor, actor: Actor, idOrSlug: string) {
  const row = await q.findCommunity(db, actor.orgId, actor.userId, keyOf(idOrSlug));
  const abilities = row ? abilitiesOf(actor, row) : undefined;
  if (!row || !abilities?.canSee) {
    throw notFound('community');
  }
  return { row, can: abilities };
}

interface Write {
  trx: Transaction<DB>;
  row: q.CommunityRow;
  can: CommunityAbilities & { canInvite: boolean };
  /** Realtime events to publish once the transaction has committed. */
  events: RealtimeEvent[];
}

/** Runs a change to one community in a transaction holding its row lock; publishes the events after commit. */
async function inCommunity<T>(ctx: Ctx, actor: Actor, idOrSlug: string, change: (w: Write) => Promise<T>): Promise<T> {
  const events: RealtimeEvent[] = [];
  const result = await ctx.db.transaction().execute(async (trx) => {
    const id = await q.lockCommunity(trx, actor.orgId, keyOf(idOrSlug));
    if (!id) {
      throw notFound('community');
    }
    const { row, can } = await visible(trx, actor, id);
    return change({ trx, row, can, events });
  });
  await ctx.bus.publish(events);
  return result;
}

/**
 * Records that these people's membership of the community changed, and moves its member count by
 * `countChange` (active members who are active people joining minus those leaving).
 */
async function membershipChanged(w: Write, orgId: string, userIds: readonly string[], countChange: number): Promise<void> {
  await q.addToMemberCounts(w.trx, orgId, new Map([[w.row.id, countChange]]));
  w.events.push(
    ...(await recordEvents(
      w.trx,
      userIds.map((userId) => ({
        orgId,
        channel: `user:${userId}`,
        type: 'membership.changed' as const,
        payload: { communityId: w.row.id },
      })),
    )),
  );
}

const automatic = () =>
  conflict('MEMBERSHIP_AUTOMATIC', 'Membership of this community follows the organisation and cannot be changed by hand.');
const archived = () => conflict('COMMUNITY_ARCHIVED', 'This community is archived.');
const lastOwner = () => conflict('LAST_OWNER', 'A community needs at least one owner. Make someone else an owner first.');

/** Why the actor may not join: the most useful of the reasons. */
function joinRefusal(row: q.CommunityRow): AppError {
  if (row.status === 'active') {
    return conflict('ALREADY_MEMBER', 'You are already a member of this community.');
  }
  if (row.status === 'banned') {
    return forbidden('BANNED', 'You can no longer take part in this community.');
  }
  if (row.archivedAt !== null) {
    return archived();
  }
  if (row.isAllCompany || row.syncKind !== null) {
    return automatic();
  }
  if (row.visibility === 'private') {
    return forbidden('APPROVAL_REQUIRED', 'This community is private: ask to join and a moderator will answer.');
  }
  return forbidden();
}

const encodeCursor = (c: { name: string; id: string }) => Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');
function decodeCursor(raw: string | undefined): { name: string; id: string } | undefined {
  if (!raw) {
    return undefined;
  }
  try {
    const [name, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && UUID.test(id)) {
      return { name, id };
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/** Communities in name order: the actor's own, the ones to discover, or every one they can see. */
export async function list(
  ctx: Ctx,
  actor: Actor,
  input: { filter?: q.ListFilter | undefined; q?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'content.read');
  const limit = input.limit ?? 30;
  const rows = await q.listCommunities(ctx.db, {
    orgId: actor.orgId,
    userId: actor.userId,
    admin: can(actor, 'communities.admin'),
    filter: input.filter ?? 'all',
    q: input.q?.trim() || undefined,
    after: decodeCursor(input.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((r) => toView(actor, r)), nextCursor: rows.length > limit && last ? encodeCursor(last) : null };
}

/** Communities to offer while someone types a mention: visible and open, their own first. */
export async function suggest(ctx: Ctx, actor: Actor, input: { q: string; limit?: number | undefined }) {
  requireAction(actor, 'content.read');
  const rows = await q.suggestCommunities(ctx.db, actor.orgId, actor.userId, can(actor, 'communities.admin'), input.q, input.limit ?? 8);
  return { items: rows };
}

/** One community by id or slug; secret ones answer 404 to everyone who may not see them. */
export async function get(ctx: Ctx, actor: Actor, idOrSlug: string): Promise<CommunityView> {
  requireAction(actor, 'content.read');
  const { row } = await visible(ctx.db, actor, idOrSlug);
  return toView(actor, row);
}

/** The same for several communities at once, in one query; ids the actor may not see are left out. */
export async function getMany(ctx: Ctx, actor: Actor, ids: readonly string[]): Promise<Map<string, CommunityView>> {
  requireAction(actor, 'content.read');
  const rows = await q.findCommunities(ctx.db, actor.orgId, actor.userId, [...new Set(ids)]);
  return new Map(rows.filter((r) => abilitiesOf(actor, r).canSee).map((r) => [r.id, toView(actor, r)]));
}

function checkSlug(slug: string): void {
  if (!slugAllowed(slug)) {
    throw badRequest('INVALID_SLUG', 'Choose another address: this one is reserved.');
  }
}

const slugTaken = () => conflict('SLUG_TAKEN', 'Another community already uses this address.');

/**
 * Creates a community; its creator becomes its owner. Marking it official or tying its membership to
 * a department, team or location takes an administrator. A community that follows the organisation
 * starts with exactly the people placed there, and nobody else: administrators manage it.
 */
export async function create(ctx: Ctx, actor: Actor, input: NewCommunity): Promise<CommunityView> {
  requireAction(actor, 'communities.create');
  if (input.official || input.sync) {
    requireAction(actor, 'communities.admin');
  }
  if (input.slug) {
    checkSlug(input.slug);
  }
  const sync = input.sync;
  if (sync) {
    if (!(await q.structureExists(ctx.db, actor.orgId, sync.kind, sync.id))) {
      throw badRequest('UNKNOWN_REFERENCE', `Unknown ${sync.kind}.`, { field: 'sync.id' });
    }
    if (await q.communityFollowing(ctx.db, actor.orgId, sync.kind, sync.id)) {
      throw conflict('ALREADY_FOLLOWED', `Another community already follows this ${sync.kind}.`);
    }
  }
  const id = newId();
  const name = input.name.trim();
  const events: RealtimeEvent[] = [];
  // A generated slug can lose a race with another community of the same name: pick again.
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.db.transaction().execute(async (trx) => {
        const slug = input.slug ?? (await uniqueSlug(trx, actor.orgId, slugify(name)));
        if (input.slug && (await q.slugsLike(trx, actor.orgId, input.slug)).has(input.slug)) {
          throw slugTaken();
        }
        await q.insertCommunity(trx, {
          id,
          orgId: actor.orgId,
          name,
          slug,
          description: input.description ?? '',
          rules: input.rules ?? '',
          visibility: input.visibility,
          official: input.official ?? false,
          syncKind: sync?.kind ?? null,
          syncId: sync?.id ?? null,
          createdBy: actor.userId,
        });
        if (sync) {
          events.push(...(await applySync(trx, actor.orgId, { communityIds: [id] })));
        } else {
          await q.upsertMember(trx, { orgId: actor.orgId, communityId: id, userId: actor.userId, role: 'owner', status: 'active' });
          await q.recountMembers(trx, actor.orgId, [id]);
          events.push(
            ...(await recordEvents(trx, [
              { orgId: actor.orgId, channel: `user:${actor.userId}`, type: 'membership.changed', payload: { communityId: id } },
            ])),
          );
        }
        if (input.official || sync) {
          await audit(trx, {
            orgId: actor.orgId,
            actorId: actor.userId,
            action: 'community.created',
            targetId: id,
            data: { official: input.official ?? false, sync: sync ?? null },
          });
        }
      });
      break;
    } catch (err) {
      if (!isUniqueViolation(err)) {
        throw err;
      }
      if (input.slug || attempt >= 3) {
        throw slugTaken();
      }
      events.length = 0;
    }
  }
  await ctx.bus.publish(events);
  return get(ctx, actor, id);
}

/** Settings: owners and administrators; `official` only administrators. All company stays public and open. */
export async function update(ctx: Ctx, actor: Actor, idOrSlug: string, patch: CommunityPatch): Promise<CommunityView> {
  requireAction(actor, 'content.write');
  if (patch.slug) {
    checkSlug(patch.slug);
  }
  const id = await inCommunity(ctx, actor, idOrSlug, async ({ trx, row, can: a }) => {
    if (!a.canManage) {
      throw forbidden();
    }
    if (patch.official !== undefined) {
      requireAction(actor, 'communities.admin');
    }
    if (row.isAllCompany && ((patch.visibility && patch.visibility !== 'public') || patch.archived)) {
      throw conflict('ALL_COMPANY_FIXED', 'All company is always public and open to everyone.');
    }
    if (patch.slug && patch.slug !== row.slug && (await q.slugsLike(trx, actor.orgId, patch.slug)).has(patch.slug)) {
      throw slugTaken();
    }
    const set = {
      ...(patch.name === undefined ? {} : { name: patch.name.trim() }),
      ...(patch.slug === undefined ? {} : { slug: patch.slug }),
      ...(patch.description === undefined ? {} : { description: patch.description }),
      ...(patch.rules === undefined ? {} : { rules: patch.rules }),
      ...(patch.visibility === undefined ? {} : { visibility: patch.visibility }),
      ...(patch.official === undefined ? {} : { official: patch.official }),
    };
    const archive = patch.archived === undefined || patch.archived === (row.archivedAt !== null) ? undefined : patch.archived;
    await q.updateCommunity(trx, actor.orgId, row.id, {
      ...set,
      ...(archive === undefined ? {} : { archivedAt: archive ? new Date() : null }),
    });
    if (Object.keys(set).length > 0) {
      await audit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'community.updated',
        targetId: row.id,
        data: { fields: Object.keys(set), ...(set.visibility ? { visibility: set.visibility } : {}) },
      });
    }
    if (archive !== undefined) {
      await audit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: archive ? 'community.archived' : 'community.unarchived',
        targetId: row.id,
      });
    }
    return row.id;
  }).catch((err: unknown) => {
    if (isUniqueViolation(err)) {
      throw slugTaken();
    }
    throw err;
  });
  return get(ctx, actor, id);
}

/** Stores a cover image: re-encoded from its content (metadata and location stripped), cropped to a banner. */
export async function setCover(ctx: Ctx, actor: Actor, idOrSlug: string, read: () => Promise<Buffer>): Promise<CommunityView> {
  requireAction(actor, 'content.write');
  const { row, can: a } = await visible(ctx.db, actor, idOrSlug);
  if (!a.canManage) {
    throw forbidden();
  }
  const data = await read();
  const image = await reencodePicture(data, { width: 1500, height: 500 });
  const key = `covers/${actor.orgId}/${row.id}-${newSecret(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}.webp`;
  await ctx.storage.put(key, image);
  const old = await replaceCover(ctx, actor, row.id, key);
  if (old) {
    await ctx.storage.delete(old).catch(() => undefined);
  }
  return get(ctx, actor, row.id);
}

/** Takes the cover away. */
export async function removeCover(ctx: Ctx, actor: Actor, idOrSlug: string): Promise<CommunityView> {
  requireAction(actor, 'content.write');
  const { row, can: a } = await visible(ctx.db, actor, idOrSlug);
  if (!a.canManage) {
    throw forbidden();
  }
  const old = await replaceCover(ctx, actor, row.id, null);
  if (old) {
    await ctx.storage.delete(old).catch(() => undefined);
  }
  return get(ctx, actor, row.id);
}

async function replaceCover(ctx: Ctx, actor: Actor, communityId: string, key: string | null): Promise<string | null | undefined> {
  return ctx.db.transaction().execute(async (trx) => {
    await q.lockCommunity(trx, actor.orgId, { id: communityId });
    const old = await q.coverKeyOf(trx, actor.orgId, communityId);
    await q.updateCommunity(trx, actor.orgId, communityId, { coverKey: key });
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'community.updated',
      targetId: communityId,
      data: { fields: ['cover'] },
    });
    return old;
  });
}

/** The cover image, for anyone who can see the community. */
export async function getCover(ctx: Ctx, actor: Actor, idOrSlug: string): Promise<Buffer> {
  requireAction(actor, 'content.read');
  const { row } = await visible(ctx.db, actor, idOrSlug);
  const data = row.coverKey ? await ctx.storage.get(row.coverKey) : undefined;
  if (!data) {
    throw notFound('cover');
  }
  return data;
}

/** Joins a public community, or one the actor was invited to. */
export async function join(ctx: Ctx, actor: Actor, idOrSlug: string): Promise<CommunityView> {
  requireAction(actor, 'content.write');
  const id = await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (!w.can.canJoin) {
      throw joinRefusal(w.row);
    }
    await q.upsertMember(w.trx, { orgId: actor.orgId, communityId: w.row.id, userId: actor.userId, role: 'member', status: 'active' });
    await membershipChanged(w, actor.orgId, [actor.userId], 1);
    return w.row.id;
  });
  return get(ctx, actor, id);
}

/** Asks to join a private community; its owners and moderators are notified. An invitation already held is accepted. */
export async function request(ctx: Ctx, actor: Actor, idOrSlug: string): Promise<CommunityView> {
  requireAction(actor, 'content.write');
  const id = await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (w.row.status === 'invited' && w.can.canJoin) {
      await q.upsertMember(w.trx, { orgId: actor.orgId, communityId: w.row.id, userId: actor.userId, role: 'member', status: 'active' });
      await membershipChanged(w, actor.orgId, [actor.userId], 1);
      return w.row.id;
    }
    if (!w.can.canRequest) {
      if (w.row.status === 'requested') {
        throw conflict('ALREADY_REQUESTED', 'You have already asked to join; a moderator will answer.');
      }
      if (w.row.visibility === 'public' && w.can.canJoin) {
        throw conflict('JOIN_INSTEAD', 'This community is open to everyone: join it directly.');
      }
      throw joinRefusal(w.row);
    }
    await q.upsertMember(w.trx, { orgId: actor.orgId, communityId: w.row.id, userId: actor.userId, role: 'member', status: 'requested' });
    const moderators = await q.moderatorIds(w.trx, w.row.id);
    w.events.push(
      ...(await notify(
        w.trx,
        moderators.map((userId) => ({
          orgId: actor.orgId,
          userId,
          type: 'community_request' as const,
          actorId: actor.userId,
          communityId: w.row.id,
        })),
      )),
    );
    await membershipChanged(w, actor.orgId, [actor.userId], 0);
    return w.row.id;
  });
  return get(ctx, actor, id);
}

/**
 * Leaves a community; also withdraws one's own request or turns down an invitation. Automatic
 * memberships cannot be left, and the last owner has to name another owner first.
 */
export async function leave(ctx: Ctx, actor: Actor, idOrSlug: string): Promise<void> {
  requireAction(actor, 'content.write');
  await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (w.row.status === 'requested' || w.row.status === 'invited') {
      await q.deleteMember(w.trx, w.row.id, actor.userId);
      await membershipChanged(w, actor.orgId, [actor.userId], 0);
      return;
    }
    if (w.row.status !== 'active') {
      throw conflict('NOT_A_MEMBER', 'You are not a member of this community.');
    }
    if (!w.can.canLeave) {
      throw automatic();
    }
    if (w.row.role === 'owner' && (await q.countOwners(w.trx, w.row.id)) <= 1) {
      throw lastOwner();
    }
    await q.deleteMember(w.trx, w.row.id, actor.userId);
    await membershipChanged(w, actor.orgId, [actor.userId], -1);
  });
}

/** Whether a membership row is in the member count. */
const counted = (m: { status: MemberStatus; userStatus: string }) => m.status === 'active' && m.userStatus === 'active';

interface Target {
  userId: string;
  role: MemberRole;
  status: MemberStatus;
  viaSync: boolean;
}

/** What the actor may do to one member; the same rules the member actions enforce. */
function memberAbilities(actor: Actor, a: CommunityAbilities, t: Target) {
  const self = t.userId === actor.userId;
  // Moderators handle members; owners and administrators handle moderators and owners too.
  const outranks = a.canManage || t.role === 'member';
  return {
    canApprove: a.canModerate && t.status === 'requested',
    canRemove: a.canModerate && !self && outranks && t.status !== 'banned' && !(t.status === 'active' && t.viaSync),
    canBan: a.canModerate && !self && outranks && t.status !== 'banned',
    canUnban: a.canModerate && t.status === 'banned',
    canChangeRole: a.canManage && t.status === 'active',
  };
}

function toMemberView(actor: Actor, a: CommunityAbilities, m: Awaited<ReturnType<typeof q.listMembers>>[number]) {
  return {
    user: { id: m.id, name: m.name, title: m.title, photoUrl: photoUrl(m.id, m.photoKey) },
    role: m.role,
    status: m.status,
    viaSync: m.viaSync,
    invitedBy: m.invitedBy,
    createdAt: m.createdAt,
    abilities: memberAbilities(actor, a, { userId: m.id, role: m.role, status: m.status, viaSync: m.viaSync }),
  };
}

/** Members, or (for moderators) pending requests, invitations and bans, in name order. */
export async function members(
  ctx: Ctx,
  actor: Actor,
  idOrSlug: string,
  input: {
    status?: MemberStatus | undefined;
    role?: MemberRole | undefined;
    q?: string | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
) {
  requireAction(actor, 'content.read');
  const { row, can: a } = await visible(ctx.db, actor, idOrSlug);
  const status = input.status ?? 'active';
  if (status === 'active' ? !(a.canRead || a.canModerate) : !a.canModerate) {
    throw forbidden();
  }
  const limit = input.limit ?? 30;
  const rows = await q.listMembers(ctx.db, {
    orgId: actor.orgId,
    communityId: row.id,
    status,
    role: input.role,
    q: input.q?.trim() || undefined,
    after: decodeCursor(input.cursor),
    limit,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((m) => toMemberView(actor, a, m)),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/**
 * Invites people. Moderators invite to any community; members of a public one may invite too.
 * Someone who had asked to join is let in at once when a moderator invites them; members, people
 * already invited and banned people are skipped.
 */
export async function invite(ctx: Ctx, actor: Actor, idOrSlug: string, userIds: readonly string[]) {
  requireAction(actor, 'content.write');
  return inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (w.row.isAllCompany || w.row.syncKind !== null) {
      throw automatic();
    }
    if (w.row.archivedAt !== null) {
      throw archived();
    }
    if (!w.can.canInvite) {
      throw forbidden();
    }
    const wanted = [...new Set(userIds)];
    const active = await q.activePeople(w.trx, actor.orgId, wanted);
    const unknown = wanted.filter((id) => !active.has(id));
    if (unknown.length > 0) {
      throw badRequest('UNKNOWN_PEOPLE', 'Some of these people do not exist or are no longer active.', { userIds: unknown });
    }
    const existing = new Map((await q.membersAmong(w.trx, w.row.id, wanted)).map((m) => [m.userId, m.status]));
    const joined = w.can.canModerate ? wanted.filter((id) => existing.get(id) === 'requested') : [];
    for (const userId of joined) {
      await q.setMember(w.trx, w.row.id, userId, { status: 'active' });
    }
    const invited = await q.insertInvitations(
      w.trx,
      actor.orgId,
      w.row.id,
      actor.userId,
      wanted.filter((id) => !existing.has(id)),
    );
    const notifications = [
      ...invited.map((userId) => ({ type: 'community_invitation' as const, userId })),
      ...joined.map((userId) => ({ type: 'community_request_approved' as const, userId })),
    ];
    w.events.push(
      ...(await notify(
        w.trx,
        notifications.map((n) => ({ orgId: actor.orgId, userId: n.userId, type: n.type, actorId: actor.userId, communityId: w.row.id })),
      )),
    );
    if (invited.length + joined.length > 0) {
      await membershipChanged(w, actor.orgId, [...invited, ...joined], joined.length);
    }
    const done = new Set([...invited, ...joined]);
    return { invited, joined, skipped: wanted.filter((id) => !done.has(id)) };
  });
}

/** Lets in someone who asked to join. */
export async function approve(ctx: Ctx, actor: Actor, idOrSlug: string, userId: string): Promise<void> {
  requireAction(actor, 'content.write');
  await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (!w.can.canModerate) {
      throw forbidden();
    }
    const target = await q.findMember(w.trx, w.row.id, userId);
    if (target?.status !== 'requested' || target.userStatus !== 'active') {
      throw notFound('request');
    }
    await q.setMember(w.trx, w.row.id, userId, { status: 'active' });
    w.events.push(
      ...(await notify(w.trx, [
        { orgId: actor.orgId, userId, type: 'community_request_approved', actorId: actor.userId, communityId: w.row.id },
      ])),
    );
    await membershipChanged(w, actor.orgId, [userId], 1);
  });
}

/**
 * Removes a member, declines a request or withdraws an invitation (moderators), or leaves (oneself).
 * Moderators and owners are removed only by owners and administrators; automatic members cannot be
 * removed (a ban keeps them out of the conversation).
 */
export async function remove(ctx: Ctx, actor: Actor, idOrSlug: string, userId: string): Promise<void> {
  requireAction(actor, 'content.write');
  if (userId === actor.userId) {
    return leave(ctx, actor, idOrSlug);
  }
  await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (!w.can.canModerate) {
      throw forbidden();
    }
    const target = await q.findMember(w.trx, w.row.id, userId);
    if (!target) {
      throw notFound('member');
    }
    if (target.status === 'banned') {
      throw conflict('IS_BANNED', 'This person is banned from the community; lift the ban instead.');
    }
    if (!memberAbilities(actor, w.can, target).canRemove) {
      throw target.status === 'active' && target.viaSync ? automatic() : forbidden();
    }
    if (target.role === 'owner' && target.status === 'active' && (await q.countOwners(w.trx, w.row.id)) <= 1) {
      throw lastOwner();
    }
    await q.deleteMember(w.trx, w.row.id, userId);
    if (target.status === 'active') {
      await audit(w.trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'community.member_removed',
        targetId: userId,
        data: { communityId: w.row.id },
      });
    }
    await membershipChanged(w, actor.orgId, [userId], counted(target) ? -1 : 0);
  });
}

/** Bans someone (a member or not): they can no longer join, ask to join, post or take part. */
export async function ban(ctx: Ctx, actor: Actor, idOrSlug: string, userId: string): Promise<void> {
  requireAction(actor, 'content.write');
  if (userId === actor.userId) {
    throw badRequest('CANNOT_BAN_SELF', 'You cannot ban yourself.');
  }
  await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (!w.can.canModerate) {
      throw forbidden();
    }
    if (!(await q.activePeople(w.trx, actor.orgId, [userId])).has(userId)) {
      throw notFound('person');
    }
    const row = await q.findMember(w.trx, w.row.id, userId);
    const target: Target = row ?? { userId, role: 'member', status: 'requested', viaSync: false };
    if (target.status === 'banned') {
      throw conflict('ALREADY_BANNED', 'This person is already banned from this community.');
    }
    if (!memberAbilities(actor, w.can, target).canBan) {
      throw forbidden();
    }
    if (target.role === 'owner' && target.status === 'active' && (await q.countOwners(w.trx, w.row.id)) <= 1) {
      throw lastOwner();
    }
    await q.upsertMember(w.trx, { orgId: actor.orgId, communityId: w.row.id, userId, role: 'member', status: 'banned' });
    await audit(w.trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'community.member_banned',
      targetId: userId,
      data: { communityId: w.row.id },
    });
    await membershipChanged(w, actor.orgId, [userId], row && counted(row) ? -1 : 0);
  });
}

/** Lifts a ban. The person is then no longer a member, unless the community's automatic membership takes them back. */
export async function unban(ctx: Ctx, actor: Actor, idOrSlug: string, userId: string): Promise<void> {
  requireAction(actor, 'content.write');
  await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (!w.can.canModerate) {
      throw forbidden();
    }
    const target = await q.findMember(w.trx, w.row.id, userId);
    if (target?.status !== 'banned') {
      throw notFound('ban');
    }
    await q.deleteMember(w.trx, w.row.id, userId);
    await audit(w.trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'community.member_unbanned',
      targetId: userId,
      data: { communityId: w.row.id },
    });
    if (w.row.isAllCompany || w.row.syncKind !== null) {
      w.events.push(...(await applySync(w.trx, actor.orgId, { userIds: [userId], communityIds: [w.row.id] })));
    } else {
      await membershipChanged(w, actor.orgId, [userId], 0);
    }
  });
}

/** Appoints members as moderators or owners, or back (owners and administrators). The last owner stays. */
export async function setRole(ctx: Ctx, actor: Actor, idOrSlug: string, userId: string, role: MemberRole) {
  requireAction(actor, 'content.write');
  const communityId = await inCommunity(ctx, actor, idOrSlug, async (w) => {
    if (!w.can.canManage) {
      throw forbidden();
    }
    const target = await q.findMember(w.trx, w.row.id, userId);
    if (target?.status !== 'active' || target.userStatus !== 'active') {
      throw notFound('member');
    }
    if (target.role === role) {
      return w.row.id;
    }
    if (target.role === 'owner' && (await q.countOwners(w.trx, w.row.id)) <= 1) {
      throw lastOwner();
    }
    await q.setMember(w.trx, w.row.id, userId, { role });
    await audit(w.trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'community.role_changed',
      targetId: userId,
      data: { communityId: w.row.id, from: target.role, to: role },
    });
    await membershipChanged(w, actor.orgId, [userId], 0);
    return w.row.id;
  });
  const { row, can: a } = await visible(ctx.db, actor, communityId);
  const [m] = await q.listMembers(ctx.db, { orgId: actor.orgId, communityId: row.id, status: 'active', limit: 1, only: userId });
  if (!m) {
    throw notFound('member');
  }
  return toMemberView(actor, a, m);
}
