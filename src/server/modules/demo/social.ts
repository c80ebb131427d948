import type { DemoCompany } from './generate.js';
import { Random } from './generate.js';
import { REACTIONS, type Reaction, type Visibility } from '../../../shared/social.js';

/**
 * The demo company's social life: communities, posts in English and Italian with hashtags and
 * mentions, comments, replies, reactions and follows. Pure and deterministic like the company itself;
 * times are offsets before "now" so the feed always looks fresh.
 */

export interface DemoCommunity {
  key: string;
  name: string;
  description: string;
  rules: string;
  visibility: Visibility;
  official: boolean;
  /** Membership follows a location or department. */
  sync: { kind: 'location' | 'department'; key: string } | null;
  /** Share of the company that joined (ignored for synced communities and All company). */
  reach: number;
}

export interface DemoPost {
  authorIndex: number;
  /** null: All company; otherwise a community key. */
  communityKey: string | null;
  /** Markdown; `{{mention}}` is replaced by a mention of `mentionIndex`. */
  body: string;
  lang: 'english' | 'italian';
  mentionIndex: number | null;
  minutesAgo: number;
  comments: {
    authorIndex: number;
    body: string;
    minutesAgo: number;
    replies: { authorIndex: number; body: string; minutesAgo: number }[];
  }[];
  reactions: { userIndex: number; kind: Reaction }[];
}

export interface DemoSocial {
  communities: DemoCommunity[];
  /** community key → member indexes (owner first). Synced communities and All company are filled by their rules. */
  members: Map<string, number[]>;
  posts: DemoPost[];
  follows: [follower: number, followee: number][];
}

export const DEMO_COMMUNITIES: DemoCommunity[] = [
  {
    key: 'customer-stories',
    name: 'Customer Stories',
    description: 'What our customers tell us, good and bad — and what we did about it.',
    rules: 'Ask the customer before you share their name. Celebrate the people behind the story.',
    visibility: 'public',
    official: true,
    sync: null,
    reach: 0.45,
  },
  {
    key: 'engineering-guild',
    name: 'Engineering Guild',
    description: 'Tech talks, incident write-ups, tools we love and questions of any size.',
    rules: 'No question is too small. Write incident reviews without blame.',
    visibility: 'public',
    official: false,
    sync: null,
    reach: 0.3,
  },
  {
    key: 'green-team',
    name: 'Green Team · Sostenibilità',
    description: 'Ideas to waste less, travel better and make our offices greener.',
    rules: '',
    visibility: 'public',
    official: false,
    sync: null,
    reach: 0.25,
  },
  {
    key: 'running-club',
    name: 'Running Club Aurora',
    description: 'Morning runs in Milano, Torino and London, race results and a lot of stretching.',
    rules: '',
    visibility: 'public',
    official: false,
    sync: null,
    reach: 0.12,
  },
  {
    key: 'cucina',
    name: 'Cucina e Ricette',
    description: 'Ricette, pranzi in ufficio e il miglior tiramisù di Fabbrica Aurora.',
    rules: '',
    visibility: 'public',
    official: false,
    sync: null,
    reach: 0.2,
  },
  {
    key: 'new-joiners',
    name: 'New Joiners',
    description: 'Say hello, ask anything, find a buddy for your first weeks.',
    rules: 'Be kind: everyone was new once.',
    visibility: 'public',
    official: true,
    sync: null,
    reach: 0.35,
  },
  {
    key: 'managers-circle',
    name: "Managers' Circle",
    description: 'A private room for people who lead teams: hard conversations, hiring, feedback.',
    rules: 'What is said here stays here.',
    visibility: 'private',
    official: false,
    sync: null,
    reach: 0,
  },
  {
    key: 'project-lucciola',
    name: 'Project Lucciola',
    description: 'The new product line, before it has a name.',
    rules: 'Nothing leaves this community until launch.',
    visibility: 'secret',
    official: false,
    sync: null,
    reach: 0.03,
  },
  {
    key: 'milano-office',
    name: 'Milano office',
    description: 'Everyone who works from Milano: building news, lunches, events.',
    rules: '',
    visibility: 'public',
    official: true,
    sync: { kind: 'location', key: 'milano' },
    reach: 0,
  },
  {
    key: 'london-office',
    name: 'London office',
    description: 'Everyone who works from London.',
    rules: '',
    visibility: 'public',
    official: true,
    sync: { kind: 'location', key: 'london' },
    reach: 0,
  },
];

type Template = { body: string; lang: 'english' | 'italian'; mention?: boolean };

