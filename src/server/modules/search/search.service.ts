import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, notFound } from '../../platform/errors.js';
import { communityAbilities, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { SOCIAL_LIMITS } from '../../../shared/social.js';
import { communityAccess } from '../communities/communities.access.js';
import { directory } from '../people/people.service.js';
import { presentPosts } from '../posts/posts.service.js';
import * as q from './search.queries.js';
import type { CommentHit, CommunityHit, PostHit, SearchQuery, SearchResult, SearchType } from './search.schemas.js';
import { highlightHtml, parseSearchQuery, toTsquery, type ParsedQuery } from './search.text.js';

const MIN_QUERY = 2;
const DEFAULT_PAGE = 20;
const DEFAULT_SECTION = 5;
const MAX_SECTION = 10;
const DAY_MS = 86_400_000;

type Kind = Exclude<SearchType, 'all'>;

/**
 * Where the next page starts. Ranked results are a bounded list (at most `searchTuning.candidates`), so an
 * offset into it is exact and cheap; `asOf` pins the list to what existed at the first page, so that
 * content posted meanwhile does not shift later pages. People pages carry the directory's own cursor.
 */
type Cursor = { t: Exclude<Kind, 'people'>; o: number; a: number } | { t: 'people'; c: string };

const encodeCursor = (c: Cursor) => Buffer.from(JSON.stringify(c)).toString('base64url');

function decodeCursor(raw: string | undefined, type: SearchType): Cursor | undefined {
  if (!raw) {
    return undefined;
  }
  let c: unknown;
  try {
    c = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    c = null;
  }
  if (typeof c === 'object' && c !== null && 't' in c && c.t === type) {
    if (type === 'people' && 'c' in c && typeof c.c === 'string') {
      return { t: 'people', c: c.c };
    }
    if (type !== 'people' && 'o' in c && 'a' in c && Number.isInteger(c.o) && Number.isInteger(c.a)) {
      const o = c.o as number;
      const a = c.a as number;
      if (o >= 0 && o < q.searchTuning.candidates && a > 0) {
        return { t: type as Exclude<Kind, 'people'>, o, a };
      }
    }
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;

/** A date (the whole day, in UTC) or an instant; `to` of a date means up to the end of that day. */
function parseDate(raw: string | undefined, field: 'from' | 'to'): Date | undefined {
  if (raw === undefined) {
    return undefined;
  }
  const value = raw.trim();
  let date: Date | undefined;
  if (DATE_ONLY.test(value)) {
    const day = new Date(`${value}T00:00:00Z`);
    // new Date() rolls 2026-02-30 over to March: a date that does not read back the same does not exist.
    if (!Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value) {
      date = field === 'to' ? new Date(day.getTime() + DAY_MS) : day;
    }
  } else if (DATE_TIME.test(value)) {
    const instant = new Date(value);
    date = Number.isNaN(instant.getTime()) ? undefined : instant;
  }
  if (!date) {
    throw badRequest('INVALID_DATE', `The "${field}" date is not valid: use a date like 2026-03-01 or a date and time.`, { field });
  }
  return date;
}

interface Prepared {
  parsed: ParsedQuery;
  /** The positive words, for the people directory, which matches names by their beginnings. */
  words: string;
  filter: Omit<q.ContentFilter, 'asOf'>;
  filtered: boolean;
}

async function prepare(ctx: Ctx, actor: Actor, input: SearchQuery, type: SearchType): Promise<Prepared> {
  const text = input.q.trim();
  if (text.length > SOCIAL_LIMITS.searchQuery) {
    throw badRequest('QUERY_TOO_LONG', `Search with at most ${SOCIAL_LIMITS.searchQuery} characters.`);
  }
  const parsed = text.length >= MIN_QUERY ? parseSearchQuery(text) : null;
  if (!parsed) {
    throw badRequest('QUERY_TOO_SHORT', 'Type at least 2 letters to search.');
  }
  const from = parseDate(input.from, 'from');
  const to = parseDate(input.to, 'to');
  if (from && to && from >= to) {
    throw badRequest('INVALID_DATE_RANGE', 'The "from" date must come before the "to" date.');
  }
  const filtered = Boolean(input.communityId ?? input.authorId ?? from ?? to);
  if (filtered && (type === 'communities' || type === 'people')) {
    throw badRequest('FILTER_NOT_APPLICABLE', 'Community, author and date filters apply to posts and comments only.');
  }
  if (input.communityId) {
    const abilities = (await communityAccess(ctx.db, actor, [input.communityId])).get(input.communityId);
    if (!abilities?.canSee) {
      throw notFound('community');
    }
  }
  const words = parsed.groups
    .flat()
    .filter((c) => !c.negated)
    .flatMap((c) => c.words)
    .join(' ');
  return {
    parsed,
    words,
    filter: { orgId: actor.orgId, userId: actor.userId, communityId: input.communityId, authorId: input.authorId, from, to },
    filtered,
  };
}

interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
const EMPTY = { items: [], nextCursor: null };

/** Stems once per search, shared by the posts and comments sections. */
type Stemmed = () => Promise<q.StemmedQuery>;

function contentSlice(cursor: Cursor | undefined, limit: number) {
  const offset = cursor && cursor.t !== 'people' ? cursor.o : 0;
  const asOf = cursor && cursor.t !== 'people' ? new Date(cursor.a) : new Date();
  // One more than the page tells whether another page follows.
  return { asOf, slice: { cap: q.searchTuning.candidates, offset, limit: limit + 1 } };
}

function nextOf<T>(rows: T[], t: Exclude<Kind, 'people'>, offset: number, limit: number, asOf: Date): string | null {
  return rows.length > limit && offset + limit < q.searchTuning.candidates
    ? encodeCursor({ t, o: offset + limit, a: asOf.getTime() })
    : null;
}

async function postsPage(
  ctx: Ctx,
  actor: Actor,
  p: Prepared,
  stem: Stemmed,
  cursor: Cursor | undefined,
  limit: number,
): Promise<Page<PostHit>> {
  const stemmed = await stem();
  if (stemmed.any === '') {
    return EMPTY;
  }
  const { asOf, slice } = contentSlice(cursor, limit);
  const rows = await q.searchPosts(ctx.db, { ...p.filter, asOf }, stemmed, slice);
  const page = rows.slice(0, limit);
  // The read model applies the post rules once more: a post changed since the match is left out.
  const views = await presentPosts(
    ctx.db,
    actor,
    page.map((r) => r.id),
  );
  const byId = new Map(views.map((v) => [v.id, v]));
  const items = page.flatMap((r) => {
    const post = byId.get(r.id);
    return post ? [{ id: r.id, highlight: highlightHtml(r.snippet), post }] : [];
  });
  return { items, nextCursor: nextOf(rows, 'posts', slice.offset, limit, asOf) };
}

async function commentsPage(
  ctx: Ctx,
  actor: Actor,
  p: Prepared,
  stem: Stemmed,
  cursor: Cursor | undefined,
  limit: number,
): Promise<Page<CommentHit>> {
  const stemmed = await stem();
  if (stemmed.any === '') {
    return EMPTY;
  }
  const { asOf, slice } = contentSlice(cursor, limit);
  const rows = await q.searchComments(ctx.db, { ...p.filter, asOf }, stemmed, slice);
  const page = rows.slice(0, limit);
  const access = await communityAccess(
    ctx.db,
    actor,
    page.flatMap((r) => (r.communityId ? [r.communityId] : [])),
  );
  const items = page
    .filter((r) => r.communityId === null || access.get(r.communityId)?.canRead === true)
    .map((r) => ({
      id: r.id,
      postId: r.postId,
      parentId: r.parentId,
      highlight: highlightHtml(r.snippet),
      author: { id: r.authorId, name: r.authorName, title: r.authorTitle, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) },
      community: r.communityId
        ? {
            id: r.communityId,
            name: r.communityName ?? '',
            slug: r.communitySlug ?? '',
            visibility: r.communityVisibility ?? 'public',
            official: r.communityOfficial ?? false,
          }
        : null,
      createdAt: r.createdAt,
    }));
  return { items, nextCursor: nextOf(rows, 'comments', slice.offset, limit, asOf) };
}

async function communitiesPage(
  ctx: Ctx,
  actor: Actor,
  p: Prepared,
  cursor: Cursor | undefined,
  limit: number,
): Promise<Page<CommunityHit>> {
  const { asOf, slice } = contentSlice(cursor, limit);
  const rows = await q.searchCommunities(
    ctx.db,
    { orgId: actor.orgId, userId: actor.userId, seesSecret: actor.roles.includes('admin') },
    toTsquery(p.parsed, 'all'),
    slice,
  );
  const page = rows.slice(0, limit);
  const items = page
    .filter(
      (r) =>
        communityAbilities(actor, {
          visibility: r.visibility,
          archived: r.archivedAt !== null,
          isAllCompany: r.isAllCompany,
          synced: r.syncKind !== null || r.isAllCompany,
          membership: r.role && r.status ? { role: r.role, status: r.status, viaSync: r.viaSync ?? false } : null,
        }).canSee,
    )
    .map((r) => ({
      id: r.id,
      name: r.name,
      slug: r.slug,
      visibility: r.visibility,
      official: r.official,
      memberCount: r.memberCount,
      archived: r.archivedAt !== null,
      membership: r.role && r.status ? { role: r.role, status: r.status } : null,
      highlight: { name: highlightHtml(r.nameSnippet), description: highlightHtml(r.descriptionSnippet) },
    }));
  return { items, nextCursor: nextOf(rows, 'communities', slice.offset, limit, asOf) };
}

async function peoplePage(ctx: Ctx, actor: Actor, p: Prepared, cursor: Cursor | undefined, limit: number) {
  const page = await directory(ctx, actor, { q: p.words, limit, cursor: cursor?.t === 'people' ? cursor.c : undefined });
  return { items: page.items, nextCursor: page.nextCursor ? encodeCursor({ t: 'people', c: page.nextCursor }) : null };
}

/**
 * One search box over posts, comments, communities and people, ranked, filtered by community, author
 * and dates, with highlighted matches. Only what the reader may see comes back: posts and comments of
 * communities they may read, never deleted or hidden ones; secret communities only for their members.
 */
export async function search(ctx: Ctx, actor: Actor, input: SearchQuery): Promise<SearchResult> {
  requireAction(actor, 'content.read');
  const type = input.type ?? 'all';
  const p = await prepare(ctx, actor, input, type);
  let stemmed: Promise<q.StemmedQuery> | undefined;
  const stem: Stemmed = () => (stemmed ??= q.stemQuery(ctx.db, toTsquery(p.parsed, 'last')));

  if (type === 'all') {
    if (input.cursor) {
      throw badRequest('INVALID_CURSOR', 'A section cursor is used with the type of its section.');
    }
    const limit = Math.min(input.limit ?? DEFAULT_SECTION, MAX_SECTION);
    const [posts, comments, communities, people] = await Promise.all([
      postsPage(ctx, actor, p, stem, undefined, limit),
      commentsPage(ctx, actor, p, stem, undefined, limit),
      p.filtered ? EMPTY : communitiesPage(ctx, actor, p, undefined, limit),
      p.filtered ? EMPTY : peoplePage(ctx, actor, p, undefined, limit),
    ]);
    return { type, posts, comments, communities, people };
  }
  const cursor = decodeCursor(input.cursor, type);
  const limit = input.limit ?? DEFAULT_PAGE;
  switch (type) {
    case 'posts':
      return { type, ...(await postsPage(ctx, actor, p, stem, cursor, limit)) };
    case 'comments':
      return { type, ...(await commentsPage(ctx, actor, p, stem, cursor, limit)) };
    case 'communities':
      return { type, ...(await communitiesPage(ctx, actor, p, cursor, limit)) };
    case 'people':
      return { type, ...(await peoplePage(ctx, actor, p, cursor, limit)) };
  }
}

/**
 * The plans and timings (EXPLAIN ANALYZE) of every statement of a posts search as this person would
 * run it, so that a benchmark can show which index answered a common word and a rare one.
 */
export async function explainSearch(db: Kysely<DB>, actor: Actor, text: string, opts: { limit?: number } = {}): Promise<string> {
  requireAction(actor, 'content.read');
  const parsed = parseSearchQuery(text.trim());
  if (!parsed) {
    throw badRequest('QUERY_TOO_SHORT', 'Type at least 2 letters to search.');
  }
  const stemmed = await q.stemQuery(db, toTsquery(parsed, 'last'));
  const trace: string[] = [];
  const filter = { orgId: actor.orgId, userId: actor.userId, asOf: new Date() };
  await q.searchPosts(db, filter, stemmed, { cap: q.searchTuning.candidates, offset: 0, limit: (opts.limit ?? DEFAULT_PAGE) + 1 }, trace);
  return trace.join('\n\n');
}
