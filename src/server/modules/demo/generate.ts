import type { Role } from '../../../shared/roles.js';

/**
 * A pure, deterministic generator of a plausible Italian–British company: its departments,
 * teams, offices and people with a reporting line. The same seed and size always give the same
 * company, so demos, screenshots and benchmarks can be reproduced.
 */

export const MIN_DEMO_SIZE = 50;
export const MAX_DEMO_SIZE = 200_000;

export interface DemoDepartment {
  key: string;
  name: string;
  parentKey: string | null;
}

export interface DemoTeam {
  key: string;
  name: string;
  departmentKey: string;
}

export interface DemoLocation {
  key: string;
  name: string;
  country: 'IT' | 'GB';
  timezone: string;
}

export interface DemoPerson {
  name: string;
  email: string;
  title: string;
  roles: Role[];
  departmentKey: string;
  teamKey: string | null;
  locationKey: string;
  /** Index of the manager in `people`; always smaller than the person's own index. */
  managerIndex: number | null;
  skills: string[];
  interests: string[];
  languages: string[];
  locale: 'en' | 'it';
  timezone: string;
  pronouns: string | null;
  /** YYYY-MM-DD */
  startDate: string;
  employeeNumber: string;
}

export type DemoSignInRole = 'administrator' | 'hr' | 'manager' | 'employee-en' | 'employee-it';

export interface DemoCompany {
  name: string;
  domain: string;
  departments: DemoDepartment[];
  teams: DemoTeam[];
  locations: DemoLocation[];
  people: DemoPerson[];
  /** The people whose sign-ins the demo hands out, by index in `people`. */
  signIns: { role: DemoSignInRole; index: number }[];
}

/** mulberry32: tiny, fast and good enough to make data look random. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export class Random {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }
  weighted<T>(list: readonly (readonly [T, number])[]): T {
    const total = list.reduce((s, [, w]) => s + w, 0);
    let x = this.next() * total;
    for (const [item, w] of list) {
      x -= w;
      if (x < 0) {
        return item;
      }
    }
    return list[list.length - 1]![0];
  }
  /** `count` distinct items, in list order shuffled. */
  sample<T>(list: readonly T[], count: number): T[] {
    const copy = [...list];
    const out: T[] = [];
    while (out.length < count && copy.length > 0) {
      out.push(copy.splice(this.int(copy.length), 1)[0]!);
    }
    return out;
  }
}

