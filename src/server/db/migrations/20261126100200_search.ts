import { sql, type Kysely } from 'kysely';

/**
 * Comment search walks comments newest first (a common word finds enough matches in the first few
 * hundred) and, filtered by author, that author's comments newest first; posts have both indexes
 * already. Partial on live comments, like the post indexes, so that they stay small.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index comments_org_recent on comments (org_id, created_at desc, id desc) where deleted_at is null and hidden_at is null;
    create index comments_author_recent on comments (author_id, created_at desc, id desc) where deleted_at is null and hidden_at is null;
  `.execute(db);
}