const POSTS: Record<string, Template[]> = {
  '': [
    {
      lang: 'english',
      body: 'Welcome to **Tessuto**, our new home for news, questions and thank-yous. Say hello below and tell us one thing you love about your team! #welcome',
    },
    {
      lang: 'english',
      body: 'Q3 in one line: customers stayed, and said so. NPS is up 9 points and two thirds of the praise names a person. Thank you all. #results #customers',
    },
    {
      lang: 'italian',
      body: 'Da lunedì la mensa di Torino apre alle 11:45. Grazie a chi ha compilato il sondaggio: abbiamo letto **tutti** i commenti. #torino',
    },
    {
      lang: 'english',
      body: 'Reminder: the winter shutdown runs from 24 December to 2 January. Please agree cover with your team lead before the 10th. #holidays',
    },
    {
      lang: 'english',
      body: 'Huge thanks to {{mention}} for staying late to get the Rossi order out before the strike. That is what makes customers stay. #kudos',
    },
    {
      lang: 'italian',
      body: "Buone notizie: da gennaio tutti i dipendenti avranno **due giornate di volontariato** retribuite all'anno. Le associazioni proposte sono qui sotto nei commenti. #volontariato",
    },
    {
      lang: 'english',
      body: 'Our new parental leave policy is live: 20 weeks fully paid for every parent, whatever the family looks like. Questions welcome here. #benefits',
    },
  ],
  'customer-stories': [
    {
      lang: 'english',
      body: '"The person on the phone knew our history without asking." — a customer in Leeds, about {{mention}}. #customerlove',
    },
    {
      lang: 'italian',
      body: 'Un cliente di Bologna ha scritto: *"Finalmente qualcuno che risponde alle email il giorno stesso."* Bravi tutti! #clienti',
    },
    {
      lang: 'english',
      body: 'Lost a customer this month because a delivery slipped twice and nobody called them. Notes from the follow-up call:\n\n- they wanted a call, not a discount\n- they would come back if we fix the handover\n\n#lessonslearned',
    },
    {
      lang: 'english',
      body: 'Detractor turned promoter: after {{mention}} spent an afternoon on site, the Harlow account went from 3 to 9. #nps',
    },
  ],
  'engineering-guild': [
    {
      lang: 'english',
      body: "Incident review for Tuesday's checkout outage is up. Short version: a migration locked a hot table.\n\n```sql\nalter table orders add column note text;\n```\n\nWe now run migrations with `lock_timeout`. #postmortem",
    },
    {
      lang: 'english',
      body: 'Which do you prefer for small internal tools: **Go** or **TypeScript**? Asking for the new stock-check service. #tools',
    },
    {
      lang: 'italian',
      body: 'Giovedì alle 16 tech talk su PostgreSQL e indici GIN, in sala Volta e online. Porta le tue domande! #techtalk',
    },
    {
      lang: 'english',
      body: 'Pairing with {{mention}} today cut our build from 14 to 6 minutes. Caching the right layer is everything. #devex',
    },
  ],
  'green-team': [
    {
      lang: 'italian',
      body: 'Da questo mese in tutte le sedi italiane niente più bottigliette di plastica: arrivano le borracce! #sostenibilità',
    },
    { lang: 'english', body: 'Cycle to work week: 41 of us rode in, 1,930 km in total. Next year we aim for 60 riders. #cycling #green' },
  ],
  'running-club': [
    { lang: 'english', body: 'Saturday 8:00, Hyde Park, 5k easy pace. All speeds welcome, coffee after. #running' },
    { lang: 'italian', body: 'Mezza maratona di Torino: 12 di noi al traguardo! Prossimo obiettivo la Stramilano. #running' },
  ],
  cucina: [
    {
      lang: 'italian',
      body: 'La ricetta del tiramisù che ha vinto la gara di Natale:\n\n1. mascarpone e uova freschissime\n2. savoiardi appena bagnati nel caffè\n3. una notte in frigo\n\n#ricette',
    },
    {
      lang: 'italian',
      body: 'Pranzo condiviso venerdì a Milano: ognuno porta un piatto della sua regione. Chi si occupa del pesto? #pranzo',
    },
  ],
  'new-joiners': [
    {
      lang: 'english',
      body: 'Hi everyone, I joined Customer Success in London this week. Who can tell me where the good coffee is? #hello',
    },
    { lang: 'italian', body: 'Ciao a tutti! Sono appena arrivata nel team Finance di Roma. Felice di conoscervi. #ciao' },
  ],
  'managers-circle': [
    {
      lang: 'english',
      body: 'How do you run a first one-to-one with someone who just came back from a long leave? Looking for what worked for you.',
    },
  ],
  'project-lucciola': [
    { lang: 'italian', body: 'Prototipo pronto per i test con tre clienti pilota a febbraio. Per favore niente dettagli fuori da qui.' },
  ],
  'milano-office': [{ lang: 'italian', body: "Il terzo piano resta chiuso giovedì per la manutenzione dell'aria condizionata. #milano" }],
  'london-office': [{ lang: 'english', body: 'Fire drill on Wednesday at 10:30. It takes five minutes; please do not skip it. #london' }],
};

