import { sql, type Expression, type Kysely, type SqlBool, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { AmaStatus } from '../../../shared/comms.js';
import { readableBy } from '../communities/communities.access.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Which AMAs a list shows: still to come, on air, or over. */
export type AmaWhen = 'upcoming' | 'live' | 'past';

/** Where a page of AMAs resumes: after this start time and id. */
export type AmaAfter = { startsAt: Date; id: string } | undefined;

/**
 * SQL condition: the AMA is visible to the person. One without a community is for everyone in the
 * organisation; one in a community is for its readers, and always for its host.
 */
function visibleTo(userId: string): Expression<SqlBool> {
  return sql<SqlBool>`(a.host_id = ${userId} or ${readableBy(userId, 'a.community_id')})`;
}

/** An AMA with its host, its community and its counts, in one query. */
function amaSelect(db: Executor, orgId: string) {
  return db
    .selectFrom('amas as a')
    .innerJoin('users as h', (j) => j.onRef('h.id', '=', 'a.hostId').on('h.orgId', '=', orgId))
    .leftJoin('communities as c', (j) => j.onRef('c.id', '=', 'a.communityId').on('c.orgId', '=', orgId))
    .select([
      'a.id',
      'a.title',
      'a.description',
      'a.descriptionHtml',
      'a.hostId',
      'h.name as hostName',
      'h.title as hostTitle',
      'h.photoKey as hostPhotoKey',
      'a.communityId',
      'c.name as communityName',
      'c.slug as communitySlug',
      'a.startsAt',
      'a.endsAt',
      'a.allowAnonymous',
      'a.status',
      'a.questionCount',
      'a.createdBy',
      'a.createdAt',
      sql<number>`(select count(*)::int from ama_questions q
        where q.ama_id = a.id and q.org_id = a.org_id and q.hidden_at is null and q.answered_at is not null)`.as('answeredCount'),
    ])
    .where('a.orgId', '=', orgId);
}

export type AmaRow = Awaited<ReturnType<ReturnType<typeof amaSelect>['executeTakeFirstOrThrow']>>;

/**
 * A page of AMAs: upcoming ones soonest first, live and past ones latest first. `viewerId` limits the
 * list to what that person may see (null: everything, for those who manage AMAs). `limit + 1` rows.
 */
export async function amaPage(
  db: Executor,
  orgId: string,
  viewerId: string | null,
  when: AmaWhen,
  limit: number,
  after: AmaAfter,
): Promise<AmaRow[]> {
  const status: AmaStatus = when === 'upcoming' ? 'scheduled' : when === 'live' ? 'live' : 'ended';
  const ascending = when === 'upcoming';
  return amaSelect(db, orgId)
    .where('a.status', '=', status)
    .$if(viewerId !== null, (qb) => qb.where(visibleTo(viewerId!)))
    .$if(after !== undefined, (qb) =>
      qb.where(
        ascending
          ? sql<SqlBool>`(a.starts_at, a.id) > (${after!.startsAt}, ${after!.id}::uuid)`
          : sql<SqlBool>`(a.starts_at, a.id) < (${after!.startsAt}, ${after!.id}::uuid)`,
      ),
    )
    .orderBy('a.startsAt', ascending ? 'asc' : 'desc')
    .orderBy('a.id', ascending ? 'asc' : 'desc')
    .limit(limit + 1)
    .execute();
}

/** One AMA of the organisation (whoever may see it); locked for an update when `lock` is set. */
export async function amaById(db: Executor, orgId: string, id: string, lock = false): Promise<AmaRow | undefined> {
  return amaSelect(db, orgId)
    .where('a.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('a'))
    .executeTakeFirst();
}

/** Whether the person may see the AMA by the community rule (host, or a reader of its community). */
export async function canSeeAma(db: Executor, orgId: string, amaId: string, userId: string): Promise<boolean> {
  const row = await db
    .selectFrom('amas as a')
    .select('a.id')
    .where('a.orgId', '=', orgId)
    .where('a.id', '=', amaId)
    .where(visibleTo(userId))
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the person is an active member of the organisation. */
export async function isActivePerson(db: Executor, orgId: string, id: string): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row !== undefined;
}

export interface NewAma {
  id: string;
  orgId: string;
  hostId: string;
  createdBy: string;
  communityId: string | null;
  title: string;
  description: string;
  descriptionHtml: string;
  startsAt: Date;
  endsAt: Date;
  allowAnonymous: boolean;
}

export async function insertAma(db: Executor, row: NewAma): Promise<void> {
  await db.insertInto('amas').values(row).execute();
}

export type AmaChanges = Partial<Omit<NewAma, 'id' | 'orgId' | 'createdBy'>>;

export async function updateAma(db: Executor, orgId: string, id: string, changes: AmaChanges): Promise<void> {
  await db.updateTable('amas').set(changes).where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** Puts a scheduled AMA on air; false when it was not scheduled any more (another node, or a person, did it first). */
export async function markLive(db: Executor, orgId: string, id: string): Promise<boolean> {
  const rows = await db
    .updateTable('amas')
    .set({ status: 'live' })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '=', 'scheduled')
    .returning('id')
    .execute();
  return rows.length > 0;
}

/**
 * Ends an AMA that is not over yet; one ended early keeps the time it actually ended (never before its
 * start). False when it had already ended.
 */
export async function markEnded(db: Executor, orgId: string, id: string, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable('amas')
    .set({ status: 'ended', endsAt: sql<Date>`greatest(starts_at, least(ends_at, ${now}::timestamptz))` })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('status', '<>', 'ended')
    .returning('id')
    .execute();
  return rows.length > 0;
}

/** An AMA the tick moved, with what its notifications and events need. */
export interface MovedAma {
  id: string;
  orgId: string;
  title: string;
  communityId: string | null;
}

/**
 * The scheduler's moves, for every organisation at once: scheduled AMAs whose time went by unopened
 * end straight away, scheduled ones whose start has come go live, live ones whose end has come end.
 * Each move is a conditional update over rows taken with `skip locked`, so two nodes never move the
 * same AMA twice (nor notify twice).
 */
export async function tickMoves(trx: Transaction<DB>, now: Date): Promise<{ started: MovedAma[]; ended: MovedAma[] }> {
  const moved = await trx
    .updateTable('amas')
    .set({ status: 'ended' })
    .where(
      'id',
      'in',
      trx
        .selectFrom('amas')
        .select('id')
        .where((eb) =>
          eb.or([
            eb.and([eb('status', '=', 'scheduled'), eb('endsAt', '<=', now)]),
            eb.and([eb('status', '=', 'live'), eb('endsAt', '<=', now)]),
          ]),
        )
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '<>', 'ended')
    .returning(['id', 'orgId', 'title', 'communityId'])
    .execute();
  const started = await trx
    .updateTable('amas')
    .set({ status: 'live' })
    .where(
      'id',
      'in',
      trx
        .selectFrom('amas')
        .select('id')
        .where('status', '=', 'scheduled')
        .where('startsAt', '<=', now)
        .where('endsAt', '>', now)
        .forUpdate()
        .skipLocked(),
    )
    .where('status', '=', 'scheduled')
    .returning(['id', 'orgId', 'title', 'communityId'])
    .execute();
  return { started, ended: moved };
}

/** Everyone who took part in an AMA so far under their name: authors of questions asked openly, and voters. */
export async function participants(db: Executor, orgId: string, amaId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('amaQuestions')
    .select('authorId as userId')
    .where('orgId', '=', orgId)
    .where('amaId', '=', amaId)
    .where('authorId', 'is not', null)
    .union(
      db
        .selectFrom('amaVotes as v')
        .innerJoin('amaQuestions as q', 'q.id', 'v.questionId')
        .select('v.userId')
        .where('v.orgId', '=', orgId)
        .where('q.amaId', '=', amaId),
    )
    .execute();
  return rows.flatMap((r) => (r.userId ? [r.userId] : []));
}

// Questions

export type QuestionSort = 'top' | 'new';
export type QuestionStatus = 'open' | 'answered' | 'all';

/** Where a page of questions resumes; `answered` and `upvotes` take part only in the orders that use them. */
export interface QuestionAfter {
  answered: number;
  upvotes: number;
  createdAt: Date;
  id: string;
}

/** A question with its author (none when anonymous) and whether the viewer voted for it. */
function questionSelect(db: Executor, orgId: string, viewerId: string) {
  return db
    .selectFrom('amaQuestions as q')
    .leftJoin('users as u', (j) => j.onRef('u.id', '=', 'q.authorId').on('u.orgId', '=', orgId))
    .select([
      'q.id',
      'q.amaId',
      'q.authorId',
      'u.name as authorName',
      'u.photoKey as authorPhotoKey',
      'q.anonymous',
      'q.body',
      'q.upvoteCount',
      'q.answer',
      'q.answerHtml',
      'q.answeredAt',
      'q.hiddenAt',
      'q.createdAt',
      sql<number>`(case when q.answered_at is null then 0 else 1 end)`.as('answeredKey'),
      sql<boolean>`exists (select 1 from ama_votes v where v.question_id = q.id and v.user_id = ${viewerId})`.as('myVote'),
    ])
    .where('q.orgId', '=', orgId);
}

export type QuestionRow = Awaited<ReturnType<ReturnType<typeof questionSelect>['executeTakeFirstOrThrow']>>;

/**
 * A page of an AMA's questions that are not hidden. `top`: most votes first, then the oldest; `new`:
 * newest first. With `answeredFirst`, answered questions come before the others (the page an AMA
 * leaves behind). Keyset over the same keys as the order; `limit + 1` rows.
 */
export async function questionPage(
  db: Executor,
  orgId: string,
  amaId: string,
  viewerId: string,
  o: { sort: QuestionSort; status: QuestionStatus; answeredFirst: boolean },
  limit: number,
  after: QuestionAfter | undefined,
): Promise<QuestionRow[]> {
  const rest = (a: QuestionAfter) =>
    o.sort === 'top'
      ? sql<SqlBool>`(q.upvote_count < ${a.upvotes} or (q.upvote_count = ${a.upvotes} and (q.created_at, q.id) > (${a.createdAt}, ${a.id}::uuid)))`
      : sql<SqlBool>`((q.created_at, q.id) < (${a.createdAt}, ${a.id}::uuid))`;
  const key = sql`(case when q.answered_at is null then 0 else 1 end)`;
  const resume = (a: QuestionAfter) =>
    o.answeredFirst ? sql<SqlBool>`(${key} < ${a.answered} or (${key} = ${a.answered} and ${rest(a)}))` : rest(a);
  let qb = questionSelect(db, orgId, viewerId)
    .where('q.amaId', '=', amaId)
    .where('q.hiddenAt', 'is', null)
    .$if(o.status === 'open', (b) => b.where('q.answeredAt', 'is', null))
    .$if(o.status === 'answered', (b) => b.where('q.answeredAt', 'is not', null))
    .$if(after !== undefined, (b) => b.where(resume(after!)))
    .$if(o.answeredFirst, (b) => b.orderBy(sql`(case when q.answered_at is null then 0 else 1 end)`, 'desc'));
  qb =
    o.sort === 'top'
      ? qb.orderBy('q.upvoteCount', 'desc').orderBy('q.createdAt', 'asc').orderBy('q.id', 'asc')
      : qb.orderBy('q.createdAt', 'desc').orderBy('q.id', 'desc');
  return qb.limit(limit + 1).execute();
}

/** A question with the facts of its AMA that the rules need; locked for an update when `lock` is set. */
export async function questionById(db: Executor, orgId: string, id: string, viewerId: string, lock = false) {
  return questionSelect(db, orgId, viewerId)
    .innerJoin('amas as a', (j) => j.onRef('a.id', '=', 'q.amaId').on('a.orgId', '=', orgId))
    .select(['a.hostId', 'a.status as amaStatus', 'a.title as amaTitle', 'a.communityId'])
    .where('q.id', '=', id)
    .$if(lock, (qb) => qb.forUpdate('q'))
    .executeTakeFirst();
}

export async function insertQuestion(
  db: Executor,
  row: { id: string; orgId: string; amaId: string; authorId: string | null; anonymous: boolean; body: string; createdAt: Date },
): Promise<void> {
  await db.insertInto('amaQuestions').values(row).execute();
  await db
    .updateTable('amas')
    .set((eb) => ({ questionCount: eb('questionCount', '+', 1) }))
    .where('orgId', '=', row.orgId)
    .where('id', '=', row.amaId)
    .execute();
}

/** A question's count after a vote, and whether the vote changed anything. */
export interface VoteResult {
  upvoteCount: number;
  changed: boolean;
}

/**
 * Records the person's vote and counts it, in one statement: a second vote inserts nothing and adds
 * nothing, so that concurrent clicks count once. Returns the question's count.
 */
export async function addVote(db: Executor, orgId: string, questionId: string, userId: string): Promise<VoteResult> {
  const row = await sql<VoteResult>`
    with added as (
      insert into ama_votes (org_id, question_id, user_id) values (${orgId}, ${questionId}, ${userId})
      on conflict do nothing
      returning question_id
    )
    update ama_questions set upvote_count = upvote_count + (select count(*)::int from added)
    where org_id = ${orgId} and id = ${questionId}
    returning upvote_count, (select count(*)::int from added) > 0 as changed`.execute(db);
  return row.rows[0] ?? { upvoteCount: 0, changed: false };
}

/** Takes the person's vote back and uncounts it, in one statement; nothing happens without a vote. */
export async function removeVote(db: Executor, orgId: string, questionId: string, userId: string): Promise<VoteResult> {
  const row = await sql<VoteResult>`
    with removed as (
      delete from ama_votes where org_id = ${orgId} and question_id = ${questionId} and user_id = ${userId}
      returning question_id
    )
    update ama_questions set upvote_count = upvote_count - (select count(*)::int from removed)
    where org_id = ${orgId} and id = ${questionId}
    returning upvote_count, (select count(*)::int from removed) > 0 as changed`.execute(db);
  return row.rows[0] ?? { upvoteCount: 0, changed: false };
}

/** Stores an answer; the first answer's time stays when the answer is edited. */
export async function answerQuestion(
  db: Executor,
  orgId: string,
  id: string,
  answer: string,
  answerHtml: string,
  now: Date,
): Promise<void> {
  await db
    .updateTable('amaQuestions')
    .set({ answer, answerHtml, answeredAt: sql<Date>`coalesce(answered_at, ${now}::timestamptz)` })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .execute();
}

/** Hides a question from the AMA (moderation); the AMA counts one question less. False when it was hidden already. */
export async function hideQuestion(db: Executor, orgId: string, id: string, amaId: string, now: Date): Promise<boolean> {
  const rows = await db
    .updateTable('amaQuestions')
    .set({ hiddenAt: now })
    .where('orgId', '=', orgId)
    .where('id', '=', id)
    .where('hiddenAt', 'is', null)
    .returning('id')
    .execute();
  if (rows.length === 0) {
    return false;
  }
  await db
    .updateTable('amas')
    .set((eb) => ({ questionCount: eb('questionCount', '-', 1) }))
    .where('orgId', '=', orgId)
    .where('id', '=', amaId)
    .execute();
  return true;
}
