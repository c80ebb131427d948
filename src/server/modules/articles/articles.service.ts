import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { AppError, badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { communityAbilities, requireAction, type Actor, type Role } from '../../platform/policy.js';
import { readingMinutes, type ArticleStatus } from '../../../shared/comms.js';
import { photoUrl } from '../../../shared/urls.js';
import { communityFacts } from '../communities/communities.access.js';
import { postAccess } from '../posts/posts.access.js';
import { writeAndPublish } from '../posts/posts.content.js';
import { removeKindPost, reviseKindPost, writeKindPost } from '../posts/posts.service.js';
import { coverUrl } from './articles.extras.js';
import * as q from './articles.queries.js';
import type { ArticleListItem, ArticlePatch, ArticleView, NewArticle, PublishBody } from './articles.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';
/** A picture of the author's uploads in the text, as the editor inserts it: `![alt](/api/attachments/<id>)`. */
const UPLOADED_IMAGE = new RegExp(`(!\\[[^\\]\\n]*\\]\\()/api/attachments/(${UUID})(?:/thumb)?\\)`, 'g');
/** A picture the article keeps: `![alt](/api/articles/<article>/images/<image>)`. */
const KEPT_IMAGE = new RegExp(`/api/articles/(${UUID})/images/(${UUID})`, 'g');
/** How many scheduled articles one run of the tick publishes (the next run takes the rest). */
const TICK_BATCH = 100;

/** Where an article keeps its cover and pictures. */
const folderOf = (orgId: string, articleId: string) => `articles/${orgId}/${articleId}`;
const imageKey = (orgId: string, articleId: string, imageId: string) => `${folderOf(orgId, articleId)}/${imageId}.webp`;
const coverKeyOf = (orgId: string, articleId: string, attachmentId: string) => `${folderOf(orgId, articleId)}/cover-${attachmentId}.webp`;

/** Words of the text, for the reading time: Markdown marks and addresses do not count. */
export function countWords(markdown: string): number {
  const text = markdown.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[#>*_`~|-]+/g, ' ');
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** The pictures of this article that its text shows (a text may also show another article's). */
const keptImages = (body: string, articleId: string) =>
  new Set([...body.matchAll(KEPT_IMAGE)].filter((m) => m[1]!.toLowerCase() === articleId).map((m) => m[2]!.toLowerCase()));

/**
 * Copies the author's uploaded pictures used in the text into the article and points the text at the
 * copies, which are served with the article's own permission. A picture that is not the author's own
 * upload is left as it is: it shows only to those who may see it where it came from.
 */
async function keepImages(ctx: Ctx, actor: Actor, articleId: string, body: string): Promise<string> {
  const ids = [...new Set([...body.matchAll(UPLOADED_IMAGE)].map((m) => m[2]!.toLowerCase()))];
  const kept = new Set<string>();
  for (const id of ids) {
    const upload = await q.ownUploadedImage(ctx.db, actor.orgId, actor.userId, id);
    const data = upload ? await ctx.storage.get(upload.storageKey) : undefined;
    if (data) {
      await ctx.storage.put(imageKey(actor.orgId, articleId, id), data);
      kept.add(id);
    }
  }
  return body.replace(UPLOADED_IMAGE, (whole, open: string, id: string) =>
    kept.has(id.toLowerCase()) ? `${open}/api/articles/${articleId}/images/${id.toLowerCase()})` : whole,
  );
}

/** Copies the author's uploaded picture as the article's cover; returns its storage key. */
async function keepCover(ctx: Ctx, actor: Actor, articleId: string, attachmentId: string): Promise<string> {
  const upload = await q.ownUploadedImage(ctx.db, actor.orgId, actor.userId, attachmentId);
  const data = upload ? await ctx.storage.get(upload.storageKey) : undefined;
  if (!data) {
    throw badRequest('COVER_INVALID', 'The cover must be a picture you uploaded.');
  }
  const key = coverKeyOf(actor.orgId, articleId, attachmentId.toLowerCase());
  await ctx.storage.put(key, data);
  return key;
}

/** Throws unless the actor may post in the community: 404 when they cannot see it, 403 when they may not post. */
async function requireCanPost(db: Executor, actor: Actor, communityId: string): Promise<void> {
  const facts = (await communityFacts(db, actor, [communityId])).get(communityId);
  const abilities = facts ? communityAbilities(actor, facts) : undefined;
  if (!facts || !abilities?.canSee) {
    throw notFound('community');
  }
  if (!abilities.canPost) {
    throw forbidden(
      facts.archived ? 'COMMUNITY_ARCHIVED' : 'NOT_A_MEMBER',
      facts.archived
        ? 'This community is archived: it can no longer be posted in.'
        : 'Only members can post in this community. Join it first.',
    );
  }
}

function requireTitle(title: string): string {
  const trimmed = title.trim();
  if (!trimmed) {
    throw badRequest('TITLE_REQUIRED', 'Give the article a title.');
  }
  return trimmed;
}

const community = (r: {
  communityId: string | null;
  communityName: string | null;
  communitySlug: string | null;
  communityVisibility: string | null;
}) =>
  r.communityId
    ? { id: r.communityId, name: r.communityName ?? '', slug: r.communitySlug ?? '', visibility: r.communityVisibility ?? 'public' }
    : null;

function listItem(r: Awaited<ReturnType<typeof q.authorArticles>>[number]): ArticleListItem {
  return {
    id: r.id,
    title: r.title,
    summary: r.summary,
    coverUrl: coverUrl(r.id, r.coverKey),
    readingMinutes: r.readingMinutes,
    status: r.status,
    publishAt: r.publishAt,
    unpublishAt: r.unpublishAt,
    publishedAt: r.publishedAt,
    postId: r.postId,
    community: community(r),
    updatedAt: r.updatedAt,
  };
}

function present(actor: Actor, r: q.ArticleRow): ArticleView {
  const mine = r.authorId === actor.userId;
  return {
    ...listItem(r),
    body: mine ? r.body : null,
    html: renderMarkdown(r.body, { rich: true }).html,
    author: { id: r.authorId, name: r.authorName, title: r.authorTitle, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) },
    createdAt: r.createdAt,
    abilities: { canEdit: mine, canDelete: mine },
  };
}

/** Whether someone other than the author may read it: published, and its post readable by them. */
async function readableByOthers(db: Executor, actor: Actor, r: q.ArticleRow): Promise<boolean> {
  if (r.status !== 'published' || !r.postId) {
    return false;
  }
  return (await postAccess(db, actor, r.postId))?.readable ?? false;
}

/** The article for reading: its author in any state, others once published where they may read. */
async function readable(db: Executor, actor: Actor, id: string): Promise<q.ArticleRow> {
  const row = await q.articleRow(db, actor.orgId, id);
  if (!row || (row.authorId !== actor.userId && !(await readableByOthers(db, actor, row)))) {
    throw notFound('article');
  }
  return row;
}

/** The article for its author to change; others get 403 when they can read it, 404 otherwise. */
async function ownArticle(trx: Executor, actor: Actor, id: string, lock = true): Promise<q.ArticleRow> {
  const row = await q.articleRow(trx, actor.orgId, id, lock);
  if (!row) {
    throw notFound('article');
  }
  if (row.authorId !== actor.userId) {
    if (await readableByOthers(trx, actor, row)) {
      throw forbidden('NOT_AUTHOR', 'Only the author can change this article.');
    }
    throw notFound('article');
  }
  return row;
}

/** Starts a draft in a community the author may post in, or on their profile. */
export async function createArticle(ctx: Ctx, actor: Actor, input: NewArticle): Promise<ArticleView> {
  requireAction(actor, 'content.write');
  const title = requireTitle(input.title);
  const communityId = input.communityId ?? null;
  if (communityId) {
    await requireCanPost(ctx.db, actor, communityId);
  }
  const id = newId();
  const body = await keepImages(ctx, actor, id, input.body ?? '');
  const coverKey = input.coverAttachmentId ? await keepCover(ctx, actor, id, input.coverAttachmentId) : null;
  await q.insertArticle(ctx.db, {
    id,
    orgId: actor.orgId,
    authorId: actor.userId,
    communityId,
    title,
    summary: (input.summary ?? '').trim(),
    body,
    coverKey,
    readingMinutes: readingMinutes(countWords(body)),
  });
  return present(actor, (await q.articleRow(ctx.db, actor.orgId, id))!);
}

/**
 * Edits an article. A published one's feed post follows (the earlier text is kept as a revision); its
 * place cannot change while it is published.
 */
export async function updateArticle(ctx: Ctx, actor: Actor, id: string, patch: ArticlePatch): Promise<ArticleView> {
  requireAction(actor, 'content.write');
  const title = patch.title === undefined ? undefined : requireTitle(patch.title);
  // Checked before its pictures are copied; checked again, locked, in the transaction.
  await ownArticle(ctx.db, actor, id, false);
  const body = patch.body === undefined ? undefined : await keepImages(ctx, actor, id, patch.body);
  const cover =
    patch.coverAttachmentId === undefined
      ? undefined
      : patch.coverAttachmentId
        ? await keepCover(ctx, actor, id, patch.coverAttachmentId)
        : null;
  await writeAndPublish(ctx, async (trx) => {
    const row = await ownArticle(trx, actor, id);
    const communityId = patch.communityId === undefined ? row.communityId : patch.communityId;
    if (communityId !== row.communityId) {
      if (row.status === 'published') {
        throw conflict('ARTICLE_PUBLISHED', 'Unpublish the article before moving it to another place.');
      }
      if (communityId) {
        await requireCanPost(trx, actor, communityId);
      }
    }
    const purge: string[] = [];
    if (cover !== undefined && row.coverKey && row.coverKey !== cover) {
      purge.push(row.coverKey);
    }
    if (body !== undefined) {
      const now = keptImages(body, id);
      purge.push(...[...keptImages(row.body, id)].filter((img) => !now.has(img)).map((img) => imageKey(actor.orgId, id, img)));
    }
    await q.updateArticle(trx, actor.orgId, id, {
      ...(title !== undefined ? { title } : {}),
      ...(patch.summary !== undefined ? { summary: patch.summary.trim() } : {}),
      ...(body !== undefined ? { body, readingMinutes: readingMinutes(countWords(body)) } : {}),
      ...(cover !== undefined ? { coverKey: cover } : {}),
      communityId,
    });
    if (purge.length > 0) {
      await enqueue(trx, actor.orgId, 'attachments.purge', { keys: purge });
    }
    const events: RealtimeEvent[] = [];
    if (row.status === 'published' && row.postId && (title !== undefined || body !== undefined)) {
      const text = body ?? row.body;
      if (!text.trim()) {
        throw badRequest('EMPTY_ARTICLE', 'A published article needs its text.');
      }
      events.push(...(await reviseKindPost(trx, actor, row.postId, { body: text, title: title ?? row.title })));
    }
    return { result: undefined, events };
  });
  return present(actor, (await q.articleRow(ctx.db, actor.orgId, id))!);
}

/** Deletes an article in any state; a published one leaves the feeds with it. */
export async function deleteArticle(ctx: Ctx, actor: Actor, id: string): Promise<void> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await ownArticle(trx, actor, id);
    const events = row.postId ? await removeKindPost(trx, actor, row.postId) : [];
    await q.deleteArticle(trx, actor.orgId, id);
    const keys = [...keptImages(row.body, id)].map((img) => imageKey(actor.orgId, id, img));
    if (row.coverKey) {
      keys.push(row.coverKey);
    }
    if (keys.length > 0) {
      await enqueue(trx, actor.orgId, 'attachments.purge', { keys });
    }
    return { result: undefined, events };
  });
}

