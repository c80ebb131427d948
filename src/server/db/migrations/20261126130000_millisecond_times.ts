import { sql, type Kysely } from 'kysely';

/**
 * Page cursors carry a row's time as JavaScript does, to the millisecond, while `now()` fills in
 * microseconds. Rows written in one transaction share one `now()`: a page ending on one of them
 * made the next page skip its siblings (and anything else in the same millisecond). Times of the
 * lists paged that way are kept to the millisecond, so that a cursor names a row exactly; rows of
 * the same millisecond are still told apart by id.
 */
const TABLES = [
  'audit_log',
  'invitations',
  'notifications',
  'reports',
  'comments',
  'reactions',
  'post_revisions',
  'kudos',
  'kudos_recipients',
  'recognition_flags',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of TABLES) {
    const t = sql.table(table);
    await sql`alter table ${t} alter column created_at set default date_trunc('milliseconds', now())`.execute(db);
    await sql`update ${t} set created_at = date_trunc('milliseconds', created_at) where created_at <> date_trunc('milliseconds', created_at)`.execute(
      db,
    );
  }
}
