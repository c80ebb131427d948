import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { customerSettings } from './customers.settings.js';
import { esc } from './public.html.js';
import type { FormItem, FormPatch, NewForm, Settings, SettingsPut } from './settings.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Forms an organisation keeps are few; the list is not paged. */
const FORMS_MAX = 200;

/** The organisation's customer settings (the defaults until someone saves some). */
export async function getSettings(ctx: Ctx, actor: Actor): Promise<Settings> {
  requireAction(actor, 'customers.read');
  return customerSettings(ctx.db, actor.orgId);
}

/** Saves the settings given (the others keep their value), recording the change with its before and after. */
export async function putSettings(ctx: Ctx, actor: Actor, input: SettingsPut): Promise<Settings> {
  requireAction(actor, 'customers.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await customerSettings(trx, actor.orgId);
    const after: Settings = {
      detractorMax: input.detractorMax ?? before.detractorMax,
      csatDetractorMax: input.csatDetractorMax ?? before.csatDetractorMax,
      followupDays: input.followupDays ?? before.followupDays,
      requestDays: input.requestDays ?? before.requestDays,
      windowMonths: input.windowMonths ?? before.windowMonths,
    };
    await trx
      .insertInto('customerSettings')
      .values({ orgId: actor.orgId, ...after, updatedAt: new Date() })
      .onConflict((oc) => oc.column('orgId').doUpdateSet({ ...after, updatedAt: new Date() }))
      .execute();
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.settings.update',
      data: { before: { ...before }, after },
    });
    return after;
  });
}

interface FormRow {
  id: string;
  name: string;
  kind: FormItem['kind'];
  active: boolean;
  teamId: string | null;
  teamName: string | null;
}

/** A form as administrators see it, with its address and the HTML to paste into a site. */
function toItem(ctx: Ctx, r: FormRow): FormItem {
  const url = `${ctx.config.publicUrl}/embed/${r.id}`;
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    team: r.teamId && r.teamName !== null ? { id: r.teamId, name: r.teamName } : null,
    active: r.active,
    url,
    snippet: `<iframe src="${esc(url)}" title="${esc(r.name)}" width="100%" height="560" style="border:0"></iframe>`,
  };
}

function formRows(db: Executor, orgId: string) {
  return db
    .selectFrom('customerForms as f')
    .leftJoin('teams as t', 't.id', 'f.teamId')
    .select(['f.id', 'f.name', 'f.kind', 'f.active', 'f.teamId', 't.name as teamName'])
    .where('f.orgId', '=', orgId);
}

/** The organisation's embeddable forms, newest first. */
export async function listForms(ctx: Ctx, actor: Actor): Promise<{ items: FormItem[] }> {
  requireAction(actor, 'customers.manage');
  const rows = await formRows(ctx.db, actor.orgId).orderBy('f.createdAt', 'desc').orderBy('f.id', 'desc').limit(FORMS_MAX).execute();
  return { items: rows.map((r) => toItem(ctx, r)) };
}

/** A new embeddable form; its answers belong to the team given. */
export async function createForm(ctx: Ctx, actor: Actor, input: NewForm): Promise<FormItem> {
  requireAction(actor, 'customers.manage');
  const name = input.name.trim();
  if (name === '') {
    throw badRequest('NAME_REQUIRED', 'Give the form a name.');
  }
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    if (input.teamId) {
      const team = await trx
        .selectFrom('teams')
        .select('id')
        .where('orgId', '=', actor.orgId)
        .where('id', '=', input.teamId)
        .executeTakeFirst();
      if (!team) {
        throw badRequest('UNKNOWN_TEAM', 'This team does not exist.');
      }
    }
    await trx
      .insertInto('customerForms')
      .values({ id, orgId: actor.orgId, name, kind: input.kind, teamId: input.teamId ?? null, createdBy: actor.userId })
      .execute();
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.form.create',
      targetId: id,
      data: { name, kind: input.kind },
    });
  });
  return formItem(ctx, actor.orgId, id);
}

/** Renames a form, or closes and reopens it (a closed form's page answers 404). */
export async function updateForm(ctx: Ctx, actor: Actor, id: string, input: FormPatch): Promise<FormItem> {
  requireAction(actor, 'customers.manage');
  const name = input.name?.trim();
  if (name === '') {
    throw badRequest('NAME_REQUIRED', 'Give the form a name.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const changed = await trx
      .updateTable('customerForms')
      .set({ ...(name !== undefined ? { name } : {}), ...(input.active !== undefined ? { active: input.active } : {}) })
      .where('orgId', '=', actor.orgId)
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!changed) {
      throw notFound('form');
    }
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'customers.form.update', targetId: id, data: { ...input } });
  });
  return formItem(ctx, actor.orgId, id);
}

async function formItem(ctx: Ctx, orgId: string, id: string): Promise<FormItem> {
  const row = await formRows(ctx.db, orgId).where('f.id', '=', id).executeTakeFirst();
  if (!row) {
    throw notFound('form');
  }
  return toItem(ctx, row);
}
