import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import * as q from './audit.queries.js';

/** Who did what, for administrators: sign-in settings, roles, deactivations, imports, invitations. */
export async function list(ctx: Ctx, actor: Actor, input: { cursor?: string | undefined; limit?: number | undefined }) {
  requireAction(actor, 'audit.read');
  const limit = input.limit ?? 50;
  const rows = await q.list(ctx.db, actor.orgId, limit, decodeTimeCursor(input.cursor));
  const { page, nextCursor } = keysetPage(rows, limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      action: r.action,
      actor: r.actorId ? { id: r.actorId, name: r.actorName ?? '' } : null,
      targetId: r.targetId,
      data: r.data as Record<string, unknown>,
      createdAt: r.createdAt,
    })),
    nextCursor,
  };
}
