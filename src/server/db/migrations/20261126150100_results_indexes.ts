import { sql, type Kysely } from 'kysely';

/**
 * Listening results: a round's release ledger read from a moment on (each node keeps the ledger of
 * closed rounds and reads only what was released since), and a round's answer sheets of given stored
 * groups (a result's numbers are read for the groups of its cells only). Null parts of a stored
 * group are matched as the zero uuid, which no id ever is.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index survey_releases_round_time on survey_releases (round_id, released_at);
    create index survey_sheets_group on survey_sheets (
      round_id,
      coalesce(department_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(team_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(line_id, '00000000-0000-0000-0000-000000000000'::uuid),
      coalesce(location_id, '00000000-0000-0000-0000-000000000000'::uuid)
    );
  `.execute(db);
}