const COMMENTS: Record<'english' | 'italian', string[]> = {
  english: [
    'Love this!',
    'Thank you for sharing.',
    'Great work, team.',
    'Count me in.',
    'This made my day.',
    'Could we do the same in Manchester?',
    'Well deserved!',
    'Agree 100%.',
    'Really useful, saving this.',
  ],
  italian: [
    'Bellissimo!',
    'Grazie per aver condiviso.',
    'Bravissimi!',
    "Ci sono anch'io.",
    'Ottima idea.',
    'Complimenti davvero.',
    'Che bella notizia!',
  ],
};

const REPLIES: Record<'english' | 'italian', string[]> = {
  english: ['Thanks!', 'Same here.', 'Good point.', 'Let us talk on Monday.'],
  italian: ['Grazie!', 'Anche per me.', 'Giusto.', 'Ne parliamo lunedì.'],
};

/** The demo's communities, memberships, posts, comments, reactions and follows. */
export function generateSocial(company: DemoCompany, seed: number): DemoSocial {
  const rnd = new Random(seed ^ 0x50c1a1);
  const n = company.people.length;
  const everyone = company.people.map((_, i) => i);
  const managers = everyone.filter((i) => company.people.some((p) => p.managerIndex === i));
  const members = new Map<string, number[]>();
  for (const c of DEMO_COMMUNITIES) {
    if (c.sync) {
      continue;
    }
    if (c.key === 'managers-circle') {
      members.set(c.key, [...managers]);
      continue;
    }
    const count = Math.max(4, Math.round(n * c.reach));
    members.set(c.key, rnd.sample(everyone, count));
  }
  // The demo sign-ins should see a lively home: they join the public communities.
  for (const s of company.signIns) {
    for (const c of DEMO_COMMUNITIES) {
      const list = members.get(c.key);
      if (list && c.visibility === 'public' && !list.includes(s.index)) {
        list.push(s.index);
      }
    }
  }

  const membersOf = (key: string | null): number[] => {
    if (key === null) {
      return everyone;
    }
    const c = DEMO_COMMUNITIES.find((x) => x.key === key)!;
    if (c.sync) {
      return everyone.filter((i) => company.people[i]!.locationKey === c.sync!.key);
    }
    return members.get(key)!;
  };

  const posts: DemoPost[] = [];
  const rounds = Math.max(1, Math.min(6, Math.round(n / 100)));
  for (let round = 0; round < rounds; round += 1) {
    for (const [key, templates] of Object.entries(POSTS)) {
      const communityKey = key === '' ? null : key;
      const pool = membersOf(communityKey);
      if (pool.length === 0) {
        continue;
      }
      for (const t of templates) {
        if (round > 0 && rnd.chance(0.5)) {
          continue;
        }
        const authorIndex = communityKey === null && round === 0 && posts.length === 0 ? 0 : rnd.pick(pool);
        const minutesAgo = round * 60 * 24 * 5 + rnd.int(60 * 24 * 5);
        const commenters = rnd.sample(pool, Math.min(pool.length, rnd.int(5)));
        const others = pool.filter((i) => i !== authorIndex);
        posts.push({
          authorIndex,
          communityKey,
          body: t.body,
          lang: t.lang,
          mentionIndex: t.body.includes('{{mention}}') ? rnd.pick(others.length > 0 ? others : pool) : null,
          minutesAgo,
          comments: commenters.map((c) => {
            const at = Math.max(1, minutesAgo - 5 - rnd.int(600));
            return {
              authorIndex: c,
              body: rnd.pick(COMMENTS[t.lang]),
              minutesAgo: at,
              replies: rnd.chance(0.3) ? [{ authorIndex, body: rnd.pick(REPLIES[t.lang]), minutesAgo: Math.max(0, at - 30) }] : [],
            };
          }),
          reactions: rnd
            .sample(pool, Math.min(pool.length, rnd.int(Math.min(40, pool.length))))
            .map((u) => ({ userIndex: u, kind: rnd.weighted(REACTIONS.map((k, i) => [k, i === 0 ? 6 : 1] as const)) })),
        });
      }
    }
  }
  posts.sort((a, b) => b.minutesAgo - a.minutesAgo);

  const follows: [number, number][] = [];
  for (const s of company.signIns) {
    const boss = company.people[s.index]!.managerIndex;
    if (boss !== null) {
      follows.push([s.index, boss]);
    }
    if (s.index !== 0) {
      follows.push([s.index, 0]);
    }
  }
  return { communities: DEMO_COMMUNITIES, members, posts, follows };
}

