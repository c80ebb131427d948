import type { DemoCompany } from './generate.js';
import { Random } from './generate.js';
import { REACTIONS, type Reaction } from '../../../shared/social.js';
import type { BadgeIcon } from '../../../shared/recognition.js';

/**
 * The demo company's recognition: its values, about three months of kudos between colleagues (within
 * teams, from managers to their people, across departments, to whole teams; public ones posted in All
 * company, private ones not), the points they moved, a reward catalogue and a few badges. Pure and
 * deterministic like the company; times are offsets before "now". Every gift fits the giver's
 * monthly allowance and the per-recipient limit of the default settings, as if given through the app.
 */

/** The default settings' numbers the history respects (see recognition.settings.ts). */
const ALLOWANCE = 100;
const RECIPIENT_LIMIT = { points: 50, days: 30 } as const;
/** How far back the history goes: a little over three months, so that some people were last thanked before the 90-day mark. */
const HISTORY_DAYS = 105;
const MINUTES_PER_DAY = 24 * 60;

export interface DemoValue {
  key: string;
  name: string;
  description: string;
  emoji: string;
}

export const DEMO_VALUES: DemoValue[] = [
  {
    key: 'customer',
    name: 'Customer first · Il cliente al centro',
    description: 'We start from what the customer needs, and we tell them the truth when we cannot do it.',
    emoji: '🤝',
  },
  { key: 'craft', name: 'Craft · Fatto bene', description: 'Careful work, finished properly, that others can build on.', emoji: '🛠️' },
  {
    key: 'courage',
    name: 'Courage · Coraggio',
    description: 'Saying the hard thing kindly, trying the new thing, owning the mistake.',
    emoji: '🦁',
  },
  { key: 'together', name: 'Together · Insieme', description: 'Nobody wins alone: we help, share and cover for each other.', emoji: '🧵' },
  {
    key: 'curiosity',
    name: 'Curiosity · Curiosità',
    description: 'Asking why, learning in the open, teaching what we learn.',
    emoji: '🔍',
  },
];

type Lang = 'english' | 'italian';

const MESSAGES: Record<string, Record<Lang, string[]>> = {
  customer: {
    english: [
      'Thank you for turning a difficult call into a **happy customer**. You listened first, and it showed.',
      'The Rossi account renewed today, and they named you in the e-mail. Thank you for all the follow-ups nobody saw.',
      'You drove to the warehouse on a Friday evening so a customer would have their order on Monday. Above and beyond.',
    ],
    italian: [
      'Grazie per aver trasformato una telefonata difficile in un **cliente contento**. Hai ascoltato prima di rispondere.',
      'Il cliente di Bologna ha rinnovato e ti ha citato nella mail. Grazie per tutta la pazienza.',
      "Hai seguito quel reclamo fino in fondo, anche quando non era compito tuo. Il cliente se n'è accorto.",
    ],
  },
  craft: {
    english: [
      'The new release notes are a joy to read. Careful work, all the way down.',
      'Your migration plan had a rollback for every step, and we needed none of them. Beautiful work.',
      'Thanks for the tidy handover document: I found everything in five minutes.',
    ],
    italian: [
      'Il nuovo report mensile è chiarissimo. Lavoro fatto con cura, dall’inizio alla fine.',
      'Grazie per la documentazione del processo: finalmente tutti sanno cosa fare.',
      'Il prototipo era curato in ogni dettaglio. Complimenti davvero!',
    ],
  },
  courage: {
    english: [
      'You said what everyone was thinking in the review, kindly and clearly. Thank you.',
      'Owning that mistake in front of the whole team made it safe for the rest of us. Respect.',
      'You volunteered to present to the board on two days’ notice, and nailed it.',
    ],
    italian: [
      'Hai detto in riunione quello che tutti pensavano, con gentilezza e chiarezza. Grazie.',
      'Ci vuole coraggio a proporre un modo nuovo di lavorare. Grazie per averci provato.',
    ],
  },
  together: {
    english: [
      'You covered my shifts without being asked while I was off. That is what a team is.',
      'Thanks for staying on the call until the last order was out. We did it together.',
      'Your onboarding buddy sessions made my first month so much easier. Thank you!',
    ],
    italian: [
      'Mi hai sostituito senza che te lo chiedessi mentre ero a casa. Questo è fare squadra.',
      'Grazie per aver dato una mano al magazzino durante il picco di ordini!',
      'Grazie per avermi accolto così bene nel team: il primo mese è volato.',
    ],
  },
  curiosity: {
    english: [
      'Your deep dive into the returns data found the real cause. Brilliant question to ask.',
      'Thanks for the lunch-and-learn on pricing: I finally understand our margins.',
    ],
    italian: [
      "La tua analisi sui resi ha trovato la vera causa. Un'ottima domanda da porsi.",
      'Grazie per la presentazione sul nuovo gestionale: ho imparato un sacco.',
    ],
  },
  '': {
    english: ['Thanks for your help this week!', 'Thank you for always being there when things get busy.', 'Great job on the launch!'],
    italian: ['Grazie per l’aiuto di questa settimana!', 'Grazie perché ci sei sempre quando serve.', 'Ottimo lavoro sul lancio!'],
  },
};

