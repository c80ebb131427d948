import type { NewUser } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { newId } from '../../platform/ids.js';
import { hashPassword } from '../auth/password.js';
import { insertOrg } from '../org/org.queries.js';
import { forgetOrgCache } from '../org/org.service.js';
import { refreshSearchText } from '../people/people.queries.js';
import { ensureAllCompany, syncAutomaticMemberships } from '../communities/communities.sync.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { printDemo } from './demo.cli.js';
import * as q from './demo.queries.js';
import { generateCompany, type DemoSignInRole } from './generate.js';
import { generateSocial, socialRows } from './social.js';
import { generateRecognition, recognitionRows } from './recognition.js';
import { loadListening } from './listening.js';
import { addCustomerExperienceLead, loadCustomers, type CustomerSignIn } from './customers.js';
import { addSafetyOperator, communicationsSignIn, loadCommunication, type SafetySignIn } from './communication.js';
import { loadAdvocacy } from './advocacy.js';

/** Every demo person signs in with this password; it is printed next to the demo sign-ins. */
export const DEMO_PASSWORD = 'tessuto-demo';
/** One seed, so every demo instance shows the same company. */
const DEMO_SEED = 20_160_104;

type SignInRole = DemoSignInRole | CustomerSignIn['role'] | SafetySignIn['role'] | 'communications';

const LABELS: Record<SignInRole, string> = {
  administrator: 'Administrator',
  hr: 'HR',
  cx: 'Customer experience',
  communications: 'Communications',
  safety: 'Safety operator',
  manager: 'Manager',
  'employee-en': 'Employee (English)',
  'employee-it': 'Employee (Italian)',
};

export interface DemoResult {
  loaded: boolean;
  orgId: string | null;
  people: number;
  message: string;
  signIns: { role: SignInRole; label: string; email: string; name: string; password: string }[];
}

export interface DemoOptions {
  size?: number;
  print?: boolean;
  /** Host name of the demo organisation; null makes it the instance's default organisation. */
  host?: string | null;
  seed?: number;
}

/**
 * Loads the demo company "Fabbrica Aurora" with `size` people into an instance that has no
 * organisation yet (for that host). Everything is written in one transaction with multi-row
 * INSERTs, so a failed or interrupted load leaves nothing behind and 100,000 people load in
 * about a minute. An instance that already has an organisation is left untouched.
 */
