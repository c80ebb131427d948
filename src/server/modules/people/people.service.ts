import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { reencodePicture } from '../../platform/images.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { newSecret } from '../../platform/ids.js';
import { can, requireAction, type Actor, type Role } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { existingIds } from '../org/org.queries.js';
import { deleteUserSessions } from '../auth/auth.queries.js';
import { syncAutomaticMemberships } from '../communities/communities.sync.js';
import * as q from './people.queries.js';

type Row = Awaited<ReturnType<typeof q.directory>>[number] & { reportsCount?: number | null };

/** What a client sees of a person in lists: no row goes out as it is. */
export function toPersonSummary(r: Row) {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    title: r.title,
    photoUrl: photoUrl(r.id, r.photoKey),
    status: r.status,
    department: r.departmentId ? { id: r.departmentId, name: r.departmentName ?? '' } : null,
    team: r.teamId ? { id: r.teamId, name: r.teamName ?? '' } : null,
    location: r.locationId ? { id: r.locationId, name: r.locationName ?? '' } : null,
    managerId: r.managerId,
    ...(r.reportsCount === undefined ? {} : { reportsCount: r.reportsCount ?? 0 }),
  };
}

/**
 * Runs a change to a department, team or location and then refreshes the directory text of the
 * people placed in it, so that a renamed or deleted team is found (or not) by its new name, and
 * their automatic community memberships, so that a deleted one no longer holds them.
 */
export async function withPlacementSearch<T>(
  ctx: Ctx,
  orgId: string,
  column: q.Placement,
  id: string,
  change: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  const { result, events } = await ctx.db.transaction().execute(async (trx) => {
    const ids = await q.idsPlacedIn(trx, orgId, column, id);
    const result = await change(trx);
    await q.refreshSearchText(trx, orgId, ids);
    return { result, events: await syncAutomaticMemberships(trx, orgId, ids) };
  });
  await ctx.bus.publish(events);
  return result;
}

const encodeCursor = (c: { name: string; id: string }) => Buffer.from(JSON.stringify([c.name, c.id])).toString('base64url');
function decodeCursor(raw: string | undefined): { name: string; id: string } | undefined {
  if (!raw) {
    return undefined;
  }
  try {
    const [name, id] = JSON.parse(Buffer.from(raw, 'base64url').toString()) as unknown[];
    if (typeof name === 'string' && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) {
      return { name, id };
    }
  } catch {
    // falls through to the error below
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/**
 * The people directory: alphabetical pages; a query keeps those whose words begin with what was
 * typed, and when nobody does, the query is retried with typos corrected ("Marko" finds Marco).
 */
export async function directory(
  ctx: Ctx,
  actor: Actor,
  input: {
    q?: string | undefined;
    departmentId?: string | undefined;
    teamId?: string | undefined;
    locationId?: string | undefined;
    includeDeactivated?: boolean | undefined;
    cursor?: string | undefined;
    limit?: number | undefined;
  },
) {
  requireAction(actor, 'people.read');
  const query = input.q?.trim() ?? '';
  if (query.length > 0 && (query.length < 2 || !q.prefixQuery(query))) {
    throw badRequest('QUERY_TOO_SHORT', 'Type at least 2 letters to search.');
  }
  const limit = input.limit ?? 30;
  const after = decodeCursor(input.cursor);
  const filter = {
    orgId: actor.orgId,
    q: query || undefined,
    departmentId: input.departmentId,
    teamId: input.teamId,
    locationId: input.locationId,
    includeDeactivated: input.includeDeactivated && can(actor, 'people.admin'),
    limit,
    after,
  };
  let rows = await q.directory(ctx.db, filter);
  if (query && !after && rows.length === 0) {
    // Nobody matches as typed: try again with each word replaced by the closest word of a name.
    const words = query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
    const corrections = await q.correctWords(ctx.db, actor.orgId, words);
    if (corrections.size > 0) {
      rows = await q.directory(ctx.db, { ...filter, q: words.map((w) => corrections.get(w) ?? w).join(' ') });
    }
  }
  const more = rows.length > limit;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toPersonSummary), nextCursor: more && last ? encodeCursor(last) : null };
}