const TEAM_MESSAGES: Record<Lang, string[]> = {
  english: ['What a quarter, team. Every one of you made it happen.', 'Thank you all for pulling together on the stock count weekend.'],
  italian: ['Che trimestre, squadra! Ognuno di voi ha fatto la differenza.', "Grazie a tutti per l'impegno nel weekend dell'inventario."],
};

/** Points one person may give each recipient of one kudos: mostly small amounts, as people give in practice. */
const POINTS: readonly (readonly [number, number])[] = [
  [0, 3],
  [5, 4],
  [10, 5],
  [15, 2],
  [20, 2],
  [25, 1],
];

export interface DemoReward {
  name: string;
  description: string;
  cost: number;
  stock: number | null;
  requiresApproval: boolean;
}

export const DEMO_REWARDS: DemoReward[] = [
  {
    name: 'Book of your choice',
    description: 'Any book up to €25, delivered to your office.',
    cost: 80,
    stock: null,
    requiresApproval: false,
  },
  {
    name: 'Donation to a charity',
    description: 'We give €25 to one of the charities our people chose this year.',
    cost: 100,
    stock: null,
    requiresApproval: false,
  },
  {
    name: 'Cinema tickets for two',
    description: 'Two tickets for any cinema of the UCI or Odeon chains.',
    cost: 120,
    stock: 50,
    requiresApproval: false,
  },
  {
    name: 'Fabbrica Aurora hoodie',
    description: 'Organic cotton, in navy or grey, sizes XS to XXL.',
    cost: 150,
    stock: 40,
    requiresApproval: false,
  },
  {
    name: 'Aperitivo for your team',
    description: 'Drinks and snacks for your team, up to €150. Your manager helps you book it.',
    cost: 400,
    stock: null,
    requiresApproval: true,
  },
  {
    name: 'Coffee with the CEO',
    description: 'An hour with Fabbrica Aurora’s CEO to talk about anything you like.',
    cost: 300,
    stock: 6,
    requiresApproval: true,
  },
  {
    name: 'An extra day off',
    description: 'One more day of holiday this year, agreed with your manager.',
    cost: 500,
    stock: null,
    requiresApproval: true,
  },
];

export interface DemoBadge {
  key: string;
  name: string;
  description: string;
  icon: BadgeIcon;
  reason: string;
}

const DEMO_BADGES: DemoBadge[] = [
  {
    key: 'customer-hero',
    name: 'Customer hero',
    description: 'Named by a customer for going out of their way.',
    icon: 'heart-handshake',
    reason: 'Named in three customer reviews this quarter.',
  },
  {
    key: 'mentor',
    name: 'Mentor',
    description: 'Helps new colleagues find their feet.',
    icon: 'compass',
    reason: 'Buddy to four new joiners this year.',
  },
  {
    key: 'launch-crew',
    name: 'Launch crew',
    description: 'Part of the team that launched the new online shop.',
    icon: 'rocket',
    reason: 'The online shop launch, October.',
  },
];

