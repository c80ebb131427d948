import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { conflict, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { photoUrl } from '../../../shared/urls.js';
import * as q from './recognition.admin.queries.js';
import { recognitionSettings, saveRecognitionSettings, type RecognitionSettings } from './recognition.settings.js';
import type { AdminValueView, AllowancesView, NewValue, SettingsPatch, ValuePatch } from './rewards.schemas.js';

/**
 * The recognition administration: company values, recognition settings and allowance rules. Every
 * change is audited.
 */

function toValue(r: q.ValueRow): AdminValueView {
  return { id: r.id, name: r.name, description: r.description, emoji: r.emoji, position: r.position, archived: r.archivedAt !== null };
}

const valueExists = () => conflict('VALUE_EXISTS', 'A company value with this name already exists.');

/** A name already taken (checked first, and caught again from the unique index when two admins race). */
async function mapUnique<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw valueExists();
    }
    throw err;
  }
}

/** Every company value, archived ones too, in order. */
export async function listValues(ctx: Ctx, actor: Actor): Promise<{ items: AdminValueView[] }> {
  requireAction(actor, 'recognition.admin');
  return { items: (await q.values(ctx.db, actor.orgId)).map(toValue) };
}

/** Adds a company value at the end of the order; names are unique whatever their case. */
export async function createValue(ctx: Ctx, actor: Actor, body: NewValue): Promise<AdminValueView> {
  requireAction(actor, 'recognition.admin');
  const id = newId();
  const name = body.name.trim();
  return mapUnique(() =>
    ctx.db.transaction().execute(async (trx) => {
      if (await q.nameTaken(trx, actor.orgId, name)) {
        throw valueExists();
      }
      await q.insertValue(trx, { id, orgId: actor.orgId, name, description: (body.description ?? '').trim(), emoji: body.emoji ?? null });
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'value.created', targetId: id, data: { name } });
      const row = await q.findValue(trx, actor.orgId, id);
      return toValue(row!);
    }),
  );
}

/**
 * Changes a company value. Values are archived rather than deleted, since kudos name them; `position`
 * moves the value to that place in the order and the others shift to make room.
 */
export async function updateValue(ctx: Ctx, actor: Actor, id: string, patch: ValuePatch): Promise<AdminValueView> {
  requireAction(actor, 'recognition.admin');
  const name = patch.name?.trim();
  return mapUnique(() =>
    ctx.db.transaction().execute(async (trx) => {
      const all = await q.lockValues(trx, actor.orgId);
      const current = all.find((v) => v.id === id);
      if (!current) {
        throw notFound('value');
      }
      if (name !== undefined && (await q.nameTaken(trx, actor.orgId, name, id))) {
        throw valueExists();
      }
      await q.updateValue(trx, actor.orgId, id, {
        ...(name !== undefined ? { name } : {}),
        ...(patch.description !== undefined ? { description: patch.description.trim() } : {}),
        ...(patch.emoji !== undefined ? { emoji: patch.emoji } : {}),
        ...(patch.archived !== undefined ? { archivedAt: patch.archived ? (current.archivedAt ?? new Date()) : null } : {}),
      });
      if (patch.position !== undefined) {
        const others = all.filter((v) => v.id !== id).map((v) => v.id);
        const at = Math.min(patch.position, others.length);
        await q.renumberValues(trx, actor.orgId, [...others.slice(0, at), id, ...others.slice(at)]);
      }
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'value.updated', targetId: id, data: { ...patch } });
      return toValue((await q.findValue(trx, actor.orgId, id))!);
    }),
  );
}

/** The organisation's recognition settings (the defaults until an administrator changes them). */
export async function getSettings(ctx: Ctx, actor: Actor): Promise<RecognitionSettings> {
  requireAction(actor, 'recognition.admin');
  return recognitionSettings(ctx.db, actor.orgId);
}