/** The actor's own articles, last changed first, optionally in one state. */
export async function listArticles(
  ctx: Ctx,
  actor: Actor,
  query: { status?: ArticleStatus | undefined; cursor?: string | undefined; limit?: number | undefined },
): Promise<{ items: ArticleListItem[]; nextCursor: string | null }> {
  requireAction(actor, 'content.read');
  const limit = query.limit ?? 20;
  const rows = await q.authorArticles(ctx.db, actor.orgId, actor.userId, {
    status: query.status,
    limit,
    after: decodeCursor(query.cursor),
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(listItem),
    nextCursor: rows.length > limit && last ? Buffer.from(`${last.updatedAt.toISOString()}|${last.id}`).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string | undefined): { at: Date; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  const [ts, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const at = new Date(ts ?? '');
  if (!id || !new RegExp(`^${UUID}$`).test(id) || Number.isNaN(at.getTime())) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { at, id };
}

/** One article to read. */
export async function getArticle(ctx: Ctx, actor: Actor, id: string): Promise<ArticleView> {
  requireAction(actor, 'content.read');
  return present(actor, await readable(ctx.db, actor, id));
}

/** Writes the feed post of an article, as published at `at`, and marks the article published. */
async function publishNow(trx: Transaction<DB>, author: Actor, row: q.ArticleRow, at: Date): Promise<RealtimeEvent[]> {
  const written = await writeKindPost(trx, author, {
    kind: 'article',
    communityId: row.communityId,
    title: row.title,
    body: row.body,
    createdAt: at,
  });
  await q.updateArticle(trx, author.orgId, row.id, { status: 'published', postId: written.id, publishedAt: at, publishAt: at });
  return written.events;
}

/**
 * Publishes now, or schedules for later (the tick publishes it then, as of that time); optionally
 * with a time when it leaves the feeds again. A scheduled article can be rescheduled this way.
 */
export async function publishArticle(ctx: Ctx, actor: Actor, id: string, input: PublishBody): Promise<ArticleView> {
  requireAction(actor, 'content.write');
  const now = new Date();
  const publishAt = input.publishAt ? new Date(input.publishAt) : null;
  const unpublishAt = input.unpublishAt ? new Date(input.unpublishAt) : null;
  await writeAndPublish(ctx, async (trx) => {
    const row = await ownArticle(trx, actor, id);
    if (row.status === 'published') {
      throw conflict('ALREADY_PUBLISHED', 'This article is already published.');
    }
    if (!row.body.trim()) {
      throw badRequest('EMPTY_ARTICLE', 'Write the article before publishing it.');
    }
    if (row.communityId) {
      await requireCanPost(trx, actor, row.communityId);
    }
    const when = publishAt && publishAt.getTime() > now.getTime() ? publishAt : now;
    if (unpublishAt && unpublishAt.getTime() <= when.getTime()) {
      throw badRequest('INVALID_UNPUBLISH_DATE', 'The article can only leave the feed after it is published.');
    }
    if (when !== now) {
      await q.updateArticle(trx, actor.orgId, id, { status: 'scheduled', publishAt: when, unpublishAt });
      return { result: undefined, events: [] };
    }
    await q.updateArticle(trx, actor.orgId, id, { unpublishAt });
    return { result: undefined, events: await publishNow(trx, actor, row, now) };
  });
  return present(actor, (await q.articleRow(ctx.db, actor.orgId, id))!);
}

/** Takes a published article out of the feeds (it can be published again), or cancels a schedule. */
export async function unpublishArticle(ctx: Ctx, actor: Actor, id: string): Promise<ArticleView> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await ownArticle(trx, actor, id);
    return { result: undefined, events: await unpublish(trx, actor, row) };
  });
  return present(actor, (await q.articleRow(ctx.db, actor.orgId, id))!);
}

