import { sql, type Kysely, type Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';
import type { CelebrationKind } from '../../../shared/recognition.js';

type Executor = Kysely<DB> | Transaction<DB>;

// ---------------------------------------------------------------- badges

export interface BadgeRow {
  id: string;
  rule: string | null;
  name: string;
  description: string;
  icon: string;
  archivedAt: Date | null;
}

const badgeColumns = ['b.id', 'b.rule', 'b.name', 'b.description', 'b.icon', 'b.archivedAt'] as const;

/** The organisation's rule badges (archived ones included). */
export async function ruleBadges(db: Executor, orgId: string): Promise<BadgeRow[]> {
  return db.selectFrom('badges as b').select(badgeColumns).where('b.orgId', '=', orgId).where('b.rule', 'is not', null).execute();
}

/** Creates rule badges; one that another transaction created meanwhile is left as it is. */
export async function insertRuleBadges(
  db: Executor,
  rows: readonly { id: string; orgId: string; rule: string; name: string; description: string; icon: string }[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  await db
    .insertInto('badges')
    .values([...rows])
    .onConflict((oc) => oc.columns(['orgId', 'rule']).where('rule', 'is not', null).doNothing())
    .execute();
}

/** One badge of the organisation. */
export async function badgeById(db: Executor, orgId: string, id: string): Promise<BadgeRow | undefined> {
  return db.selectFrom('badges as b').select(badgeColumns).where('b.orgId', '=', orgId).where('b.id', '=', id).executeTakeFirst();
}

/** Locks one badge of the organisation for a change. */
export async function lockBadge(trx: Transaction<DB>, orgId: string, id: string): Promise<BadgeRow | undefined> {
  return trx
    .selectFrom('badges as b')
    .select(badgeColumns)
    .where('b.orgId', '=', orgId)
    .where('b.id', '=', id)
    .forUpdate()
    .executeTakeFirst();
}

/** Every badge of the organisation (or only one) with its number of holders: rule badges in the given order, then custom ones, oldest first. */
export async function badgesWithHolders(
  db: Executor,
  orgId: string,
  ruleOrder: readonly string[],
  onlyId?: string,
): Promise<(BadgeRow & { holders: number })[]> {
  return db
    .selectFrom('badges as b')
    .select(badgeColumns)
    .select((eb) =>
      eb
        .selectFrom('userBadges as ub')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('ub.badgeId', '=', 'b.id')
        .as('holders'),
    )
    .where('b.orgId', '=', orgId)
    .$if(onlyId !== undefined, (qb) => qb.where('b.id', '=', onlyId!))
    .orderBy(sql`array_position(${[...ruleOrder]}::text[], b.rule) nulls last`)
    .orderBy('b.createdAt')
    .orderBy('b.id')
    .execute()
    .then((rows) => rows.map((r) => ({ ...r, holders: Number(r.holders ?? 0) })));
}

/** How many custom badges the organisation has, archived ones included. */
export async function customBadgeCount(db: Executor, orgId: string): Promise<number> {
  const r = await db
    .selectFrom('badges')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('orgId', '=', orgId)
    .where('rule', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Whether another badge in use already has this name (case-insensitive). */
export async function badgeNameTaken(db: Executor, orgId: string, name: string, exceptId?: string): Promise<boolean> {
  const r = await db
    .selectFrom('badges')
    .select('id')
    .where('orgId', '=', orgId)
    .where('archivedAt', 'is', null)
    .where(sql<boolean>`lower(name) = lower(${name})`)
    .$if(exceptId !== undefined, (qb) => qb.where('id', '<>', exceptId!))
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

export async function insertBadge(
  db: Executor,
  row: { id: string; orgId: string; name: string; description: string; icon: string; createdBy: string },
): Promise<void> {
  await db
    .insertInto('badges')
    .values({ ...row, rule: null })
    .execute();
}

export async function updateBadge(
  db: Executor,
  orgId: string,
  id: string,
  change: { name?: string; description?: string; icon?: string; archivedAt?: Date | null },
): Promise<void> {
  await db.updateTable('badges').set(change).where('orgId', '=', orgId).where('id', '=', id).execute();
}

/** Which of these badges each of these people already holds. */
export async function heldBadges(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
  badgeIds: readonly string[],
): Promise<{ userId: string; badgeId: string }[]> {
  if (userIds.length === 0 || badgeIds.length === 0) {
    return [];
  }
  return db
    .selectFrom('userBadges')
    .select(['userId', 'badgeId'])
    .where('orgId', '=', orgId)
    .where('userId', 'in', [...userIds])
    .where('badgeId', 'in', [...badgeIds])
    .execute();
}

/** Gives badges to people; a badge someone already holds stays as it was. Returns what was given now. */
export async function insertUserBadges(
  db: Executor,
  rows: readonly { orgId: string; userId: string; badgeId: string; awardedBy: string | null; reason: string | null }[],
): Promise<{ userId: string; badgeId: string }[]> {
  if (rows.length === 0) {
    return [];
  }
  return db
    .insertInto('userBadges')
    .values([...rows])
    .onConflict((oc) => oc.columns(['userId', 'badgeId']).doNothing())
    .returning(['userId', 'badgeId'])
    .execute();
}

export interface CaseRow extends BadgeRow {
  awardedAt: Date;
  reason: string | null;
  hidden: boolean;
}

/** A person's badges, most recent first; hidden ones only when asked for. */
export async function badgeCase(db: Executor, orgId: string, userId: string, withHidden: boolean): Promise<CaseRow[]> {
  return db
    .selectFrom('userBadges as ub')
    .innerJoin('badges as b', 'b.id', 'ub.badgeId')
    .select(badgeColumns)
    .select(['ub.awardedAt', 'ub.reason', 'ub.hidden'])
    .where('ub.orgId', '=', orgId)
    .where('ub.userId', '=', userId)
    .$if(!withHidden, (qb) => qb.where('ub.hidden', '=', false))
    .orderBy('ub.awardedAt', 'desc')
    .orderBy('b.id')
    .execute();
}

/** Shows or hides one of a person's badges; returns it, or nothing when they do not hold it. */
export async function setBadgeHidden(db: Executor, orgId: string, userId: string, badgeId: string, hidden: boolean): Promise<boolean> {
  const r = await db
    .updateTable('userBadges')
    .set({ hidden })
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .where('badgeId', '=', badgeId)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

// ---------------------------------------------------------------- what rule badges look at

/** Those of these people who wrote at least one post (kudos and celebrations are posts of other kinds). */
export async function peopleWhoPosted(db: Executor, orgId: string, userIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.orgId', '=', orgId)
    .where('u.id', 'in', [...userIds])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('posts as p')
          .select(sql`1`.as('one'))
          .whereRef('p.authorId', '=', 'u.id')
          .where('p.kind', '=', 'post')
          .where('p.deletedAt', 'is', null),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Those of these people who gave at least one kudos. */
export async function peopleWhoGaveKudos(db: Executor, orgId: string, userIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('users as u')
    .select('u.id')
    .where('u.orgId', '=', orgId)
    .where('u.id', 'in', [...userIds])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('kudos as k')
          .select(sql`1`.as('one'))
          .whereRef('k.giverId', '=', 'u.id'),
      ),
    )
    .execute();
  return rows.map((r) => r.id);
}

/** Those of these people who received at least `min` kudos. */
export async function peopleWithKudosReceived(db: Executor, orgId: string, userIds: readonly string[], min: number): Promise<string[]> {
  const rows = await db
    .selectFrom('kudosRecipients')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('userId', 'in', [...userIds])
    .groupBy('userId')
    .having((eb) => eb.fn.countAll(), '>=', min)
    .execute();
  return rows.map((r) => r.userId);
}

/** Those of these people who thanked people placed in at least `min` different departments (where they are now). */
export async function peopleWhoThankedDepartments(db: Executor, orgId: string, userIds: readonly string[], min: number): Promise<string[]> {
  const rows = await db
    .selectFrom('kudos as k')
    .innerJoin('kudosRecipients as r', 'r.kudosId', 'k.id')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select('k.giverId')
    .where('k.orgId', '=', orgId)
    .where('k.giverId', 'in', [...userIds])
    .where('u.departmentId', 'is not', null)
    .groupBy('k.giverId')
    .having(sql`count(distinct u.department_id)`, '>=', min)
    .execute();
  return rows.map((r) => r.giverId);
}

/**
 * Those of these people who gave kudos in each of at least `weeks` consecutive ISO weeks (UTC): the
 * weeks each person gave in, grouped into runs (a week minus its rank is the same for every week of a
 * run), and the runs long enough.
 */
export async function peopleWithGivingStreak(db: Executor, orgId: string, userIds: readonly string[], weeks: number): Promise<string[]> {
  const r = await sql<{ giverId: string }>`
    with weeks as (
      select distinct giver_id, date_trunc('week', created_at at time zone 'UTC') as week
      from kudos
      where org_id = ${orgId} and giver_id = any(${[...userIds]}::uuid[])
    ), runs as (
      select giver_id, week - make_interval(weeks => (row_number() over (partition by giver_id order by week))::int) as run
      from weeks
    )
    select distinct giver_id as "giverId" from runs group by giver_id, run having count(*) >= ${weeks}`.execute(db);
  return r.rows.map((x) => x.giverId);
}

/** Those of these people who shared company content outside at least once. */
export async function peopleWhoShared(db: Executor, orgId: string, userIds: readonly string[]): Promise<string[]> {
  const rows = await db
    .selectFrom('shares')
    .select('userId')
    .distinct()
    .where('orgId', '=', orgId)
    .where('userId', 'in', [...userIds])
    .execute();
  return rows.map((r) => r.userId);
}

/**
 * Those of these people whose tracked links brought at least `min` visitors. A visitor's hash changes
 * every day, so a (day, visitor) pair is one visitor: a slight overcount of people who came back.
 */
export async function peopleWithReach(db: Executor, orgId: string, userIds: readonly string[], min: number): Promise<string[]> {
  const rows = await db
    .selectFrom('shareClicks')
    .select('userId')
    .where('orgId', '=', orgId)
    .where('userId', 'in', [...userIds])
    .groupBy('userId')
    .having(sql`count(distinct (day, visitor))`, '>=', min)
    .execute();
  return rows.map((r) => r.userId);
}

// ---------------------------------------------------------------- people

/** Which of these ids are people of the organisation, with their status. */
export async function peopleStatus(
  db: Executor,
  orgId: string,
  userIds: readonly string[],
): Promise<Map<string, 'active' | 'deactivated'>> {
  if (userIds.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('users')
    .select(['id', 'status'])
    .where('orgId', '=', orgId)
    .where('id', 'in', [...userIds])
    .execute();
  return new Map(rows.map((r) => [r.id, r.status]));
}

// ---------------------------------------------------------------- preferences

export interface PrefsRow {
  hideFromLeaderboards: boolean;
  birthday: string | null;
  celebrateBirthday: boolean;
}

/** A person's recognition preferences, if they ever saved any. */
export async function prefsOf(db: Executor, orgId: string, userId: string): Promise<PrefsRow | undefined> {
  return db
    .selectFrom('recognitionPrefs')
    .select(['hideFromLeaderboards', 'birthday', 'celebrateBirthday'])
    .where('orgId', '=', orgId)
    .where('userId', '=', userId)
    .executeTakeFirst();
}

/** Saves a person's whole preferences, creating their row on first save. */
export async function savePrefs(db: Executor, orgId: string, userId: string, prefs: PrefsRow): Promise<void> {
  const values = { ...prefs, updatedAt: new Date() };
  await db
    .insertInto('recognitionPrefs')
    .values({ orgId, userId, ...values })
    .onConflict((oc) => oc.column('userId').doUpdateSet(values))
    .execute();
}

// ---------------------------------------------------------------- milestones

export interface MilestoneCandidate {
  orgId: string;
  userId: string;
  name: string;
  orgName: string;
  defaultLocale: string;
  /** Years at the company, for an anniversary. */
  years: number | null;
}

/**
 * Active people of every organisation that celebrates work anniversaries whose start date falls on one
 * of these days ('MM-DD') at least one year before `year`, not celebrated yet this year.
 */
export async function anniversariesDue(db: Executor, days: readonly string[], year: number): Promise<MilestoneCandidate[]> {
  return db
    .selectFrom('users as u')
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .leftJoin('recognitionSettings as s', 's.orgId', 'u.orgId')
    .select(['u.orgId', 'u.id as userId', 'u.name', 'o.name as orgName', 'o.defaultLocale'])
    .select(sql<number>`(${year} - extract(year from u.start_date))::int`.as('years'))
    .where('u.status', '=', 'active')
    .where('u.startDate', 'is not', null)
    .where(sql<boolean>`coalesce(s.anniversaries, true)`)
    .where(sql<boolean>`to_char(u.start_date, 'MM-DD') = any(${[...days]}::text[])`)
    .where(sql<boolean>`extract(year from u.start_date) < ${year}`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('celebrations as c')
            .select(sql`1`.as('one'))
            .whereRef('c.userId', '=', 'u.id')
            .where('c.kind', '=', 'anniversary')
            .where('c.year', '=', year),
        ),
      ),
    )
    .orderBy('u.orgId')
    .orderBy('u.id')
    .execute();
}

/**
 * Active people who asked to have their birthday celebrated, whose birthday is one of these days, in
 * organisations that celebrate birthdays, not celebrated yet this year.
 */
export async function birthdaysDue(db: Executor, days: readonly string[], year: number): Promise<MilestoneCandidate[]> {
  return db
    .selectFrom('recognitionPrefs as p')
    .innerJoin('users as u', (j) => j.onRef('u.id', '=', 'p.userId').onRef('u.orgId', '=', 'p.orgId'))
    .innerJoin('orgs as o', 'o.id', 'u.orgId')
    .leftJoin('recognitionSettings as s', 's.orgId', 'u.orgId')
    .select(['u.orgId', 'u.id as userId', 'u.name', 'o.name as orgName', 'o.defaultLocale'])
    .select(sql<null>`null::int`.as('years'))
    .where('p.celebrateBirthday', '=', true)
    .where('p.birthday', 'in', [...days])
    .where('u.status', '=', 'active')
    .where(sql<boolean>`coalesce(s.birthdays, true)`)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('celebrations as c')
            .select(sql`1`.as('one'))
            .whereRef('c.userId', '=', 'u.id')
            .where('c.kind', '=', 'birthday')
            .where('c.year', '=', year),
        ),
      ),
    )
    .orderBy('u.orgId')
    .orderBy('u.id')
    .execute();
}

/**
 * Records celebrations; the primary key (person, kind, year) keeps each one to once, however many
 * runs try. Returns the ones recorded now, which alone get a post.
 */
export async function insertCelebrations(
  db: Executor,
  rows: readonly { orgId: string; userId: string; kind: CelebrationKind; year: number; years: number | null }[],
): Promise<{ userId: string; kind: CelebrationKind }[]> {
  if (rows.length === 0) {
    return [];
  }
  return db
    .insertInto('celebrations')
    .values([...rows])
    .onConflict((oc) => oc.columns(['userId', 'kind', 'year']).doNothing())
    .returning(['userId', 'kind'])
    .execute();
}

/** Writes celebration posts (kind 'celebration'), each authored by the person celebrated. */
export async function insertCelebrationPosts(
  db: Executor,
  rows: readonly { id: string; orgId: string; authorId: string; communityId: string; body: string; bodyHtml: string; lang: ContentLang }[],
): Promise<void> {
  if (rows.length === 0) {
    return;
  }
  const createdAt = new Date();
  await db
    .insertInto('posts')
    .values(rows.map((r) => ({ ...r, kind: 'celebration', sharedPostId: null, createdAt })))
    .execute();
}

/** Ties recorded celebrations to their posts. */
export async function linkCelebrationPosts(
  db: Executor,
  year: number,
  links: readonly { userId: string; kind: CelebrationKind; postId: string }[],
): Promise<void> {
  if (links.length === 0) {
    return;
  }
  const values = sql.join(links.map((l) => sql`(${l.userId}::uuid, ${l.kind}::text, ${l.postId}::uuid)`));
  await sql`
    update celebrations c set post_id = v.post_id
    from (values ${values}) as v(user_id, kind, post_id)
    where c.user_id = v.user_id and c.kind = v.kind and c.year = ${year}`.execute(db);
}

/** An arbitrary constant naming the milestone scheduler's advisory lock. */
const MILESTONE_LOCK = '7431962000231';

/** Serialises milestone scheduling across nodes, until the transaction ends. */
export async function lockMilestoneScheduling(trx: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${MILESTONE_LOCK}::bigint)`.execute(trx);
}

/** Whether a milestone run is pending: at all, or (`later`) to run after now. */
export async function hasPendingMilestoneRun(db: Executor, later: boolean): Promise<boolean> {
  const row = await db
    .selectFrom('jobs')
    .select('id')
    .where('kind', '=', 'milestones.schedule')
    .where('status', '=', 'pending')
    .$if(later, (qb) => qb.where('runAt', '>', sql<Date>`now()`))
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
