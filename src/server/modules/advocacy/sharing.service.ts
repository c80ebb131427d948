import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, conflict, gone, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { ShareNetwork, ShareResult } from '../../../shared/advocacy.js';
import { parseCommsAudience } from '../comms/audience.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { requireGuidelinesAccepted, rewardShare } from './motivation.js';
import { reaches, readerReach } from './audience-check.js';
import { intentUrl, newCode, trackedUrlOf } from './links.js';
import * as q from './sharing.queries.js';

/**
 * Sharing: a person shares an item to a network with their own words. The share is recorded with the
 * person's tracked link for that item and network (made once, then reused); their words are not
 * stored, they only go into the network's share page.
 */

/** Codes come from 62^10 possibilities; a collision is already rare, five in a row would mean a broken generator. */
const CODE_ATTEMPTS = 5;

export const itemExpired = () => gone('ITEM_EXPIRED', 'This item can no longer be shared.');

/** Whether the item reaches the person at all (as /ready would list it, ignoring its dates): else it answers 404. */
async function reachesPerson(db: Transaction<DB>, orgId: string, userId: string, item: q.ItemForShare): Promise<boolean> {
  if (item.postId !== null) {
    // A deleted or hidden post, or one in a community the whole company cannot read, is not shareable content.
    if (item.foundPostId === null || item.postDeletedAt !== null || item.postHiddenAt !== null) {
      return false;
    }
    if (item.communityVisibility !== null && item.communityVisibility !== 'public') {
      return false;
    }
  }
  if (item.campaignId === null || item.campaignAudience === null) {
    return true;
  }
  return reaches(parseCommsAudience(item.campaignAudience), await readerReach(db, orgId, userId));
}

/**
 * Shares an item: checks that the person may see it, has accepted the guidelines and that it is open
 * for sharing; gets or makes their tracked link; records the share and the points it earns.
 * 404 unknown or not for them; 422 INTERNAL_ONLY; 409 GUIDELINES_NOT_ACCEPTED; 410 ITEM_EXPIRED; 409 ITEM_NOT_STARTED.
 */
export async function share(
  ctx: Ctx,
  actor: Actor,
  itemId: string,
  input: { network: ShareNetwork; text?: string | undefined },
): Promise<ShareResult> {
  requireAction(actor, 'advocacy.share');
  const { orgId, userId } = actor;
  return writeAndPublish(ctx, async (trx) => {
    const item = await q.itemForShare(trx, orgId, itemId);
    if (!item || !(await reachesPerson(trx, orgId, userId, item))) {
      throw notFound('item');
    }
    if (item.internalOnly === true) {
      throw unprocessable('INTERNAL_ONLY', 'This content must stay inside the company.');
    }
    await requireGuidelinesAccepted(trx, orgId, userId);
    const now = Date.now();
    if (item.archivedAt !== null || item.campaignArchivedAt !== null || (item.endsAt !== null && item.endsAt.getTime() <= now)) {
      throw itemExpired();
    }
    if (item.startsAt.getTime() > now) {
      throw conflict('ITEM_NOT_STARTED', 'This item is not open for sharing yet.', { startsAt: item.startsAt.toISOString() });
    }

    let link = await q.findLink(trx, orgId, itemId, userId, input.network);
    for (let attempt = 0; !link && attempt < CODE_ATTEMPTS; attempt++) {
      link =
        (await q.insertLink(trx, { id: newId(), orgId, code: newCode(), itemId, userId, network: input.network })) ??
        // Refused: either the same link was just made by a parallel request (use it), or the code was taken (try another).
        (await q.findLink(trx, orgId, itemId, userId, input.network));
    }
    if (!link) {
      throw new AppError(500, 'INTERNAL', 'Could not make a tracked link.');
    }

    const shareId = newId();
    await q.insertShare(trx, { id: shareId, orgId, itemId, campaignId: item.campaignId, userId, network: input.network, linkId: link.id });
    const reward = await rewardShare(trx, orgId, { id: shareId, userId, itemId, network: input.network });
    const trackedUrl = trackedUrlOf(ctx.config.publicUrl, link.code);
    return {
      result: {
        shareId,
        trackedUrl,
        intentUrl: intentUrl(input.network, { text: input.text ?? '', title: item.title, trackedUrl }),
        points: reward.points,
        badges: reward.badges,
      },
      events: reward.events,
    };
  });
}
