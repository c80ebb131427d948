import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { ADVOCACY_DEFAULTS, ADVOCACY_LIMITS, type ShareNetwork, type ShareSuggestion } from '../../../shared/advocacy.js';
import type { CommsAudience } from '../../../shared/comms.js';
import { BADGE_RULES, type BadgeRule } from '../../../shared/recognition.js';
import { ensureRuleBadges } from '../recognition/badges.rules.js';
import { communicationsSignIn } from './communication.js';
import { Random, type DemoCompany } from './generate.js';

/**
 * The demo's employee advocacy: the company's social media guidelines, two campaigns, about ten
 * shareable items (public posts, an article and approved links to the company's own site) with
 * suggested texts in English and Italian, one internal-only post, and 60 days of history — people who
 * accepted the guidelines and shared, their tracked links, the clicks those links brought (one
 * pseudo-visitor hash per click, decaying after each share), the points within the weekly cap and the
 * sharing badges. Rows are written directly inside the demo's transaction, after its posts and articles.
 *
 * The demo's two employee sign-ins (Emily Clarke, Marco Ferrari) have neither accepted the guidelines
 * nor shared, so that the first share can be tried from the start.
 */

export interface AdvocacyDemoIds {
  orgId: string;
  people: readonly string[];
  departments: ReadonlyMap<string, string>;
  allCompanyId: string;
  newId: () => string;
  now: Date;
  /** `rich` renders headings too, as the guidelines are shown. */
  render: (markdown: string, opts?: { rich?: boolean }) => { html: string };
}

