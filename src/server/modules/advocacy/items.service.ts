import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/cursor.js';
import { badRequest, conflict, isUniqueViolation, notFound, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import {
  ADVOCACY_LIMITS,
  publicItemPath,
  SHARE_NETWORKS,
  type ShareItemDto,
  type ShareItemState,
  type ShareNetwork,
  type ShareSuggestion,
} from '../../../shared/advocacy.js';
import { coverUrl } from '../articles/articles.extras.js';
import { readerReach } from './audience-check.js';
import { forgetTrackedLinks } from './redirect.service.js';
import * as q from './items.queries.js';
import type { ItemListQuery, NewShareItem, ReadyQuery, ShareItemPatch } from './items.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

const DEFAULT_LIMIT = 20;

/** Where an item stands at `now`: withdrawn (or its post deleted), not started, past its end, or open. */
export function itemState(
  row: { startsAt: Date; endsAt: Date | null; archivedAt: Date | null; postDeletedAt?: Date | null },
  now: Date = new Date(),
): ShareItemState {
  if (row.archivedAt !== null || (row.postDeletedAt ?? null) !== null) {
    return 'archived';
  }
  if (row.startsAt.getTime() > now.getTime()) {
    return 'scheduled';
  }
  if (row.endsAt !== null && row.endsAt.getTime() <= now.getTime()) {
    return 'expired';
  }
  return 'active';
}

/** An item with everything sharing and the tracked redirect need (see `loadShareableItem`). */
export type ShareableItem = q.ItemRow & {
  /** The post may leave the company: a profile post or one in a public community. */
  postPublic: boolean;
};

/**
 * One item of the organisation, whatever its state, joined with its campaign (id, hashtag, archived,
 * audience) and its post's flags (internal-only, deleted, hidden, public); undefined when unknown.
 * For sharing and the tracked redirect: they decide with `itemState` and the flags.
 */
export async function loadShareableItem(db: Executor, orgId: string, itemId: string): Promise<ShareableItem | undefined> {
  const row = await q.itemById(db, orgId, itemId);
  if (!row) {
    return undefined;
  }
  return { ...row, postPublic: row.postCommunityId === null || row.postCommunityVisibility === 'public' };
}

/**
 * Whether the person may see (and so share) this item now: it is in their ready list (active, post
 * still shareable, campaign not archived and reaching them). Two queries.
 */
export async function itemReadyFor(db: Executor, orgId: string, userId: string, itemId: string): Promise<boolean> {
  const reach = await readerReach(db, orgId, userId);
  return q.isReadyFor(db, orgId, reach, itemId, new Date());
}

/**
 * Withdraws (archives) every shareable item of a post, in the caller's transaction: the posts service
 * calls it when a post becomes internal-only. Returns the ids archived.
 */
export async function withdrawItemsOfPost(trx: Executor, orgId: string, postId: string): Promise<string[]> {
  const ids = await q.archiveItemsOfPost(trx, orgId, postId);
  // This node stops redirecting at once; other nodes within their link cache's minute.
  forgetTrackedLinks();
  return ids;
}

const absoluteUrl = (ctx: Ctx, row: { id: string; kind: string; url: string | null }) =>
  row.kind === 'link' && row.url ? row.url : `${ctx.config.publicUrl}${publicItemPath(row.id)}`;

function suggestionsOf(raw: unknown): ShareSuggestion[] {
  const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as unknown;
  return Array.isArray(list) ? (list as ShareSuggestion[]) : [];
}

function toDto(ctx: Ctx, r: q.ItemRow, counts: q.ItemCounts | undefined, now: Date): ShareItemDto {
  return {
    id: r.id,
    kind: r.kind,
    postId: r.postId,
    url: absoluteUrl(ctx, r),
    title: r.title,
    summary: r.summary,
    imageUrl: r.imageUrl,
    suggestions: suggestionsOf(r.suggestions),
    campaign: r.campaignId ? { id: r.campaignId, name: r.campaignName ?? '', hashtag: r.campaignHashtag ?? null } : null,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt?.toISOString() ?? null,
    state: itemState(r, now),
    shareCount: counts?.shares ?? 0,
    clickCount: counts?.clicks ?? 0,
    mySharedNetworks: (counts?.myNetworks ?? []).filter((n): n is ShareNetwork => (SHARE_NETWORKS as readonly string[]).includes(n)),
    createdAt: r.createdAt.toISOString(),
  };
}

async function present(ctx: Ctx, actor: Actor, rows: q.ItemRow[]): Promise<ShareItemDto[]> {
  const counts = await q.itemCounts(
    ctx.db,
    actor.orgId,
    actor.userId,
    rows.map((r) => r.id),
  );
  const now = new Date();
  return rows.map((r) => toDto(ctx, r, counts.get(r.id), now));
}

function pageOf(rows: q.ItemRow[], limit: number) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { page, nextCursor: rows.length > limit && last ? encodeTimeCursor({ createdAt: last.startsAt, id: last.id }) : null };
}

