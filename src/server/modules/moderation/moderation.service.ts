import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { communityAccess } from '../communities/communities.access.js';
import { excerpt } from '../notifications/notifications.text.js';
import { readableComment, readablePost } from '../posts/posts.access.js';
import { moderateContent } from '../posts/posts.service.js';
import * as q from './moderation.queries.js';

/**
 * Reports and the moderation queues. A report lands in the queue of the community the content is in
 * (its moderators and owners, and administrators, handle it); a report on a profile post lands in the
 * organisation's queue, which administrators handle. Nobody is e-mailed about a report.
 *
 * Those who handle a queue see who reported: they need it to ask for context and to notice someone
 * reporting in bad faith. The author never sees it; they see the moderator's reason on their content.
 */

/** Reports a post or comment the reporter can read; one open report per person and item. */
export async function report(
  ctx: Ctx,
  actor: Actor,
  input: { postId?: string | undefined; commentId?: string | undefined; reason: q.ReportReason; note?: string | undefined },
) {
  requireAction(actor, 'content.write');
  if (!input.postId === !input.commentId) {
    throw badRequest('TARGET_REQUIRED', 'Report either a post or a comment.');
  }
  let item: q.ReportedItem;
  let communityId: string | null;
  let canReport: boolean;
  if (input.commentId) {
    const c = await readableComment(ctx.db, actor, input.commentId);
    item = { postId: c.comment.postId, commentId: c.comment.id };
    communityId = c.post.post.communityId;
    canReport = c.abilities.canReport;
  } else {
    const p = await readablePost(ctx.db, actor, input.postId!);
    item = { postId: p.post.id, commentId: null };
    communityId = p.post.communityId;
    canReport = p.abilities.canReport;
  }
  if (!canReport) {
    throw forbidden('CANNOT_REPORT_OWN', 'You cannot report what you wrote.');
  }
  const note = input.note?.trim() || null;
  const id = await q.insertReport(ctx.db, { orgId: actor.orgId, reporterId: actor.userId, item, communityId, reason: input.reason, note });
  if (!id) {
    throw conflict('ALREADY_REPORTED', 'You have already reported this. A moderator will look at it.');
  }
  return { id, status: 'open' as const };
}

/**
 * Who may handle reports of a community (its moderators and owners, and administrators) or of profile
 * posts (administrators). Throws 404 when the community is not visible to the actor.
 */
async function mayModerate(ctx: Ctx, actor: Actor, communityId: string | null): Promise<boolean> {
  if (communityId === null) {
    return can(actor, 'moderation.admin');
  }
  const a = (await communityAccess(ctx.db, actor, [communityId])).get(communityId);
  if (!a?.canSee) {
    throw notFound('community');
  }
  return a.canModerate;
}

type QueueRow = Awaited<ReturnType<typeof q.queue>>[number];

function toView(r: QueueRow, reasons: Record<string, number>) {
  return {
    id: r.id,
    reason: r.reason,
    note: r.note,
    status: r.status,
    createdAt: r.createdAt,
    reporter:
      r.reporterId && r.reporterName !== null
        ? { id: r.reporterId, name: r.reporterName, photoUrl: photoUrl(r.reporterId, r.reporterPhotoKey) }
        : null,
    community: r.communityId ? { id: r.communityId, name: r.communityName ?? '', slug: r.communitySlug ?? '' } : null,
    target: {
      kind: r.commentId ? ('comment' as const) : ('post' as const),
      postId: r.postId,
      commentId: r.commentId,
      author: { id: r.authorId, name: r.authorName, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) },
      html: r.html,
      excerpt: excerpt(r.body, 200),
      createdAt: r.targetCreatedAt,
      hidden: r.hiddenAt ? { reason: r.hiddenReason, at: r.hiddenAt } : null,
      removed: r.removed,
    },
    sameItem: { count: Object.values(reasons).reduce((a, b) => a + b, 0), reasons },
    resolution: r.resolvedAt
      ? {
          by: r.resolvedBy && r.resolvedByName !== null ? { id: r.resolvedBy, name: r.resolvedByName } : null,
          at: r.resolvedAt,
          note: r.resolutionNote,
        }
      : null,
  };
}

/**
 * A moderation queue, newest first: one community's (for its moderators and owners, and administrators),
 * or without a community the whole organisation's, for administrators.
 */
export async function queue(
  ctx: Ctx,
  actor: Actor,
  input: { communityId?: string | undefined; status?: q.ReportStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'content.read');
  if (input.communityId === undefined) {
    requireAction(actor, 'moderation.admin');
  } else if (!(await mayModerate(ctx, actor, input.communityId))) {
    throw forbidden('FORBIDDEN', 'Only the moderators of this community can see its reports.');
  }
  const status = input.status ?? 'open';
  const limit = input.limit ?? 20;
  const rows = await q.queue(ctx.db, actor.orgId, { communityId: input.communityId, status, limit, after: decodeTimeCursor(input.cursor) });
  const { page, nextCursor } = keysetPage(rows, limit);
  const reasons = await q.reasonCounts(ctx.db, actor.orgId, status, [...new Set(page.map((r) => r.itemKey))]);
  return { items: page.map((r) => toView(r, reasons.get(r.itemKey) ?? {})), nextCursor };
}

/**
 * Resolves a report, and with it every open report on the same item: dismissed, or actioned by hiding
 * or removing the content (the author is told, with the reason). Audited.
 *
 * The content's moderation commits in its own transaction first; should closing the reports then fail,
 * the reports stay open and resolving again is safe (hiding what is hidden changes nothing).
 */
export async function resolve(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { action: 'dismiss' | 'hide' | 'remove'; note?: string | undefined },
) {
  requireAction(actor, 'content.write');
  const r = await q.findReport(ctx.db, actor.orgId, id);
  // A report someone may not handle is not revealed to exist.
  if (!r || !(await mayModerate(ctx, actor, r.communityId).catch(() => false))) {
    throw notFound('report');
  }
  if (r.status !== 'open') {
    throw conflict('ALREADY_RESOLVED', 'This report has already been handled.');
  }
  const note = input.note?.trim() || null;
  if (input.action !== 'dismiss' && !note) {
    throw badRequest('REASON_REQUIRED', 'Say why: the author will see the reason.');
  }
  const item: q.ReportedItem = r.commentId ? { postId: r.postId!, commentId: r.commentId } : { postId: r.postId!, commentId: null };
  if (input.action !== 'dismiss' && !r.removed) {
    await moderateContent(ctx, actor, item.commentId ? { commentId: item.commentId } : { postId: item.postId }, input.action, note!);
  }
  const status: 'dismissed' | 'actioned' = input.action === 'dismiss' ? 'dismissed' : 'actioned';
  const closed = await ctx.db.transaction().execute(async (trx) => {
    const ids = await q.closeReports(trx, actor.orgId, item, { status, by: actor.userId, note });
    if (ids.length > 0) {
      await audit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: `report.${status}`,
        targetId: id,
        data: { action: input.action, postId: item.postId, commentId: item.commentId, communityId: r.communityId, reportIds: ids, note },
      });
    }
    return ids;
  });
  if (!closed.includes(id)) {
    throw conflict('ALREADY_RESOLVED', 'This report has already been handled.');
  }
  return { id, status, closed: closed.length };
}