export interface DemoKudos {
  giverIndex: number;
  recipientIndexes: number[];
  /** A team thanked as a whole: its key; the recipients are its members. */
  teamKey: string | null;
  valueKey: string | null;
  message: string;
  lang: Lang;
  visibility: 'public' | 'private';
  pointsEach: number;
  minutesAgo: number;
  reactions: { userIndex: number; kind: Reaction }[];
}

export interface DemoRecognition {
  values: DemoValue[];
  /** Oldest first. */
  kudos: DemoKudos[];
  rewards: DemoReward[];
  badges: { badge: DemoBadge; holders: number[] }[];
}

/**
 * `count` distinct items of `list` other than `except`, drawn by random positions so that a list
 * holding a whole large company is never copied or scanned; fewer when the list is too small.
 */
function draw<T>(rnd: Random, list: readonly T[], count: number, except?: T): T[] {
  const picked = new Set<T>();
  for (let tries = 0; picked.size < count && tries < count * 8 + 8; tries += 1) {
    const item = list[rnd.int(list.length)];
    if (item !== undefined && item !== except) {
      picked.add(item);
    }
  }
  return [...picked];
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    list.push(value);
  } else {
    map.set(key, [value]);
  }
}

/**
 * The demo's values, kudos, rewards and badges. `now` places the history: allowances are monthly, so
 * which gifts share a month depends on it. Linear in the size of the company, which can be large.
 */
