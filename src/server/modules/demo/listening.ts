import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { hashSecret, newSecret } from '../../platform/ids.js';
import { BANK_BY_KEY, QUESTION_BANK, type Driver, type QuestionKind } from '../../../shared/listening.js';
import { closeRound, openRound, sheetId, type SurveyAudience } from '../listening/rounds.js';
import type { AnswerInput } from '../listening/sheets.js';
import { Random, type DemoCompany, type DemoPerson } from './generate.js';

/**
 * The demo company's employee listening: a quarterly engagement survey with two closed rounds, a
 * weekly pulse (several closed rounds and one open), a company check-in, a few shared action plans and
 * two anonymous feedback conversations. Answers go through the same round and sheet functions as the
 * app, so they are stored exactly as real ones are (anonymous sheets under generalised groups, who
 * answered forgotten when a round closes). Scores are noisy and differ by department: Customer Success
 * is clearly lower on workload and wellbeing, and a little better in the second engagement round, after
 * the actions taken. Deterministic for a seed, apart from ids; times are offsets before "now".
 */

const DAY = 86_400_000;
type Lang = 'en' | 'it';

export interface ListeningDemoIds {
  orgId: string;
  /** Ids of `company.people`, by index. */
  people: readonly string[];
  /** Department ids by key. */
  departments: ReadonlyMap<string, string>;
  newId: () => string;
  now: Date;
  render: (markdown: string) => { html: string };
}

/** Where each engagement driver sits for the company as a whole, on the 1–5 agreement scale. */
const BASE: Partial<Record<Driver, number>> = {
  recognition: 3.6,
  growth: 3.4,
  management: 3.9,
  peers: 4.1,
  workload: 3.4,
  wellbeing: 3.5,
  alignment: 3.6,
  autonomy: 3.8,
  checkin: 3.7,
};

/** How a department differs from the company, by driver. */
const DEPARTMENT_SHIFT: Record<string, Partial<Record<Driver, number>>> = {
  'customer-success': { workload: -1.4, wellbeing: -1.2, management: -0.3, recognition: -0.3, checkin: -0.9 },
  'sales-italy': { recognition: -0.5, growth: -0.3 },
  'sales-uk': { alignment: 0.3 },
  platform: { autonomy: 0.4, growth: 0.3 },
  'product-engineering': { autonomy: 0.5, workload: -0.2 },
  people: { peers: 0.3, wellbeing: 0.3 },
  operations: { alignment: -0.4 },
  finance: { workload: -0.4, checkin: -0.2 },
  executive: { alignment: 0.6 },
};

/** Two agreement questions for each engagement driver, then eNPS: the engagement survey's bank questions. */
const ENGAGEMENT_KEYS = [
  'recognition.valued',
  'recognition.fair',
  'growth.learning',
  'growth.career',
  'management.support',
  'management.listen',
  'peers.trust',
  'peers.belonging',
  'workload.manageable',
  'workload.time',
  'wellbeing.balance',
  'wellbeing.stress',
  'alignment.strategy',
  'alignment.purpose',
  'autonomy.decide',
  'autonomy.trust',
  'enps.recommend',
];
const ENGAGEMENT_OPEN = 'What is one thing that would make working here better? · Qual è una cosa che renderebbe migliore lavorare qui?';
const PULSE_OPEN = 'Anything you would like to tell us this week? · C’è qualcosa che vuoi dirci questa settimana?';