// prettier-ignore
const ITALIAN_WOMEN = [
  'Alessandra', 'Alice', 'Anna', 'Arianna', 'Aurora', 'Beatrice', 'Bianca', 'Camilla', 'Carlotta', 'Caterina',
  'Chiara', 'Cristina', 'Elena', 'Eleonora', 'Elisa', 'Emma', 'Federica', 'Francesca', 'Gaia', 'Giada',
  'Ginevra', 'Giorgia', 'Giulia', 'Ilaria', 'Irene', 'Laura', 'Letizia', 'Lucia', 'Ludovica', 'Marta',
  'Martina', 'Matilde', 'Nicoletta', 'Noemi', 'Paola', 'Rebecca', 'Roberta', 'Sara', 'Serena', 'Silvia',
  'Sofia', 'Valentina', 'Valeria', 'Vittoria',
] as const;
// prettier-ignore
const ITALIAN_MEN = [
  'Alberto', 'Alessandro', 'Andrea', 'Antonio', 'Davide', 'Edoardo', 'Emanuele', 'Enrico', 'Fabio', 'Federico',
  'Filippo', 'Francesco', 'Gabriele', 'Giacomo', 'Giorgio', 'Giovanni', 'Giuseppe', 'Jacopo', 'Leonardo', 'Lorenzo',
  'Luca', 'Marco', 'Massimo', 'Matteo', 'Mattia', 'Michele', 'Nicolò', 'Paolo', 'Pietro', 'Riccardo',
  'Roberto', 'Salvatore', 'Simone', 'Stefano', 'Tommaso', 'Valerio', 'Vincenzo',
] as const;
// prettier-ignore
const ITALIAN_SURNAMES = [
  'Amato', 'Barbieri', 'Bassi', 'Bellini', 'Benedetti', 'Bernardi', 'Bianchi', 'Bruno', 'Caputo', 'Carbone',
  'Cattaneo', 'Colombo', 'Conte', 'Conti', 'Costa', "D'Amico", "D'Angelo", 'De Luca', 'De Santis', 'Esposito',
  'Fabbri', 'Farina', 'Ferrara', 'Ferrari', 'Ferri', 'Fontana', 'Galli', 'Gallo', 'Gentile', 'Giordano',
  'Greco', 'Guerra', 'Leone', 'Lombardi', 'Longo', 'Mancini', 'Marchetti', 'Marino', 'Martinelli', 'Martini',
  'Mazza', 'Messina', 'Monti', 'Moretti', 'Morelli', 'Negri', 'Orlando', 'Palumbo', 'Parisi', 'Pellegrini',
  'Ricci', 'Rinaldi', 'Rizzi', 'Rizzo', 'Romano', 'Rossi', 'Rossetti', 'Russo', 'Sala', 'Sanna',
  'Santoro', 'Serra', 'Silvestri', 'Testa', 'Valentini', 'Villa', 'Vitale', 'Zanetti',
] as const;
// prettier-ignore
const ENGLISH_WOMEN = [
  'Abigail', 'Alice', 'Amelia', 'Charlotte', 'Chloe', 'Claire', 'Eleanor', 'Ellie', 'Emily', 'Emma',
  'Florence', 'Freya', 'Grace', 'Hannah', 'Harriet', 'Imogen', 'Isabel', 'Jessica', 'Katherine', 'Laura',
  'Lily', 'Lucy', 'Megan', 'Mia', 'Olivia', 'Phoebe', 'Poppy', 'Rachel', 'Rebecca', 'Rosie',
  'Ruby', 'Sarah', 'Sophie', 'Victoria', 'Zara',
] as const;
// prettier-ignore
const ENGLISH_MEN = [
  'Adam', 'Alexander', 'Alfie', 'Andrew', 'Arthur', 'Ben', 'Callum', 'Charlie', 'Daniel', 'David',
  'Edward', 'Finley', 'George', 'Harry', 'Henry', 'Jack', 'Jacob', 'James', 'Joe', 'Joshua',
  'Leo', 'Liam', 'Matthew', 'Michael', 'Nathan', 'Oliver', 'Oscar', 'Owen', 'Paul', 'Richard',
  'Ryan', 'Samuel', 'Thomas', 'Tom', 'William',
] as const;
// prettier-ignore
const ENGLISH_SURNAMES = [
  'Adams', 'Allen', 'Bailey', 'Baker', 'Bell', 'Bennett', 'Brooks', 'Brown', 'Carter', 'Chapman',
  'Clark', 'Clarke', 'Collins', 'Cook', 'Cooper', 'Davies', 'Edwards', 'Ellis', 'Evans', 'Fletcher',
  'Foster', 'Green', 'Griffiths', 'Hall', 'Harris', 'Harrison', 'Hill', 'Hughes', 'Hunt', 'Jackson',
  'James', 'Johnson', 'Jones', 'Kelly', 'King', 'Knight', 'Lee', 'Lewis', 'Marshall', 'Martin',
  'Mason', 'Mills', 'Mitchell', 'Moore', "O'Brien", 'Owen', 'Palmer', 'Parker', 'Patel', 'Phillips',
  'Price', 'Roberts', 'Robinson', 'Russell', 'Scott', 'Shaw', 'Smith', 'Stevens', 'Taylor', 'Thomas',
  'Thompson', 'Turner', 'Walker', 'Ward', 'Watson', 'White', 'Williams', 'Wilson', 'Wood', 'Wright',
] as const;