export interface AdvocacyDemoResult {
  campaigns: number;
  items: number;
  sharers: number;
  shares: number;
  clicks: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** How far back the sharing history goes. */
const HISTORY_DAYS = 60;
/** The company's site, where its approved links lead. */
const SITE = 'https://www.fabbrica-aurora.example';

export const DEMO_GUIDELINES = `Thank you for telling the world about Fabbrica Aurora. A post from you reaches people our adverts never will, and they trust it because it is yours. These few guidelines keep it that way.

## Be yourself
- Use your own words. The suggested texts are a start, not a script: change them, shorten them, add why it matters to you.
- Sharing is always your choice. Nobody will ever ask you why you did not share something.
- Say that you work here when you talk about our products, prices or competitors.

## Keep what is ours, ours
- Share only what is in **Ready to share**: it has been checked and may leave the company.
- Never post customers' names, prices, plans, photos of the plants' lines or screenshots of Tessuto unless the item itself shows them.
- Posts marked *internal only* stay inside, always.

## Be kind, and let us answer for the company
- Disagree politely, never about a person. Leave it if a conversation turns sour.
- If a journalist, a customer with a complaint or anyone asking for an official position writes to you, thank them and pass it to communications@fabbrica-aurora.example. We will answer quickly and tell you how it went.

## What we measure, and what we do not
Your tracked link counts clicks and estimates unique visitors, never who they are: we keep no addresses, and our own count ignores link previews and bots. You can leave the leaderboard whenever you like, and your points stay yours.

---

**In breve, in italiano.** Usa parole tue: i testi suggeriti sono solo uno spunto. Condividi solo quello che trovi in *Pronto da condividere*, mai informazioni su clienti, prezzi o progetti interni. Sii gentile, e se qualcuno ti chiede una posizione ufficiale giralo a communications@fabbrica-aurora.example. Condividere è sempre una scelta tua.`;

type CampaignKey = 'careers' | 'packaging';

interface DemoCampaign {
  key: CampaignKey;
  name: string;
  description: string;
  hashtag: string;
  goalMetric: 'shares' | 'clicks';
  goal: number;
  /** Days from now; negative is in the past. */
  starts: number;
  ends: number;
  /** Everyone, or one department by key. */
  department: string | null;
}

const CAMPAIGNS: DemoCampaign[] = [
  {
    key: 'careers',
    name: 'Aurora careers week',
    description:
      'We are hiring in Milano, Torino and London. Help the right people find us: share the openings, and tell your network what working here is really like.',
    hashtag: '#AuroraCareers',
    goalMetric: 'shares',
    goal: 120,
    starts: -12,
    ends: 3,
    department: null,
  },
  {
    key: 'packaging',
    name: 'Sustainable packaging launch',
    description:
      'Our new packaging is fully recyclable and comes back to us to be used again. The people who built it tell the story best.',
    hashtag: '#PackagingThatComesBack',
    goalMetric: 'clicks',
    goal: 1500,
    starts: -35,
    ends: 25,
    department: 'operations',
  },
];

interface DemoItem {
  kind: 'post' | 'article' | 'link';
  /** For a post: the start of its body and the community slug ('' for All company). */
  post?: { bodyStart: string; community: string };
  /** For an article: its title. */
  article?: string;
  url?: string;
  title: string;
  summary: string;
  campaign: CampaignKey | null;
  /** Days from now; null: the campaign's start (or the post's). */
  starts: number | null;
  ends: number | null;
  /** How much people like to share it, relative to the others. */
  appeal: number;
  suggestions: ShareSuggestion[];
}

const s = (network: ShareSuggestion['network'], en: string, it: string): ShareSuggestion[] => [
  { network, lang: 'en', text: en },
  { network, lang: 'it', text: it },
];

const ITEMS: DemoItem[] = [
  {
    kind: 'link',
    url: `${SITE}/press/2026/packaging-that-comes-back`,
    title: 'Fabbrica Aurora launches packaging that comes back',
    summary: 'Fully recyclable boxes that customers return with their next delivery: 40% less waste in the first year.',
    campaign: 'packaging',
    starts: -35,
    ends: 25,
    appeal: 3,
    suggestions: [
      ...s(
        'linkedin',
        'Proud of this one. Our new boxes are fully recyclable, and most of them will come back to us with the next delivery to be used again. A year of work by our Torino plant, and 40% less waste. #PackagingThatComesBack',
        'Questa la sentiamo nostra. I nuovi imballaggi sono riciclabili al 100% e quasi tutti tornano da noi con la consegna successiva, pronti per essere riusati. Un anno di lavoro dello stabilimento di Torino e il 40% di rifiuti in meno. #PackagingThatComesBack',
      ),
      ...s(
        'x',
        'Boxes that come back: our new packaging is fully recyclable and reused with the next delivery. 40% less waste. #PackagingThatComesBack',
        'Imballaggi che tornano indietro: riciclabili al 100% e riusati alla consegna successiva. -40% di rifiuti. #PackagingThatComesBack',
      ),
    ],
  },
  {
    kind: 'link',
    url: `${SITE}/blog/designing-a-box-that-comes-back`,
    title: 'Inside Torino: designing a box that comes back',
    summary: 'Eleven prototypes, one very patient forklift and the customers who tested them with us.',
    campaign: 'packaging',
    starts: -28,
    ends: null,
    appeal: 2,
    suggestions: [
      ...s(
        'linkedin',
        'Eleven prototypes and a lot of dropped boxes later: this is how my colleagues in Torino designed packaging that our customers send back to us. A good read if you care about waste. #PackagingThatComesBack',
        'Undici prototipi e tante scatole fatte cadere apposta: così i colleghi di Torino hanno progettato un imballaggio che i clienti ci rimandano indietro. Da leggere se ti interessa ridurre i rifiuti. #PackagingThatComesBack',
      ),
      ...s(
        'any',
        'How we designed a box that comes back, told by the people who built it.',
        'Come abbiamo progettato una scatola che torna indietro, raccontato da chi l’ha costruita.',
      ),
    ],
  },
  {
    kind: 'link',
    url: `${SITE}/sustainability/report-2026`,
    title: 'Our 2026 sustainability report',
    summary: 'Energy, waste, travel and people: where we are, where we fell short, and what we do next.',
    campaign: 'packaging',
    starts: 3,
    ends: 25,
    appeal: 1,
    suggestions: s(
      'linkedin',
      'Our 2026 sustainability report is out, including the parts where we fell short. I like that we publish those too.',
      'È uscito il nostro bilancio di sostenibilità 2026, comprese le parti in cui non ci siamo riusciti. Mi piace che pubblichiamo anche quelle.',
    ),
  },
  {
    kind: 'post',
    post: { bodyStart: 'Our new parental leave policy is live', community: '' },
    title: '20 weeks of paid parental leave, for every parent',
    summary: 'Whatever your family looks like: 20 weeks fully paid, from day one.',
    campaign: 'careers',
    starts: null,
    ends: null,
    appeal: 3,
    suggestions: [
      ...s(
        'linkedin',
        'One of the reasons I like working at Fabbrica Aurora: 20 weeks of fully paid parental leave for every parent, whatever the family looks like. #AuroraCareers',
        'Uno dei motivi per cui mi piace lavorare in Fabbrica Aurora: 20 settimane di congedo parentale retribuito al 100% per ogni genitore, qualunque sia la sua famiglia. #AuroraCareers',
      ),
      ...s(
        'x',
        '20 weeks of fully paid parental leave for every parent. Yes, every parent. #AuroraCareers',
        '20 settimane di congedo parentale pagato per ogni genitore. Sì, proprio ogni genitore. #AuroraCareers',
      ),
    ],
  },
  {
    kind: 'link',
    url: `${SITE}/careers/senior-backend-engineer`,
    title: 'We are hiring: Senior Backend Engineer (Milano or London)',
    summary: 'Build the services that move 2,000 orders a day, with a team that writes its incident reviews without blame.',
    campaign: 'careers',
    starts: null,
    ends: null,
    appeal: 2,
    suggestions: [
      ...s(
        'linkedin',
        'My team is hiring a Senior Backend Engineer in Milano or London. Kind people, hard problems, reviews without blame. Happy to tell you more if you are curious. #AuroraCareers',
        'Il mio team cerca un Senior Backend Engineer a Milano o Londra. Persone gentili, problemi tosti, revisioni senza colpe. Se ti incuriosisce, scrivimi pure. #AuroraCareers',
      ),
      ...s(
        'email',
        'Hi! We are hiring a Senior Backend Engineer and I thought of you. Here is the job description, and I am happy to have a coffee and tell you what it is really like.',
        'Ciao! Cerchiamo un Senior Backend Engineer e ho pensato a te. Ecco l’annuncio: se vuoi, ci prendiamo un caffè e ti racconto com’è davvero lavorare qui.',
      ),
    ],
  },
  {
    kind: 'link',
    url: `${SITE}/careers/production-lead-torino`,
    title: 'Cerchiamo: Responsabile di produzione, Torino',
    summary: 'Guidare una squadra di 30 persone su tre turni, nello stabilimento che ha ridotto i tempi di consegna di un terzo.',
    campaign: 'careers',
    starts: null,
    ends: null,
    appeal: 1,
    suggestions: [
      ...s(
        'linkedin',
        'We are looking for a production lead for our Torino plant: a team of 30 across three shifts, and a lot of freedom to improve how we work. #AuroraCareers',
        'Cerchiamo un Responsabile di produzione per lo stabilimento di Torino: una squadra di 30 persone su tre turni e tanta libertà di migliorare il modo in cui lavoriamo. #AuroraCareers',
      ),
      ...s(
        'facebook',
        'Know someone in Torino who loves making things run well? We are hiring a production lead.',
        'Conosci qualcuno a Torino che ama far funzionare bene le cose? Cerchiamo un Responsabile di produzione.',
      ),
    ],
  },
  {
    kind: 'link',
    url: `${SITE}/careers/life-at-aurora`,
    title: 'Life at Fabbrica Aurora: a day with our Manchester team',
    summary: 'Stand-ups, shop-floor visits and the Friday lunch everybody cooks for.',
    campaign: 'careers',
    starts: null,
    ends: null,
    appeal: 2,
    suggestions: s(
      'any',
      'What a day at Fabbrica Aurora really looks like, told by my colleagues in Manchester. #AuroraCareers',
      'Com’è davvero una giornata in Fabbrica Aurora, raccontata dai colleghi di Manchester. #AuroraCareers',
    ),
  },
  {
    kind: 'article',
    article: 'How we cut our delivery times by a third',
    title: 'How we cut our delivery times by a third',
    summary: 'The Torino plant changed three small habits. The results surprised even the people who proposed them.',
    campaign: null,
    starts: null,
    ends: null,
    appeal: 2,
    suggestions: [
      ...s(
        'linkedin',
        'No new machines, just less waiting: how my colleagues in Torino cut our delivery times by a third by changing three small habits.',
        'Nessuna macchina nuova, solo meno attese: così i colleghi di Torino hanno ridotto di un terzo i tempi di consegna cambiando tre piccole abitudini.',
      ),
      ...s(
        'x',
        'Delivery times down by a third, and the ideas came from the shop floor. Three small habits that made it happen.',
        'Tempi di consegna ridotti di un terzo, con idee nate in reparto. Tre piccole abitudini che hanno fatto la differenza.',
      ),
    ],
  },
  {
    kind: 'post',
    post: { bodyStart: 'Cycle to work week', community: 'green-team' },
    title: 'Cycle to work week: 1,930 km by bike',
    summary: '41 of us rode to work in one week. Next year we aim for 60 riders.',
    campaign: null,
    starts: -50,
    ends: null,
    appeal: 1,
    suggestions: s(
      'any',
      '41 of us cycled to work this week: 1,930 km together. Next year, 60 riders!',
      'Questa settimana in 41 siamo venuti al lavoro in bici: 1.930 km insieme. L’anno prossimo puntiamo a 60!',
    ),
  },
  {
    kind: 'post',
    post: { bodyStart: 'Buone notizie: da gennaio tutti i dipendenti', community: '' },
    title: 'Due giornate di volontariato retribuite all’anno',
    summary: 'Da gennaio ognuno di noi può dedicare due giorni pagati a un’associazione.',
    campaign: null,
    starts: -40,
    ends: null,
    appeal: 1,
    suggestions: s(
      'linkedin',
      'From January every one of us gets two paid volunteering days a year. I already know where I will spend mine.',
      'Da gennaio ognuno di noi ha due giornate di volontariato retribuite all’anno. Io so già dove le passerò.',
    ),
  },
  {
    kind: 'link',
    url: `${SITE}/press/2026/made-in-italy-expo`,
    title: 'Meet us at the Made in Italy Expo',
    summary: 'Three days in Milano with our engineers, our packaging and a very good espresso machine.',
    campaign: null,
    starts: -60,
    ends: -30,
    appeal: 2,
    suggestions: s(
      'linkedin',
      'We are at the Made in Italy Expo in Milano this week. Come and say hello at stand B12!',
      'Questa settimana siamo al Made in Italy Expo di Milano. Passate a trovarci allo stand B12!',
    ),
  },
];

/** A post that must not leave the company: it can never be made shareable. */
const INTERNAL_POST =
  'Preview for our sales teams: the new price list goes live on **1 February**. Until customers hear it from us, please keep it inside the company — no screenshots, no forwarding. #sales';

/** LinkedIn most, then X, e-mail, a copied link and Facebook. */
const NETWORK_WEIGHTS: ReadonlyArray<readonly [ShareNetwork, number]> = [
  ['linkedin', 45],
  ['x', 20],
  ['email', 15],
  ['link', 12],
  ['facebook', 8],
];

/** Clicks a share brings on average, by network, before each share's own luck. */
const CLICKS_PER_SHARE: Record<ShareNetwork, number> = { linkedin: 14, x: 7, facebook: 9, email: 3, link: 5 };

/** How many items people share over the history: most a few, some many. */
const SHARES_PER_PERSON: ReadonlyArray<readonly [number, number]> = [
  [1, 4],
  [2, 4],
  [3, 3],
  [5, 2],
  [8, 1],
  [12, 1],
];

/** Monday 00:00 UTC of the ISO week of a moment, as the key of the weekly points cap. */
function isoWeek(t: number): number {
  const d = new Date(t);
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  return midnight - ((d.getUTCDay() + 6) % 7) * DAY;
}

const CODE_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A tracked code from the organisation's id and the link's number: the same demo reads the same, and
 * two demo organisations in one instance never collide (codes are unique across the instance).
 */
function demoCode(orgId: string, n: number): string {
  const bytes = createHash('sha256').update(`${orgId}:advocacy:${n}`).digest();
  let code = '';
  for (let i = 0; i < ADVOCACY_LIMITS.codeLength; i++) {
    code += CODE_ALPHABET[bytes[i]! % CODE_ALPHABET.length];
  }
  return code;
}

/** A pseudo-visitor: what a salted daily hash of an address and browser looks like, never a real one. */
function visitorHash(rnd: Random): string {
  let hex = '';
  for (let i = 0; i < 8; i++) {
    hex += rnd.int(0x1_0000_0000).toString(16).padStart(8, '0');
  }
  return hex;
}

async function insertChunks<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let k = 0; k < rows.length; k += 500) {
    await insert(rows.slice(k, k + 500));
  }
}