export async function getPerson(ctx: Ctx, actor: Actor, id: string) {
  requireAction(actor, 'people.read');
  const p = await q.findPerson(ctx.db, actor.orgId, id);
  if (!p || (p.status !== 'active' && !can(actor, 'people.admin'))) {
    throw notFound('person');
  }
  const chain = await q.managerChain(ctx.db, actor.orgId, id);
  return {
    ...toPersonSummary(p),
    roles: p.roles,
    bio: p.bio,
    skills: p.skills,
    interests: p.interests,
    languages: p.languages,
    timezone: p.timezone,
    pronouns: p.pronouns,
    phone: p.phone,
    startDate: p.startDate,
    locale: p.locale,
    employeeNumber: p.employeeNumber,
    twoFactor: actor.userId === id || can(actor, 'people.admin') ? p.totpEnabled : undefined,
    deactivatedAt: p.deactivatedAt,
    managers: chain.map((m) => ({ id: m.id, name: m.name, title: m.title, photoUrl: photoUrl(m.id, m.photoKey) })),
    canEdit: can(actor, 'people.update', id),
    canAdmin: can(actor, 'people.admin'),
  };
}

export async function orgChart(ctx: Ctx, actor: Actor, managerId: string | null) {
  requireAction(actor, 'people.read');
  const rows = await q.reports(ctx.db, actor.orgId, managerId, 500);
  return { items: rows.map(toPersonSummary) };
}

export interface ProfilePatch {
  name?: string | undefined;
  title?: string | null | undefined;
  bio?: string | null | undefined;
  skills?: string[] | undefined;
  interests?: string[] | undefined;
  languages?: string[] | undefined;
  timezone?: string | null | undefined;
  pronouns?: string | null | undefined;
  phone?: string | null | undefined;
  startDate?: string | null | undefined;
  locale?: 'en' | 'it' | null | undefined;
}

function tidyList(list: string[] | undefined): string[] | undefined {
  if (!list) {
    return undefined;
  }
  const seen = new Map<string, string>();
  for (const item of list) {
    const t = item.trim().replace(/\s+/g, ' ');
    if (t && !seen.has(t.toLowerCase())) {
      seen.set(t.toLowerCase(), t);
    }
  }
  return [...seen.values()];
}

/** The IANA name of a time zone as Intl spells it ("utc" → "UTC"), or null when there is no such zone. */
function canonicalTimezone(tz: string): string | null {
  try {
    return new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Edits one's own profile (or anyone's, for administrators and HR). */
export async function updateProfile(ctx: Ctx, actor: Actor, id: string, patch: ProfilePatch) {
  requireAction(actor, 'people.update', id);
  const timezone = patch.timezone ? canonicalTimezone(patch.timezone) : patch.timezone;
  if (timezone === null && patch.timezone) {
    throw badRequest('INVALID_TIMEZONE', 'Choose a time zone from the list.');
  }
  const values = {
    ...patch,
    timezone,
    skills: tidyList(patch.skills),
    interests: tidyList(patch.interests),
    languages: tidyList(patch.languages),
  };
  const set = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await q.updateUser(trx, actor.orgId, id, set))) {
      throw notFound('person');
    }
    await q.refreshSearchText(trx, actor.orgId, [id]);
  });
  return getPerson(ctx, actor, id);
}

export interface AdminPatch {
  name?: string | undefined;
  email?: string | undefined;
  title?: string | null | undefined;
  roles?: Role[] | undefined;
  managerId?: string | null | undefined;
  departmentId?: string | null | undefined;
  teamId?: string | null | undefined;
  locationId?: string | null | undefined;
  employeeNumber?: string | null | undefined;
}

