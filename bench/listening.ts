/**
 * The listening dataset of the benchmark: one company of its own (on its own host name) with a
 * department tree, teams, locations and a manager hierarchy, one anonymous survey of ten questions
 * (eight agreement-scale drivers, eNPS and one open question) and one closed round that invited
 * everyone and that everyone answered: 100,000 sheets and 1,000,000 answers at full size.
 *
 * The round is opened by the application's own code (`openRound`: audience snapshot and stored
 * groups), then sheets and answers are written by set-based SQL, then the round is closed as the
 * scheduler closes it, which queues the release of its common views (run by the benchmark before it asks).
 *
 * Shape: 8 divisions of 5 departments of 4 units (208 departments); the leaders of the company,
 * divisions, departments and units form the top of the manager hierarchy; everyone else is in a team
 * of 12 (its first member leads it) inside a unit; 12 locations, a team's people mostly in its
 * location. The first viewers (people 2 to 1 + `viewers`) have the HR role: results are limited per
 * viewer, so the load is spread over many of them, with sessions made here.
 */
import { sql } from 'kysely';
import type { Database } from '../src/server/platform/db.js';
import { hashSecret, newSecret } from '../src/server/platform/ids.js';
import { closeRounds, openRound } from '../src/server/modules/listening/rounds.js';

export interface ListeningSize {
  people: number;
  viewers: number;
}

export const LISTENING_FULL: ListeningSize = { people: 100_000, viewers: 1_000 };
export const LISTENING_QUICK: ListeningSize = { people: 5_000, viewers: 300 };

export const LISTENING_HOST = 'listening.bench.test';

const DIVISIONS = 8;
const DEPARTMENTS = 40;
const UNITS = 160;
const LOCATIONS = 12;
const TEAM_SIZE = 12;
/** The company's, divisions', departments' and units' leaders: people 1 to 209. */
const LEADERS = 1 + DIVISIONS + DEPARTMENTS + UNITS;

export interface ListeningDataset {
  orgId: string;
  host: string;
  surveyId: string;
  roundId: string;
  /** Session tokens of the HR viewers. */
  viewerTokens: string[];
  /** Values to filter by: divisions, departments, units (all department ids) and locations. */
  filters: { divisions: string[]; departments: string[]; units: string[]; locations: string[] };
  counts: Record<string, number>;
  seconds: number;
}

// prettier-ignore
const COMMENTS = [
  'More time for focused work would help a lot.', 'I would like clearer priorities from leadership.',
  'The team is great, the tools are slow.', 'Career paths are not clear to me.', 'Thanks for the flexible hours.',
  'Meetings take too much of the week.', 'I feel recognised for my work.', 'Workload has been heavy this quarter.',
  'Più formazione sarebbe utile.', 'Mi piacerebbe più autonomia nelle decisioni.', 'Il clima in squadra è ottimo.',
  'Onboarding could be better organised.', 'Good balance between office and remote days.', 'Salary reviews feel opaque.',
];

const BANK_KEYS = [
  ['recognition', 'recognition.valued'],
  ['growth', 'growth.learning'],
  ['management', 'management.support'],
  ['peers', 'peers.trust'],
  ['workload', 'workload.manageable'],
  ['wellbeing', 'wellbeing.balance'],
  ['alignment', 'alignment.strategy'],
  ['autonomy', 'autonomy.decide'],
] as const;

/** A results request of the dataset's round (`query` adds filters and the breakdown). */
export function resultsPath(d: Pick<ListeningDataset, 'surveyId' | 'roundId'>, query: string): string {
  return `/api/listening/surveys/${d.surveyId}/results?round=${d.roundId}${query ? `&${query}` : ''}`;
}