/** Loads the demo's advocacy inside the demo's transaction, after its posts, articles and recognition. */
export async function loadAdvocacy(
  trx: Transaction<DB>,
  company: DemoCompany,
  seed: number,
  ids: AdvocacyDemoIds,
): Promise<AdvocacyDemoResult> {
  const rnd = new Random(seed + 31);
  const { orgId, people } = ids;
  const now = ids.now.getTime();
  const day = (days: number) => new Date(now + days * DAY);
  const comms = communicationsSignIn(company).index;
  const creator = people[comms]!;
  const settingsAt = day(-HISTORY_DAYS - 5);

  await trx
    .insertInto('advocacySettings')
    .values({
      orgId,
      guidelines: DEMO_GUIDELINES,
      guidelinesHtml: ids.render(DEMO_GUIDELINES, { rich: true }).html,
      guidelinesVersion: 1,
      pointsPerShare: ADVOCACY_DEFAULTS.pointsPerShare,
      pointsCapPerWeek: ADVOCACY_DEFAULTS.pointsCapPerWeek,
      updatedAt: settingsAt,
    })
    .execute();

  // The internal-only post, in All company, by communications.
  const internalAt = day(-4);
  await trx
    .insertInto('posts')
    .values({
      id: ids.newId(),
      orgId,
      authorId: creator,
      communityId: ids.allCompanyId,
      kind: 'post',
      body: INTERNAL_POST,
      bodyHtml: ids.render(INTERNAL_POST).html,
      lang: 'english',
      internalOnly: true,
      createdAt: internalAt,
    })
    .execute();

  const campaignIds = new Map<CampaignKey, string>();
  for (const c of CAMPAIGNS) {
    const id = ids.newId();
    campaignIds.set(c.key, id);
    const audience: CommsAudience = c.department ? { departmentIds: [ids.departments.get(c.department)!] } : { all: true };
    await trx
      .insertInto('shareCampaigns')
      .values({
        id,
        orgId,
        name: c.name,
        description: c.description,
        hashtag: c.hashtag,
        goalMetric: c.goalMetric,
        goal: c.goal,
        audience: JSON.stringify(audience),
        startsAt: day(c.starts),
        endsAt: day(c.ends),
        createdBy: creator,
        createdAt: day(c.starts - 2),
        updatedAt: day(c.starts - 2),
      })
      .execute();
  }

  // The posts and the article the items share, found by what the demo wrote.
  const communities = new Map(
    (await trx.selectFrom('communities').select(['id', 'slug']).where('orgId', '=', orgId).execute()).map((c) => [c.slug, c.id]),
  );
  const items: Array<{ id: string; def: DemoItem; campaignId: string | null; startsAt: Date; endsAt: Date | null }> = [];
  for (const def of ITEMS) {
    const campaign = def.campaign ? CAMPAIGNS.find((c) => c.key === def.campaign)! : null;
    let postId: string | null = null;
    let postAt: Date | null = null;
    if (def.post) {
      const communityId = def.post.community === '' ? ids.allCompanyId : communities.get(def.post.community);
      const post = communityId
        ? await trx
            .selectFrom('posts')
            .select(['id', 'createdAt'])
            .where('orgId', '=', orgId)
            .where('communityId', '=', communityId)
            .where('kind', '=', 'post')
            .where('body', 'like', `${def.post.bodyStart}%`)
            .where('deletedAt', 'is', null)
            .where('hiddenAt', 'is', null)
            .orderBy('createdAt', 'desc')
            .limit(1)
            .executeTakeFirst()
        : undefined;
      if (!post) {
        continue;
      }
      postId = post.id;
      postAt = post.createdAt;
    } else if (def.article) {
      const post = await trx
        .selectFrom('posts')
        .innerJoin('articles', 'articles.postId', 'posts.id')
        .select(['posts.id', 'articles.publishedAt'])
        .where('posts.orgId', '=', orgId)
        .where('posts.kind', '=', 'article')
        .where('articles.status', '=', 'published')
        .where('articles.title', '=', def.article)
        .limit(1)
        .executeTakeFirst();
      if (!post) {
        continue;
      }
      postId = post.id;
      postAt = post.publishedAt;
    }
    let startsAt = day(def.starts ?? campaign?.starts ?? -HISTORY_DAYS);
    // A post is made shareable a couple of hours after it was written, never before.
    if (postAt && startsAt.getTime() < postAt.getTime() + 2 * HOUR) {
      startsAt = new Date(Math.min(postAt.getTime() + 2 * HOUR, now - HOUR));
    }
    const endsAt = def.ends !== null ? day(def.ends) : campaign ? day(campaign.ends) : null;
    const id = ids.newId();
    const campaignId = campaign ? campaignIds.get(campaign.key)! : null;
    const createdAt = new Date(startsAt.getTime() - DAY);
    await trx
      .insertInto('shareItems')
      .values({
        id,
        orgId,
        kind: def.kind,
        postId,
        url: def.kind === 'link' ? def.url! : null,
        title: def.title,
        summary: def.summary,
        imageUrl: null,
        suggestions: JSON.stringify(def.suggestions),
        campaignId,
        startsAt,
        endsAt,
        createdBy: creator,
        createdAt,
        updatedAt: createdAt,
      })
      .execute();
    items.push({ id, def, campaignId, startsAt, endsAt });
  }

  // Who shared: about 60 people (fewer in a small demo), a quarter of them from the department the
  // packaging campaign speaks to, and the communications lead; never the two employee sign-ins.
  const withheld = new Set(company.signIns.filter((x) => x.role === 'employee-en' || x.role === 'employee-it').map((x) => x.index));
  const eligible = company.people.map((_, i) => i).filter((i) => !withheld.has(i) && i !== comms);
  const target = Math.min(60, Math.floor(company.people.length / 5));
  const packagingDept = CAMPAIGNS.find((c) => c.key === 'packaging')!.department;
  const inPackaging = (i: number) => company.people[i]!.departmentKey === packagingDept;
  const fromPackaging = rnd.sample(eligible.filter(inPackaging), Math.ceil(target / 4));
  const taken = new Set(fromPackaging);
  const sharers = [
    comms,
    ...fromPackaging,
    ...rnd.sample(
      eligible.filter((i) => !taken.has(i)),
      target - 1 - fromPackaging.length,
    ),
  ];

  const historyStart = now - HISTORY_DAYS * DAY;
  const reachable = (i: number) =>
    items.filter(
      (it) =>
        it.startsAt.getTime() < now - HOUR &&
        (it.endsAt === null || it.endsAt.getTime() > historyStart) &&
        (it.def.campaign !== 'packaging' || inPackaging(i)),
    );

  interface PlannedShare {
    person: number;
    item: (typeof items)[number];
    network: ShareNetwork;
    at: number;
  }
  const planned: PlannedShare[] = [];
  for (const person of sharers) {
    const mine = reachable(person);
    const count = person === comms ? 12 : rnd.weighted(SHARES_PER_PERSON);
    const done = new Set<string>();
    for (let n = 0, tries = 0; n < count && tries < count * 5 && mine.length > 0; tries++) {
      const item = rnd.weighted(mine.map((it) => [it, it.def.appeal] as const));
      const network = rnd.weighted(NETWORK_WEIGHTS);
      if (done.has(`${item.id}:${network}`)) {
        continue;
      }
      done.add(`${item.id}:${network}`);
      const from = Math.max(item.startsAt.getTime(), historyStart);
      const to = Math.min(item.endsAt?.getTime() ?? now, now) - 30 * MINUTE;
      if (to <= from) {
        continue;
      }
      // Most shares come in the first days an item is out.
      const at = Math.min(to, from + Math.floor(-Math.log(1 - rnd.next()) * 3 * DAY));
      planned.push({ person, item, network, at });
      n++;
    }
  }
  planned.sort((a, b) => a.at - b.at);

  // Guidelines accepted before each person's first share; a few more accepted and have not shared yet.
  const firstShare = new Map<number, number>();
  for (const p of planned) {
    if (!firstShare.has(p.person)) {
      firstShare.set(p.person, p.at);
    }
  }
  const acceptances = [...firstShare].map(([person, at]) => ({
    orgId,
    userId: people[person]!,
    version: 1,
    acceptedAt: new Date(Math.max(settingsAt.getTime() + HOUR, at - rnd.int(48 * 60) * MINUTE - MINUTE)),
  }));
  const readers = rnd.sample(
    eligible.filter((i) => !firstShare.has(i)),
    Math.round(target / 4),
  );
  for (const person of readers) {
    acceptances.push({
      orgId,
      userId: people[person]!,
      version: 1,
      acceptedAt: new Date(now - (1 + rnd.int(HISTORY_DAYS * 24 - 1)) * HOUR),
    });
  }
  await insertChunks(acceptances, (v) => trx.insertInto('guidelineAcceptances').values(v).execute());

  // Links, shares, points within the weekly cap, and the clicks each share brought.
  const links = [];
  const shares = [];
  const ledger = [];
  const clicks = [];
  const weekPoints = new Map<string, number>();
  // When each person's links were clicked, for the moment a reach milestone was crossed.
  const clickTimes = new Map<number, number[]>();
  for (const [n, p] of planned.entries()) {
    const linkId = ids.newId();
    const shareId = ids.newId();
    const userId = people[p.person]!;
    const createdAt = new Date(p.at);
    links.push({ id: linkId, orgId, code: demoCode(orgId, n), itemId: p.item.id, userId, network: p.network, createdAt });
    const week = `${p.person}:${isoWeek(p.at)}`;
    const earned = weekPoints.get(week) ?? 0;
    const points = earned + ADVOCACY_DEFAULTS.pointsPerShare <= ADVOCACY_DEFAULTS.pointsCapPerWeek ? ADVOCACY_DEFAULTS.pointsPerShare : 0;
    weekPoints.set(week, earned + points);
    shares.push({
      id: shareId,
      orgId,
      itemId: p.item.id,
      campaignId: p.item.campaignId,
      userId,
      network: p.network,
      linkId,
      points,
      createdAt,
    });
    if (points > 0) {
      ledger.push({
        orgId,
        userId,
        account: 'received' as const,
        delta: points,
        period: null,
        reason: 'share' as const,
        shareId,
        createdAt,
      });
    }
    // Each share's own luck: most bring a handful of clicks, a few travel far.
    const luck = rnd.pick([0.2, 0.5, 0.8, 1, 1, 1.3, 2, 4]);
    const count = Math.round(CLICKS_PER_SHARE[p.network] * luck * (0.6 + rnd.next() * 0.8));
    for (let k = 0; k < count; k++) {
      // Clicks fade within a day or two of the share; a few come much later.
      const delay = rnd.chance(0.12) ? rnd.next() * 10 * DAY : -Math.log(1 - rnd.next()) * 8 * HOUR;
      const t = p.at + Math.max(MINUTE, Math.floor(delay));
      if (t > now - MINUTE) {
        continue;
      }
      const at = new Date(t);
      clicks.push({
        orgId,
        linkId,
        itemId: p.item.id,
        campaignId: p.item.campaignId,
        userId,
        network: p.network,
        day: at.toISOString().slice(0, 10),
        visitor: visitorHash(rnd),
        createdAt: at,
      });
      const times = clickTimes.get(p.person) ?? [];
      times.push(t);
      clickTimes.set(p.person, times);
    }
  }
  await insertChunks(links, (v) => trx.insertInto('shareLinks').values(v).execute());
  await insertChunks(shares, (v) => trx.insertInto('shares').values(v).execute());
  await insertChunks(ledger, (v) => trx.insertInto('pointsLedger').values(v).execute());
  await insertChunks(clicks, (v) => trx.insertInto('shareClicks').values(v).execute());

  // Two sharers prefer not to be on the leaderboard.
  const hidden = rnd.sample(
    [...firstShare.keys()].filter((i) => i !== comms),
    2,
  );
  await insertChunks(
    hidden.map((i) => ({ userId: people[i]!, orgId, hideFromLeaderboard: true, updatedAt: day(-7) })),
    (v) => trx.insertInto('advocacyPrefs').values(v).execute(),
  );

  await awardBadges(trx, orgId, people, firstShare, clickTimes);

  return { campaigns: CAMPAIGNS.length, items: items.length, sharers: firstShare.size, shares: shares.length, clicks: clicks.length };
}