/** Changes some of the recognition settings; leaderboards change one board at a time. */
export async function updateSettings(ctx: Ctx, actor: Actor, patch: SettingsPatch): Promise<RecognitionSettings> {
  requireAction(actor, 'recognition.admin');
  return ctx.db.transaction().execute(async (trx) => {
    const current = await recognitionSettings(trx, actor.orgId);
    const { leaderboards, gamificationOffCountries, ...rest } = patch;
    const change: Partial<RecognitionSettings> = {
      ...rest,
      ...(gamificationOffCountries !== undefined ? { gamificationOffCountries: [...new Set(gamificationOffCountries)].sort() } : {}),
      ...(leaderboards !== undefined ? { leaderboards: { ...current.leaderboards, ...leaderboards } } : {}),
    };
    const next = await saveRecognitionSettings(trx, actor.orgId, change);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'recognition_settings.updated',
      targetId: actor.orgId,
      data: { ...patch },
    });
    return next;
  });
}

/** The company's default monthly allowance and the rules that change it: roles first (in the roles' order), then people by name. */
export async function allowances(ctx: Ctx, actor: Actor): Promise<AllowancesView> {
  requireAction(actor, 'recognition.admin');
  const [settings, rules] = await Promise.all([recognitionSettings(ctx.db, actor.orgId), q.allowanceRules(ctx.db, actor.orgId)]);
  const roleRank = (role: string | null) => (role === null ? ROLES.length : ROLES.indexOf(role as Role));
  const sorted = [...rules].sort((a, b) => roleRank(a.role) - roleRank(b.role));
  return {
    defaultAllowance: settings.defaultAllowance,
    rules: sorted.map((r) => ({
      id: r.id,
      role: r.role as Role | null,
      person: r.userId && r.name !== null ? { id: r.userId, name: r.name, title: r.title, photoUrl: photoUrl(r.userId, r.photoKey) } : null,
      amount: r.amount,
    })),
  };
}

/** Sets the monthly allowance of a role; someone with several roles gets the largest. */
export async function setRoleAllowance(ctx: Ctx, actor: Actor, role: Role, amount: number): Promise<AllowancesView> {
  requireAction(actor, 'recognition.admin');
  await ctx.db.transaction().execute(async (trx) => {
    await q.upsertRoleRule(trx, { id: newId(), orgId: actor.orgId, role, amount });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'allowance.set', targetId: null, data: { role, amount } });
  });
  return allowances(ctx, actor);
}

/** Removes a role's rule: its people fall back to their other roles' rules or the company default. */
export async function removeRoleAllowance(ctx: Ctx, actor: Actor, role: Role): Promise<AllowancesView> {
  requireAction(actor, 'recognition.admin');
  await ctx.db.transaction().execute(async (trx) => {
    if (await q.deleteRule(trx, actor.orgId, { role })) {
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'allowance.removed', targetId: null, data: { role } });
    }
  });
  return allowances(ctx, actor);
}

/** Sets one active person's monthly allowance; it wins over their roles' rules. */
export async function setPersonAllowance(ctx: Ctx, actor: Actor, userId: string, amount: number): Promise<AllowancesView> {
  requireAction(actor, 'recognition.admin');
  await ctx.db.transaction().execute(async (trx) => {
    const status = await q.personStatus(trx, actor.orgId, userId);
    if (!status) {
      throw notFound('person');
    }
    if (status !== 'active') {
      throw unprocessable('PERSON_INACTIVE', 'This person is deactivated.');
    }
    await q.upsertPersonRule(trx, { id: newId(), orgId: actor.orgId, userId, amount });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'allowance.set', targetId: userId, data: { amount } });
  });
  return allowances(ctx, actor);
}

/** Removes a person's own rule: their roles' rules or the company default apply again. */
export async function removePersonAllowance(ctx: Ctx, actor: Actor, userId: string): Promise<AllowancesView> {
  requireAction(actor, 'recognition.admin');
  await ctx.db.transaction().execute(async (trx) => {
    if (await q.deleteRule(trx, actor.orgId, { userId })) {
      await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'allowance.removed', targetId: userId, data: {} });
    }
  });
  return allowances(ctx, actor);
}
