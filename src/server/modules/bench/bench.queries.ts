import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

/** One organisation row by primary key: the cheapest query the API can make. */
export function orgRow(db: Kysely<DB>, id: string) {
  return db.selectFrom('orgs').select(['id', 'name', 'host', 'defaultLocale', 'createdAt']).where('id', '=', id).executeTakeFirst();
}
