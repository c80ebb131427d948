import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { DB, MemberRole, MemberStatus, Visibility } from '../../db/schema.js';
import { MARK_START, MARK_STOP } from './search.text.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Full-text search over posts, comments and communities.
 *
 * Posts and comments store a tsvector stemmed in their own language (english, italian or simple), so
 * a search is stemmed three times and each row is matched with the query of its own language: the
 * same stemmer on both sides ("running" finds "run" in English text, "lavorando" finds "lavoro" in
 * Italian text), and an exclusion (`-word`) applies in the row's language too.
 *
 * Ranking every match of a common word is what makes full-text search slow, so each search first
 * collects the newest matches the reader may see — at most `cap` of them — and ranks only those.
 */

/** The search stemmed in each language, as tsquery text; `any` is their OR, empty when nothing is left to look for. */
export interface StemmedQuery {
  english: string;
  italian: string;
  simple: string;
  any: string;
}

/**
 * Stems the search once per language, so that the main query carries the results as constants: the
 * planner then estimates how common the words are, and nothing is parsed again for each row.
 */
export async function stemQuery(db: Executor, tsquery: string): Promise<StemmedQuery> {
  const { rows } = await sql<StemmedQuery>`
    select e::text as english, i::text as italian, s::text as simple, (e || i || s)::text as any
    from (select to_tsquery('english', ${tsquery}) as e, to_tsquery('italian', ${tsquery}) as i,
                 to_tsquery('simple', ${tsquery}) as s) q`.execute(db);
  return rows[0]!;
}

const LANGS = ['english', 'italian', 'simple'] as const;

/** A stemmed query as a constant; null where only stop words were left, so that it matches nothing. */
const tsq = (text: string) => (text === '' ? sql`null::tsquery` : sql`${text}::tsquery`);

/** The query of the row's own language. */
const rowQuery = (langColumn: string, q: StemmedQuery) =>
  sql`(case ${sql.ref(langColumn)} when 'english' then ${tsq(q.english)} when 'italian' then ${tsq(q.italian)} else ${tsq(q.simple)} end)`;

/**
 * The row matches the search in its own language. Written as one arm per language (not as a CASE),
 * so that the planner estimates each arm from the column statistics and can answer it with a
 * BitmapOr of GIN lookups — an opaque CASE would be guessed as rare and always sent to the GIN index.
 */
const matches = (alias: string, q: StemmedQuery) => {
  const v = sql.ref(`${alias}.search_vector`);
  const lang = sql.ref(`${alias}.lang`);
  const arms = LANGS.filter((l) => q[l] !== '').map((l) => sql`(${lang} = ${l} and ${v} @@ ${q[l]}::tsquery)`);
  return arms.length > 0 ? sql`(${sql.join(arms, sql` or `)})` : sql`false`;
};

/** Who is searching, what they narrowed it to, and the instant the first page was answered. */
export interface ContentFilter {
  orgId: string;
  userId: string;
  communityId?: string | undefined;
  authorId?: string | undefined;
  from?: Date | undefined;
  /** Exclusive. */
  to?: Date | undefined;
  /** Only content created up to here, so that later pages rank the same candidates as the first. */
  asOf: Date;
}

/** Which slice of the ranked candidates to answer. */
export interface Slice {
  cap: number;
  offset: number;
  limit: number;
}

/**
 * The communities whose posts the reader may read: public ones they are not banned from, and those
 * they are an active member of. The set form of `readableBy` (communities.access.ts): a few hundred
 * ids hashed once instead of a look-up for every candidate.
 */
const readable = (f: ContentFilter, communityColumn: string) => {
  const col = sql.ref(communityColumn);
  return sql`(${col} is null or ${col} in (
    select c.id from communities c
    left join community_members m on m.community_id = c.id and m.user_id = ${f.userId}
    where c.org_id = ${f.orgId} and (m.status = 'active' or (c.visibility = 'public' and m.status is distinct from 'banned'))))`;
};

/** The reader's filters and the snapshot; the community filter applies where the row's community is known. */
function narrowed(f: ContentFilter, alias: string, communityColumn: string | null): RawBuilder<unknown> {
  const time = sql.ref(`${alias}.created_at`);
  const parts = [sql`${time} <= ${f.asOf}`];
  if (f.communityId && communityColumn) {
    parts.push(sql`${sql.ref(communityColumn)} = ${f.communityId}`);
  }
  if (f.authorId) {
    parts.push(sql`${sql.ref(`${alias}.author_id`)} = ${f.authorId}`);
  }
  if (f.from) {
    parts.push(sql`${time} >= ${f.from}`);
  }
  if (f.to) {
    parts.push(sql`${time} < ${f.to}`);
  }
  return sql.join(parts, sql` and `);
}

