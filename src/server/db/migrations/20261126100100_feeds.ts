import { sql, type Kysely } from 'kysely';

/**
 * The home and profile feeds read a person's recent posts and keep those the reader may see, which
 * depends on the post's community. Carrying the community in the author index lets that test run on
 * the index alone, without visiting each post's row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists posts_author_recent;
    create index posts_author_recent on posts (author_id, created_at desc, id desc) include (community_id)
      where deleted_at is null and hidden_at is null;
  `.execute(db);
}
