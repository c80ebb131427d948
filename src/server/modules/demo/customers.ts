import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashSecret, newSecret } from '../../platform/ids.js';
import { CUSTOMER_DEFAULTS, type AccountSize, type InteractionKind } from '../../../shared/customers.js';
import { Random, type DemoCompany } from './generate.js';

/**
 * The demo company's customers: accounts in Italy, the UK and Ireland and the German-speaking
 * countries, their contacts, the teams and people who serve them, about eighteen months of
 * interactions, quarterly NPS surveys with their single-use requests, CSAT answers after support
 * tickets, and follow-ups of recent detractors.
 *
 * The customer side is tied to the employee side the way it is in a real company, with noise: each
 * serving team's climate is read from the demo's own engagement and pulse answers (loaded just
 * before), and a team with a better climate gets more promoters and fewer detractors and loses fewer
 * accounts. Each account also has its own lean, so the link shows as a trend, not a rule.
 *
 * Answers are written directly in a few multi-row statements rather than one by one through the
 * app's feedback service: a demo has no one to notify, and it must stay quick to load. Deterministic
 * for a seed, apart from ids and secrets; times are offsets before "now".
 */

const DAY = 86_400_000;
/** How far back the customer history goes. */
const HISTORY_DAYS = 548;
type Lang = 'en' | 'it';

export interface CustomerDemoIds {
  orgId: string;
  /** Ids of `company.people`, by index. */
  people: readonly string[];
  /** Team ids by key. */
  teams: ReadonlyMap<string, string>;
  /** Department ids by key. */
  departments: ReadonlyMap<string, string>;
  newId: () => string;
  now: Date;
}

/** The demo sign-in of customer experience, by index in `company.people`. */
export interface CustomerSignIn {
  role: 'cx';
  index: number;
}

/**
 * Makes the head of Customer Success the demo's customer experience lead (role `cx`), so that the
 * customer pages can be tried with the role they are built for. Call it before the people are
 * written: it changes the person's roles in `company`.
 */
export function addCustomerExperienceLead(company: DemoCompany): CustomerSignIn {
  const taken = new Set(company.signIns.map((s) => s.index));
  let index = company.people.findIndex((p, i) => p.departmentKey === 'customer-success' && p.teamKey === null && !taken.has(i));
  if (index < 0) {
    index = company.people.findIndex((p, i) => p.departmentKey === 'customer-success' && !taken.has(i));
  }
  const person = company.people[index]!;
  person.roles = [...new Set([...person.roles, 'cx' as const])];
  return { role: 'cx', index };
}

// --- Names -------------------------------------------------------------------------------------

const REGIONS = [
  ['Nord Italia', 34],
  ['Centro Italia', 14],
  ['Sud Italia', 10],
  ['UK & Ireland', 32],
  ['DACH', 10],
] as const;
type Region = (typeof REGIONS)[number][0];

const SEGMENTS = [
  ['Manufacturing', 26],
  ['Retail', 18],
  ['Healthcare', 14],
  ['Public sector', 10],
  ['Logistics', 18],
  ['Food & beverage', 14],
] as const;
type Segment = (typeof SEGMENTS)[number][0];

const SIZES: readonly (readonly [AccountSize, number])[] = [
  ['small', 34],
  ['medium', 36],
  ['large', 20],
  ['enterprise', 10],
];

type Style = 'it' | 'uk' | 'de';
const styleOf = (region: Region): Style => (region === 'UK & Ireland' ? 'uk' : region === 'DACH' ? 'de' : 'it');

// prettier-ignore
const PLACES: Record<Region, readonly string[]> = {
  'Nord Italia': ['Bergamo', 'Brescia', 'Verona', 'Padova', 'Monza', 'Novara', 'Varese', 'Treviso', 'Modena', 'Parma', 'Vicenza', 'Cremona', 'Udine', 'Lecco'],
  'Centro Italia': ['Firenze', 'Prato', 'Arezzo', 'Perugia', 'Ancona', 'Pisa', 'Siena', 'Latina', 'Pesaro', 'Viterbo'],
  'Sud Italia': ['Bari', 'Lecce', 'Napoli', 'Salerno', 'Palermo', 'Catania', 'Cosenza', 'Taranto', 'Foggia', 'Caserta'],
  'UK & Ireland': ['Leeds', 'Bristol', 'Sheffield', 'Nottingham', 'Glasgow', 'Cardiff', 'Dublin', 'Cork', 'Leicester', 'York', 'Norwich', 'Belfast', 'Bath', 'Derby'],
  DACH: ['München', 'Stuttgart', 'Zürich', 'Wien', 'Graz', 'Basel', 'Linz', 'Augsburg', 'Freiburg', 'Salzburg'],
};

// prettier-ignore
const FAMILY: Record<Style, readonly string[]> = {
  it: ['Brambilla', 'Colombo', 'Ferretti', 'Galbiati', 'Rota', 'Mazzoleni', 'Bonetti', 'Zanardi', 'Pozzi', 'Bertolini', 'Guidi', 'Vannucci', 'Marchi', 'Lombardo', 'Caruso', 'De Rosa', 'Santoro', 'Benetti', 'Pagani', 'Sartori', 'Valli', 'Ghezzi', 'Ruggeri', 'Tosi'],
  uk: ['Ashworth', 'Barrow', 'Caldwell', 'Dawson', 'Fenwick', 'Garside', 'Hartley', 'Kershaw', 'Lockwood', 'Marsden', 'Pennington', 'Radcliffe', 'Sutcliffe', 'Thornton', 'Whitaker', 'Brennan', 'Doyle', 'Kavanagh', 'Mercer', 'Holloway'],
  de: ['Müller', 'Huber', 'Brunner', 'Keller', 'Vogel', 'Wagner', 'Steiner', 'Hofer', 'Gruber', 'Baumann', 'Lechner', 'Frei'],
};