/**
 * Relevance of a candidate: cover density (how close together the words are), divided by the log of
 * the text's length, and up to doubled for fresh content, fading over a few weeks.
 */
const score = (alias: string, q: StemmedQuery) =>
  sql`ts_rank_cd(${sql.ref(`${alias}.search_vector`)}, ${rowQuery(`${alias}.lang`, q)}, 1)
      * (1 + 1 / (1 + extract(epoch from now() - ${sql.ref(`${alias}.created_at`)}) / 1209600))`;

/** Markdown mentions and links shown as their text in snippets: `@[Ada](person:…)` reads `@Ada`. */
const MENTION = String.raw`@\[([^\]]*)\]\((?:person|community):[0-9a-f-]+\)`;
const LINK = String.raw`!?\[([^\]]*)\]\([^)]*\)`;
const HEADLINE = `StartSel="${MARK_START}", StopSel="${MARK_STOP}", MaxWords=30, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;

/** A snippet of the text around the matches, with ts_headline's markers (never trusted as HTML). */
const headline = (alias: string, q: StemmedQuery) => {
  const text = sql`regexp_replace(regexp_replace(translate(${sql.ref(`${alias}.body`)}, ${MARK_START + MARK_STOP}, ''),
    ${MENTION}, '@\\1', 'g'), ${LINK}, '\\1', 'g')`;
  return sql<string>`ts_headline(${sql.ref(`${alias}.lang`)}::regconfig, ${text}, ${rowQuery(`${alias}.lang`, q)}, ${HEADLINE})`;
};

/** A row's place in newest-first order: its time in microseconds (exact, unlike a Date) and id. */
interface Key {
  us: number;
  id: string;
}

const usOf = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000000)::int8`;
const tsOf = (us: number) => sql`(timestamptz 'epoch' + ${us}::int8 * interval '1 microsecond')`;

/** `and (time, id) < key`: strictly older; an index condition of the (…, created_at desc, id desc) indexes. */
const olderThan = (alias: string, key: Key | undefined) =>
  key ? sql`and (${sql.ref(`${alias}.created_at`)}, ${sql.ref(`${alias}.id`)}) < (${tsOf(key.us)}, ${key.id}::uuid)` : sql``;

/** What a walk over the newest rows found: the matches, how many rows it read, and the last row it read. */
interface Walked {
  hits: Key[];
  scanned: number;
  last: Key | undefined;
}

interface WalkRow extends Key {
  hit: boolean;
  scanned: number;
}

function walked(rows: WalkRow[]): Walked {
  const hits = rows.filter((r) => r.hit).sort(newestFirst);
  const last = rows.find((r) => !r.hit);
  return { hits, scanned: rows[0]?.scanned ?? 0, last: last ? { us: last.us, id: last.id } : undefined };
}

const newestFirst = (a: Key, b: Key) => b.us - a.us || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

/** Part of the timeline: from `lo` (inclusive) to `hi` (exclusive), either end open. */
interface Window {
  lo?: Date | undefined;
  hi?: Date | undefined;
}

const DAY_MS = 86_400_000;
/**
 * How candidates are collected. Tests shrink these to take every path on a handful of rows.
 * - candidates: at most this many of the newest matches are ranked. Enough to hold every match of a
 *   specific search, few enough that a common word costs the same as a rare one.
 * - enough: collecting stops at the end of a step (a read, a window of time) that brought the matches
 *   to this many: a few pages to rank, without reading further back for more of the same words.
 * - probeRows: rows read newest first before anything else, to measure how common the words are.
 * - walkRate: from this share of matching rows on, reading on newest first beats any index lookup.
 * - maxWalk: the most rows read newest first, the probe included, before turning to the indexes.
 * - rareRate: below this share, the words are rare: their matches are few enough to be read at once
 *   through the GIN index, without windows of time (whose time range would cost more than it saves).
 */
export const searchTuning = { candidates: 300, enough: 100, probeRows: 1000, walkRate: 0.01, maxWalk: 10_000, rareRate: 0.002 };
/** Windows back from the last row read, widening until enough matches are found. */
const WINDOW_DAYS = [14, 90, 365];

