import { sql } from 'kysely';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { badRequest, conflict, isUniqueViolation, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { checkPassword, hashPassword } from '../auth/password.js';
import { insertUser } from '../people/people.queries.js';
import { withPlacementSearch } from '../people/people.service.js';
import { releaseSyncedCommunities, syncAutomaticMemberships } from '../communities/communities.sync.js';
import * as q from './org.queries.js';

export type OrgInfo = NonNullable<Awaited<ReturnType<typeof q.findOrgForHost>>>;

/** Org lookups by host are cached briefly: they happen on every request. */
const cache = new Map<string, { org: OrgInfo | null; at: number }>();
const CACHE_MS = 5000;

export async function orgForHost(ctx: Ctx, host: string): Promise<OrgInfo | null> {
  const hit = cache.get(host);
  if (hit && Date.now() - hit.at < CACHE_MS && hit.org) {
    return hit.org;
  }
  const org = (await q.findOrgForHost(ctx.db, host)) ?? null;
  cache.set(host, { org, at: Date.now() });
  return org;
}

export function forgetOrgCache(): void {
  cache.clear();
}

export interface NewOrg {
  orgName: string;
  host?: string | null;
  locale?: string;
  admin: { name: string; email: string; password: string; locale?: string };
}

/** Creates an organisation, its All company community and its first administrator in one transaction. */
export async function createOrgWithAdmin(ctx: Ctx, input: NewOrg): Promise<{ orgId: string; userId: string }> {
  checkPassword(input.admin.password, [input.admin.email, input.admin.name]);
  const passwordHash = await hashPassword(input.admin.password);
  const orgId = newId();
  const userId = newId();
  const host = input.host ?? null;
  await ctx.db.transaction().execute(async (trx) => {
    if (host === null) {
      // Two first-run set-ups racing each other: only one instance-default organisation may exist.
      await sql`select pg_advisory_xact_lock(7211)`.execute(trx);
      if ((await q.countDefaultOrgs(trx)) > 0) {
        throw conflict('ALREADY_SET_UP', 'Tessuto is already set up. Sign in instead.');
      }
    }
    await q.insertOrg(trx, { id: orgId, name: input.orgName, host, defaultLocale: input.locale ?? 'en' });
    await insertUser(trx, {
      id: userId,
      orgId,
      email: input.admin.email,
      name: input.admin.name,
      passwordHash,
      roles: ['admin', 'employee'],
      locale: input.admin.locale ?? input.locale ?? null,
    });
    await syncAutomaticMemberships(trx, orgId, [userId]);
    await audit(trx, { orgId, actorId: userId, action: 'org.created', targetId: orgId });
  });
  forgetOrgCache();
  return { orgId, userId };
}

export async function setupNeeded(ctx: Ctx): Promise<boolean> {
  return (await q.countDefaultOrgs(ctx.db)) === 0;
}

export async function getSettings(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'org.settings');
  return q.getOrg(ctx.db, actor.orgId);
}

export async function updateSettings(ctx: Ctx, actor: Actor, patch: { name?: string; defaultLocale?: string; requireTotp?: boolean }) {
  requireAction(actor, 'org.settings');
  await ctx.db.transaction().execute(async (trx) => {
    await q.updateOrg(trx, actor.orgId, patch);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'org.updated', targetId: actor.orgId, data: patch });
  });
  forgetOrgCache();
  return q.getOrg(ctx.db, actor.orgId);
}

export async function structure(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'structure.read');
  const [departments, teams, locations] = await Promise.all([
    q.listDepartments(ctx.db, actor.orgId),
    q.listTeams(ctx.db, actor.orgId),
    q.listLocations(ctx.db, actor.orgId),
  ]);
  const counted = <T extends { people: number | null }>(rows: T[]) => rows.map((r) => ({ ...r, people: r.people ?? 0 }));
  return { departments: counted(departments), teams: counted(teams), locations: counted(locations) };
}

function nameTaken(err: unknown): never {
  if (isUniqueViolation(err)) {
    throw conflict('NAME_TAKEN', 'Another one already has this name.');
  }
  throw err;
}

async function requireIn(
  ctx: Ctx,
  table: 'departments' | 'teams' | 'locations',
  orgId: string,
  id: string | null | undefined,
  what: string,
) {
  if (id && !(await q.existingIds(ctx.db, table, orgId, [id])).has(id)) {
    throw badRequest('UNKNOWN_REFERENCE', `The ${what} does not exist.`, { field: what });
  }
}