export async function loadDemo(ctx: Ctx, opts: DemoOptions = {}): Promise<DemoResult> {
  const size = opts.size ?? 300;
  const host = opts.host ?? null;
  const company = generateCompany({ size, seed: opts.seed ?? DEMO_SEED });
  const cx = addCustomerExperienceLead(company);
  const safety = addSafetyOperator(company);
  const signIns = [...company.signIns, communicationsSignIn(company), cx, safety].map(({ role, index }) => {
    const p = company.people[index]!;
    return { role, label: LABELS[role], email: p.email, name: p.name, password: DEMO_PASSWORD };
  });
  const done = (result: DemoResult) => {
    if (opts.print) {
      printDemo(result, ctx.config.publicUrl);
    }
    return result;
  };

  const existing = await q.orgExists(ctx.db, host);
  if (existing) {
    return done(refusal(existing.name, company.name, signIns));
  }

  // argon2 is slow on purpose: hash the shared demo password once, not once per person.
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const orgId = newId();
  const ids = {
    departments: new Map(company.departments.map((d) => [d.key, newId()])),
    teams: new Map(company.teams.map((t) => [t.key, newId()])),
    locations: new Map(company.locations.map((l) => [l.key, newId()])),
    people: company.people.map(() => newId()),
  };
  const users: NewUser[] = company.people.map((p, i) => ({
    id: ids.people[i]!,
    orgId,
    email: p.email,
    name: p.name,
    passwordHash,
    roles: p.roles,
    locale: p.locale,
    title: p.title,
    skills: p.skills,
    interests: p.interests,
    languages: p.languages,
    timezone: p.timezone,
    pronouns: p.pronouns,
    startDate: p.startDate,
    employeeNumber: p.employeeNumber,
    departmentId: ids.departments.get(p.departmentKey)!,
    teamId: p.teamKey ? ids.teams.get(p.teamKey)! : null,
    locationId: ids.locations.get(p.locationKey)!,
    // Managers precede their reports in the list, so the reference is always to a row already written.
    managerId: p.managerIndex === null ? null : ids.people[p.managerIndex]!,
  }));
  const admin = company.signIns.find((s) => s.role === 'administrator')!;

  const loaded = await ctx.db.transaction().execute(async (trx) => {
    await q.lockDefaultOrg(trx);
    const raced = await q.orgExists(trx, host);
    if (raced) {
      return raced;
    }
    await insertOrg(trx, { id: orgId, name: company.name, host, defaultLocale: 'en' });
    await q.insertStructure(trx, {
      departments: company.departments.map((d) => ({
        id: ids.departments.get(d.key)!,
        orgId,
        name: d.name,
        parentId: d.parentKey ? ids.departments.get(d.parentKey)! : null,
      })),
      teams: company.teams.map((t) => ({
        id: ids.teams.get(t.key)!,
        orgId,
        name: t.name,
        departmentId: ids.departments.get(t.departmentKey)!,
      })),
      locations: company.locations.map((l) => ({
        id: ids.locations.get(l.key)!,
        orgId,
        name: l.name,
        country: l.country,
        timezone: l.timezone,
      })),
    });
    await q.insertUsers(trx, users);
    await refreshSearchText(trx, orgId);
    const social = socialRows(generateSocial(company, opts.seed ?? DEMO_SEED), {
      orgId,
      allCompanyId: await ensureAllCompany(trx, orgId),
      people: ids.people,
      names: company.people.map((p) => p.name),
      locations: ids.locations,
      newId,
      now: new Date(),
      render: renderMarkdown,
    });
    await q.insertSocial(trx, social);
    const now = new Date();
    await q.insertRecognition(
      trx,
      recognitionRows(generateRecognition(company, opts.seed ?? DEMO_SEED, now), {
        orgId,
        allCompanyId: await ensureAllCompany(trx, orgId),
        people: ids.people,
        teams: ids.teams,
        adminId: ids.people[admin.index]!,
        newId,
        now,
        render: renderMarkdown,
      }),
    );
    await loadListening(trx, company, opts.seed ?? DEMO_SEED, {
      orgId,
      people: ids.people,
      departments: ids.departments,
      newId,
      now,
      render: renderMarkdown,
    });
    // After the listening data: each serving team's climate is read from the demo's survey answers.
    await loadCustomers(trx, company, opts.seed ?? DEMO_SEED, {
      orgId,
      people: ids.people,
      teams: ids.teams,
      departments: ids.departments,
      newId,
      now,
    });
    await loadCommunication(trx, company, opts.seed ?? DEMO_SEED, {
      orgId,
      people: ids.people,
      locations: ids.locations,
      allCompanyId: await ensureAllCompany(trx, orgId),
      newId,
      now,
      render: renderMarkdown,
    });
    // After the posts and articles it makes shareable.
    await loadAdvocacy(trx, company, opts.seed ?? DEMO_SEED, {
      orgId,
      people: ids.people,
      departments: ids.departments,
      allCompanyId: await ensureAllCompany(trx, orgId),
      newId,
      now,
      render: renderMarkdown,
    });
    // After the communities exist, so that the ones following an office fill with its people.
    await syncAutomaticMemberships(trx, orgId);
    await audit(trx, {
      orgId,
      actorId: ids.people[admin.index]!,
      action: 'org.created',
      targetId: orgId,
      data: { demo: true, people: size },
    });
    return null;
  });
  if (loaded) {
    return done(refusal(loaded.name, company.name, signIns));
  }
  forgetOrgCache();
  await q.analyzePeople(ctx.db);
  return done({
    loaded: true,
    orgId,
    people: size,
    message: `Loaded the demo organisation ${company.name} with ${size.toLocaleString('en')} people.`,
    signIns,
  });
}

function refusal(existingName: string, demoName: string, signIns: DemoResult['signIns']): DemoResult {
  if (existingName === demoName) {
    return { loaded: false, orgId: null, people: 0, message: `The demo organisation ${demoName} is already loaded.`, signIns };
  }
  return {
    loaded: false,
    orgId: null,
    people: 0,
    message: `This instance already belongs to ${existingName}; the demo can only be loaded into a new, empty instance (use another DATA_DIR or database).`,
    signIns: [],
  };
}