// prettier-ignore
const PATTERNS: Record<Style, Record<Segment, readonly string[]>> = {
  it: {
    Manufacturing: ['Officine Meccaniche {F}', '{F} Meccanica', 'Fonderia {P}', 'Stampaggi {F}', '{F} Automazione', 'Plastiche {P}'],
    Retail: ['Supermercati {P}', '{F} Moda', 'Calzaturificio {F}', 'Ottica {F}', 'Arredamenti {F}', 'Ferramenta {P}'],
    Healthcare: ['Clinica {P}', 'Laboratori Analisi {F}', 'Farmacie Riunite di {P}', 'Poliambulatorio {F}', 'Casa di Cura {P}'],
    'Public sector': ['Consorzio Acque {P}', 'Agenzia per la Mobilità di {P}', 'Ente Fiera di {P}', 'Servizi Municipali {P}', 'Consorzio di Bonifica {P}'],
    Logistics: ['Trasporti {F}', 'Logistica {P}', 'Spedizioni {F}', 'Autotrasporti {F}', 'Interporto di {P}'],
    'Food & beverage': ['Pastificio {F}', 'Cantine {F}', 'Caseificio {P}', 'Oleificio {F}', 'Torrefazione {F}'],
  },
  uk: {
    Manufacturing: ['{F} Engineering', '{P} Precision Components', '{F} & Sons Fabrication', '{P} Castings'],
    Retail: ['{F} Home & Garden', '{P} Outdoor Stores', '{F} Opticians', '{F} & Co. Department Stores'],
    Healthcare: ['{P} Care Group', '{F} Dental Partners', '{P} Diagnostics', '{F} Pharmacy Group'],
    'Public sector': ['{P} Housing Trust', '{P} Transport Partnership', '{P} Libraries Consortium', '{P} Community Health Services'],
    Logistics: ['{F} Freight', '{P} Distribution', '{F} Haulage', '{P} Cold Chain'],
    'Food & beverage': ['{F} Bakeries', '{P} Brewing Company', '{F} Fine Foods', '{P} Dairies'],
  },
  de: {
    Manufacturing: ['{F} Maschinenbau', '{F} Antriebstechnik', '{P}er Präzisionsteile'],
    Retail: ['{F} Handelshaus', 'Sporthaus {F}', '{F} Optik'],
    Healthcare: ['{P} Medizintechnik', 'Klinik {F}', '{F} Labordiagnostik'],
    'Public sector': ['Stadtwerke {P}', 'Verkehrsverbund {P}'],
    Logistics: ['{F} Logistik', 'Spedition {F}', '{P} Kühllogistik'],
    'Food & beverage': ['{F} Feinkost', 'Brauerei {F}', '{P}er Molkerei'],
  },
};

function legalSuffix(style: Style, segment: Segment, size: AccountSize): string {
  if (segment === 'Public sector') {
    return '';
  }
  const big = size === 'large' || size === 'enterprise';
  return style === 'it'
    ? big
      ? ' S.p.A.'
      : ' S.r.l.'
    : style === 'uk'
      ? size === 'enterprise'
        ? ' plc'
        : ' Ltd'
      : big
        ? ' AG'
        : ' GmbH';
}

// prettier-ignore
const PEOPLE: Record<Style, { first: readonly string[]; last: readonly string[] }> = {
  it: {
    first: ['Giulia', 'Francesca', 'Chiara', 'Paola', 'Silvia', 'Elisa', 'Roberta', 'Marco', 'Andrea', 'Luca', 'Stefano', 'Paolo', 'Davide', 'Massimo', 'Alberto', 'Federica'],
    last: ['Rossi', 'Galli', 'Conti', 'Villa', 'Ferri', 'Riva', 'Sala', 'Greco', 'Longo', 'Fontana', 'Barbieri', 'Rinaldi', 'Cattaneo', 'Marini', 'Bianco', 'Gatti'],
  },
  uk: {
    first: ['Helen', 'Rachel', 'Joanne', 'Claire', 'Fiona', 'Siobhan', 'Karen', 'Mark', 'Gareth', 'Neil', 'Stuart', 'Ciaran', 'Darren', 'Simon', 'Aoife', 'Ian'],
    last: ['Hughes', 'Bennett', 'Collins', 'Murphy', 'Walsh', 'Price', 'Lloyd', 'Morgan', 'Reid', 'Campbell', 'Burke', 'Shaw', 'Fox', 'Kerr', 'Byrne', 'Hope'],
  },
  de: {
    first: ['Anna', 'Katharina', 'Lena', 'Sabine', 'Julia', 'Lukas', 'Felix', 'Jonas', 'Stefan', 'Thomas', 'Andreas', 'Martina'],
    last: ['Schmid', 'Weber', 'Fischer', 'Meier', 'Schneider', 'Bauer', 'Koch', 'Richter', 'Wolf', 'Zimmermann', 'Lang', 'Berger'],
  },
};