function decodeItemCursor(cursor: string | undefined): q.After {
  const c = decodeTimeCursor(cursor);
  return c ? { startsAt: c.createdAt, id: c.id } : undefined;
}

/** What is ready for the reader to share now, newest first. */
export async function listReady(ctx: Ctx, actor: Actor, input: ReadyQuery) {
  requireAction(actor, 'advocacy.share');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const reach = await readerReach(ctx.db, actor.orgId, actor.userId);
  const rows = await q.readyPage(
    ctx.db,
    actor.orgId,
    reach,
    { campaignId: input.campaignId, now: new Date() },
    limit,
    decodeItemCursor(input.cursor),
  );
  const { page, nextCursor } = pageOf(rows, limit);
  return { items: await present(ctx, actor, page), nextCursor };
}

/** Every item in a state (all by default), newest first: for communications staff. */
export async function listItems(ctx: Ctx, actor: Actor, input: ItemListQuery) {
  requireAction(actor, 'advocacy.manage');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const rows = await q.managedPage(
    ctx.db,
    actor.orgId,
    { state: input.state ?? 'all', campaignId: input.campaignId, now: new Date() },
    limit,
    decodeItemCursor(input.cursor),
  );
  const { page, nextCursor } = pageOf(rows, limit);
  return { items: await present(ctx, actor, page), nextCursor };
}

/** One item: communications staff see any; others only one in their ready list (404 otherwise). */
export async function getItem(ctx: Ctx, actor: Actor, id: string): Promise<ShareItemDto> {
  requireAction(actor, 'advocacy.share');
  const row = await q.itemById(ctx.db, actor.orgId, id);
  if (!row) {
    throw notFound('item');
  }
  if (!can(actor, 'advocacy.manage') && !(await itemReadyFor(ctx.db, actor.orgId, actor.userId, id))) {
    throw notFound('item');
  }
  const [dto] = await present(ctx, actor, [row]);
  return dto!;
}

/** A link must be a web address, with no credentials in it: anything else is refused. */
function checkLinkUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw badRequest('INVALID_URL', 'The link must be a web address starting with https:// or http://.');
  }
  if (
    (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') ||
    parsed.username !== '' ||
    parsed.password !== '' ||
    !parsed.hostname
  ) {
    throw badRequest('INVALID_URL', 'The link must be a web address starting with https:// or http://, without a user name or password.');
  }
  const normal = parsed.toString();
  if (normal.length > ADVOCACY_LIMITS.url) {
    throw badRequest('INVALID_URL', 'The link is too long.');
  }
  return normal;
}

