import { hashPassword } from '../auth/password.js';
import { insertUser } from '../people/people.queries.js';
import { newId } from '../../platform/ids.js';
import type { Role } from '../../platform/policy.js';
import { Client, createOrg, PASSWORD, type TestApp, type TestOrg } from '../../test/helpers.js';
import { ReleaseLedger, type Atom } from './anonymity/release.js';
import { roundTree } from './results.engine.js';
import { nodesOf } from './results.queries.js';

/**
 * A small company for results tests, 35 people with the administrator (threshold 5):
 *
 *   Carla (CEO) ─┬─ Hana (HR)
 *                ├─ Sara (Sales director) ─┬─ Marco (manager) ── Falcons: 6 (5 Milano, 1 Roma)
 *                │                         ├─ Eagles: 8 (4 Milano, 4 Roma)
 *                │                         └─ Owls: 3 (Milano)
 *                └─ Elena (Engineering) ───┬─ Builders: 7 (Roma)
 *                                          └─ Fixers: 5 (Milano)
 *
 * With everyone invited at threshold 5 the stored groups are:
 *   Falcons in Milano (5) · the Falcon in Roma, location unknown (1) · Eagles, location unknown (8) ·
 *   Owls with Sara and Marco under Carla's line in Milano (5) · Builders (7) · Fixers (5) ·
 *   Elena (1) · Carla, Hana and the administrator (3).
 */
export interface ResultsOrg {
  org: TestOrg;
  ids: {
    sales: string;
    engineering: string;
    falcons: string;
    eagles: string;
    owls: string;
    builders: string;
    fixers: string;
    milano: string;
    roma: string;
    carla: string;
    hana: string;
    sara: string;
    marco: string;
    elena: string;
  };
  /** People by group, in a fixed order: `falcons[5]` is the one in Roma. */
  people: { falcons: string[]; eagles: string[]; owls: string[]; builders: string[]; fixers: string[] };
  /** A signed-in client for a person (signed in on first use). */
  as(userId: string): Promise<Client>;
  /** Adds a person (not signed in). */
  add(p: {
    name: string;
    department?: string | null;
    team?: string | null;
    location?: string | null;
    manager?: string | null;
    roles?: Role[];
  }): Promise<string>;
}

let hash: Promise<string> | undefined;

export async function resultsOrg(t: TestApp): Promise<ResultsOrg> {
  const org = await createOrg(t);
  const db = t.app.ctx.db;
  hash ??= hashPassword(PASSWORD);
  const passwordHash = await hash;
  const emails = new Map<string, string>();
  const clients = new Map<string, Client>();
  const place = async (table: 'departments' | 'teams' | 'locations', name: string) => {
    const id = newId();
    if (table === 'departments') {
      await db.insertInto('departments').values({ id, orgId: org.orgId, name, parentId: null }).execute();
    } else if (table === 'teams') {
      await db.insertInto('teams').values({ id, orgId: org.orgId, name, departmentId: null }).execute();
    } else {
      await db.insertInto('locations').values({ id, orgId: org.orgId, name, country: null, timezone: null }).execute();
    }
    return id;
  };
  const add: ResultsOrg['add'] = async (p) => {
    const id = newId();
    const email = `${p.name.toLowerCase().replace(/\W+/g, '.')}-${id.slice(-6)}@${org.host}`;
    emails.set(id, email);
    await insertUser(db, {
      id,
      orgId: org.orgId,
      email,
      name: p.name,
      passwordHash,
      roles: [...new Set<Role>([...(p.roles ?? []), 'employee'])],
      departmentId: p.department ?? null,
      teamId: p.team ?? null,
      locationId: p.location ?? null,
      managerId: p.manager ?? null,
    });
    return id;
  };
  const sales = await place('departments', 'Sales');
  const engineering = await place('departments', 'Engineering');
  const falcons = await place('teams', 'Falcons');
  const eagles = await place('teams', 'Eagles');
  const owls = await place('teams', 'Owls');
  const builders = await place('teams', 'Builders');
  const fixers = await place('teams', 'Fixers');
  const milano = await place('locations', 'Milano');
  const roma = await place('locations', 'Roma');
  const carla = await add({ name: 'Carla Ceo', location: milano });
  const hana = await add({ name: 'Hana Hr', location: milano, manager: carla, roles: ['hr'] });
  const sara = await add({ name: 'Sara Sales', department: sales, location: milano, manager: carla, roles: ['manager'] });
  const marco = await add({ name: 'Marco Manager', department: sales, location: milano, manager: sara, roles: ['manager'] });
  const elena = await add({ name: 'Elena Eng', department: engineering, location: roma, manager: carla, roles: ['manager'] });
  const group = async (name: string, n: number, department: string, team: string, manager: string, location: (i: number) => string) => {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      out.push(await add({ name: `${name} ${i + 1}`, department, team, manager, location: location(i) }));
    }
    return out;
  };
  const people = {
    falcons: await group('Falcon', 6, sales, falcons, marco, (i) => (i < 5 ? milano : roma)),
    eagles: await group('Eagle', 8, sales, eagles, sara, (i) => (i < 4 ? milano : roma)),
    owls: await group('Owl', 3, sales, owls, sara, () => milano),
    builders: await group('Builder', 7, engineering, builders, elena, () => roma),
    fixers: await group('Fixer', 5, engineering, fixers, elena, () => milano),
  };
  return {
    org,
    ids: { sales, engineering, falcons, eagles, owls, builders, fixers, milano, roma, carla, hana, sara, marco, elena },
    people,
    add,
    async as(userId) {
      let c = clients.get(userId);
      if (!c) {
        c = await new Client(t.app, org.host).signIn(emails.get(userId)!);
        clients.set(userId, c);
      }
      return c;
    },
  };
}

/**
 * The anonymity invariant read straight from the database: with every cell released for the round,
 * to anyone, no class of sheets that shown results can describe holds fewer than `k` sheets.
 */
export async function smallestReleasedClass(t: TestApp, roundId: string, k: number): Promise<number> {
  const db = t.app.ctx.db;
  const atoms: Atom[] = (
    await db
      .selectFrom('surveySheets')
      .select((eb) => ['departmentId', 'teamId', 'lineId', 'locationId', eb.fn.countAll<number>().as('count')])
      .where('roundId', '=', roundId)
      .groupBy(['departmentId', 'teamId', 'lineId', 'locationId'])
      .execute()
  ).map((a) => ({ ...a, count: Number(a.count) }));
  const releases = await db.selectFrom('surveyReleases').select(['cellKey', 'counts']).where('roundId', '=', roundId).execute();
  const tree = roundTree(await nodesOf(db, [roundId]));
  const ledger = new ReleaseLedger(
    k,
    atoms,
    tree.ancestry,
    releases.map((r) => ({
      cellKey: r.cellKey,
      counts: (typeof r.counts === 'string' ? JSON.parse(r.counts) : r.counts) as Record<string, number>,
    })),
  );
  return ledger.smallestClass();
}