/** Ids the demo rows refer to, from the company load. */
export interface DemoIds {
  orgId: string;
  allCompanyId: string;
  people: readonly string[];
  names: readonly string[];
  locations: ReadonlyMap<string, string>;
  newId: () => string;
  now: Date;
  render: (markdown: string) => { html: string; hashtags: string[] };
}

/** The demo's social rows, ready to insert (counts included, so no recount is needed). */
export function socialRows(social: DemoSocial, ids: DemoIds) {
  const { orgId } = ids;
  const at = (minutesAgo: number) => new Date(ids.now.getTime() - minutesAgo * 60_000);
  const communityIds = new Map(social.communities.map((c) => [c.key, ids.newId()]));
  const communities = social.communities.map((c) => ({
    id: communityIds.get(c.key)!,
    orgId,
    name: c.name,
    slug: c.key,
    description: c.description,
    rules: c.rules,
    visibility: c.visibility,
    official: c.official,
    syncKind: c.sync ? c.sync.kind : null,
    syncId: c.sync ? (ids.locations.get(c.sync.key) ?? null) : null,
    createdBy: ids.people[0]!,
  }));
  const members = [...social.members].flatMap(([key, list]) =>
    list.map((i, n) => ({
      orgId,
      communityId: communityIds.get(key)!,
      userId: ids.people[i]!,
      role: n === 0 ? ('owner' as const) : ('member' as const),
    })),
  );
  const posts = [];
  const postHashtags = [];
  const mentions = [];
  const comments = [];
  const reactions = [];
  const tagCounts = new Map<string, { count: number; last: Date }>();
  for (const p of social.posts) {
    const postId = ids.newId();
    const createdAt = at(p.minutesAgo);
    const mention = p.mentionIndex === null ? null : { id: ids.people[p.mentionIndex]!, name: ids.names[p.mentionIndex]! };
    const body = mention ? p.body.replace('{{mention}}', `@[${mention.name}](person:${mention.id})`) : p.body;
    const rendered = ids.render(body);
    const counts: Record<string, number> = {};
    for (const r of p.reactions) {
      counts[r.kind] = (counts[r.kind] ?? 0) + 1;
      reactions.push({ orgId, targetType: 'post' as const, targetId: postId, userId: ids.people[r.userIndex]!, kind: r.kind });
    }
    let commentCount = 0;
    for (const c of p.comments) {
      const commentId = ids.newId();
      commentCount += 1 + c.replies.length;
      comments.push({
        id: commentId,
        orgId,
        postId,
        parentId: null,
        authorId: ids.people[c.authorIndex]!,
        body: c.body,
        bodyHtml: ids.render(c.body).html,
        lang: p.lang,
        replyCount: c.replies.length,
        createdAt: at(c.minutesAgo),
      });
      for (const r of c.replies) {
        comments.push({
          id: ids.newId(),
          orgId,
          postId,
          parentId: commentId,
          authorId: ids.people[r.authorIndex]!,
          body: r.body,
          bodyHtml: ids.render(r.body).html,
          lang: p.lang,
          replyCount: 0,
          createdAt: at(r.minutesAgo),
        });
      }
    }
    posts.push({
      id: postId,
      orgId,
      authorId: ids.people[p.authorIndex]!,
      communityId: p.communityKey === null ? ids.allCompanyId : communityIds.get(p.communityKey)!,
      body,
      bodyHtml: rendered.html,
      lang: p.lang,
      reactionCounts: JSON.stringify(counts),
      reactionCount: p.reactions.length,
      commentCount,
      createdAt,
    });
    for (const tag of rendered.hashtags) {
      postHashtags.push({ orgId, postId, tag, createdAt });
      const t = tagCounts.get(tag);
      tagCounts.set(tag, { count: (t?.count ?? 0) + 1, last: t && t.last > createdAt ? t.last : createdAt });
    }
    if (mention) {
      mentions.push({ orgId, postId, commentId: null, userId: mention.id, communityId: null });
    }
  }
  const hashtags = [...tagCounts].map(([tag, t]) => ({ orgId, tag, postCount: t.count, lastUsedAt: t.last }));
  const follows = social.follows.map(([a, b]) => ({ orgId, followerId: ids.people[a]!, followeeId: ids.people[b]! }));
  return { communities, members, posts, postHashtags, mentions, comments, reactions, hashtags, follows };
}

export type SocialRows = ReturnType<typeof socialRows>;