/**
 * The sharing badges the history earned, when recognition knows their rules: the first share, and
 * the reach milestones (every click in the demo is a distinct visitor).
 */
async function awardBadges(
  trx: Transaction<DB>,
  orgId: string,
  people: readonly string[],
  firstShare: ReadonlyMap<number, number>,
  clickTimes: ReadonlyMap<number, number[]>,
): Promise<void> {
  const crossed = (m: number): Array<[number, number]> =>
    [...clickTimes].filter(([, times]) => times.length >= m).map(([person, times]) => [person, [...times].sort((a, b) => a - b)[m - 1]!]);
  const known = new Set<string>(BADGE_RULES);
  const wanted: Array<{ rule: string; holders: Array<[number, number]> }> = [
    { rule: 'first_share', holders: [...firstShare] },
    ...ADVOCACY_DEFAULTS.reachMilestones.map((m) => ({
      rule: `reach_${m}`,
      holders: crossed(m),
    })),
  ].filter((w) => known.has(w.rule) && w.holders.length > 0);
  if (wanted.length === 0) {
    return;
  }
  const badges = await ensureRuleBadges(trx, orgId);
  const rows = wanted.flatMap(({ rule, holders }) => {
    const badge = badges.get(rule as BadgeRule);
    if (!badge) {
      return [];
    }
    return holders.map(([person, at]) => ({
      orgId,
      userId: people[person]!,
      badgeId: badge.id,
      awardedBy: null,
      reason: null,
      awardedAt: new Date(at),
    }));
  });
  await insertChunks(rows, (v) => trx.insertInto('userBadges').values(v).execute());
}