// prettier-ignore
const INTERESTS = [
  'Running', 'Cycling', 'Photography', 'Cooking', 'Football', 'Hiking', 'Reading', 'Chess', 'Climbing', 'Yoga',
  'Volunteering', 'Board games', 'Gardening', 'Music', 'Wine', 'Sailing', 'Skiing', 'Travel', 'Film', 'Podcasts',
  'Swimming', 'Tennis', 'Padel', 'Baking', 'Painting', 'Theatre', 'Coffee', 'Languages', 'Mountain biking', 'Design',
] as const;
const GENERAL_SKILLS = [
  'Mentoring',
  'Public speaking',
  'Project management',
  'Negotiation',
  'Coaching',
  'Writing',
  'Facilitation',
  'Excel',
] as const;
const EXTRA_LANGUAGES = ['Spanish', 'French', 'German', 'Portuguese', 'Romanian', 'Arabic', 'Polish'] as const;

const LOCATIONS: DemoLocation[] = [
  { key: 'milano', name: 'Milano', country: 'IT', timezone: 'Europe/Rome' },
  { key: 'torino', name: 'Torino', country: 'IT', timezone: 'Europe/Rome' },
  { key: 'roma', name: 'Roma', country: 'IT', timezone: 'Europe/Rome' },
  { key: 'london', name: 'London', country: 'GB', timezone: 'Europe/London' },
  { key: 'manchester', name: 'Manchester', country: 'GB', timezone: 'Europe/London' },
];
const LOCATION_WEIGHTS = {
  any: [
    ['milano', 35],
    ['torino', 15],
    ['roma', 10],
    ['london', 30],
    ['manchester', 10],
  ],
  IT: [
    ['milano', 60],
    ['roma', 25],
    ['torino', 15],
  ],
  GB: [
    ['london', 75],
    ['manchester', 25],
  ],
} as const satisfies Record<string, readonly (readonly [string, number])[]>;

interface TeamDef {
  name: string;
  lead: string;
  titles: readonly string[];
  skills: readonly string[];
  /** Core teams are staffed at every size; the others only once the company is big enough. */
  core: boolean;
  weight: number;
}

interface UnitDef {
  key: string;
  name: string;
  parent: string | null;
  head: string;
  country?: 'IT' | 'GB';
  teams: TeamDef[];
}

const ENG_SKILLS = ['TypeScript', 'Go', 'PostgreSQL', 'Kubernetes', 'React', 'Testing', 'Code review', 'System design'];
const team = (name: string, lead: string, titles: string[], skills: string[], weight = 1, core = true): TeamDef => ({
  name,
  lead,
  titles,
  skills,
  weight,
  core,
});