async function unpublish(
  trx: Transaction<DB>,
  author: Actor,
  row: Pick<q.ArticleRow, 'id' | 'status' | 'postId'>,
): Promise<RealtimeEvent[]> {
  switch (row.status) {
    case 'scheduled':
      await q.updateArticle(trx, author.orgId, row.id, { status: 'draft', publishAt: null, unpublishAt: null });
      return [];
    case 'published': {
      const events = row.postId ? await removeKindPost(trx, author, row.postId) : [];
      await q.updateArticle(trx, author.orgId, row.id, { status: 'unpublished', postId: null, unpublishAt: null });
      return events;
    }
    case 'draft':
    case 'unpublished':
      throw conflict('NOT_PUBLISHED', 'This article is not published.');
  }
}

export interface ServedPicture {
  data: Buffer;
  type: string;
}

/** An article's cover, for whoever may read the article. */
export async function articleCover(ctx: Ctx, actor: Actor, id: string): Promise<ServedPicture> {
  requireAction(actor, 'content.read');
  const row = await readable(ctx.db, actor, id);
  const data = row.coverKey ? await ctx.storage.get(row.coverKey) : undefined;
  if (!data) {
    throw notFound('cover');
  }
  return { data, type: 'image/webp' };
}

/** A picture of an article's text, for whoever may read the article. */
export async function articleImage(ctx: Ctx, actor: Actor, id: string, imageId: string): Promise<ServedPicture> {
  requireAction(actor, 'content.read');
  const row = await readable(ctx.db, actor, id);
  const data = await ctx.storage.get(imageKey(actor.orgId, row.id, imageId.toLowerCase()));
  if (!data) {
    throw notFound('picture');
  }
  return { data, type: 'image/webp' };
}