function windowsBelow(f: ContentFilter, anchorMs: number): Window[] {
  const edges = WINDOW_DAYS.map((d) => new Date(anchorMs - d * DAY_MS));
  const windows: Window[] = [];
  for (let i = 0; i <= edges.length; i += 1) {
    const hi = i > 0 ? edges[i - 1] : undefined;
    if (hi && f.from && hi.getTime() <= f.from.getTime()) {
      break;
    }
    windows.push({ lo: edges[i], hi });
  }
  return windows;
}

function inWindow(alias: string, w: Window): RawBuilder<unknown> {
  const col = sql.ref(`${alias}.created_at`);
  return sql`${w.lo ? sql`${col} >= ${w.lo}` : sql`true`} and ${w.hi ? sql`${col} < ${w.hi}` : sql`true`}`;
}

/** Runs a statement; with a trace, also records its plan and timings. */
async function run<T>(db: Executor, query: RawBuilder<T>, trace?: string[]): Promise<T[]> {
  if (trace) {
    const { rows } = await sql<Record<string, string>>`explain (analyze, buffers) ${query}`.execute(db);
    // The column is named "QUERY PLAN"; taken by position rather than by a name the plugin rewrites.
    trace.push(rows.map((r) => Object.values(r)[0]).join('\n'));
  }
  return (await query.execute(db)).rows;
}

/**
 * Runs the statements of one search in a transaction with JIT compilation off. The planner turns JIT
 * on by estimated cost, and estimates a search as if it read every row its LIMITs stop it from
 * reading: compiling would then cost tens of milliseconds to save a few microseconds.
 */
async function withoutJit<T>(db: Executor, work: (trx: Executor) => Promise<T>): Promise<T> {
  if (db.isTransaction) {
    await sql`set local jit = off`.execute(db);
    return work(db);
  }
  return db.transaction().execute(async (trx) => {
    await sql`set local jit = off`.execute(trx);
    return work(trx);
  });
}

/**
 * The ids of the newest matches, newest first: at most `cap`, and once there are `enough`, no more
 * than the step that brought them read.
 *
 * The planner's guess at how many rows contain a combination of words is often wrong by several times
 * (it takes words as independent), and a wrong guess either walks far too many rows or asks the GIN
 * index for every match of a common word. So the search measures instead: it reads the newest rows
 * and counts the matches among them. Common words are done there, or after reading on a little. For
 * the others, matches are collected through the indexes in widening windows of time (two weeks, three
 * months, a year, the rest), where intersecting the GIN index with the window's time range touches
 * only that window's matches, not every match in the organisation's history.
 */
async function newestMatches(
  f: ContentFilter,
  q: StemmedQuery,
  cap: number,
  walk: (rows: number, after: Key | undefined) => Promise<Walked>,
  windowed: (w: Window, after: Key, limit: number) => Promise<Key[]>,
): Promise<string[]> {
  const target = Math.min(cap, searchTuning.enough);
  const found: Key[] = [];
  let after: Key | undefined;
  let scanned = 0;
  let rows = searchTuning.probeRows;
  for (;;) {
    const w = await walk(rows, after);
    found.push(...w.hits);
    scanned += w.scanned;
    if (found.length >= target || w.scanned < rows || !w.last) {
      return found.slice(0, cap).map((k) => k.id);
    }
    after = w.last;
    const rate = found.length / scanned;
    const budget = searchTuning.maxWalk - scanned;
    if (rate < searchTuning.walkRate || budget <= 0) {
      break;
    }
    // A quarter more than the rate so far says is missing: reading a few rows too many costs more than
    // the odd extra step.
    rows = Math.min(budget, Math.max(Math.ceil(searchTuning.probeRows / 4), Math.ceil(((target - found.length) / rate) * 1.25)));
  }
  // A phrase or an exclusion is checked on the rows the GIN index returns for its words, which can be
  // many even when the exact matches are rare: those keep to windows of time.
  const exact = !/[<!]/.test(q.any);
  const rare = exact && found.length / scanned < searchTuning.rareRate;
  for (const w of rare ? [{}] : windowsBelow(f, after.us / 1000)) {
    found.push(...(await windowed(w, after, cap - found.length)));
    if (found.length >= target) {
      break;
    }
  }
  return found.slice(0, cap).map((k) => k.id);
}

/** The live posts of the organisation the reader narrowed the search to. */
const livePosts = (f: ContentFilter) =>
  sql`p.org_id = ${f.orgId} and p.deleted_at is null and p.hidden_at is null and ${narrowed(f, 'p', 'p.community_id')}`;

