import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB, NewUser } from '../../db/schema.js';
import type { RecognitionRows } from './recognition.js';
import type { SocialRows } from './social.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Rows per INSERT. A user row carries about twenty parameters, so a thousand rows stay far
 * below PostgreSQL's 65,535-parameter limit while keeping round trips few.
 */
const CHUNK = 1000;

/** Whether an organisation already serves this host (null: the instance's default organisation). */
export async function orgExists(db: Executor, host: string | null): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('orgs')
    .select(['id', 'name'])
    .$if(host === null, (qb) => qb.where('host', 'is', null))
    .$if(host !== null, (qb) => qb.where('host', '=', host!))
    .orderBy('createdAt')
    .limit(1)
    .executeTakeFirst();
}

/** Serialises demo loads with first-run setup, which takes the same lock. */
export async function lockDefaultOrg(db: Transaction<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(7211)`.execute(db);
}

export async function insertStructure(
  db: Executor,
  rows: {
    departments: { id: string; orgId: string; name: string; parentId: string | null }[];
    teams: { id: string; orgId: string; name: string; departmentId: string | null }[];
    locations: { id: string; orgId: string; name: string; country: string | null; timezone: string | null }[];
  },
): Promise<void> {
  // One statement per table: a department may name a parent inserted in the same statement.
  await db.insertInto('departments').values(rows.departments).execute();
  await db.insertInto('teams').values(rows.teams).execute();
  await db.insertInto('locations').values(rows.locations).execute();
}

/** Inserts people in multi-row statements. Managers must come before their reports. */
export async function insertUsers(db: Executor, rows: NewUser[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await db
      .insertInto('users')
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

/** Fresh planner statistics after a bulk load, so the directory's indexes are chosen at once. */
export async function analyzePeople(db: Executor): Promise<void> {
  await sql`analyze users, departments, teams, locations`.execute(db);
}

async function chunks<T>(list: readonly T[], insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < list.length; i += CHUNK) {
    await insert(list.slice(i, i + CHUNK));
  }
}

/** Inserts the demo's communities, posts, comments, reactions and follows, parents before children. */
export async function insertSocial(db: Executor, rows: SocialRows): Promise<void> {
  await chunks(rows.communities, (v) => db.insertInto('communities').values(v).execute());
  await chunks(rows.members, (v) =>
    db
      .insertInto('communityMembers')
      .values(v)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
  await chunks(rows.posts, (v) => db.insertInto('posts').values(v).execute());
  await chunks(rows.hashtags, (v) => db.insertInto('hashtags').values(v).execute());
  await chunks(rows.postHashtags, (v) => db.insertInto('postHashtags').values(v).execute());
  await chunks(rows.mentions, (v) => db.insertInto('mentions').values(v).execute());
  // Replies refer to their parent comment, which comes earlier in the list.
  await chunks(rows.comments, (v) => db.insertInto('comments').values(v).execute());
  await chunks(rows.reactions, (v) => db.insertInto('reactions').values(v).execute());
  await chunks(rows.follows, (v) =>
    db
      .insertInto('follows')
      .values(v)
      .onConflict((oc) => oc.doNothing())
      .execute(),
  );
}

/** Inserts the demo's values, kudos (with their posts and reactions), points ledger, rewards and badges, parents before children. */
export async function insertRecognition(db: Executor, rows: RecognitionRows): Promise<void> {
  await chunks(rows.values, (v) => db.insertInto('companyValues').values(v).execute());
  await chunks(rows.posts, (v) => db.insertInto('posts').values(v).execute());
  await chunks(rows.reactions, (v) => db.insertInto('reactions').values(v).execute());
  await chunks(rows.kudos, (v) => db.insertInto('kudos').values(v).execute());
  await chunks(rows.recipients, (v) => db.insertInto('kudosRecipients').values(v).execute());
  await chunks(rows.ledger, (v) => db.insertInto('pointsLedger').values(v).execute());
  await chunks(rows.rewards, (v) => db.insertInto('rewards').values(v).execute());
  await chunks(rows.badges, (v) => db.insertInto('badges').values(v).execute());
  await chunks(rows.userBadges, (v) => db.insertInto('userBadges').values(v).execute());
}