/** Administrative changes: placement in the organisation, e-mail, roles (roles need an administrator). */
export async function adminUpdate(ctx: Ctx, actor: Actor, id: string, patch: AdminPatch) {
  requireAction(actor, 'people.admin');
  if (patch.roles) {
    requireAction(actor, 'people.roles');
    if (id === actor.userId && !patch.roles.includes('admin')) {
      throw badRequest('CANNOT_DEMOTE_SELF', 'You cannot take away your own administrator role.');
    }
  }
  const checks: ['departments' | 'teams' | 'locations' | 'users', string | null | undefined, string][] = [
    ['departments', patch.departmentId, 'departmentId'],
    ['teams', patch.teamId, 'teamId'],
    ['locations', patch.locationId, 'locationId'],
    ['users', patch.managerId, 'managerId'],
  ];
  for (const [table, ref, field] of checks) {
    if (ref && !(await existingIds(ctx.db, table, actor.orgId, [ref])).has(ref)) {
      throw badRequest('UNKNOWN_REFERENCE', `Unknown ${field}.`, { field });
    }
  }
  if (patch.managerId) {
    const chain = await q.managerChain(ctx.db, actor.orgId, patch.managerId);
    if (patch.managerId === id || chain.some((m) => m.id === id)) {
      throw badRequest('REPORTING_CYCLE', 'A person cannot report to themselves, directly or through others.');
    }
  }
  const roles = patch.roles ? [...new Set<Role>([...patch.roles, 'employee'])] : undefined;
  const set = Object.fromEntries(Object.entries({ ...patch, roles }).filter(([, v]) => v !== undefined));
  const events = await ctx.db
    .transaction()
    .execute(async (trx) => {
      if (!(await q.updateUser(trx, actor.orgId, id, set))) {
        throw notFound('person');
      }
      await q.refreshSearchText(trx, actor.orgId, [id]);
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'person.updated', targetId: id, data: set });
      return syncAutomaticMemberships(trx, actor.orgId, [id]);
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) {
        throw conflict('EMAIL_TAKEN', 'Someone else already uses this e-mail address.');
      }
      throw err;
    });
  await ctx.bus.publish(events);
  return getPerson(ctx, actor, id);
}

/**
 * Deactivation keeps a person's content, refuses their sign-in and ends their sessions at once; it
 * also takes them out of All company and the communities that follow their placement.
 */
export async function setActive(ctx: Ctx, actor: Actor, id: string, active: boolean) {
  requireAction(actor, 'people.admin');
  if (id === actor.userId && !active) {
    throw badRequest('CANNOT_DEACTIVATE_SELF', 'You cannot deactivate yourself.');
  }
  const events = await ctx.db.transaction().execute(async (trx) => {
    const ok = await q.updateUser(
      trx,
      actor.orgId,
      id,
      active ? { status: 'active', deactivatedAt: null } : { status: 'deactivated', deactivatedAt: new Date() },
    );
    if (!ok) {
      throw notFound('person');
    }
    if (!active) {
      await deleteUserSessions(trx, actor.orgId, id);
    }
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: active ? 'person.reactivated' : 'person.deactivated',
      targetId: id,
    });
    return syncAutomaticMemberships(trx, actor.orgId, [id], { statusChanged: true });
  });
  await ctx.bus.publish(events);
  return getPerson(ctx, actor, id);
}

/** Stores a profile photo: re-encoded from its content (metadata and location stripped), cropped square. */
export async function setPhoto(ctx: Ctx, actor: Actor, id: string, read: () => Promise<Buffer>) {
  requireAction(actor, 'people.update', id);
  const data = await read();
  const image = await reencodePicture(data, { width: 256, height: 256 });
  const old = await q.photoKeyOf(ctx.db, actor.orgId, id);
  if (old === undefined) {
    throw notFound('person');
  }
  const key = `photos/${actor.orgId}/${id}-${newSecret(6)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')}.webp`;
  await ctx.storage.put(key, image);
  await q.updateUser(ctx.db, actor.orgId, id, { photoKey: key });
  if (old) {
    await ctx.storage.delete(old).catch(() => undefined);
  }
  return getPerson(ctx, actor, id);
}

export async function getPhoto(ctx: Ctx, actor: Actor, id: string): Promise<Buffer> {
  requireAction(actor, 'people.read');
  const key = await q.photoKeyOf(ctx.db, actor.orgId, id);
  const data = key ? await ctx.storage.get(key) : undefined;
  if (!data) {
    throw notFound('photo');
  }
  return data;
}
