import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { CommsSettingsPatch } from './comms.schemas.js';
import { loadCommsSettings, saveCommsSettings, type CommsSettings } from './settings.js';

/** The organisation's communication settings (administrators). */
export async function getCommsSettings(ctx: Ctx, actor: Actor): Promise<CommsSettings> {
  requireAction(actor, 'comms.admin');
  return loadCommsSettings(ctx.db, actor.orgId);
}

/** Changes some of the communication settings; the change is audited with its values. */
export async function updateCommsSettings(ctx: Ctx, actor: Actor, patch: CommsSettingsPatch): Promise<CommsSettings> {
  requireAction(actor, 'comms.admin');
  return ctx.db.transaction().execute(async (trx) => {
    const next = await saveCommsSettings(trx, actor.orgId, patch);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'comms.settings', data: { ...patch } });
    return next;
  });
}