const UNITS: UnitDef[] = [
  {
    key: 'engineering',
    name: 'Engineering',
    parent: null,
    head: 'Chief Technology Officer',
    teams: [
      team(
        'Security',
        'Security Lead',
        ['Security Engineer', 'Application Security Engineer'],
        ['Threat modelling', 'Penetration testing', 'ISO 27001', 'Cryptography'],
        1,
      ),
      team(
        'Data',
        'Data Lead',
        ['Data Engineer', 'Data Analyst', 'Data Scientist'],
        ['Python', 'SQL', 'dbt', 'Machine learning', 'Statistics'],
        2,
        false,
      ),
    ],
  },
  {
    key: 'platform',
    name: 'Platform Engineering',
    parent: 'engineering',
    head: 'Head of Platform Engineering',
    teams: [
      team(
        'Infrastructure',
        'Engineering Manager',
        ['Infrastructure Engineer', 'Senior Infrastructure Engineer', 'Cloud Engineer'],
        [...ENG_SKILLS, 'Terraform', 'AWS', 'Networking'],
        3,
      ),
      team(
        'Site Reliability',
        'Engineering Manager',
        ['Site Reliability Engineer', 'Senior Site Reliability Engineer'],
        [...ENG_SKILLS, 'Observability', 'Incident response', 'Linux'],
        3,
      ),
      team(
        'Developer Experience',
        'Engineering Manager',
        ['Software Engineer', 'Senior Software Engineer', 'Build Engineer'],
        [...ENG_SKILLS, 'CI/CD', 'Developer tooling'],
        2,
      ),
    ],
  },
  {
    key: 'product-engineering',
    name: 'Product Engineering',
    parent: 'engineering',
    head: 'Head of Product Engineering',
    teams: [
      team(
        'Web Experience',
        'Engineering Manager',
        ['Frontend Engineer', 'Software Engineer', 'Senior Software Engineer', 'Staff Engineer'],
        [...ENG_SKILLS, 'Accessibility', 'CSS', 'Node.js'],
        4,
      ),
      team(
        'Mobile Apps',
        'Engineering Manager',
        ['iOS Engineer', 'Android Engineer', 'Mobile Engineer'],
        [...ENG_SKILLS, 'Swift', 'Kotlin', 'React Native'],
        3,
      ),
      team(
        'Payments',
        'Engineering Manager',
        ['Software Engineer', 'Senior Software Engineer', 'Backend Engineer'],
        [...ENG_SKILLS, 'Payments', 'PCI DSS', 'Java'],
        3,
      ),
      team(
        'Product Design',
        'Design Lead',
        ['Product Designer', 'UX Researcher', 'Senior Product Designer'],
        ['Figma', 'User research', 'Prototyping', 'Design systems', 'Accessibility'],
        2,
        false,
      ),
      team(
        'Growth',
        'Engineering Manager',
        ['Growth Engineer', 'Product Analyst', 'Software Engineer'],
        [...ENG_SKILLS, 'Experimentation', 'Analytics'],
        2,
        false,
      ),
    ],
  },
  {
    key: 'sales',
    name: 'Sales',
    parent: null,
    head: 'Chief Revenue Officer',
    teams: [
      team(
        'Sales Operations',
        'Sales Operations Manager',
        ['Sales Operations Analyst', 'CRM Administrator', 'Deal Desk Specialist'],
        ['Salesforce', 'Forecasting', 'Excel', 'Pricing'],
        1,
      ),
    ],
  },
  {
    key: 'sales-italy',
    name: 'Sales Italy',
    parent: 'sales',
    head: 'Country Manager, Italy',
    country: 'IT',
    teams: [
      team(
        'Enterprise Italy',
        'Sales Manager',
        ['Account Executive', 'Senior Account Executive', 'Solutions Consultant'],
        ['Enterprise sales', 'Negotiation', 'Salesforce', 'Public sector'],
        2,
      ),
      team(
        'Mid-Market Italy',
        'Sales Manager',
        ['Account Executive', 'Sales Development Representative'],
        ['Prospecting', 'Negotiation', 'Salesforce', 'Cold calling'],
        2,
      ),
      team(
        'Inside Sales Italy',
        'Sales Manager',
        ['Inside Sales Representative', 'Sales Development Representative'],
        ['Prospecting', 'Cold calling', 'HubSpot'],
        2,
      ),
    ],
  },
  {
    key: 'sales-uk',
    name: 'Sales UK',
    parent: 'sales',
    head: 'Country Manager, UK',
    country: 'GB',
    teams: [
      team(
        'Enterprise UK',
        'Sales Manager',
        ['Account Executive', 'Senior Account Executive', 'Solutions Consultant'],
        ['Enterprise sales', 'Negotiation', 'Salesforce', 'Procurement'],
        2,
      ),
      team(
        'Mid-Market UK',
        'Sales Manager',
        ['Account Executive', 'Sales Development Representative'],
        ['Prospecting', 'Negotiation', 'Salesforce'],
        2,
      ),
      team(
        'Partnerships',
        'Partnerships Manager',
        ['Partner Manager', 'Alliances Manager'],
        ['Partnerships', 'Channel sales', 'Negotiation'],
        1,
      ),
    ],
  },
  {
    key: 'customer-success',
    name: 'Customer Success',
    parent: null,
    head: 'VP Customer Success',
    teams: [
      team(
        'Onboarding',
        'Onboarding Lead',
        ['Onboarding Specialist', 'Implementation Consultant'],
        ['Training', 'Project management', 'Data migration'],
        2,
      ),
      team(
        'Customer Support',
        'Support Manager',
        ['Support Specialist', 'Senior Support Specialist', 'Technical Support Engineer'],
        ['Zendesk', 'Troubleshooting', 'Empathy', 'SQL'],
        3,
      ),
      team(
        'Account Management',
        'Account Management Lead',
        ['Customer Success Manager', 'Account Manager'],
        ['Renewals', 'Upselling', 'NPS', 'Relationship building'],
        2,
      ),
      team(
        'Customer Insights',
        'Insights Lead',
        ['Customer Insights Analyst', 'Voice of Customer Analyst'],
        ['Surveys', 'NPS', 'Analytics', 'Qualitative research'],
        1,
        false,
      ),
    ],
  },
  {
    key: 'marketing',
    name: 'Marketing & Communications',
    parent: null,
    head: 'Chief Marketing Officer',
    teams: [
      team(
        'Brand & Content',
        'Content Lead',
        ['Content Writer', 'Copywriter', 'Brand Designer'],
        ['Copywriting', 'Storytelling', 'SEO', 'Illustration'],
        1,
      ),
      team(
        'Internal Communications',
        'Internal Communications Lead',
        ['Internal Communications Specialist', 'Employee Advocacy Manager'],
        ['Internal communications', 'Storytelling', 'Change management', 'Video'],
        1,
      ),
      team(
        'Digital Marketing',
        'Digital Marketing Manager',
        ['Performance Marketer', 'Marketing Analyst', 'Social Media Manager'],
        ['Google Ads', 'LinkedIn', 'Analytics', 'SEO'],
        1,
      ),
      team('Events', 'Events Lead', ['Event Manager', 'Event Coordinator'], ['Event planning', 'Budgeting', 'Vendor management'], 1, false),
    ],
  },
  {
    key: 'people',
    name: 'People',
    parent: null,
    head: 'Chief People Officer',
    teams: [
      team(
        'Talent Acquisition',
        'Talent Acquisition Lead',
        ['Recruiter', 'Technical Recruiter', 'Sourcer'],
        ['Interviewing', 'Employer branding', 'LinkedIn Recruiter'],
        1,
      ),
      team(
        'People Partners',
        'People Partner Lead',
        ['People Partner', 'HR Generalist', 'Employee Relations Specialist'],
        ['Employment law', 'Coaching', 'Performance reviews', 'Wellbeing'],
        1,
      ),
      team(
        'Learning & Development',
        'Learning Lead',
        ['Learning Designer', 'Trainer'],
        ['Instructional design', 'Facilitation', 'Coaching'],
        1,
      ),
      team(
        'Total Rewards',
        'Total Rewards Lead',
        ['Compensation Analyst', 'Payroll Specialist', 'Benefits Specialist'],
        ['Payroll', 'Compensation', 'Benefits', 'Excel'],
        1,
        false,
      ),
    ],
  },
  {
    key: 'finance',
    name: 'Finance',
    parent: null,
    head: 'Chief Financial Officer',
    teams: [
      team(
        'Accounting',
        'Financial Controller',
        ['Accountant', 'Accounts Payable Specialist', 'Tax Specialist'],
        ['IFRS', 'Bookkeeping', 'VAT', 'Excel'],
        1,
      ),
      team(
        'Financial Planning',
        'FP&A Manager',
        ['Financial Analyst', 'Senior Financial Analyst'],
        ['Forecasting', 'Budgeting', 'Excel', 'Modelling'],
        1,
      ),
      team('Procurement', 'Procurement Manager', ['Buyer', 'Procurement Specialist'], ['Negotiation', 'Vendor management', 'Contracts'], 1),
    ],
  },
  {
    key: 'operations',
    name: 'Operations',
    parent: null,
    head: 'Chief Operating Officer',
    teams: [
      team(
        'IT Services',
        'IT Manager',
        ['IT Support Specialist', 'Systems Administrator', 'IT Analyst'],
        ['Google Workspace', 'Networking', 'Device management', 'Okta'],
        1,
      ),
      team(
        'Workplace',
        'Workplace Manager',
        ['Office Manager', 'Facilities Coordinator', 'Receptionist'],
        ['Facilities', 'Health and safety', 'Event planning'],
        1,
      ),
      team(
        'Legal & Compliance',
        'General Counsel',
        ['Legal Counsel', 'Compliance Officer', 'Paralegal'],
        ['Contracts', 'GDPR', 'Employment law', 'Compliance'],
        1,
      ),
      team(
        'Supply Chain',
        'Supply Chain Manager',
        ['Logistics Coordinator', 'Supply Chain Analyst'],
        ['Logistics', 'Forecasting', 'SAP'],
        1,
        false,
      ),
    ],
  },
];