export async function createDepartment(ctx: Ctx, actor: Actor, input: { name: string; parentId?: string | null | undefined }) {
  requireAction(actor, 'structure.manage');
  await requireIn(ctx, 'departments', actor.orgId, input.parentId, 'parent department');
  const id = newId();
  await q.insertDepartment(ctx.db, { id, orgId: actor.orgId, name: input.name, parentId: input.parentId ?? null }).catch(nameTaken);
  return { id, name: input.name, parentId: input.parentId ?? null, people: 0 };
}

export async function updateDepartment(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; parentId?: string | null | undefined },
) {
  requireAction(actor, 'structure.manage');
  if (patch.parentId) {
    await requireIn(ctx, 'departments', actor.orgId, patch.parentId, 'parent department');
    if ((await q.departmentAncestors(ctx.db, actor.orgId, patch.parentId)).includes(id)) {
      throw badRequest('DEPARTMENT_CYCLE', 'A department cannot sit inside itself.');
    }
  }
  const ok = await withPlacementSearch(ctx, actor.orgId, 'departmentId', id, (trx) =>
    q.updateDepartment(trx, actor.orgId, id, clean(patch)),
  ).catch(nameTaken);
  if (!ok) {
    throw notFound('department');
  }
}

export async function createTeam(ctx: Ctx, actor: Actor, input: { name: string; departmentId?: string | null | undefined }) {
  requireAction(actor, 'structure.manage');
  await requireIn(ctx, 'departments', actor.orgId, input.departmentId, 'department');
  const id = newId();
  await q.insertTeam(ctx.db, { id, orgId: actor.orgId, name: input.name, departmentId: input.departmentId ?? null }).catch(nameTaken);
  return { id, name: input.name, departmentId: input.departmentId ?? null, people: 0 };
}

export async function updateTeam(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; departmentId?: string | null | undefined },
) {
  requireAction(actor, 'structure.manage');
  await requireIn(ctx, 'departments', actor.orgId, patch.departmentId, 'department');
  if (
    !(await withPlacementSearch(ctx, actor.orgId, 'teamId', id, (trx) => q.updateTeam(trx, actor.orgId, id, clean(patch))).catch(nameTaken))
  ) {
    throw notFound('team');
  }
}

export async function createLocation(
  ctx: Ctx,
  actor: Actor,
  input: { name: string; country?: string | null | undefined; timezone?: string | null | undefined },
) {
  requireAction(actor, 'structure.manage');
  const id = newId();
  const row = { id, orgId: actor.orgId, name: input.name, country: input.country ?? null, timezone: input.timezone ?? null };
  await q.insertLocation(ctx.db, row).catch(nameTaken);
  return { id, name: row.name, country: row.country, timezone: row.timezone, people: 0 };
}

export async function updateLocation(
  ctx: Ctx,
  actor: Actor,
  id: string,
  patch: { name?: string | undefined; country?: string | null | undefined; timezone?: string | null | undefined },
) {
  requireAction(actor, 'structure.manage');
  if (
    !(await withPlacementSearch(ctx, actor.orgId, 'locationId', id, (trx) => q.updateLocation(trx, actor.orgId, id, clean(patch))).catch(
      nameTaken,
    ))
  ) {
    throw notFound('location');
  }
}

/**
 * Removing a department, team or location keeps its people; they are simply no longer assigned to it.
 * A community that followed it keeps its members and becomes an ordinary community.
 */
export async function deleteStructure(ctx: Ctx, actor: Actor, table: 'departments' | 'teams' | 'locations', id: string) {
  requireAction(actor, 'structure.manage');
  const column = ({ departments: 'departmentId', teams: 'teamId', locations: 'locationId' } as const)[table];
  const kind = ({ departments: 'department', teams: 'team', locations: 'location' } as const)[table];
  await withPlacementSearch(ctx, actor.orgId, column, id, async (trx) => {
    await releaseSyncedCommunities(trx, actor.orgId, kind, id);
    if (!(await q.deleteStructure(trx, table, actor.orgId, id))) {
      throw notFound(table.slice(0, -1));
    }
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: `${table}.deleted`, targetId: id });
  });
}

function clean<T extends Record<string, unknown>>(patch: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}