async function postCandidates(db: Executor, f: ContentFilter, q: StemmedQuery, cap: number, trace?: string[]) {
  return newestMatches(
    f,
    q,
    cap,
    async (rows, after) =>
      walked(
        await run(
          db,
          sql<WalkRow>`
            with recent as materialized (
              select p.id, ${usOf('p.created_at')} as us, (${matches('p', q)} and ${readable(f, 'p.community_id')}) as hit
              from posts p
              where ${livePosts(f)} ${olderThan('p', after)}
              order by p.created_at desc, p.id desc
              limit ${rows}
            )
            select id, us, true as hit, (select count(*) from recent) as scanned from recent where hit
            union all
            (select id, us, false, (select count(*) from recent) from recent order by us, id limit 1)`,
          trace,
        ),
      ),
    (w, after, limit) =>
      run(
        db,
        sql<Key>`
          select p.id, ${usOf('p.created_at')} as us from posts p
          where ${livePosts(f)} ${olderThan('p', after)} and ${inWindow('p', w)}
            and ${matches('p', q)} and ${readable(f, 'p.community_id')}
          order by p.created_at desc, p.id desc
          limit ${limit}`,
        trace,
      ),
  );
}

/**
 * An answered question comes before other matches: its answer is what a searcher is after. Looked up by
 * primary key for the few ranked candidates only, so the collection of candidates keeps its plans.
 */
const answered = (alias: string) =>
  sql`exists (select 1 from questions qn where qn.post_id = ${sql.ref(`${alias}.id`)} and qn.answered_at is not null)`;

export interface PostHitRow {
  id: string;
  score: number;
  snippet: string;
}

/**
 * One page of posts, best first: the newest matches the reader may read (at most `cap`), ranked, and
 * snippets made for the page only. With a trace, the plan of every statement is added to it.
 */
export function searchPosts(db: Executor, f: ContentFilter, q: StemmedQuery, s: Slice, trace?: string[]): Promise<PostHitRow[]> {
  return withoutJit(db, async (trx) => {
    const ids = await postCandidates(trx, f, q, s.cap, trace);
    if (ids.length === 0) {
      return [];
    }
    return run(
      trx,
      sql<PostHitRow>`
      select r.id, r.score, ${headline('p', q)} as snippet
      from (
        select k.id, k.created_at, ${score('k', q)} as score, ${answered('k')} as answered
        from posts k
        where k.id in (${sql.join(ids)})
        order by answered desc, score desc, k.created_at desc, k.id desc
        offset ${s.offset} limit ${s.limit}
      ) r
      join posts p on p.id = r.id
      order by r.answered desc, r.score desc, r.created_at desc, r.id desc`,
      trace,
    );
  });
}

/**
 * The post of a comment is live and readable, and in the community the reader narrowed to. A scalar
 * subquery rather than EXISTS: the planner would turn EXISTS into a join and, misjudging how many
 * comments reach it, hash every post of the organisation instead of looking up the few it needs.
 */
const readablePostOf = (f: ContentFilter, postColumn: string) => sql`coalesce((
  select true from posts p
  where p.id = ${sql.ref(postColumn)} and p.deleted_at is null and p.hidden_at is null
    and ${readable(f, 'p.community_id')} ${f.communityId ? sql`and p.community_id = ${f.communityId}` : sql``}), false)`;

const liveComments = (f: ContentFilter) =>
  sql`cm.org_id = ${f.orgId} and cm.deleted_at is null and cm.hidden_at is null and ${narrowed(f, 'cm', null)}`;

async function commentCandidates(db: Executor, f: ContentFilter, q: StemmedQuery, cap: number, trace?: string[]) {
  return newestMatches(
    f,
    q,
    cap,
    async (rows, after) =>
      walked(
        await run(
          db,
          sql<WalkRow>`
            with recent as materialized (
              select cm.id, cm.post_id, ${usOf('cm.created_at')} as us, ${matches('cm', q)} as hit
              from comments cm
              where ${liveComments(f)} ${olderThan('cm', after)}
              order by cm.created_at desc, cm.id desc
              limit ${rows}
            )
            select r.id, r.us, true as hit, (select count(*) from recent) as scanned
            from recent r where r.hit and ${readablePostOf(f, 'r.post_id')}
            union all
            (select id, us, false, (select count(*) from recent) from recent order by us, id limit 1)`,
          trace,
        ),
      ),
    (w, after, limit) =>
      run(
        db,
        sql<Key>`
          select cm.id, ${usOf('cm.created_at')} as us from comments cm
          where ${liveComments(f)} ${olderThan('cm', after)} and ${inWindow('cm', w)}
            and ${matches('cm', q)} and ${readablePostOf(f, 'cm.post_id')}
          order by cm.created_at desc, cm.id desc
          limit ${limit}`,
        trace,
      ),
  );
}