/** The author of an article as the actor of what the schedule does for them; undefined once they have left. */
async function authorActor(db: Executor, orgId: string, userId: string): Promise<Actor | undefined> {
  const u = await q.authorStanding(db, orgId, userId);
  if (!u || u.status !== 'active') {
    return undefined;
  }
  return { orgId, userId, roles: u.roles as Role[], via: 'session', scopes: ['read', 'write'], mustEnrollTotp: false };
}

/**
 * One run of the schedule as if it were `now`, across organisations: publishes scheduled articles
 * whose time has come (as of their scheduled time, checking again that the author may still post
 * there: if not, the article goes back to the drafts), and unpublishes those whose end has come.
 * Rows are locked with `skip locked`, so two nodes never act on one article twice.
 */
export async function runArticleTick(trx: Transaction<DB>, now: Date): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  for (const due of await q.duePublishing(trx, now, TICK_BATCH)) {
    const author = await authorActor(trx, due.orgId, due.authorId);
    const row = await q.articleRow(trx, due.orgId, due.id);
    if (!row) {
      continue;
    }
    try {
      if (!author) {
        throw forbidden('AUTHOR_LEFT', 'The author can no longer publish.');
      }
      if (row.communityId) {
        await requireCanPost(trx, author, row.communityId);
      }
      events.push(...(await publishNow(trx, author, row, row.publishAt ?? now)));
    } catch (err) {
      // The checks above and those of writing a post refuse before anything is written.
      if (!(err instanceof AppError)) {
        throw err;
      }
      await q.updateArticle(trx, due.orgId, due.id, { status: 'draft', publishAt: null, unpublishAt: null });
    }
  }
  for (const due of await q.dueUnpublishing(trx, now, TICK_BATCH)) {
    const row = await q.articleRow(trx, due.orgId, due.id);
    if (!row) {
      continue;
    }
    // Unpublishing needs no rights: a person who has left still has their article leave the feeds on time.
    const author = (await authorActor(trx, due.orgId, due.authorId)) ?? {
      orgId: due.orgId,
      userId: due.authorId,
      roles: ['employee'],
      via: 'session',
      scopes: ['read', 'write'],
      mustEnrollTotp: false,
    };
    events.push(...(await unpublish(trx, author, row)));
  }
  return events;
}