export function generateRecognition(company: DemoCompany, seed: number, now: Date): DemoRecognition {
  const rnd = new Random(seed ^ 0x7ecd05);
  const people = company.people;
  const n = people.length;
  const everyone = people.map((_, i) => i);
  const byTeam = new Map<string, number[]>();
  const byDepartment = new Map<string, number[]>();
  const reportsOf = new Map<number, number[]>();
  for (const [i, p] of people.entries()) {
    if (p.teamKey) {
      push(byTeam, p.teamKey, i);
    }
    push(byDepartment, p.departmentKey, i);
    if (p.managerIndex !== null) {
      push(reportsOf, p.managerIndex, i);
    }
  }
  const managers = [...reportsOf.keys()];
  const teams = [...byTeam].filter(([, members]) => members.length >= 3 && members.length <= 15);
  const departments = [...byDepartment.keys()];
  // A fifth of the company gives most of the thanks, as in every company.
  const enthusiasts = draw(rnd, everyone, Math.max(5, Math.round(n / 5)));

  // The allowance given per giver and month, and what each giver gave each recipient around each
  // gift: a gift fits when its month's allowance and every 30-day window around it still hold it.
  const given = new Map<string, number>();
  const pairs = new Map<string, { minutesAgo: number; points: number }[]>();
  const monthOf = (minutesAgo: number) => new Date(now.getTime() - minutesAgo * 60_000).toISOString().slice(0, 7);
  const fit = (giver: number, recipients: number[], wanted: number, minutesAgo: number): number => {
    const spent = given.get(`${giver}|${monthOf(minutesAgo)}`) ?? 0;
    let each = Math.min(wanted, Math.floor((ALLOWANCE - spent) / recipients.length));
    for (const r of recipients) {
      const lately = (pairs.get(`${giver}|${r}`) ?? [])
        .filter((g) => Math.abs(g.minutesAgo - minutesAgo) < RECIPIENT_LIMIT.days * MINUTES_PER_DAY)
        .reduce((sum, g) => sum + g.points, 0);
      each = Math.min(each, RECIPIENT_LIMIT.points - lately);
    }
    return Math.max(0, each);
  };
  const record = (giver: number, recipients: number[], each: number, minutesAgo: number) => {
    const key = `${giver}|${monthOf(minutesAgo)}`;
    given.set(key, (given.get(key) ?? 0) + each * recipients.length);
    for (const r of recipients) {
      push(pairs, `${giver}|${r}`, { minutesAgo, points: each });
    }
  };
  /** People of the same team, or of the same department for someone without a team of several. */
  const colleaguesOf = (i: number) => {
    const p = people[i]!;
    const team = p.teamKey ? byTeam.get(p.teamKey)! : [];
    return team.length > 1 ? team : byDepartment.get(p.departmentKey)!;
  };
  const elsewhere = (i: number) => {
    const own = people[i]!.departmentKey;
    const others = departments.filter((d) => d !== own);
    return others.length > 0 ? byDepartment.get(rnd.pick(others))! : [];
  };
  // Recent weeks are busier than the first ones: people warm up to a new habit.
  const when = () => Math.floor(HISTORY_DAYS * MINUTES_PER_DAY * rnd.next() ** 1.25) + 5;

  const count = Math.round(Math.min(12_000, Math.max(60, n * 1.2)));
  const kudos: DemoKudos[] = [];
  for (let k = 0; k < count; k += 1) {
    const kind = rnd.weighted([
      ['colleague', 45],
      ['manager', 22],
      ['across', 28],
      ['team', 5],
    ] as const);
    let giver: number;
    let recipients: number[];
    let teamKey: string | null = null;
    if (kind === 'manager' && managers.length > 0) {
      giver = rnd.pick(managers);
      recipients = draw(rnd, reportsOf.get(giver)!, rnd.chance(0.8) ? 1 : 2);
    } else if (kind === 'team' && teams.length > 0) {
      const [key, members] = rnd.pick(teams);
      giver = rnd.chance(0.5) ? rnd.pick(members) : rnd.pick(enthusiasts);
      recipients = members.filter((x) => x !== giver);
      teamKey = key;
    } else {
      giver = rnd.chance(0.6) ? rnd.pick(enthusiasts) : rnd.pick(everyone);
      recipients = draw(rnd, kind === 'across' ? elsewhere(giver) : colleaguesOf(giver), rnd.chance(0.85) ? 1 : 2, giver);
    }
    if (recipients.length > 0) {
      kudos.push(thank(giver, recipients, teamKey, when()));
    }
  }
  // The demo sign-ins have a history of their own, whatever the size: thanked a few times, and thankful.
  for (const { index: s } of company.signIns) {
    for (let j = 0; j < 3; j += 1) {
      const from = draw(rnd, colleaguesOf(s), 1, s)[0] ?? draw(rnd, everyone, 1, s)[0]!;
      kudos.push(thank(from, [s], null, when()));
    }
    const to = draw(rnd, rnd.chance(0.5) ? colleaguesOf(s) : elsewhere(s), 1, s)[0] ?? draw(rnd, everyone, 1, s)[0]!;
    kudos.push(thank(s, [to], null, when()));
  }

  function thank(giver: number, recipients: number[], teamKey: string | null, minutesAgo: number): DemoKudos {
    const value = rnd.chance(0.85) ? rnd.pick(DEMO_VALUES) : null;
    const lang: Lang = people[giver]!.locale === 'it' ? 'italian' : 'english';
    const pointsEach = fit(giver, recipients, rnd.weighted(POINTS), minutesAgo);
    record(giver, recipients, pointsEach, minutesAgo);
    const visibility = rnd.chance(0.6) ? 'public' : 'private';
    return {
      giverIndex: giver,
      recipientIndexes: recipients,
      teamKey,
      valueKey: value?.key ?? null,
      message: rnd.pick(teamKey ? TEAM_MESSAGES[lang] : MESSAGES[value?.key ?? '']![lang]),
      lang,
      visibility,
      pointsEach,
      minutesAgo,
      reactions:
        visibility === 'public'
          ? draw(rnd, everyone, rnd.int(Math.min(12, n))).map((u) => ({
              userIndex: u,
              kind: rnd.weighted(REACTIONS.map((r) => [r, r === 'celebrate' ? 5 : r === 'love' ? 3 : 1] as const)),
            }))
          : [],
    };
  }

  kudos.sort((a, b) => b.minutesAgo - a.minutesAgo);
  return {
    values: DEMO_VALUES,
    kudos,
    rewards: DEMO_REWARDS,
    badges: DEMO_BADGES.map((badge) => ({ badge, holders: draw(rnd, everyone, Math.max(3, Math.min(40, Math.round(n / 40)))) })),
  };
}

/** Ids and helpers the demo rows refer to, from the company load. */
export interface RecognitionIds {
  orgId: string;
  allCompanyId: string;
  people: readonly string[];
  teams: ReadonlyMap<string, string>;
  /** Who created the catalogue and awarded the badges. */
  adminId: string;
  newId: () => string;
  now: Date;
  render: (markdown: string) => { html: string };
}