/** An image is an https address, or one of this server's own /api/ addresses (an article's cover). */
function checkImageUrl(url: string | null | undefined): string | null | undefined {
  if (url === undefined || url === null) {
    return url;
  }
  const trimmed = url.trim();
  if (trimmed === '') {
    return null;
  }
  if (trimmed.startsWith('/api/') && /^\/api\/[A-Za-z0-9\-._~%!$&'()*+,;=:@/?]*$/.test(trimmed) && !trimmed.includes('..')) {
    return trimmed;
  }
  try {
    const parsed = new URL(trimmed);
    if (parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '' && parsed.hostname) {
      return parsed.toString();
    }
  } catch {
    // Refused below.
  }
  throw badRequest('INVALID_IMAGE_URL', 'The image must be an https:// address.');
}

function checkDates(startsAt: Date, endsAt: Date | null): void {
  if (Number.isNaN(startsAt.getTime()) || (endsAt !== null && Number.isNaN(endsAt.getTime()))) {
    throw badRequest('INVALID_DATES', 'Give the start and end as dates and times.');
  }
  if (endsAt !== null && endsAt.getTime() <= startsAt.getTime()) {
    throw badRequest('INVALID_DATES', 'The end must come after the start.');
  }
}

/** The first line of a post's Markdown as plain text, for a title. */
export function firstLine(markdown: string): string {
  const line =
    markdown
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  const plain = line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^(#{1,6}\s+|>\s*|[-*+]\s+|\d+[.)]\s+)+/, '')
    .replace(/[*_`~]+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > ADVOCACY_LIMITS.title ? `${plain.slice(0, ADVOCACY_LIMITS.title - 1).trimEnd()}…` : plain;
}

const cleanSuggestions = (list: ShareSuggestion[] | undefined) =>
  list?.map((s) => ({ network: s.network, lang: s.lang, text: s.text.trim() })).filter((s) => s.text !== '');

async function requireCampaign(db: Executor, orgId: string, id: string) {
  const campaign = await q.campaignForItems(db, orgId, id);
  if (!campaign) {
    throw notFound('campaign');
  }
  if (campaign.archivedAt) {
    throw conflict('CAMPAIGN_ARCHIVED', 'This campaign is archived: choose another one.');
  }
  return campaign;
}

/**
 * What a post gives an item, after checking that it may leave the company: it exists, is not deleted,
 * is readable by the whole company (404 otherwise), is not internal-only (422) nor hidden (422), and
 * is of the kind asked for (an article must be published).
 */
async function fromPost(db: Executor, actor: Actor, kind: 'post' | 'article', postId: string) {
  const post = await q.postSource(db, actor.orgId, postId);
  if (!post || post.deletedAt || (post.communityId !== null && post.communityVisibility !== 'public')) {
    throw notFound('post');
  }
  if (post.internalOnly) {
    throw unprocessable('INTERNAL_ONLY', 'This post is marked internal only: it cannot leave the company.');
  }
  if (post.hiddenAt) {
    throw unprocessable('POST_HIDDEN', 'A moderator hid this post, so it cannot be shared.');
  }
  if (kind === 'article') {
    if (post.kind !== 'article' || !post.articleId) {
      throw badRequest('KIND_MISMATCH', 'This post is not an article.');
    }
    if (post.articleStatus !== 'published') {
      throw unprocessable('ARTICLE_NOT_PUBLISHED', 'Publish the article before making it shareable.');
    }
    return {
      title: post.articleTitle ?? post.title ?? '',
      summary: post.articleSummary ?? '',
      imageUrl: coverUrl(post.articleId, post.articleCoverKey),
    };
  }
  if (post.kind !== 'post') {
    throw badRequest(
      'KIND_MISMATCH',
      post.kind === 'article' ? 'This post is an article: share it as an article.' : 'This kind of post cannot be shared.',
    );
  }
  return { title: firstLine(post.body), summary: '', imageUrl: null };
}

/** Makes a post, an article or an external link shareable. */
export async function createItem(ctx: Ctx, actor: Actor, input: NewShareItem): Promise<ShareItemDto> {
  requireAction(actor, 'advocacy.manage');
  const id = newId();
  const imageUrl = checkImageUrl(input.imageUrl);
  const suggestions = cleanSuggestions(input.suggestions) ?? [];
  await ctx.db.transaction().execute(async (trx) => {
    let url: string | null = null;
    let postId: string | null = null;
    let defaults: { title: string; summary: string; imageUrl: string | null } = { title: '', summary: '', imageUrl: null };
    if (input.kind === 'link') {
      if (input.postId !== undefined) {
        throw badRequest('KIND_MISMATCH', 'A link is not made from a post.');
      }
      if (input.url === undefined) {
        throw badRequest('INVALID_URL', 'Give the address of the link.');
      }
      url = checkLinkUrl(input.url);
    } else {
      if (input.url !== undefined) {
        throw badRequest('KIND_MISMATCH', 'A post or article is shared through its own page, not an address.');
      }
      if (input.postId === undefined) {
        throw badRequest('POST_REQUIRED', 'Choose the post or article to share.');
      }
      defaults = await fromPost(trx, actor, input.kind, input.postId);
      postId = input.postId;
      if (await q.postHasItem(trx, actor.orgId, postId)) {
        throw conflict('ALREADY_SHAREABLE', 'This post is already shareable.');
      }
    }
    const campaign = input.campaignId ? await requireCampaign(trx, actor.orgId, input.campaignId) : null;
    const now = new Date();
    // Without dates of its own, an item follows its campaign's (but never starts in the past).
    const startsAt = input.startsAt
      ? new Date(input.startsAt)
      : campaign?.startsAt && campaign.startsAt.getTime() > now.getTime()
        ? campaign.startsAt
        : now;
    const endsAt = input.endsAt !== undefined ? (input.endsAt === null ? null : new Date(input.endsAt)) : (campaign?.endsAt ?? null);
    checkDates(startsAt, endsAt);
    const title = (input.title ?? defaults.title).trim();
    if (title === '') {
      throw badRequest('TITLE_REQUIRED', 'Give the item a title.');
    }
    try {
      await q.insertItem(trx, {
        id,
        orgId: actor.orgId,
        kind: input.kind,
        postId,
        url,
        title,
        summary: (input.summary ?? defaults.summary).trim(),
        imageUrl: imageUrl !== undefined ? imageUrl : defaults.imageUrl,
        suggestions,
        campaignId: campaign?.id ?? null,
        startsAt,
        endsAt,
        createdBy: actor.userId,
      });
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw conflict('ALREADY_SHAREABLE', 'This post is already shareable.');
      }
      throw err;
    }
  });
  return getItem(ctx, actor, id);
}

/** Changes an item (not its kind or post); an archived item stays archived. */
export async function updateItem(ctx: Ctx, actor: Actor, id: string, patch: ShareItemPatch): Promise<ShareItemDto> {
  requireAction(actor, 'advocacy.manage');
  const imageUrl = checkImageUrl(patch.imageUrl);
  await ctx.db.transaction().execute(async (trx) => {
    const row = await q.itemById(trx, actor.orgId, id, true);
    if (!row) {
      throw notFound('item');
    }
    if (row.archivedAt) {
      throw conflict('ITEM_ARCHIVED', 'This item was withdrawn and can no longer be changed.');
    }
    const changes: Partial<q.ItemValues> = {};
    if (patch.url !== undefined) {
      if (row.kind !== 'link') {
        throw badRequest('KIND_MISMATCH', 'Only a link has an address to change.');
      }
      changes.url = checkLinkUrl(patch.url);
    }
    if (patch.title !== undefined) {
      const title = patch.title.trim();
      if (title === '') {
        throw badRequest('TITLE_REQUIRED', 'Give the item a title.');
      }
      changes.title = title;
    }
    if (patch.summary !== undefined) {
      changes.summary = patch.summary.trim();
    }
    if (imageUrl !== undefined) {
      changes.imageUrl = imageUrl;
    }
    if (patch.suggestions !== undefined) {
      changes.suggestions = cleanSuggestions(patch.suggestions) ?? [];
    }
    if (patch.campaignId !== undefined) {
      changes.campaignId = patch.campaignId === null ? null : (await requireCampaign(trx, actor.orgId, patch.campaignId)).id;
    }
    const startsAt = patch.startsAt !== undefined ? new Date(patch.startsAt) : row.startsAt;
    const endsAt = patch.endsAt !== undefined ? (patch.endsAt === null ? null : new Date(patch.endsAt)) : row.endsAt;
    checkDates(startsAt, endsAt);
    if (patch.startsAt !== undefined) {
      changes.startsAt = startsAt;
    }
    if (patch.endsAt !== undefined) {
      changes.endsAt = endsAt;
    }
    await q.updateItem(trx, actor.orgId, id, changes);
  });
  return getItem(ctx, actor, id);
}

/** Withdraws an item: never deleted, since shares, clicks and points refer to it. Idempotent. */
export async function archiveItem(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'advocacy.manage');
  const row = await q.itemById(ctx.db, actor.orgId, id);
  if (!row) {
    throw notFound('item');
  }
  await q.archiveItem(ctx.db, actor.orgId, id);
  forgetTrackedLinks();
  return { ok: true };
}
