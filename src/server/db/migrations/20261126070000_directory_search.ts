import { sql, type Kysely } from 'kysely';

/**
 * Directory search by word prefixes over a stored tsvector (fast for frequent and rare words alike,
 * and keyset-paginated by name), with a trigram index on names only for the typo fallback.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists users_search;
    alter table users add column search_vector tsvector
      generated always as (to_tsvector('simple'::regconfig, search_text)) stored;
    create index users_search_vector on users using gin (search_vector);
    create index users_name_trgm on users using gin (lower(name) gin_trgm_ops);
    create index users_active_name on users (org_id, name, id) where status = 'active';
  `.execute(db);
}