/** Short comments, by what they are about and language. */
const COMMENTS: Record<string, Record<Lang, string[]>> = {
  workload: {
    en: [
      'The support queue never gets shorter. We need more people, not more overtime.',
      'Too many priorities at once, and everything is urgent.',
      'I have not taken a proper lunch break in weeks.',
      'Please stop adding projects without taking any away.',
      'Weekend on-call every other week is not sustainable.',
    ],
    it: [
      'La coda dei ticket non si accorcia mai. Servono più persone, non più straordinari.',
      'Troppe priorità insieme, e tutto è urgente.',
      'Sono settimane che non faccio una vera pausa pranzo.',
      'Si aggiungono progetti senza mai toglierne nessuno.',
    ],
  },
  wellbeing: {
    en: [
      'I feel tired most evenings. Something has to change.',
      'Hard to switch off when messages keep coming after 8 pm.',
      'Stress is high in our team since the new targets.',
    ],
    it: [
      'La sera sono quasi sempre stanco. Qualcosa deve cambiare.',
      'Difficile staccare quando i messaggi arrivano anche dopo le 20.',
      'Da quando ci sono i nuovi obiettivi lo stress è alto.',
    ],
  },
  recognition: {
    en: ['Good work often goes unnoticed unless it is in front of a customer.', 'A simple thank you from leadership would go a long way.'],
    it: ['Il lavoro fatto bene spesso passa inosservato.', 'Un semplice grazie da parte della direzione farebbe la differenza.'],
  },
  growth: {
    en: ['I would love a clearer career path and some training budget.', 'Hard to see how to grow here without changing teams.'],
    it: [
      'Mi piacerebbe un percorso di carriera più chiaro e un budget per la formazione.',
      'Non è chiaro come crescere qui senza cambiare team.',
    ],
  },
  alignment: {
    en: ['Not sure where the company is heading this year. More updates, please.'],
    it: ['Non è chiaro dove stia andando l’azienda quest’anno. Più aggiornamenti, per favore.'],
  },
  positive: {
    en: [
      'Great team, great manager. Keep the Friday demos!',
      'I really like the flexibility we have on remote days.',
      'Onboarding was smooth and people are always happy to help.',
      'Proud of what we shipped this quarter.',
      'Good week overall, thanks for asking.',
    ],
    it: [
      'Ottimo team e ottimo responsabile. Teniamo le demo del venerdì!',
      'Apprezzo molto la flessibilità sui giorni da remoto.',
      'I colleghi sono sempre disponibili ad aiutare.',
      'Settimana buona, grazie per averlo chiesto.',
    ],
  },
};

/** A standard normal number (Box–Muller). */
function normal(rnd: Random): number {
  const u = 1 - rnd.next();
  const v = rnd.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(x)));