const EXECUTIVE: DemoDepartment = { key: 'executive', name: 'Executive', parentKey: null };
const OFFICE = { key: 'office-of-the-ceo', name: 'Office of the CEO', titles: ['Chief of Staff', 'Executive Assistant'] } as const;

/** A position in the organisation before it is given a person. */
interface Slot {
  managerIndex: number | null;
  unitKey: string;
  team: { key: string; def: TeamDef } | null;
  title: string;
  country?: 'IT' | 'GB' | undefined;
  senior: boolean;
}

const teamKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/&/g, 'and')
    .replace(/[^a-z0-9]+/g, '-');

/** Splits `total` among weights, largest remainder first; ties go to the earlier entry. */
function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (total * w) / sum);
  const out = exact.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) {
      break;
    }
    out[i]! += 1;
    left -= 1;
  }
  return out;
}

/**
 * Parent (within the list) of each of `count` people under one lead, as a wide tree: each
 * manager has `branching` reports, and a last manager left with fewer than three hands them
 * to the manager before, so every span stays between 3 and 10.
 */
function teamTree(count: number, branching: number): number[] {
  const parent = Array.from({ length: count }, (_, j) => (j === 0 ? -1 : Math.floor((j - 1) / branching)));
  if (count <= 1) {
    return parent;
  }
  const last = parent[count - 1]!;
  const reportsOfLast = count - 1 - last * branching;
  if (last > 0 && reportsOfLast < 3) {
    for (let j = last * branching + 1; j < count; j += 1) {
      parent[j] = last - 1;
    }
  }
  return parent;
}

