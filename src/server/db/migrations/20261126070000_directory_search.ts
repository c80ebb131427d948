import { sql, type Kysely } from 'kysely';

/**
 * Directory search by word prefixes over a stored tsvector (fast for frequent and rare words alike,
 * and keyset-paginated by name). Typos are corrected against a small dictionary of the words in
 * people's names, which a trigram index searches in a millisecond whatever the size of the company.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index if exists users_search;
    alter table users add column search_vector tsvector
      generated always as (to_tsvector('simple'::regconfig, search_text)) stored;
    create index users_search_vector on users using gin (search_vector);
    create index users_active_name on users (org_id, name, id) where status = 'active';

    create table name_words (
      org_id uuid not null references orgs(id) on delete cascade,
      word text not null,
      primary key (org_id, word)
    );
    create index name_words_trgm on name_words using gin (word gin_trgm_ops);
  `.execute(db);
}