/**
 * The recognition rows, ready to insert: each public kudos with its post in All company, and the
 * ledger entries a kudos leaves (the points given out of the giver's allowance of that month, and
 * what each recipient received), so that every balance reads as if the history had been lived.
 */
export function recognitionRows(rec: DemoRecognition, ids: RecognitionIds) {
  const { orgId } = ids;
  const at = (minutesAgo: number) => new Date(ids.now.getTime() - minutesAgo * 60_000);
  const valueIds = new Map(rec.values.map((v) => [v.key, ids.newId()]));
  const values = rec.values.map((v, position) => ({
    id: valueIds.get(v.key)!,
    orgId,
    name: v.name,
    description: v.description,
    emoji: v.emoji,
    position,
  }));
  // A few dozen messages make the whole history: render each once.
  const rendered = new Map<string, string>();
  const htmlOf = (message: string) => {
    let html = rendered.get(message);
    if (html === undefined) {
      html = ids.render(message).html;
      rendered.set(message, html);
    }
    return html;
  };
  const kudos = [];
  const recipients = [];
  const posts = [];
  const reactions = [];
  const ledger = [];
  for (const k of rec.kudos) {
    const id = ids.newId();
    const createdAt = at(k.minutesAgo);
    const giverId = ids.people[k.giverIndex]!;
    const html = htmlOf(k.message);
    let postId: string | null = null;
    if (k.visibility === 'public') {
      postId = ids.newId();
      const counts: Record<string, number> = {};
      for (const r of k.reactions) {
        counts[r.kind] = (counts[r.kind] ?? 0) + 1;
        reactions.push({ orgId, targetType: 'post' as const, targetId: postId, userId: ids.people[r.userIndex]!, kind: r.kind });
      }
      posts.push({
        id: postId,
        orgId,
        authorId: giverId,
        communityId: ids.allCompanyId,
        kind: 'kudos',
        body: k.message,
        bodyHtml: html,
        lang: k.lang,
        reactionCounts: JSON.stringify(counts),
        reactionCount: k.reactions.length,
        createdAt,
      });
    }
    kudos.push({
      id,
      orgId,
      giverId,
      postId,
      valueId: k.valueKey ? valueIds.get(k.valueKey)! : null,
      teamId: k.teamKey ? (ids.teams.get(k.teamKey) ?? null) : null,
      message: k.message,
      messageHtml: html,
      visibility: k.visibility,
      pointsEach: k.pointsEach,
      idempotencyKey: null,
      requestHash: null,
      createdAt,
    });
    for (const r of k.recipientIndexes) {
      recipients.push({ kudosId: id, orgId, userId: ids.people[r]!, points: k.pointsEach, createdAt });
      if (k.pointsEach > 0) {
        ledger.push({
          orgId,
          userId: ids.people[r]!,
          account: 'received' as const,
          delta: k.pointsEach,
          period: null,
          reason: 'kudos_received' as const,
          kudosId: id,
          createdAt,
        });
      }
    }
    if (k.pointsEach > 0) {
      ledger.push({
        orgId,
        userId: giverId,
        account: 'allowance' as const,
        delta: -k.pointsEach * k.recipientIndexes.length,
        period: createdAt.toISOString().slice(0, 7),
        reason: 'kudos_given' as const,
        kudosId: id,
        createdAt,
      });
    }
  }
  const rewards = rec.rewards.map((r) => ({ id: ids.newId(), orgId, ...r }));
  const badges = rec.badges.map(({ badge }) => ({
    id: ids.newId(),
    orgId,
    rule: null,
    name: badge.name,
    description: badge.description,
    icon: badge.icon,
    createdBy: ids.adminId,
  }));
  const userBadges = rec.badges.flatMap(({ badge, holders }, i) =>
    holders.map((h, j) => ({
      orgId,
      userId: ids.people[h]!,
      badgeId: badges[i]!.id,
      awardedBy: ids.adminId,
      reason: badge.reason,
      awardedAt: at((j + 1) * 3 * MINUTES_PER_DAY + i * 60),
    })),
  );
  return { values, kudos, recipients, posts, reactions, ledger, rewards, badges, userBadges };
}

export type RecognitionRows = ReturnType<typeof recognitionRows>;