/** Fisher–Yates, in place. */
function shuffle<T>(rnd: Random, list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i -= 1) {
    const j = rnd.int(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

interface Question {
  id: string;
  kind: QuestionKind;
  driver: Driver | null;
}

/** How one person tends to feel: a personal lean plus their department's differences. */
interface Mood {
  bias: number;
  lang: Lang;
  department: string;
}

function latent(mood: Mood, driver: Driver, shift: (department: string, driver: Driver) => number): number {
  return (BASE[driver] ?? 3.6) + (DEPARTMENT_SHIFT[mood.department]?.[driver] ?? 0) + shift(mood.department, driver) + mood.bias;
}

/**
 * One person's answers to a round's questions: agreement answers around their latent score, eNPS from
 * how they feel overall, and now and then a comment about what troubles them most (or a kind word).
 */
function answersFor(
  rnd: Random,
  mood: Mood,
  questions: readonly Question[],
  commentChance: number,
  shift: (department: string, driver: Driver) => number,
): AnswerInput[] {
  const answers: AnswerInput[] = [];
  const scores = new Map<Driver, number>();
  for (const q of questions) {
    if (q.kind === 'scale5' && q.driver) {
      const value = clamp(latent(mood, q.driver, shift) + normal(rnd) * 0.85, 1, 5);
      scores.set(q.driver, Math.min(scores.get(q.driver) ?? 5, value));
      answers.push({ questionId: q.id, value });
    }
  }
  const drivers = Object.keys(BASE).filter((d) => d !== 'checkin') as Driver[];
  const overall = drivers.reduce((sum, d) => sum + latent(mood, d, shift), 0) / drivers.length;
  for (const q of questions) {
    if (q.kind === 'scale10') {
      answers.push({ questionId: q.id, value: clamp((overall - 1) * 2.5 + 1.3 + normal(rnd) * 1.3, 0, 10) });
    }
  }
  for (const q of questions) {
    if (q.kind === 'text' && rnd.chance(commentChance)) {
      const worst = [...scores].sort((a, b) => a[1] - b[1])[0];
      const theme =
        worst && worst[1] <= 2 && COMMENTS[worst[0]] ? worst[0] : worst && worst[1] >= 4 ? 'positive' : rnd.pick(Object.keys(COMMENTS));
      answers.push({ questionId: q.id, text: rnd.pick(COMMENTS[theme]![mood.lang]) });
    }
  }
  return answers;
}

/** Above this many people, the demo's surveys ask a pilot group of about this size, so that a large demo still loads quickly. */
export const LISTENING_PILOT = 500;

/**
 * Who the demo's surveys ask: everyone (null) in a company of up to `cap` people; in a larger one a
 * pilot group of about `cap`, as the lines of managers of small teams: first the teams of the people
 * who try the demo, then, in turn in each department, teams whose members lead no one. Returns
 * the managers' indexes.
 */
export function pilotManagers(company: DemoCompany, cap = LISTENING_PILOT): number[] | null {
  const people = company.people;
  if (people.length <= cap) {
    return null;
  }
  const reports = people.map(() => 0);
  const line = people.map(() => 0);
  for (let i = people.length - 1; i >= 0; i -= 1) {
    const m = people[i]!.managerIndex;
    if (m !== null) {
      reports[m]! += 1;
      line[m]! += 1 + line[i]!;
    }
  }
  const small = (i: number) => reports[i]! > 0 && line[i] === reports[i];
  const chosen: number[] = [];
  let total = 0;
  const take = (i: number) => {
    if (!chosen.includes(i)) {
      chosen.push(i);
      total += line[i]!;
    }
  };
  for (const s of company.signIns) {
    const m = people[s.index]!.managerIndex;
    if (m !== null && line[m]! <= 60) {
      take(m);
    }
  }
  const queues = new Map(company.departments.map((d) => [d.key, [] as number[]]));
  people.forEach((p, i) => small(i) && queues.get(p.departmentKey)?.push(i));
  while (total < cap && [...queues.values()].some((q) => q.length > 0)) {
    for (const q of queues.values()) {
      const next = q.shift();
      if (next !== undefined && total < cap) {
        take(next);
      }
    }
  }
  return chosen;
}

interface SurveySpec {
  kind: 'survey' | 'pulse' | 'checkin';
  title: string;
  intro: string;
  commentThreshold: number;
  recurrence: 'none' | 'weekly';
  rotateCount: number;
  roundDays: number;
  /** Bank keys, or open-text questions written by HR. */
  questions: { bankKey?: string; text?: string; pool?: boolean }[];
}

/** Writes a survey and its questions as HR would have built them; returns its id. */
async function insertSurvey(
  trx: Transaction<DB>,
  ids: ListeningDemoIds,
  spec: SurveySpec,
  audience: SurveyAudience,
  createdBy: string,
  startsAt: Date,
): Promise<string> {
  const id = ids.newId();
  await trx
    .insertInto('surveys')
    .values({
      id,
      orgId: ids.orgId,
      kind: spec.kind,
      title: spec.title,
      intro: spec.intro,
      anonymity: 'anonymous',
      threshold: 5,
      commentThreshold: spec.commentThreshold,
      audience: JSON.stringify(audience),
      recurrence: spec.recurrence,
      rotateCount: spec.rotateCount,
      status: 'scheduled',
      startsAt,
      roundDays: spec.roundDays,
      reminderDays: spec.kind === 'checkin' ? [] : [2],
      createdBy,
      createdAt: new Date(startsAt.getTime() - 3 * DAY),
    })
    .execute();
  await trx
    .insertInto('surveyQuestions')
    .values(
      spec.questions.map((q, position) => {
        const bank = q.bankKey ? BANK_BY_KEY.get(q.bankKey) : undefined;
        return {
          id: ids.newId(),
          surveyId: id,
          position,
          kind: bank?.kind ?? 'text',
          driver: bank?.driver ?? null,
          bankKey: bank?.key ?? null,
          text: bank?.en ?? q.text ?? '',
          options: JSON.stringify([]),
          required: bank !== undefined && bank.kind !== 'text',
          pool: q.pool ?? false,
        };
      }),
    )
    .execute();
  return id;
}

/** Rows per INSERT: far below PostgreSQL's parameter limit, few round trips. */
const CHUNK = 1000;

/**
 * Stores many people's answers to an open round, as `recordSheet` (sheets.ts) stores one person's, in
 * a few statements instead of three per person: each is marked as having answered, and their answers
 * go on a sheet with a random id under their stored group, with no person, session or time. For
 * anonymous surveys (no owners kept). Entries come in the order people answer.
 */
async function recordSheets(
  trx: Transaction<DB>,
  roundId: string,
  entries: readonly { userId: string; answers: readonly AnswerInput[] }[],
): Promise<void> {
  for (let i = 0; i < entries.length; i += CHUNK) {
    const part = entries.slice(i, i + CHUNK);
    const marked = await trx
      .updateTable('surveyAudience')
      .set({ answered: true })
      .where('roundId', '=', roundId)
      .where(
        'userId',
        'in',
        part.map((e) => e.userId),
      )
      .where('answered', '=', false)
      .returning(['userId', 'departmentId', 'teamId', 'lineId', 'locationId'])
      .execute();
    const groups = new Map(marked.map(({ userId, ...group }) => [userId, group]));
    const sheets = [];
    const answers = [];
    for (const e of part) {
      const group = groups.get(e.userId);
      if (!group) {
        continue;
      }
      const id = sheetId();
      sheets.push({ id, roundId, ...group });
      answers.push(...e.answers.map((a) => ({ sheetId: id, questionId: a.questionId, value: a.value ?? null, text: a.text ?? null })));
    }
    if (sheets.length > 0) {
      await trx.insertInto('surveySheets').values(sheets).execute();
    }
    for (let j = 0; j < answers.length; j += CHUNK * 2) {
      await trx
        .insertInto('surveyAnswers')
        .values(answers.slice(j, j + CHUNK * 2))
        .execute();
    }
  }
}

/**
 * Runs one round: opens it at `opensAt` (snapshotting who is invited and their stored groups), records
 * the answers of those who respond, and closes it (forgetting who answered) unless it is still running
 * at `now`.
 */
async function runRound(
  trx: Transaction<DB>,
  rnd: Random,
  surveyId: string,
  opensAt: Date,
  closesAt: Date,
  now: Date,
  byIndex: (a: string, b: string) => number,
  respond: (userId: string) => { answers: (questions: readonly Question[]) => AnswerInput[] } | null,
): Promise<void> {
  const { roundId, userIds } = await openRound(trx, surveyId, opensAt, closesAt);
  const round = await trx.selectFrom('surveyRounds').select('questionIds').where('id', '=', roundId).executeTakeFirstOrThrow();
  const rows = await trx.selectFrom('surveyQuestions').select(['id', 'kind', 'driver']).where('id', 'in', round.questionIds).execute();
  const byId = new Map(rows.map((q) => [q.id, q]));
  const questions = round.questionIds.map((id) => byId.get(id)!);
  // People answer in a shuffled order, as they would through the week (shuffled from a fixed order, so
  // that the same seed gives the same answers).
  const entries = shuffle(rnd, [...userIds].sort(byIndex)).flatMap((userId) => {
    const who = respond(userId);
    return who ? [{ userId, answers: who.answers(questions) }] : [];
  });
  await recordSheets(trx, roundId, entries);
  if (closesAt.getTime() <= now.getTime()) {
    await closeRound(trx, roundId);
  }
}

/** Loads the demo's listening data inside the demo's transaction. */
export async function loadListening(trx: Transaction<DB>, company: DemoCompany, seed: number, ids: ListeningDemoIds): Promise<void> {
  const rnd = new Random(seed + 5);
  const now = ids.now;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const index = new Map(ids.people.map((id, i) => [id, i]));
  const person = (userId: string): DemoPerson => company.people[index.get(userId)!]!;
  const byIndex = (a: string, b: string) => index.get(a)! - index.get(b)!;
  const signIn = (role: DemoCompany['signIns'][number]['role']) => company.signIns.find((s) => s.role === role)!.index;
  const headOf = (department: string) => {
    const i = company.people.findIndex((p) => p.departmentKey === department && p.teamKey === null);
    return i >= 0 ? i : 0;
  };
  const hr = ids.people[signIn('hr')]!;
  const manager = ids.people[signIn('manager')]!;
  // The people who try the demo find the open pulse still waiting for them.
  const tryOut = new Set(company.signIns.map((s) => ids.people[s.index]!));

  const pilot = pilotManagers(company);
  const audience: SurveyAudience = pilot ? { lineOf: pilot.map((i) => ids.people[i]!) } : { all: true };

  const moods = new Map<string, Mood>(
    ids.people.map((id, i) => {
      const p = company.people[i]!;
      return [id, { bias: normal(rnd) * 0.55, lang: p.locale, department: p.departmentKey }];
    }),
  );
  const moodOf = (userId: string) => moods.get(userId)!;
  const responds = (userId: string, rate: number, stressedRate: number) =>
    rnd.chance(person(userId).departmentKey === 'customer-success' ? stressedRate : rate);

  await trx
    .insertInto('listeningSettings')
    .values({ orgId: ids.orgId, threshold: 5, commentThreshold: 5, leadershipIds: [ids.people[0]!] })
    .execute();

  // The quarterly engagement survey: two rounds about three months apart, both closed.
  const engagement = await insertSurvey(
    trx,
    ids,
    {
      kind: 'survey',
      title: 'Quarterly engagement survey',
      intro:
        'Fifteen minutes to tell us how it is really going. Your answers are anonymous: nobody, not even HR, can see who wrote what. · Quindici minuti per dirci come va davvero. Le risposte sono anonime: nessuno, nemmeno le Risorse Umane, può sapere chi ha scritto cosa.',
      commentThreshold: 8,
      recurrence: 'none',
      rotateCount: 0,
      roundDays: 14,
      questions: [...ENGAGEMENT_KEYS.map((bankKey) => ({ bankKey })), { text: ENGAGEMENT_OPEN }],
    },
    audience,
    hr,
    ago(120),
  );
  for (const [opened, round] of [
    [120, 0],
    [29, 1],
  ] as const) {
    // After the first round Customer Success got help: the second round is a little better there.
    const shift = (department: string, driver: Driver) =>
      round === 1 && department === 'customer-success' && (driver === 'workload' || driver === 'wellbeing') ? 0.35 : 0;
    await runRound(trx, rnd, engagement, ago(opened), ago(opened - 14), now, byIndex, (userId) =>
      responds(userId, 0.86, 0.76) ? { answers: (qs) => answersFor(rnd, moodOf(userId), qs, 0.3, shift) } : null,
    );
  }
  await trx
    .updateTable('surveys')
    .set({ status: 'ended', endsAt: ago(15), updatedAt: ago(15) })
    .where('id', '=', engagement)
    .execute();

  // The weekly pulse: three rotating bank questions and eNPS every week; five weeks closed, this week open.
  const drivers = QUESTION_BANK.filter((q) => q.kind === 'scale5' && q.driver !== 'checkin').map((q) => q.key);
  const weeks = 6;
  const firstOpen = 2 + (weeks - 1) * 7;
  const pulse = await insertSurvey(
    trx,
    ids,
    {
      kind: 'pulse',
      title: 'Weekly pulse',
      intro: 'Four quick questions, every Monday. · Quattro domande veloci, ogni lunedì.',
      commentThreshold: 5,
      recurrence: 'weekly',
      rotateCount: 3,
      roundDays: 5,
      questions: [{ bankKey: 'enps.recommend' }, ...drivers.map((bankKey) => ({ bankKey, pool: true })), { text: PULSE_OPEN }],
    },
    audience,
    hr,
    ago(firstOpen),
  );
  for (let week = 0; week < weeks; week += 1) {
    const opened = firstOpen - week * 7;
    const open = week === weeks - 1;
    // Wellbeing edges up over the weeks; fewer people answer towards the end of a busy month.
    const shift = (_: string, driver: Driver) => (driver === 'wellbeing' ? week * 0.05 : 0);
    const rate = open ? 0.45 : 0.6 + rnd.next() * 0.15;
    await runRound(trx, rnd, pulse, ago(opened), ago(opened - 5), now, byIndex, (userId) =>
      (!open || !tryOut.has(userId)) && responds(userId, rate, rate - 0.1)
        ? { answers: (qs) => answersFor(rnd, moodOf(userId), qs, 0.15, shift) }
        : null,
    );
  }

  // A company check-in three weeks ago, after a hard month.
  const checkin = await insertSurvey(
    trx,
    ids,
    {
      kind: 'checkin',
      title: 'How are you doing? · Come stai?',
      intro: '',
      commentThreshold: 5,
      recurrence: 'none',
      rotateCount: 0,
      roundDays: 3,
      questions: [{ bankKey: 'checkin.feeling' }, { bankKey: 'checkin.comment' }],
    },
    audience,
    hr,
    ago(21),
  );
  await runRound(trx, rnd, checkin, ago(21), ago(18), now, byIndex, (userId) =>
    responds(userId, 0.72, 0.68) ? { answers: (qs) => checkinAnswers(rnd, moodOf(userId), qs) } : null,
  );
  await trx
    .updateTable('surveys')
    .set({ status: 'ended', endsAt: ago(18), updatedAt: ago(18) })
    .where('id', '=', checkin)
    .execute();

  await insertActions(trx, ids, { engagement, pulse, hr, manager, headOf, ago });
  await insertConversations(trx, ids, { hr, manager, ago });
}

function checkinAnswers(rnd: Random, mood: Mood, questions: readonly Question[]): AnswerInput[] {
  const answers: AnswerInput[] = [];
  let feeling = 3;
  for (const q of questions) {
    if (q.kind === 'scale5') {
      feeling = clamp(latent(mood, 'checkin', () => 0) + normal(rnd) * 0.9, 1, 5);
      answers.push({ questionId: q.id, value: feeling });
    } else if (q.kind === 'text' && rnd.chance(0.3)) {
      const theme = feeling <= 2 ? rnd.pick(['workload', 'wellbeing']) : 'positive';
      answers.push({ questionId: q.id, text: rnd.pick(COMMENTS[theme]![mood.lang]) });
    }
  }
  return answers;
}

/** Action plans written after the engagement survey, most of them shared, one still a draft. */
async function insertActions(
  trx: Transaction<DB>,
  ids: ListeningDemoIds,
  ctx: {
    engagement: string;
    pulse: string;
    hr: string;
    manager: string;
    headOf: (department: string) => number;
    ago: (days: number) => Date;
  },
): Promise<void> {
  const { ago } = ctx;
  const inDays = (days: number) => ago(-days).toISOString().slice(0, 10);
  const csHead = ids.people[ctx.headOf('customer-success')]!;
  const italyHead = ids.people[ctx.headOf('sales-italy')]!;
  const plans: {
    title: string;
    description: string;
    status: 'planned' | 'in_progress' | 'done';
    /** Days from now; negative when it was due already. */
    due: number;
    driver: Driver;
    surveyId: string | null;
    scope: ['company' | 'department' | 'line', string | null];
    by: string;
    owner: string;
    sharedDaysAgo: number | null;
  }[] = [
    {
      title: 'No internal meetings on Friday afternoons',
      description:
        'Many of you told us that the week never ends. From next month, **Friday afternoons are for focused work**: no internal meetings after 1 pm, anywhere in the company.\n\nCustomer calls are of course still fine.',
      status: 'in_progress',
      due: 30,
      driver: 'workload',
      surveyId: ctx.engagement,
      scope: ['company', null],
      by: ctx.hr,
      owner: ctx.hr,
      sharedDaysAgo: 12,
    },
    {
      title: 'Two more people on the support desk before the spring peak',
      description:
        'Workload and wellbeing scores in Customer Success were the lowest in the company. What we are doing:\n\n- hire two Support Specialists (interviews are under way)\n- weekend on-call every fourth week instead of every other\n- a monthly check-in on the queue with the whole team',
      status: 'in_progress',
      due: 45,
      driver: 'wellbeing',
      surveyId: ctx.engagement,
      scope: ['department', ids.departments.get('customer-success') ?? null],
      by: ctx.hr,
      owner: csHead,
      sharedDaysAgo: 10,
    },
    {
      title: 'A learning budget of €500 for everyone',
      description: 'Books, courses, conferences: ask with the one-page form on the intranet and your manager approves it within a week.',
      status: 'done',
      due: -10,
      driver: 'growth',
      surveyId: ctx.engagement,
      scope: ['company', null],
      by: ctx.hr,
      owner: ctx.hr,
      sharedDaysAgo: 8,
    },
    {
      title: 'Riunione mensile sugli obiettivi con tutto il team vendite',
      description: 'Ogni primo lunedì del mese: dove siamo rispetto agli obiettivi, cosa è cambiato e **chi merita un grazie**.',
      status: 'planned',
      due: 35,
      driver: 'recognition',
      surveyId: ctx.engagement,
      scope: ['line', italyHead],
      by: italyHead,
      owner: italyHead,
      sharedDaysAgo: 5,
    },
    {
      title: 'A thank-you round at the end of every retro',
      description: 'Five minutes at the end of each retrospective to thank someone for something specific.',
      status: 'planned',
      due: 20,
      driver: 'recognition',
      surveyId: ctx.pulse,
      scope: ['line', ctx.manager],
      by: ctx.manager,
      owner: ctx.manager,
      sharedDaysAgo: 3,
    },
    {
      title: 'Fortnightly one-to-ones for everyone in the team',
      description: 'Thirty minutes every other week, your agenda first.',
      status: 'planned',
      due: 40,
      driver: 'management',
      surveyId: ctx.pulse,
      scope: ['line', ctx.manager],
      by: ctx.manager,
      owner: ctx.manager,
      sharedDaysAgo: null,
    },
  ];
  await trx
    .insertInto('listeningActions')
    .values(
      plans
        .filter((p) => p.scope[0] !== 'department' || p.scope[1] !== null)
        .map((p, i) => ({
          id: ids.newId(),
          orgId: ids.orgId,
          surveyId: p.surveyId,
          driver: p.driver,
          title: p.title,
          description: p.description,
          descriptionHtml: ids.render(p.description).html,
          ownerId: p.owner,
          dueOn: inDays(p.due),
          status: p.status,
          scopeKind: p.scope[0],
          scopeId: p.scope[1],
          sharedAt: p.sharedDaysAgo === null ? null : ago(p.sharedDaysAgo),
          createdBy: p.by,
          createdAt: ago(14 - i),
          updatedAt: ago(p.sharedDaysAgo ?? 1),
        })),
    )
    .execute();
}

/**
 * Two anonymous conversations: one with a manager, one with HR. The writers' keys are random and kept
 * nowhere (a key derived from the demo's seed could be recomputed by anyone and used to write as them).
 */
async function insertConversations(
  trx: Transaction<DB>,
  ids: ListeningDemoIds,
  ctx: { hr: string; manager: string; ago: (days: number) => Date },
): Promise<void> {
  const day = (daysAgo: number) => ctx.ago(daysAgo).toISOString().slice(0, 10);
  const threads: {
    kind: 'manager' | 'hr';
    recipientId: string | null;
    subject: string;
    messages: { from: 'writer' | 'recipient'; body: string; daysAgo: number }[];
  }[] = [
    {
      kind: 'manager',
      recipientId: ctx.manager,
      subject: 'Sprint planning feels rushed',
      messages: [
        {
          from: 'writer',
          body: 'Planning has been squeezed into 30 minutes lately and we commit to more than we can finish. Then the last days of the sprint are stressful for everyone.',
          daysAgo: 9,
        },
        {
          from: 'recipient',
          body: 'Thank you for telling me, and for telling me this way if it feels safer. You are right that we have been rushing it. Would a full hour, with the estimates done the day before, help?',
          daysAgo: 8,
        },
        {
          from: 'writer',
          body: 'Yes, I think so. And leaving some room for the bugs that always come in would help too.',
          daysAgo: 6,
        },
        {
          from: 'recipient',
          body: 'Agreed. From the next sprint we keep 20% free for unplanned work. I will ask the team in the retro how it goes.',
          daysAgo: 5,
        },
      ],
    },
    {
      kind: 'hr',
      recipientId: null,
      subject: 'Battute fuori luogo durante le riunioni di reparto',
      messages: [
        {
          from: 'writer',
          body: 'Nelle riunioni di reparto capita spesso che si facciano battute sull’aspetto delle colleghe. Nessuno dice niente, ma non è piacevole.',
          daysAgo: 4,
        },
        {
          from: 'recipient',
          body: 'Grazie per avercelo scritto. È un comportamento che non accettiamo. Puoi dirci in quale sede succede, senza dare altri dettagli? Ci aiuta a intervenire senza esporre nessuno.',
          daysAgo: 3,
        },
        { from: 'writer', body: 'Succede nella sede di Milano, nelle riunioni del lunedì.', daysAgo: 2 },
      ],
    },
  ];
  for (const t of threads) {
    const id = ids.newId();
    const first = t.messages[0]!;
    const last = t.messages.at(-1)!;
    await trx
      .insertInto('feedbackThreads')
      .values({
        id,
        orgId: ids.orgId,
        recipientKind: t.kind,
        recipientId: t.recipientId,
        writerKeyHash: hashSecret(newSecret()),
        subject: t.subject,
        status: 'open',
        writerUnread: last.from === 'recipient',
        recipientUnread: last.from === 'writer',
        startedOn: day(first.daysAgo),
        activityOn: day(last.daysAgo),
      })
      .execute();
    await trx
      .insertInto('feedbackMessages')
      .values(
        t.messages.map((m, i) => ({
          id: ids.newId(),
          threadId: id,
          seq: i + 1,
          sender: m.from,
          authorId: m.from === 'recipient' ? (t.recipientId ?? ctx.hr) : null,
          body: m.body,
          bodyHtml: ids.render(m.body).html,
          sentOn: day(m.daysAgo),
        })),
      )
      .execute();
  }
}