function slug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function isoDate(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}
/** 4 January 2016: the company's first day. Start dates spread over the ten years after it. */
const FOUNDED = Date.UTC(2016, 0, 4) / 86_400_000;

/** Builds the whole demo company. Deterministic: the same options always give the same company. */
export function generateCompany(opts: { size: number; seed?: number; domain?: string }): DemoCompany {
  const size = opts.size;
  if (!Number.isInteger(size) || size < MIN_DEMO_SIZE || size > MAX_DEMO_SIZE) {
    throw new RangeError(`The demo organisation has between ${MIN_DEMO_SIZE} and ${MAX_DEMO_SIZE} people.`);
  }
  const rnd = new Random(opts.seed ?? 1);
  const domain = opts.domain ?? 'fabbrica-aurora.example';

  const departments: DemoDepartment[] = [EXECUTIVE, ...UNITS.map((u) => ({ key: u.key, name: u.name, parentKey: u.parent }))];
  const teams: DemoTeam[] = [{ key: OFFICE.key, name: OFFICE.name, departmentKey: EXECUTIVE.key }];
  for (const u of UNITS) {
    for (const t of u.teams) {
      teams.push({ key: teamKey(t.name), name: t.name, departmentKey: u.key });
    }
  }

  // Positions first, managers always before their reports.
  const slots: Slot[] = [{ managerIndex: null, unitKey: EXECUTIVE.key, team: null, title: 'Chief Executive Officer', senior: true }];
  for (const title of OFFICE.titles) {
    slots.push({
      managerIndex: 0,
      unitKey: EXECUTIVE.key,
      team: { key: OFFICE.key, def: team(OFFICE.name, '', [title], ['Planning', 'Stakeholder management'], 0) },
      title,
      senior: false,
    });
  }
  const headOf = new Map<string, number>();
  for (const u of UNITS) {
    headOf.set(u.key, slots.length);
    slots.push({
      managerIndex: u.parent ? headOf.get(u.parent)! : 0,
      unitKey: u.key,
      team: null,
      title: u.head,
      country: u.country,
      senior: true,
    });
  }

  const allTeams = UNITS.flatMap((u) => u.teams.map((def) => ({ unit: u, def })));
  const coreCount = allTeams.filter((t) => t.def.core).length;
  const rest = size - slots.length - coreCount;
  const shares = apportion(
    rest,
    allTeams.map((t) => t.def.weight),
  );
  const sizes = allTeams.map((t, i) => shares[i]! + (t.def.core ? 1 : 0));

  let teamNo = 0;
  for (const u of UNITS) {
    const mine = allTeams.map((t, i) => ({ ...t, i })).filter((t) => t.unit === u);
    // A team of two or three would give its lead a span under three: fold the extra people into a bigger team.
    let pool = 0;
    for (const t of mine) {
      if (sizes[t.i]! === 2 || sizes[t.i]! === 3) {
        pool += sizes[t.i]! - 1;
        sizes[t.i] = 1;
      }
    }
    const largest = mine.reduce((a, b) => (sizes[b.i]! > sizes[a.i]! ? b : a));
    const headIndex = headOf.get(u.key)!;
    if (pool > 0 && sizes[largest.i]! + pool >= 4) {
      sizes[largest.i]! += pool;
      pool = 0;
    }
    for (const t of mine) {
      const count = sizes[t.i]!;
      teamNo += 1;
      if (count === 0) {
        continue;
      }
      const key = teamKey(t.def.name);
      const first = slots.length;
      const parents = teamTree(count, 5 + (teamNo % 4));
      for (let j = 0; j < count; j += 1) {
        const parent = parents[j]!;
        slots.push({
          managerIndex: parent < 0 ? headIndex : first + parent,
          unitKey: u.key,
          team: { key, def: t.def },
          title: '',
          country: u.country,
          senior: j === 0,
        });
      }
    }
    // Too few left over to make a team of their own: they report to the head directly.
    for (let j = 0; j < pool; j += 1) {
      slots.push({
        managerIndex: headIndex,
        unitKey: u.key,
        team: { key: teamKey(largest.def.name), def: largest.def },
        title: '',
        country: u.country,
        senior: false,
      });
    }
  }

  const reports = new Array<number>(slots.length).fill(0);
  for (const s of slots) {
    if (s.managerIndex !== null) {
      reports[s.managerIndex]! += 1;
    }
  }

  const people: DemoPerson[] = slots.map((s, i) => {
    if (!s.title) {
      s.title = reports[i]! > 0 ? s.team!.def.lead : rnd.pick(s.team!.def.titles);
    }
    const locationKey = rnd.weighted(s.country ? LOCATION_WEIGHTS[s.country] : i === 0 ? [['milano', 1]] : LOCATION_WEIGHTS.any);
    const location = LOCATIONS.find((l) => l.key === locationKey)!;
    const italianName = location.country === 'IT' ? rnd.chance(0.9) : rnd.chance(0.15);
    const woman = rnd.chance(0.5);
    const first = rnd.pick(italianName ? (woman ? ITALIAN_WOMEN : ITALIAN_MEN) : woman ? ENGLISH_WOMEN : ENGLISH_MEN);
    const last = rnd.pick(italianName ? ITALIAN_SURNAMES : ENGLISH_SURNAMES);
    const languages = spokenLanguages(rnd, italianName, location.country);
    const skillPool = s.team ? s.team.def.skills : ['Strategy', 'Leadership', 'Budgeting', 'Public speaking', 'Hiring'];
    const skills = [
      ...rnd.sample(skillPool, 1 + rnd.int(Math.min(4, skillPool.length))),
      ...(rnd.chance(0.3) ? [rnd.pick(GENERAL_SKILLS)] : []),
    ];
    const start = s.senior ? FOUNDED + rnd.int(365 * 4) : FOUNDED + rnd.int(3652);
    return {
      name: `${first} ${last}`,
      email: '',
      title: s.title,
      roles: rolesOf(s, reports[i]!),
      departmentKey: s.unitKey,
      teamKey: s.team?.key ?? null,
      locationKey,
      managerIndex: s.managerIndex,
      skills: [...new Set(skills)],
      interests: rnd.sample(INTERESTS, 1 + rnd.int(4)),
      languages,
      locale: languages[0] === 'Italian' && location.country === 'IT' ? 'it' : 'en',
      timezone: location.timezone,
      pronouns: rnd.chance(0.25) ? (woman ? 'she/her' : 'he/him') : null,
      startDate: isoDate(start),
      employeeNumber: `FA${String(i + 1).padStart(6, '0')}`,
    };
  });

  const signIns = chooseSignIns(people, slots, reports, headOf);
  assignEmails(
    people,
    signIns.map((s) => s.index),
    domain,
  );
  return { name: 'Fabbrica Aurora', domain, departments, teams, locations: LOCATIONS.map((l) => ({ ...l })), people, signIns };
}