export interface CommentHitRow {
  id: string;
  postId: string;
  parentId: string | null;
  createdAt: Date;
  authorId: string;
  authorName: string;
  authorTitle: string | null;
  authorPhotoKey: string | null;
  communityId: string | null;
  communityName: string | null;
  communitySlug: string | null;
  communityVisibility: Visibility | null;
  communityOfficial: boolean | null;
  score: number;
  snippet: string;
}

/**
 * One page of comments, best first. A comment is a candidate when it and its post are live and the
 * post's community is readable; the author and community are joined for the page only.
 */
export async function searchComments(
  db: Executor,
  f: ContentFilter,
  q: StemmedQuery,
  s: Slice,
  trace?: string[],
): Promise<CommentHitRow[]> {
  return withoutJit(db, async (trx) => {
    const ids = await commentCandidates(trx, f, q, s.cap, trace);
    if (ids.length === 0) {
      return [];
    }
    return run(
      trx,
      sql<CommentHitRow>`
      select r.id, cm.post_id, cm.parent_id, cm.created_at, r.score, ${headline('cm', q)} as snippet,
             u.id as author_id, u.name as author_name, u.title as author_title, u.photo_key as author_photo_key,
             c.id as community_id, c.name as community_name, c.slug as community_slug,
             c.visibility as community_visibility, c.official as community_official
      from (
        select k.id, k.created_at, ${score('k', q)} as score
        from comments k
        where k.id in (${sql.join(ids)})
        order by score desc, k.created_at desc, k.id desc
        offset ${s.offset} limit ${s.limit}
      ) r
      join comments cm on cm.id = r.id
      join posts p on p.id = cm.post_id
      join users u on u.id = cm.author_id
      left join communities c on c.id = p.community_id
      order by r.score desc, r.created_at desc, r.id desc`,
      trace,
    );
  });
}

export interface CommunityHitRow {
  id: string;
  name: string;
  slug: string;
  visibility: Visibility;
  official: boolean;
  memberCount: number;
  archivedAt: Date | null;
  isAllCompany: boolean;
  syncKind: string | null;
  role: MemberRole | null;
  status: MemberStatus | null;
  viaSync: boolean | null;
  nameSnippet: string;
  descriptionSnippet: string;
}

/**
 * One page of communities, best first: those whose name or description has every word (the last ones
 * as prefixes), secret ones only for their members, invitees and administrators. A name match comes
 * before a description match; among equals, bigger communities first. An organisation has hundreds
 * of communities, not millions, so every match is ranked.
 */
export async function searchCommunities(
  db: Executor,
  f: { orgId: string; userId: string; seesSecret: boolean },
  tsquery: string,
  s: Slice,
): Promise<CommunityHitRow[]> {
  const q = sql`to_tsquery('simple', ${tsquery})`;
  const { rows } = await sql<CommunityHitRow>`
    select r.*,
      ts_headline('simple', translate(r.name, ${MARK_START + MARK_STOP}, ''), ${q}, ${`${HEADLINE}, HighlightAll=true`}) as name_snippet,
      case when r.description = '' then ''
           else ts_headline('simple', translate(r.description, ${MARK_START + MARK_STOP}, ''), ${q}, ${HEADLINE}) end as description_snippet
    from (
      select c.id, c.name, c.slug, c.description, c.visibility, c.official, c.member_count, c.archived_at,
             c.is_all_company, c.sync_kind, m.role, m.status, m.via_sync,
             ts_rank(c.search_vector, ${q})
               + case when to_tsvector('simple', c.name) @@ ${q} then 1 else 0 end
               + ln(c.member_count + 1) / 20
               - case when c.archived_at is null then 0 else 1 end as score
      from communities c
      left join community_members m on m.community_id = c.id and m.user_id = ${f.userId}
      where c.org_id = ${f.orgId} and c.search_vector @@ ${q}
        and (c.visibility <> 'secret' or m.status in ('active', 'invited') or ${f.seesSecret})
      order by score desc, c.name, c.id
      offset ${s.offset} limit ${Math.min(s.limit, Math.max(0, s.cap - s.offset))}
    ) r
    order by r.score desc, r.name, r.id`.execute(db);
  return rows;
}