const TITLES: Record<Lang, readonly string[]> = {
  it: [
    'Responsabile acquisti',
    'Direttore operativo',
    'Responsabile IT',
    'Amministratore delegato',
    'Responsabile qualità',
    'Office manager',
  ],
  en: ['Head of Procurement', 'Operations Director', 'IT Manager', 'Managing Director', 'Quality Lead', 'Customer Service Lead'],
};

/** Lower-case ASCII for e-mail addresses and domains. */
function ascii(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// --- Words -------------------------------------------------------------------------------------

/** Interaction summaries by kind and language; {contact} is the contact's first name. */
const SUMMARIES: Record<InteractionKind, Record<Lang, readonly string[]>> = {
  meeting: {
    en: [
      'Quarterly review with {contact}: goals for next quarter agreed.',
      'Workshop on the new approval flow with {contact} and their team.',
      'On-site meeting about the contract renewal.',
      'Walked {contact} through the roadmap for the next six months.',
      'Kick-off for the rollout to two more sites.',
    ],
    it: [
      'Revisione trimestrale con {contact}: condivisi gli obiettivi del prossimo trimestre.',
      'Workshop sul nuovo flusso di approvazione con {contact} e il suo team.',
      'Incontro in sede per il rinnovo del contratto.',
      'Presentata a {contact} la roadmap dei prossimi sei mesi.',
      'Avvio dell’estensione ad altre due sedi.',
    ],
  },
  call: {
    en: [
      'Call with {contact} about the late deliveries of the last weeks.',
      'Alignment call on the integration project.',
      'Update call on how onboarding is going.',
      'Called {contact} back about a question on the last invoice.',
      'Short call to plan the training sessions.',
    ],
    it: [
      'Chiamata con {contact} sui ritardi delle ultime settimane.',
      'Telefonata di allineamento sul progetto di integrazione.',
      'Aggiornamento telefonico sull’andamento dell’onboarding.',
      'Richiamato {contact} per una domanda sull’ultima fattura.',
      'Breve chiamata per organizzare le sessioni di formazione.',
    ],
  },
  ticket: {
    en: [
      'Orders not syncing overnight: fixed the same day.',
      'Password reset requested for three users.',
      'Monthly report not generated: date filter corrected.',
      'Portal slow at peak times: investigated with Site Reliability.',
      'Question about exporting data to their ERP.',
      'Duplicate notifications after the last update.',
    ],
    it: [
      'Ordini non sincronizzati durante la notte: risolto in giornata.',
      'Richiesto il reset della password per tre utenti.',
      'Report mensile non generato: corretto il filtro delle date.',
      'Portale lento nelle ore di punta: analisi con il team di Site Reliability.',
      'Domanda sull’esportazione dei dati verso il loro gestionale.',
      'Notifiche duplicate dopo l’ultimo aggiornamento.',
    ],
  },
  note: {
    en: [
      'They are considering extending to two new sites next year.',
      '{contact} is leaving at the end of the month: we need a new contact.',
      'Budget for next year confirmed.',
      'A competitor approached them with a lower price.',
      'Happy with the new reports; asked for a case study together.',
    ],
    it: [
      'Valutano l’estensione a due nuove sedi il prossimo anno.',
      '{contact} lascerà l’azienda a fine mese: serve un nuovo referente.',
      'Confermato il budget per il prossimo anno.',
      'Un concorrente ha proposto loro un prezzo più basso.',
      'Soddisfatti dei nuovi report; proposto un caso di studio insieme.',
    ],
  },
};

type Category = 'promoter' | 'passive' | 'detractor';

/** Customer comments, by kind, category and language; {name} is the employee the customer names. */
const COMMENTS: Record<'nps' | 'csat', Record<Category | 'named', Record<Lang, readonly string[]>>> = {
  nps: {
    promoter: {
      en: [
        'Reliable service and quick answers every time.',
        'The new reporting saves our team hours every week.',
        'Onboarding was smooth, and support actually listens.',
        'A partner who understands how we work.',
      ],
      it: [
        'Servizio affidabile e risposte sempre rapide.',
        'La nuova reportistica fa risparmiare ore al nostro team ogni settimana.',
        'Onboarding senza intoppi, e l’assistenza ascolta davvero.',
        'Un partner serio, che capisce come lavoriamo.',
      ],
    },
    named: {
      en: [
        '{name} went above and beyond during our migration. Thank you!',
        'Special thanks to {name}: always quick, always clear.',
        '{name} solved in one afternoon a problem we had lived with for months.',
        'Working with {name} is the reason we renewed.',
      ],
      it: [
        'Grazie a {name}, che ci ha seguiti passo passo durante la migrazione.',
        'Un ringraziamento speciale a {name}: sempre disponibile e puntuale.',
        '{name} ha risolto in un pomeriggio un problema che ci portavamo dietro da mesi.',
        'Lavorare con {name} è il motivo per cui abbiamo rinnovato.',
      ],
    },
    passive: {
      en: [
        'Good overall, but updates sometimes break our reports.',
        'Solid product; support could be faster at peak times.',
        'Fine for now, though the price is getting harder to justify.',
      ],
      it: [
        'Bene nel complesso, ma gli aggiornamenti a volte rompono i nostri report.',
        'Prodotto solido; l’assistenza potrebbe essere più veloce nei periodi di picco.',
        'Per ora va bene, ma il prezzo è sempre più difficile da giustificare.',
      ],
    },
    detractor: {
      en: [
        'Tickets wait days for a first answer.',
        'We were passed between three people before anyone owned the problem.',
        'Too many outages this quarter, and nobody warned us.',
        'Invoices keep arriving wrong and fixing them takes weeks.',
      ],
      it: [
        'I ticket aspettano giorni prima di una prima risposta.',
        'Siamo stati rimbalzati fra tre persone prima che qualcuno si prendesse il problema.',
        'Troppi disservizi in questo trimestre, e nessuno ci ha avvisati.',
        'Le fatture arrivano sbagliate e correggerle richiede settimane.',
      ],
    },
  },
  csat: {
    promoter: {
      en: ['Fixed quickly, thanks!', 'Clear explanation and a fast fix.'],
      it: ['Risolto in fretta, grazie!', 'Spiegazione chiara e soluzione rapida.'],
    },
    named: {
      en: ['{name} sorted it out in minutes.', 'Thanks to {name} for the patience.'],
      it: ['{name} ha risolto tutto in pochi minuti.', 'Grazie a {name} per la pazienza.'],
    },
    passive: {
      en: ['Solved, but it took a while.'],
      it: ['Risolto, ma ci è voluto un po’.'],
    },
    detractor: {
      en: ['Still not solved after a week.', 'The answer did not address my question.'],
      it: ['Ancora irrisolto dopo una settimana.', 'La risposta non c’entrava con la mia domanda.'],
    },
  },
};

/** Notes on follow-ups, in the writer's language; {contact} is the customer's first name. */
const NOTES: Record<'done' | 'progress', Record<Lang, readonly string[]>> = {
  done: {
    en: [
      'Called {contact}: the delay came from a bug in the export, now fixed. Agreed a check-in in two weeks.',
      'Met {contact} and went through the open tickets one by one; all closed but one, which waits for their IT.',
      'Sent a written apology and a credit note for the outage. {contact} thanked us for the openness.',
      'Spoke with {contact}: they now have one named person to call, and feel much better about it.',
    ],
    it: [
      'Chiamato {contact}: il ritardo dipendeva da un errore nell’esportazione, ora corretto. Fissato un aggiornamento fra due settimane.',
      'Incontrato {contact} e ripassati i ticket aperti uno per uno: chiusi tutti tranne uno, che attende il loro IT.',
      'Inviate scuse scritte e una nota di credito per il disservizio. {contact} ha apprezzato la trasparenza.',
      'Sentito {contact}: ora hanno un referente unico e sono molto più tranquilli.',
    ],
  },
  progress: {
    en: ['Left a voicemail for {contact}; trying again tomorrow.', 'Asked Support for the ticket history before calling {contact}.'],
    it: ['Lasciato un messaggio a {contact}; riprovo domani.', 'Chiesto all’assistenza lo storico dei ticket prima di chiamare {contact}.'],
  },
};

// --- Serving teams -----------------------------------------------------------------------------

const ITALY_SALES = ['enterprise-italy', 'mid-market-italy', 'inside-sales-italy'] as const;
const UK_SALES = ['enterprise-uk', 'mid-market-uk', 'partnerships'] as const;
const SUCCESS = ['account-management', 'onboarding', 'customer-support'] as const;
/** Engineering teams that customers meet on escalations. */
const ESCALATION = ['site-reliability', 'payments', 'mobile-apps', 'web-experience', 'data'] as const;
const CUSTOMER_FACING = new Set<string>([...ITALY_SALES, ...UK_SALES, ...SUCCESS]);

/** Accounts per person in a customer-facing team: one for about every three and a half. */
const PEOPLE_PER_ACCOUNT = 3.5;
export const MIN_DEMO_ACCOUNTS = 12;
export const MAX_DEMO_ACCOUNTS = 400;

/** Interactions per month, by the account's size. */
const INTERACTIONS_PER_MONTH: Record<AccountSize, number> = { small: 0.7, medium: 1.2, large: 2, enterprise: 3 };

// --- Helpers -----------------------------------------------------------------------------------

/** A standard normal number (Box–Muller). */
function normal(rnd: Random): number {
  const u = 1 - rnd.next();
  const v = rnd.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const fill = (text: string, values: Record<string, string>) => text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);

/** A working-hours moment of the day `at` falls on (between 8:00 and 18:00 UTC). */
function duringWork(rnd: Random, at: number): Date {
  const day = Math.floor(at / DAY) * DAY;
  return new Date(day + (8 + rnd.next() * 10) * 3_600_000);
}

/** Rows per INSERT: far below PostgreSQL's parameter limit with twenty-odd columns, few round trips. */
const CHUNK = 1000;

async function insertAll<T extends keyof DB>(trx: Transaction<DB>, table: T, rows: readonly Insertable<DB[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto(table)
      .values(rows.slice(i, i + CHUNK))
      .execute();
  }
}

// --- Climate -----------------------------------------------------------------------------------

/**
 * Each team's employee climate: the mean of every agreement answer (1–5) stored under the team in
 * the demo's surveys. Sheets carry generalised groups, so a team too small to keep its own id takes
 * its department's mean (or a parent's), and failing that the company's.
 */
async function teamClimate(trx: Transaction<DB>, company: DemoCompany, ids: CustomerDemoIds): Promise<Map<string, number>> {
  const rows = await trx
    .selectFrom('surveyAnswers as a')
    .innerJoin('surveySheets as s', 's.id', 'a.sheetId')
    .innerJoin('surveyRounds as r', 'r.id', 's.roundId')
    .innerJoin('surveyQuestions as q', 'q.id', 'a.questionId')
    .where('r.orgId', '=', ids.orgId)
    .where('q.kind', '=', 'scale5')
    .where('a.value', 'is not', null)
    .groupBy(['s.teamId', 's.departmentId'])
    .select(['s.teamId', 's.departmentId'])
    .select([sql<number>`sum(a.value)::float8`.as('total'), sql<number>`count(*)::int`.as('n')])
    .execute();
  const add = (map: Map<string, [number, number]>, key: string | null, total: number, n: number) => {
    if (key !== null) {
      const at = map.get(key) ?? [0, 0];
      map.set(key, [at[0] + Number(total), at[1] + Number(n)]);
    }
  };
  const byTeam = new Map<string, [number, number]>();
  const byDepartment = new Map<string, [number, number]>();
  let all: [number, number] = [0, 0];
  for (const r of rows) {
    add(byTeam, r.teamId, r.total, r.n);
    add(byDepartment, r.departmentId, r.total, r.n);
    all = [all[0] + Number(r.total), all[1] + Number(r.n)];
  }
  const mean = (v: [number, number] | undefined) => (v && v[1] > 0 ? v[0] / v[1] : null);
  const company0 = mean(all) ?? 3.6;
  const parentOf = new Map(company.departments.map((d) => [d.key, d.parentKey]));
  const climate = new Map<string, number>();
  for (const t of company.teams) {
    let value = mean(byTeam.get(ids.teams.get(t.key) ?? ''));
    for (let d: string | null = t.departmentKey; value === null && d !== null; d = parentOf.get(d) ?? null) {
      value = mean(byDepartment.get(ids.departments.get(d) ?? ''));
    }
    climate.set(t.key, value ?? company0);
  }
  return climate;
}

// --- Generation --------------------------------------------------------------------------------

interface Account {
  id: string;
  locale: Lang;
  size: AccountSize;
  since: number;
  lost: number | null;
  teams: string[];
  people: number[];
  contacts: { id: string; first: string; locale: Lang; optedOut: boolean }[];
  /** How the account leans, beyond its teams: a shift of the chance of a promoter. */
  lean: number;
  /**
   * The account's own random stream for its history. How many quarters fall in the history depends
   * on today's date; with a stream per account, that changes only the account's own history.
   */
  rnd: Random;
}

/**
 * Loads the demo's customers inside the demo's transaction, after its listening data (the teams'
 * climate is read from it). Returns how many rows of each kind were written.
 */
export async function loadCustomers(
  trx: Transaction<DB>,
  company: DemoCompany,
  seed: number,
  ids: CustomerDemoIds,
): Promise<{ accounts: number; contacts: number; interactions: number; feedback: number; followups: number }> {
  const rnd = new Random(seed + 11);
  const now = ids.now.getTime();
  const historyStart = now - HISTORY_DAYS * DAY;
  const { orgId } = ids;

  const members = new Map<string, number[]>();
  company.people.forEach((p, i) => {
    if (p.teamKey) {
      const list = members.get(p.teamKey);
      if (list) {
        list.push(i);
      } else {
        members.set(p.teamKey, [i]);
      }
    }
  });
  const staffed = (key: string) => (members.get(key)?.length ?? 0) > 0 && ids.teams.has(key);
  // The first person of a team (in company order) is its lead: managers come before their reports.
  const leadOf = (key: string) => members.get(key)![0]!;
  const teamOfPerson = (i: number) => company.people[i]!.teamKey;

  const climate = await teamClimate(trx, company, ids);
  const serving = [...CUSTOMER_FACING, ...ESCALATION].filter(staffed);
  const values = serving.map((k) => climate.get(k)!);
  const mean = values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, values.length));
  /** A team's climate against the other serving teams', in standard deviations. */
  const z = new Map(serving.map((k) => [k, clamp((climate.get(k)! - mean) / Math.max(sd, 0.05), -2.5, 2.5)]));
  const zOf = (team: string) => z.get(team) ?? 0;

  const facing = company.people.filter((p) => p.teamKey !== null && CUSTOMER_FACING.has(p.teamKey)).length;
  const count = clamp(Math.round(facing / PEOPLE_PER_ACCOUNT), MIN_DEMO_ACCOUNTS, MAX_DEMO_ACCOUNTS);

  const pickStaffed = (wanted: readonly (readonly [string, number])[], fallback: readonly string[]): string => {
    const available = wanted.filter(([k]) => staffed(k));
    if (available.length > 0) {
      return rnd.weighted(available);
    }
    const rest = fallback.filter(staffed);
    return rest.length > 0 ? rnd.pick(rest) : serving[0]!;
  };

  const accountRows: Insertable<DB['customerAccounts']>[] = [];
  const contactRows: Insertable<DB['customerContacts']>[] = [];
  const teamRows: Insertable<DB['customerAccountTeams']>[] = [];
  const peopleRows: Insertable<DB['customerAccountPeople']>[] = [];
  const accounts: Account[] = [];
  const names = new Set<string>();

  for (let a = 0; a < count; a += 1) {
    const region = rnd.weighted(REGIONS);
    const style = styleOf(region);
    const locale: Lang = style === 'it' ? 'it' : 'en';
    const segment = rnd.weighted(SEGMENTS);
    const size = rnd.weighted(SIZES);
    let name = '';
    for (let attempt = 0; attempt < 30 && (name === '' || names.has(name.toLowerCase())); attempt += 1) {
      const pattern = rnd.pick(PATTERNS[style][segment]);
      name = fill(pattern, { F: rnd.pick(FAMILY[style]), P: rnd.pick(PLACES[region]) }) + legalSuffix(style, segment, size);
    }
    if (names.has(name.toLowerCase())) {
      name = `${name} (${a + 1})`;
    }
    names.add(name.toLowerCase());

    // The team that owns the relationship depends on where the customer is and how big it is.
    const sales = style === 'it' ? ITALY_SALES : UK_SALES;
    const primary =
      size === 'enterprise' || size === 'large'
        ? pickStaffed(
            [
              [sales[0], 7],
              ['account-management', 3],
            ],
            [...sales, ...SUCCESS],
          )
        : size === 'medium'
          ? pickStaffed(
              [
                [sales[1], 7],
                ['account-management', 2],
              ],
              [...sales, ...SUCCESS],
            )
          : pickStaffed(
              [
                [sales[2], style === 'de' ? 6 : 5],
                [sales[1], 4],
              ],
              [...sales, ...SUCCESS],
            );
    const teams = [primary];
    if (rnd.chance(0.65)) {
      const second = rnd.chance(0.78)
        ? pickStaffed(
            [
              ['customer-support', 5],
              ['onboarding', 2],
              ['account-management', 2],
            ],
            SUCCESS,
          )
        : pickStaffed(
            ESCALATION.map((k) => [k, 1] as const),
            ESCALATION,
          );
      if (!teams.includes(second)) {
        teams.push(second);
      }
    }
    const people = [...new Set([rnd.pick(members.get(primary)!), ...teams.map((t) => rnd.pick(members.get(t)!))])].slice(0, 1 + rnd.int(3));

    // Most accounts have been customers for years; some joined within the history shown.
    const since = now - Math.round(45 + rnd.next() ** 0.7 * 2400) * DAY;
    const lean = normal(rnd) * 0.1;
    const accountZ = teams.reduce((s, t) => s + zOf(t), 0) / teams.length;
    // About one account in twelve is lost, more often where the serving teams' climate is low.
    const lostChance = clamp(0.08 * (1 - 0.6 * accountZ) - lean * 0.4, 0.01, 0.3);
    let lost: number | null = null;
    if (rnd.chance(lostChance)) {
      const from = Math.max(since + 60 * DAY, historyStart);
      const to = now - 7 * DAY;
      lost = from < to ? Math.floor(from + rnd.next() * (to - from)) : null;
    }

    const id = ids.newId();
    const contacts: Account['contacts'] = [];
    const domain = `${style === 'it' ? 'cliente' : 'customer'}-${ascii(name).slice(0, 40).replace(/-$/, '')}.example`;
    const emails = new Set<string>();
    const contactCount = 1 + rnd.int(3);
    for (let c = 0; c < contactCount; c += 1) {
      const first = rnd.pick(PEOPLE[style].first);
      const last = rnd.pick(PEOPLE[style].last);
      const email = `${ascii(first)}.${ascii(last)}@${domain}`;
      if (emails.has(email)) {
        continue;
      }
      emails.add(email);
      // Some contacts at Italian customers prefer English (an international group), and the other way round.
      const own: Lang | null = rnd.chance(0.06) ? (locale === 'it' ? 'en' : 'it') : rnd.chance(0.3) ? locale : null;
      const optedOut = rnd.chance(0.03);
      const contactId = ids.newId();
      contacts.push({ id: contactId, first, locale: own ?? locale, optedOut });
      contactRows.push({
        id: contactId,
        orgId,
        accountId: id,
        name: `${first} ${last}`,
        email,
        title: rnd.chance(0.85) ? rnd.pick(TITLES[own ?? locale]) : null,
        locale: own,
        optedOutAt: optedOut ? new Date(now - rnd.int(200) * DAY) : null,
        createdAt: new Date(since),
      });
    }

    accountRows.push({
      id,
      orgId,
      name,
      externalId: `CRM-${String(10_001 + a)}`,
      segment,
      region,
      size,
      locale,
      customerSince: isoDay(new Date(since)),
      lostOn: lost === null ? null : isoDay(new Date(lost)),
      createdAt: new Date(Math.max(since, historyStart - 30 * DAY)),
      updatedAt: new Date(lost ?? Math.max(since, now - rnd.int(120) * DAY)),
    });
    teamRows.push(...teams.map((t) => ({ orgId, accountId: id, teamId: ids.teams.get(t)! })));
    peopleRows.push(...people.map((i) => ({ orgId, accountId: id, userId: ids.people[i]! })));
    accounts.push({ id, locale, size, since, lost, teams, people, contacts, lean, rnd: new Random(seed * 31 + 7919 * (a + 1)) });
  }

  const interactionRows: Insertable<DB['customerInteractions']>[] = [];
  const requestRows: Insertable<DB['customerFeedbackRequests']>[] = [];
  const feedbackRows: Insertable<DB['customerFeedback']>[] = [];
  const followupRows: Insertable<DB['customerFollowups']>[] = [];
  const noteRows: Insertable<DB['customerFollowupNotes']>[] = [];
  let ticketNo = 40_000;

  /** A score for an answer about `team`: the chances of a promoter and a detractor move with the team's climate. */
  const answer = (kind: 'nps' | 'csat', team: string, acc: Account, at: number): { score: number; category: Category } => {
    const rnd = acc.rnd;
    const zt = zOf(team);
    // In the months before an account leaves, its answers sour.
    const leaving = acc.lost !== null && acc.lost - at < 150 * DAY ? 0.12 : 0;
    const promoter = clamp(0.44 + 0.11 * zt + acc.lean - leaving, 0.05, 0.88);
    const detractor = clamp(0.18 - 0.08 * zt - acc.lean * 0.8 + leaving, 0.03, 0.7);
    const x = rnd.next();
    const category: Category = x < promoter ? 'promoter' : x < promoter + detractor ? 'detractor' : 'passive';
    if (kind === 'nps') {
      const score =
        category === 'promoter'
          ? rnd.chance(0.55)
            ? 9
            : 10
          : category === 'passive'
            ? rnd.chance(0.45)
              ? 7
              : 8
            : rnd.weighted([
                [0, 1],
                [1, 1],
                [2, 2],
                [3, 4],
                [4, 6],
                [5, 10],
                [6, 14],
              ] as const);
      return { score, category };
    }
    const score = category === 'promoter' ? (rnd.chance(0.5) ? 4 : 5) : category === 'passive' ? 3 : rnd.chance(0.35) ? 1 : 2;
    return { score, category };
  };

  /** Stores an answer, with its follow-up when it is a recent detractor. */
  const addFeedback = (
    acc: Account,
    contact: Account['contacts'][number],
    kind: 'nps' | 'csat',
    team: string,
    at: number,
    via: { requestId: string; userId: number | null } | { source: string; externalId: string },
  ) => {
    const rnd = acc.rnd;
    const { score, category } = answer(kind, team, acc, at);
    const lang = contact.locale;
    const inTeam = acc.people.filter((i) => teamOfPerson(i) === team);
    const named = category === 'promoter' && rnd.chance(0.35) ? rnd.pick(inTeam.length > 0 ? inTeam : acc.people) : null;
    const namedFirst = named === null ? null : company.people[named]!.name.split(' ')[0]!;
    const commentChance = category === 'detractor' ? 0.75 : kind === 'nps' ? 0.5 : 0.35;
    const comment =
      named !== null
        ? fill(rnd.pick(COMMENTS[kind].named[lang]), { name: namedFirst! })
        : rnd.chance(commentChance)
          ? rnd.pick(COMMENTS[kind][category][lang])
          : null;
    const id = ids.newId();
    const receivedAt = new Date(at);
    feedbackRows.push({
      id,
      orgId,
      kind,
      score,
      comment,
      channel: 'requestId' in via ? 'link' : 'api',
      source: 'source' in via ? via.source : null,
      externalId: 'externalId' in via ? via.externalId : null,
      requestId: 'requestId' in via ? via.requestId : null,
      formId: null,
      accountId: acc.id,
      contactId: contact.id,
      teamId: ids.teams.get(team)!,
      namedUserId: named === null ? null : ids.people[named]!,
      namedText: named === null ? null : company.people[named]!.name,
      // Praise is nearly always shared gladly; none of it has been passed on yet, so the demo shows what is waiting.
      shareAllowed: category === 'promoter' && (named !== null ? rnd.chance(0.85) : rnd.chance(0.5)),
      locale: lang,
      receivedAt,
      passedOnPostId: null,
      passedOnBy: null,
      passedOnAt: null,
    });

    const detractor = kind === 'nps' ? score <= CUSTOMER_DEFAULTS.detractorMax : score <= CUSTOMER_DEFAULTS.csatDetractorMax;
    const age = (now - at) / DAY;
    if (!detractor || age > 120) {
      return;
    }
    // Recent detractors have their follow-up: the older ones mostly done, the newest still open.
    const requester = 'userId' in via ? via.userId : null;
    const owner =
      requester !== null && teamOfPerson(requester) === team
        ? requester
        : rnd.chance(0.5)
          ? leadOf(team)
          : rnd.pick(inTeam.length > 0 ? inTeam : [leadOf(team)]);
    const status =
      age > 45
        ? rnd.chance(0.9)
          ? 'done'
          : 'in_progress'
        : age > 14
          ? rnd.weighted([
              ['done', 5],
              ['in_progress', 3],
              ['open', 2],
            ] as const)
          : rnd.chance(0.6)
            ? 'open'
            : 'in_progress';
    const followupId = ids.newId();
    const dueOn = isoDay(new Date(at + CUSTOMER_DEFAULTS.followupDays * DAY));
    const ownerLang = company.people[owner]!.locale;
    let last = at;
    const note = (kindOfNote: 'done' | 'progress', when: number) => {
      last = Math.min(when, now - 3_600_000);
      noteRows.push({
        id: ids.newId(),
        orgId,
        followupId,
        authorId: ids.people[owner]!,
        body: fill(rnd.pick(NOTES[kindOfNote][ownerLang]), { contact: contact.first }),
        createdAt: new Date(last),
      });
    };
    if (status === 'in_progress' || (status === 'done' && rnd.chance(0.4))) {
      note('progress', at + (0.2 + rnd.next() * 1.5) * DAY);
    }
    if (status === 'done') {
      note('done', last + (1 + rnd.next() * 9) * DAY);
    }
    followupRows.push({
      id: followupId,
      orgId,
      feedbackId: id,
      accountId: acc.id,
      teamId: ids.teams.get(team)!,
      ownerId: ids.people[owner]!,
      status,
      dueOn,
      createdAt: receivedAt,
      updatedAt: new Date(last),
      closedAt: status === 'done' ? new Date(last) : null,
    });
  };

  for (const acc of accounts) {
    const rnd = acc.rnd;
    const start = Math.max(acc.since, historyStart);
    const end = acc.lost ?? now;
    if (end <= start) {
      continue;
    }
    const months = (end - start) / (30.4 * DAY);
    const reachable = acc.contacts.filter((c) => !c.optedOut);

    // The interaction log: meetings, calls, tickets and notes by the people who serve the account.
    const n = Math.round(months * INTERACTIONS_PER_MONTH[acc.size] * (0.6 + rnd.next() * 0.8));
    const times = Array.from({ length: n }, () => start + rnd.next() * (end - start)).sort((x, y) => x - y);
    for (const t of times) {
      const kind = rnd.weighted([
        ['meeting', 20],
        ['call', 30],
        ['ticket', 35],
        ['note', 15],
      ] as const);
      const user = rnd.pick(acc.people);
      const team = acc.teams.includes(teamOfPerson(user) ?? '') ? teamOfPerson(user)! : acc.teams[0]!;
      const contact = kind !== 'note' || rnd.chance(0.3) ? rnd.pick(acc.contacts) : null;
      const occurredAt = duringWork(rnd, t);
      interactionRows.push({
        id: ids.newId(),
        orgId,
        accountId: acc.id,
        contactId: contact?.id ?? null,
        kind,
        summary: fill(rnd.pick(SUMMARIES[kind][acc.locale]), { contact: contact?.first ?? acc.contacts[0]!.first }),
        teamId: ids.teams.get(team)!,
        userId: ids.people[user]!,
        externalId: null,
        occurredAt,
        createdBy: ids.people[user]!,
        createdAt: occurredAt,
      });
      // Some tickets are followed by a satisfaction question from the help desk.
      const answeredAt = occurredAt.getTime() + (0.1 + rnd.next() * 2.5) * DAY;
      if (kind === 'ticket' && contact && !contact.optedOut && answeredAt < end && rnd.chance(0.22)) {
        ticketNo += 1 + rnd.int(40);
        addFeedback(acc, contact, 'csat', team, answeredAt, { source: 'Zendesk', externalId: `ZD-${ticketNo}` });
      }
    }

    // The quarterly NPS survey: every reachable contact is asked through a single-use link; about half answer.
    const first = new Date(start);
    for (
      let q = Date.UTC(first.getUTCFullYear(), Math.floor(first.getUTCMonth() / 3) * 3 + 3, 1);
      q < end;
      q = Date.UTC(new Date(q).getUTCFullYear(), new Date(q).getUTCMonth() + 3, 1)
    ) {
      const sentAt = duringWork(rnd, q + (1 + rnd.int(5)) * DAY);
      if (sentAt.getTime() >= end) {
        continue;
      }
      for (const contact of reachable) {
        const team = acc.teams.length > 1 && rnd.chance(0.3) ? acc.teams[1]! : acc.teams[0]!;
        const inTeam = acc.people.filter((i) => teamOfPerson(i) === team);
        const asker = inTeam.length > 0 ? rnd.pick(inTeam) : null;
        const requestId = ids.newId();
        const answeredAt = sentAt.getTime() + (0.05 + rnd.next() ** 2 * 20) * DAY;
        const answers = rnd.chance(0.55) && answeredAt < Math.min(end, now);
        requestRows.push({
          id: requestId,
          orgId,
          accountId: acc.id,
          contactId: contact.id,
          kind: 'nps',
          // Only the hash of a token is kept; the demo's links were never sent, so the tokens are thrown away.
          tokenHash: hashSecret(newSecret()),
          teamId: ids.teams.get(team)!,
          userId: asker === null ? null : ids.people[asker]!,
          interactionId: null,
          locale: contact.locale,
          createdBy: asker === null ? null : ids.people[asker]!,
          createdAt: sentAt,
          expiresAt: new Date(sentAt.getTime() + CUSTOMER_DEFAULTS.requestDays * DAY),
          answeredAt: answers ? new Date(answeredAt) : null,
        });
        if (answers) {
          addFeedback(acc, contact, 'nps', team, answeredAt, { requestId, userId: asker });
        }
      }
    }
  }

  await insertAll(trx, 'customerAccounts', accountRows);
  await insertAll(trx, 'customerContacts', contactRows);
  await insertAll(trx, 'customerAccountTeams', teamRows);
  await insertAll(trx, 'customerAccountPeople', peopleRows);
  await insertAll(trx, 'customerInteractions', interactionRows);
  await insertAll(trx, 'customerFeedbackRequests', requestRows);
  await insertAll(trx, 'customerFeedback', feedbackRows);
  await insertAll(trx, 'customerFollowups', followupRows);
  await insertAll(trx, 'customerFollowupNotes', noteRows);
  return {
    accounts: accountRows.length,
    contacts: contactRows.length,
    interactions: interactionRows.length,
    feedback: feedbackRows.length,
    followups: followupRows.length,
  };
}