function spokenLanguages(rnd: Random, italianName: boolean, country: 'IT' | 'GB'): string[] {
  const langs: string[] = [];
  if (italianName) {
    langs.push('Italian');
    if (country === 'GB' || rnd.chance(0.65)) {
      langs.push('English');
    }
  } else {
    langs.push('English');
    if (country === 'IT' ? rnd.chance(0.8) : rnd.chance(0.1)) {
      langs.push('Italian');
    }
  }
  if (rnd.chance(0.15)) {
    langs.push(rnd.pick(EXTRA_LANGUAGES));
  }
  return langs;
}

function rolesOf(slot: Slot, reportCount: number): Role[] {
  const roles = new Set<Role>(['employee']);
  if (reportCount > 0) {
    roles.add('manager');
  }
  if (slot.team?.key === 'people-partners' || (slot.unitKey === 'people' && slot.team === null)) {
    roles.add('hr');
  }
  if (slot.team?.key === 'internal-communications' || (slot.unitKey === 'marketing' && slot.team === null)) {
    roles.add('communications');
  }
  return [...roles];
}

/**
 * The five people whose sign-ins the demo hands out get fixed, memorable names, so the
 * table printed by the demo reads the same at every size.
 */
function chooseSignIns(people: DemoPerson[], slots: Slot[], reports: number[], headOf: Map<string, number>): DemoCompany['signIns'] {
  const taken = new Set<number>();
  const dress = (index: number, name: string, locationKey: string, locale: 'en' | 'it', languages: string[], pronouns: string | null) => {
    const p = people[index]!;
    const location = LOCATIONS.find((l) => l.key === locationKey)!;
    Object.assign(p, { name, locationKey, timezone: location.timezone, locale, languages, pronouns });
    taken.add(index);
    return index;
  };
  const admin = dress(headOf.get('operations')!, 'Elena Marchetti', 'milano', 'en', ['Italian', 'English'], 'she/her');
  people[admin]!.roles = [...new Set<Role>([...people[admin]!.roles, 'admin'])];
  const hr = dress(headOf.get('people')!, 'Sarah Thompson', 'london', 'en', ['English', 'Italian'], 'she/her');
  const webLead = slots.findIndex((s, i) => s.team?.key === 'web-experience' && reports[i]! >= 3);
  const manager = dress(webLead >= 0 ? webLead : headOf.get('product-engineering')!, 'James Walker', 'london', 'en', ['English'], 'he/him');
  const leaf = () =>
    slots.findIndex((s, i) => reports[i] === 0 && !taken.has(i) && s.team !== null && s.country === undefined && s.unitKey !== 'executive');
  const employeeEn = dress(leaf(), 'Emily Clarke', 'manchester', 'en', ['English'], null);
  const employeeIt = dress(leaf(), 'Marco Ferrari', 'torino', 'it', ['Italian', 'English'], 'he/him');
  return [
    { role: 'administrator', index: admin },
    { role: 'hr', index: hr },
    { role: 'manager', index: manager },
    { role: 'employee-en', index: employeeEn },
    { role: 'employee-it', index: employeeIt },
  ];
}

/** first.last@domain; later namesakes get a number (first.last2@…). The demo sign-ins are served first. */
function assignEmails(people: DemoPerson[], first: number[], domain: string): void {
  const used = new Map<string, number>();
  const order = [...first, ...people.keys()];
  for (const i of order) {
    const p = people[i]!;
    if (p.email) {
      continue;
    }
    const [given, ...family] = p.name.split(' ');
    const base = `${slug(given!)}.${slug(family.join(''))}`;
    const n = (used.get(base) ?? 0) + 1;
    used.set(base, n);
    p.email = `${n === 1 ? base : `${base}${n}`}@${domain}`;
  }
}