/** Loads the listening dataset; `log` reports each step with its time. */
export async function generateListening(database: Database, size: ListeningSize, log: (msg: string) => void): Promise<ListeningDataset> {
  const started = Date.now();
  const { db } = database;
  const P = size.people;
  const T = Math.ceil((P - LEADERS) / TEAM_SIZE);
  const orgId = crypto.randomUUID();
  const salt = orgId;
  const org = `'${orgId}'::uuid`;
  const id = (kind: string, n: string) => `md5('${salt}:${kind}:' || ${n})::uuid`;
  const step = async (name: string, text: string) => {
    const t = Date.now();
    await database.exec(text);
    log(`  ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  };

  await sql`insert into orgs (id, name, host, default_locale) values (${orgId}, 'Ascolto Industriale', ${LISTENING_HOST}, 'en')`.execute(
    db,
  );
  // Departments 0–7 are divisions, 8–47 departments (5 per division), 48–207 units (4 per department).
  await step(
    'locations, departments and teams',
    `insert into locations (id, org_id, name) select ${id('o', 'n')}, ${org}, 'Location ' || n from generate_series(0, ${LOCATIONS - 1}) n;
     insert into departments (id, org_id, name, parent_id)
       select ${id('d', 'n')}, ${org},
         case when n < ${DIVISIONS} then 'Division ' || n when n < ${DIVISIONS + DEPARTMENTS} then 'Department ' || n else 'Unit ' || n end,
         case when n < ${DIVISIONS} then null
              when n < ${DIVISIONS + DEPARTMENTS} then ${id('d', `((n - ${DIVISIONS}) / 5)`)}
              else ${id('d', `(${DIVISIONS} + (n - ${DIVISIONS + DEPARTMENTS}) / 4)`)} end
       from generate_series(0, ${DIVISIONS + DEPARTMENTS + UNITS - 1}) n
       order by n;
     insert into teams (id, org_id, name, department_id)
       select ${id('t', 't')}, ${org}, 'Team ' || t, ${id('d', `(${DIVISIONS + DEPARTMENTS} + t % ${UNITS})`)}
       from generate_series(0, ${T - 1}) t;`,
  );
  // People 1…209 lead: 1 the company, 2–9 the divisions, 10–49 the departments, 50–209 the units.
  // From 210 on, person n is in team (n - 210) / 12, whose first member leads it and reports to the
  // unit's leader.
  const E0 = 2 + DIVISIONS;
  const U0 = E0 + DEPARTMENTS;
  await step(
    `${P.toLocaleString('en')} people`,
    `insert into users (id, org_id, email, name, roles, title, locale, department_id, team_id, location_id, manager_id)
       select ${id('p', 'n')}, ${org}, 'person' || n || '@${LISTENING_HOST}', 'Person ' || n,
         case when n = 1 then array['admin', 'employee'] when n <= ${1 + size.viewers} then array['hr', 'employee'] else array['employee'] end,
         case when n <= ${LEADERS} or (n - ${LEADERS + 1}) % ${TEAM_SIZE} = 0 then 'Lead' else 'Specialist' end, 'en',
         case when n = 1 then null
              when n < ${E0} then ${id('d', `(n - 2)`)}
              when n < ${U0} then ${id('d', `(${DIVISIONS} + n - ${E0})`)}
              when n <= ${LEADERS} then ${id('d', `(${DIVISIONS + DEPARTMENTS} + n - ${U0})`)}
              else ${id('d', `(${DIVISIONS + DEPARTMENTS} + ((n - ${LEADERS + 1}) / ${TEAM_SIZE}) % ${UNITS})`)} end,
         case when n > ${LEADERS} then ${id('t', `((n - ${LEADERS + 1}) / ${TEAM_SIZE})`)} end,
         case when n <= ${LEADERS} then ${id('o', `(n % ${LOCATIONS})`)}
              when (n::int8 * 7919) % 7 = 0 then ${id('o', `((n::int8 * 104729) % ${LOCATIONS})`)}
              else ${id('o', `(((n - ${LEADERS + 1}) / ${TEAM_SIZE}) % ${LOCATIONS})`)} end,
         case when n = 1 then null
              when n < ${E0} then ${id('p', '1')}
              when n < ${U0} then ${id('p', `(2 + (n - ${E0}) / 5)`)}
              when n <= ${LEADERS} then ${id('p', `(${E0} + (n - ${U0}) / 4)`)}
              when (n - ${LEADERS + 1}) % ${TEAM_SIZE} = 0 then ${id('p', `(${U0} + ((n - ${LEADERS + 1}) / ${TEAM_SIZE}) % ${UNITS})`)}
              else ${id('p', `(${LEADERS + 1} + ((n - ${LEADERS + 1}) / ${TEAM_SIZE}) * ${TEAM_SIZE})`)} end
       from generate_series(1, ${P}) n
       order by n;
     analyze users, departments, teams, locations;`,
  );

  const surveyId = crypto.randomUUID();
  const opensAt = new Date(Date.now() - 14 * 86_400_000);
  const closesAt = new Date(Date.now() - 86_400_000);
  await db
    .insertInto('surveys')
    .values({
      id: surveyId,
      orgId,
      kind: 'survey',
      title: 'Engagement survey',
      anonymity: 'anonymous',
      threshold: 5,
      commentThreshold: 5,
      audience: JSON.stringify({ all: true }),
      status: 'scheduled',
      startsAt: opensAt,
      createdBy: null,
    })
    .execute();
  await db
    .insertInto('surveyQuestions')
    .values([
      ...BANK_KEYS.map(([driver, bankKey], i) => ({
        id: crypto.randomUUID(),
        surveyId,
        position: i,
        kind: 'scale5' as const,
        driver,
        bankKey,
        required: true,
      })),
      { id: crypto.randomUUID(), surveyId, position: 8, kind: 'scale10', driver: 'enps', bankKey: 'enps.recommend', required: true },
      {
        id: crypto.randomUUID(),
        surveyId,
        position: 9,
        kind: 'text',
        text: 'What would make this a better place to work?',
        required: false,
      },
    ])
    .execute();

  let t = Date.now();
  const { roundId } = await db.transaction().execute((trx) => openRound(trx, surveyId, opensAt, closesAt));
  log(`  round opened by the application: audience snapshot and stored groups (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  // Everyone answers. Sheets are written in random order (their ids are random too); answers lean to
  // the favourable end, more or less by department, so that cells differ.
  const comments = `array[${COMMENTS.map((c) => `'${c.replaceAll("'", "''")}'`).join(',')}]`;
  await step(
    `${P.toLocaleString('en')} sheets`,
    `insert into survey_sheets (id, round_id, department_id, team_id, line_id, location_id)
       select gen_random_uuid(), round_id, department_id, team_id, line_id, location_id
       from survey_audience where round_id = '${roundId}' order by random();`,
  );
  await step(
    `${(P * 10).toLocaleString('en')} answers`,
    `insert into survey_answers (sheet_id, question_id, value, text)
       select s.id, q.id,
         case q.kind
           when 'scale5' then least(5, 1 + floor(5 * power(random(), 0.45 + (abs(hashtext(coalesce(s.department_id::text, ''))) % 5) * 0.1)))::int
           when 'scale10' then least(10, floor(11 * power(random(), 0.5 + (abs(hashtext(coalesce(s.team_id::text, ''))) % 4) * 0.1)))::int
         end,
         case when q.kind = 'text' then (${comments})[1 + floor(random() * ${COMMENTS.length})::int] end
       from survey_sheets s cross join survey_questions q
       where s.round_id = '${roundId}' and q.survey_id = '${surveyId}';`,
  );
  t = Date.now();
  await db.transaction().execute(async (trx) => {
    await closeRounds(trx, [roundId]);
    await trx.updateTable('surveys').set({ status: 'ended', endsAt: closesAt }).where('id', '=', surveyId).execute();
  });
  log(`  round closed (${((Date.now() - t) / 1000).toFixed(1)} s)`);

  const viewerTokens = Array.from({ length: size.viewers }, () => newSecret());
  const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
  await sql`insert into sessions (id, org_id, user_id, csrf_token, expires_at)
    select x.id, ${orgId}, md5(${salt} || ':p:' || x.n)::uuid, x.csrf, ${expiresAt}::timestamptz
    from jsonb_to_recordset(${JSON.stringify(viewerTokens.map((token, i) => ({ id: hashSecret(token), n: i + 2, csrf: newSecret(18) })))}::jsonb)
      as x(id text, n int, csrf text)`.execute(db);
  log(`  ${size.viewers} HR viewers with sessions`);
  await step('vacuum and statistics', `vacuum analyze`);

  const ids = async (kind: string, from: number, to: number) =>
    (
      await sql<{
        id: string;
      }>`select md5(${salt} || ':' || ${kind} || ':' || n)::uuid::text as id from generate_series(${from}::int, ${to}::int) n order by n`.execute(
        db,
      )
    ).rows.map((r) => r.id);
  const count = async (text: string) => Number((await sql<{ n: number }>`${sql.raw(text)}`.execute(db)).rows[0]!.n);
  const counts = {
    users: await count(`select count(*)::int8 as n from users where org_id = ${org}`),
    departments: await count(`select count(*)::int8 as n from departments where org_id = ${org}`),
    teams: await count(`select count(*)::int8 as n from teams where org_id = ${org}`),
    invited: await count(`select count(*)::int8 as n from survey_audience where round_id = '${roundId}'`),
    stored_groups: await count(
      `select count(*)::int8 as n from (select distinct department_id, team_id, line_id, location_id from survey_audience where round_id = '${roundId}') g`,
    ),
    sheets: await count(`select count(*)::int8 as n from survey_sheets where round_id = '${roundId}'`),
    answers: await count(
      `select count(*)::int8 as n from survey_answers a join survey_sheets s on s.id = a.sheet_id where s.round_id = '${roundId}'`,
    ),
  };
  return {
    orgId,
    host: LISTENING_HOST,
    surveyId,
    roundId,
    viewerTokens,
    filters: {
      divisions: await ids('d', 0, DIVISIONS - 1),
      departments: await ids('d', DIVISIONS, DIVISIONS + DEPARTMENTS - 1),
      units: await ids('d', DIVISIONS + DEPARTMENTS, DIVISIONS + DEPARTMENTS + UNITS - 1),
      locations: await ids('o', 0, LOCATIONS - 1),
    },
    counts,
    seconds: (Date.now() - started) / 1000,
  };
}
