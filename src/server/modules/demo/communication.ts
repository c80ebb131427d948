import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { readingMinutes } from '../../../shared/comms.js';
import { Random, type DemoCompany } from './generate.js';

/**
 * The demo's company communication: announcements (one waiting for everyone's acknowledgement),
 * articles, questions with upvoted answers, polls (one anonymous), events with RSVPs and a waitlist,
 * and leadership AMAs (one coming, one past). Rows are written directly, counts included, inside the
 * demo's transaction, after its people and communities exist.
 */

/** The demo sign-in of the safety operator, by index in `company.people`. */
export interface SafetySignIn {
  role: 'safety';
  index: number;
}

/**
 * Makes the Workplace Manager (facilities, health and safety) the demo's safety operator (role
 * `safety`), so that safety checks can be tried with the role they are built for. Call it before the
 * people are written.
 */
export function addSafetyOperator(company: DemoCompany): SafetySignIn {
  const taken = new Set(company.signIns.map((s) => s.index));
  let index = company.people.findIndex((p, i) => p.title === 'Workplace Manager' && !taken.has(i));
  if (index < 0) {
    index = company.people.findIndex((p, i) => p.departmentKey === 'operations' && !taken.has(i));
  }
  const person = company.people[index]!;
  person.roles = [...new Set([...person.roles, 'safety' as const])];
  return { role: 'safety', index };
}

/** The demo sign-in of internal communications: its lead, else the first person with the `communications` role. */
export function communicationsSignIn(company: DemoCompany): { role: 'communications'; index: number } {
  const lead = company.people.findIndex((p) => p.title === 'Internal Communications Lead');
  const any = company.people.findIndex((p) => p.roles.includes('communications'));
  return { role: 'communications', index: lead >= 0 ? lead : Math.max(0, any) };
}

export interface CommunicationDemoIds {
  orgId: string;
  people: readonly string[];
  locations: ReadonlyMap<string, string>;
  allCompanyId: string;
  newId: () => string;
  now: Date;
  render: (markdown: string) => { html: string };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const POLICY_BODY = `From **1 January** we move to a simple hybrid rhythm: two team days in the office, the rest wherever you work best.

## What changes
- Each team picks its two office days together, and writes them in the team's community.
- Desks are booked in the app the day before; meeting rooms as today.
- Travel between offices for team days is covered as work travel.

## What does not change
Flexible hours, your equipment at home, and your manager's support when life needs a different week.

Questions? Ask them in next week's AMA with our CEO, or write to the People team.`;

const ARTICLES = [
  {
    title: 'How we cut our delivery times by a third',
    summary: 'The Torino plant changed three small habits. The results surprised even the people who proposed them.',
    body: `When the Torino team looked at a year of orders, the slowest step was not the machines. It was waiting.

## Waiting for a signature
Orders above a threshold waited for a manager's approval. Half of them waited over a weekend. The team proposed a rule: approvals answered within four working hours, or they approve themselves.

## Waiting for parts
The stores kept the common parts far from the lines that used them. Moving twelve shelves took one Saturday.

## Waiting for each other
A fifteen-minute stand-up at shift change replaced three long e-mails a day.

## What we learned
None of these ideas came from the top. They came from the people who saw the waiting every day. If you see waiting where you work, tell us in the Project Lucciola community.`,
    lang: 'english' as const,
    daysAgo: 3,
  },
  {
    title: 'Cinque anni di Fabbrica Aurora a Milano',
    summary: "Dall'ufficio con quattro scrivanie al piano intero di oggi: la storia raccontata da chi c'era.",
    body: `Cinque anni fa eravamo in quattro, in una stanza con una finestra sola e una macchina del caffè che funzionava a giorni alterni.

## I primi clienti
Il primo contratto l'abbiamo firmato al tavolo della cucina. Il cliente è ancora con noi.

## Le persone
Oggi siamo più di cento a Milano. Ognuno porta qualcosa: un'idea, un'abitudine, una ricetta per la cena di Natale.

## I prossimi cinque anni
Vogliamo crescere senza perdere quello che ci rende noi: ascoltarci, e ascoltare i clienti.`,
    lang: 'italian' as const,
    daysAgo: 9,
  },
];

const QUESTIONS = [
  {
    community: 'engineering-guild',
    body: 'What is the quickest way to get a staging database with realistic data for a new service?',
    answers: [
      'Use the anonymised snapshot job: it runs every night and takes about ten minutes to restore.',
      'Ask in the platform channel, they can give you a seeded copy the same day.',
    ],
    best: 0,
  },
  {
    community: 'new-joiners',
    body: 'Where do I find the holiday calendar for 2027, and do office closures count as holidays?',
    answers: ['It is in the People space. Office closures are extra: they do not use your holidays.'],
    best: 0,
  },
  {
    community: 'green-team',
    body: 'Could we add bike racks at the Torino plant? Who decides?',
    answers: [],
    best: null,
  },
] as const;

/**
 * Loads the demo's communication inside the demo's transaction, after its people and communities.
 * `communications` is the index of the person who writes the company's announcements.
 */
export async function loadCommunication(
  trx: Transaction<DB>,
  company: DemoCompany,
  seed: number,
  ids: CommunicationDemoIds,
): Promise<{ announcements: number; articles: number; questions: number; polls: number; events: number; amas: number }> {
  const rnd = new Random(seed + 23);
  const { orgId, people } = ids;
  const now = ids.now.getTime();
  const at = (msAgo: number) => new Date(now - msAgo);
  const communities = new Map(
    (await trx.selectFrom('communities').select(['id', 'slug']).where('orgId', '=', orgId).execute()).map((c) => [c.slug, c.id]),
  );
  const signIn = new Set(company.signIns.map((s) => s.index));
  const comms = communicationsSignIn(company).index;
  const ceo = 0;
  const active = people.map((id, i) => ({ id, i, p: company.people[i]! }));

  // Announcements: the hybrid policy to everyone (acknowledgement due in five days, pinned until then),
  // and a notice to the Milano office.
  const announcements: Array<{
    title: string;
    body: string;
    lang: 'english' | 'italian';
    audience: object;
    to: typeof active;
    ack: boolean;
    daysAgo: number;
  }> = [
    {
      title: 'Our hybrid way of working from 1 January',
      body: POLICY_BODY,
      lang: 'english',
      audience: { all: true },
      to: active,
      ack: true,
      daysAgo: 2,
    },
    {
      title: 'Milano: manutenzione ascensori sabato',
      body: "Sabato mattina gli ascensori dell'ufficio di Milano saranno fermi per manutenzione dalle 8 alle 13. Le scale restano aperte.",
      lang: 'italian',
      audience: { locationIds: [ids.locations.get('milano')!] },
      to: active.filter((a) => a.p.locationKey === 'milano'),
      ack: false,
      daysAgo: 5,
    },
  ];
  for (const a of announcements) {
    const id = ids.newId();
    const postId = ids.newId();
    const publishedAt = at(a.daysAgo * DAY);
    const html = ids.render(a.body).html;
    await trx
      .insertInto('posts')
      .values({
        id: postId,
        orgId,
        authorId: people[comms]!,
        communityId: null,
        kind: 'announcement',
        title: a.title,
        body: a.body,
        bodyHtml: html,
        lang: a.lang,
        createdAt: publishedAt,
      })
      .execute();
    const dueAt = a.ack ? new Date(now + 5 * DAY) : null;
    await trx
      .insertInto('announcements')
      .values({
        id,
        orgId,
        authorId: people[comms]!,
        postId,
        title: a.title,
        body: a.body,
        bodyHtml: html,
        audience: JSON.stringify(a.audience),
        audienceSize: a.to.length,
        publishedAt,
        pinnedUntil: dueAt,
        requiresAck: a.ack,
        ackDueAt: dueAt,
        createdAt: publishedAt,
        updatedAt: publishedAt,
      })
      .execute();
    const rows = a.to.map(({ id: userId, i, p }) => {
      // The demo's sign-ins have not read it yet, so that it waits on top of their feed.
      const seen = !signIn.has(i) && rnd.chance(0.7);
      const acked = a.ack && seen && rnd.chance(0.75);
      return {
        orgId,
        announcementId: id,
        userId,
        departmentId: null as string | null,
        teamId: null as string | null,
        locationId: ids.locations.get(p.locationKey) ?? null,
        deliveredAt: publishedAt,
        seenAt: seen ? at(rnd.int(a.daysAgo * 24) * HOUR) : null,
        ackedAt: acked ? at(rnd.int(a.daysAgo * 24) * HOUR) : null,
        lastChannel: 'app',
      };
    });
    for (let k = 0; k < rows.length; k += 500) {
      await trx
        .insertInto('announcementRecipients')
        .values(rows.slice(k, k + 500))
        .execute();
    }
  }
  // Departments and teams as they are, for the counts per segment.
  await sql`
    update announcement_recipients r set department_id = u.department_id, team_id = u.team_id
    from users u where u.id = r.user_id and r.org_id = ${orgId}
  `.execute(trx);

  // Articles, published in All company.
  for (const a of ARTICLES) {
    const postId = ids.newId();
    const publishedAt = at(a.daysAgo * DAY);
    await trx
      .insertInto('posts')
      .values({
        id: postId,
        orgId,
        authorId: people[comms]!,
        communityId: ids.allCompanyId,
        kind: 'article',
        title: a.title,
        body: a.body,
        bodyHtml: ids.render(a.body).html,
        lang: a.lang,
        createdAt: publishedAt,
      })
      .execute();
    await trx
      .insertInto('articles')
      .values({
        id: ids.newId(),
        orgId,
        authorId: people[comms]!,
        communityId: ids.allCompanyId,
        title: a.title,
        summary: a.summary,
        body: a.body,
        status: 'published',
        publishedAt,
        postId,
        readingMinutes: readingMinutes(a.body.split(/\s+/).length),
        createdAt: at(a.daysAgo * DAY + 2 * DAY),
        updatedAt: publishedAt,
      })
      .execute();
  }

  // Questions with answers; upvotes on the answers; the best one chosen.
  let questions = 0;
  for (const qn of QUESTIONS) {
    const communityId = communities.get(qn.community);
    if (!communityId) {
      continue;
    }
    const asker = rnd.pick(active.slice(1));
    const postId = ids.newId();
    const askedAt = at((2 + rnd.int(10)) * DAY);
    await trx
      .insertInto('posts')
      .values({
        id: postId,
        orgId,
        authorId: asker.id,
        communityId,
        kind: 'question',
        body: qn.body,
        bodyHtml: ids.render(qn.body).html,
        lang: 'english',
        commentCount: qn.answers.length,
        createdAt: askedAt,
      })
      .execute();
    const answerIds: string[] = [];
    for (const [n, text] of qn.answers.entries()) {
      const id = ids.newId();
      answerIds.push(id);
      const voters = rnd.sample(
        active.filter((a) => a.id !== asker.id),
        n === 0 ? 6 : 2,
      );
      await trx
        .insertInto('comments')
        .values({
          id,
          orgId,
          postId,
          parentId: null,
          authorId: rnd.pick(active.filter((a) => a.id !== asker.id)).id,
          body: text,
          bodyHtml: ids.render(text).html,
          lang: 'english',
          upvoteCount: voters.length,
          createdAt: new Date(askedAt.getTime() + (n + 1) * 3 * HOUR),
        })
        .execute();
      await trx
        .insertInto('answerVotes')
        .values(voters.map((v) => ({ orgId, commentId: id, userId: v.id })))
        .execute();
    }
    const best = qn.best === null ? null : (answerIds[qn.best] ?? null);
    await trx
      .insertInto('questions')
      .values({
        postId,
        orgId,
        communityId,
        bestCommentId: best,
        answeredAt: best ? new Date(askedAt.getTime() + DAY) : null,
        createdAt: askedAt,
      })
      .execute();
    questions++;
  }

  // Polls: one open to everyone by name, one anonymous with enough voters for its results to show.
  const polls = [
    {
      body: 'Summer party: which Friday suits you best?',
      options: ['12 June', '19 June', '26 June'],
      anonymous: false,
      voters: 34,
    },
    {
      body: 'How do you feel about the new open space on the second floor?',
      options: ['I love it', 'It is fine', 'Too noisy for focused work'],
      anonymous: true,
      voters: 23,
    },
  ];
  for (const p of polls) {
    const postId = ids.newId();
    const createdAt = at((1 + rnd.int(4)) * DAY);
    await trx
      .insertInto('posts')
      .values({
        id: postId,
        orgId,
        authorId: people[comms]!,
        communityId: ids.allCompanyId,
        kind: 'poll',
        body: p.body,
        bodyHtml: ids.render(p.body).html,
        lang: 'english',
        createdAt,
      })
      .execute();
    const optionIds = p.options.map(() => ids.newId());
    const voters = rnd.sample(
      active.filter((a) => !signIn.has(a.i)),
      p.voters,
    );
    const choices = voters.map(() => rnd.weighted(optionIds.map((o, n) => [o, 3 - n] as const)));
    const counts = optionIds.map((o) => choices.filter((c) => c === o).length);
    // An anonymous poll shows the counts as of the last full step of `threshold` voters.
    const threshold = 5;
    const shownVoters = p.anonymous ? Math.floor(voters.length / threshold) * threshold : voters.length;
    await trx
      .insertInto('polls')
      .values({
        postId,
        orgId,
        multiple: false,
        anonymous: p.anonymous,
        threshold,
        closesAt: new Date(now + 7 * DAY),
        voterCount: voters.length,
        shownCounts: p.anonymous
          ? JSON.stringify(Object.fromEntries(optionIds.map((o) => [o, choices.slice(0, shownVoters).filter((c) => c === o).length])))
          : null,
        shownVoters,
      })
      .execute();
    await trx
      .insertInto('pollOptions')
      .values(optionIds.map((id, n) => ({ id, orgId, postId, position: n, label: p.options[n]!, voteCount: counts[n]! })))
      .execute();
    await trx
      .insertInto('pollVoters')
      .values(voters.map((v) => ({ orgId, postId, userId: v.id })))
      .execute();
    await trx
      .insertInto('pollVotes')
      .values(
        voters.map((v, n) => ({
          orgId,
          postId,
          optionId: choices[n]!,
          userId: p.anonymous ? null : v.id,
          createdAt: p.anonymous ? null : new Date(createdAt.getTime() + (n + 1) * 7 * MINUTE),
        })),
      )
      .execute();
  }

  // Events: a town hall for everyone, a cooking meet-up that is full with a waitlist, mentoring, one past.
  const events = [
    {
      title: 'Q4 town hall',
      description: 'Results of the quarter, the plan for next year, and your questions. In the Milano auditorium and online.',
      inDays: 6,
      hours: 1,
      timeZone: 'Europe/Rome',
      place: 'Milano, auditorium (3rd floor)',
      onlineUrl: 'https://meet.example.com/fabbrica-aurora-town-hall',
      capacity: null as number | null,
      community: null as string | null,
      going: 60,
      maybe: 20,
      waitlist: 0,
    },
    {
      title: 'Corso di pasta fresca',
      description: 'Impariamo a fare tagliatelle e ravioli con lo chef della mensa. Posti limitati!',
      inDays: 10,
      hours: 2,
      timeZone: 'Europe/Rome',
      place: 'Milano, cucina del 1° piano',
      onlineUrl: null,
      capacity: 12,
      community: 'cucina',
      going: 12,
      maybe: 3,
      waitlist: 3,
    },
    {
      title: 'Mentoring circle: growing into your first lead role',
      description: 'An hour with three team leads about what they wish they had known. Bring your questions.',
      inDays: 14,
      hours: 1,
      timeZone: 'Europe/London',
      place: null,
      onlineUrl: 'https://meet.example.com/mentoring-circle',
      capacity: 25,
      community: 'managers-circle',
      going: 9,
      maybe: 4,
      waitlist: 0,
    },
    {
      title: 'Charity run by the Naviglio',
      description: 'Five kilometres for the children’s hospital. Thank you to everyone who ran or cheered!',
      inDays: -12,
      hours: 2,
      timeZone: 'Europe/Rome',
      place: 'Milano, Darsena',
      onlineUrl: null,
      capacity: null,
      community: 'running-club',
      going: 24,
      maybe: 0,
      waitlist: 0,
    },
  ];
  for (const e of events) {
    const id = ids.newId();
    const startsAt = new Date(Math.floor((now + e.inDays * DAY) / HOUR) * HOUR + 9 * HOUR);
    const attendees = rnd.sample(active.slice(1), e.going + e.maybe + e.waitlist);
    await trx
      .insertInto('events')
      .values({
        id,
        orgId,
        organiserId: people[comms]!,
        communityId: e.community ? (communities.get(e.community) ?? null) : null,
        title: e.title,
        description: e.description,
        descriptionHtml: ids.render(e.description).html,
        startsAt,
        endsAt: new Date(startsAt.getTime() + e.hours * HOUR),
        timeZone: e.timeZone,
        place: e.place,
        onlineUrl: e.onlineUrl,
        capacity: e.capacity,
        goingCount: e.going,
        maybeCount: e.maybe,
        waitlistCount: e.waitlist,
        remindedAt: e.inDays < 0 ? startsAt : null,
        createdAt: at(20 * DAY),
        updatedAt: at(20 * DAY),
      })
      .execute();
    await trx
      .insertInto('eventRsvps')
      .values(
        attendees.map((a, n) => ({
          orgId,
          eventId: id,
          userId: a.id,
          status: n < e.going ? ('going' as const) : n < e.going + e.maybe ? ('maybe' as const) : ('waitlist' as const),
          createdAt: at((19 - n / 10) * DAY),
          updatedAt: at((19 - n / 10) * DAY),
        })),
      )
      .execute();
  }

  // AMAs: one with the CEO in three days (questions already coming in), one past with its answers.
  const amas = [
    {
      title: `Ask ${company.people[ceo]!.name.split(' ')[0]} anything: our plans for next year`,
      description: 'Our CEO answers your questions live. Ask now and vote for the questions you want answered first.',
      startsInDays: 3,
      questions: [
        ['Will the hybrid policy be the same in every office?', 14, false],
        ['Are we opening an office in Germany?', 9, false],
        ['How will the bonus scheme change next year?', 21, true],
        ['What are we doing about the noise in the open space?', 6, true],
        ['Can we get more training budget for the plant teams?', 11, false],
      ] as const,
      answered: false,
    },
    {
      title: 'AMA with the leadership team: mid-year review',
      description: 'The leadership team answered questions about the first half of the year.',
      startsInDays: -40,
      questions: [
        ['Why did we change the expense tool?', 17, false],
        ['Is the Torino expansion still on?', 12, true],
      ] as const,
      answered: true,
    },
  ];
  for (const a of amas) {
    const id = ids.newId();
    const startsAt = new Date(Math.floor((now + a.startsInDays * DAY) / HOUR) * HOUR + 16 * HOUR);
    await trx
      .insertInto('amas')
      .values({
        id,
        orgId,
        hostId: people[ceo]!,
        createdBy: people[comms]!,
        title: a.title,
        description: a.description,
        descriptionHtml: ids.render(a.description).html,
        startsAt,
        endsAt: new Date(startsAt.getTime() + HOUR),
        status: a.answered ? 'ended' : 'scheduled',
        questionCount: a.questions.length,
        createdAt: at(Math.max(5, -a.startsInDays + 5) * DAY),
      })
      .execute();
    for (const [body, votes, anonymous] of a.questions) {
      const qid = ids.newId();
      const voters = rnd.sample(active.slice(1), votes);
      const answer = a.answered ? 'Thank you for asking. Yes — and we will share the details in the next town hall.' : null;
      await trx
        .insertInto('amaQuestions')
        .values({
          id: qid,
          orgId,
          amaId: id,
          authorId: anonymous ? null : rnd.pick(active.slice(1)).id,
          anonymous,
          body,
          upvoteCount: voters.length,
          answer,
          answerHtml: answer ? ids.render(answer).html : null,
          answeredAt: a.answered ? new Date(startsAt.getTime() + 20 * MINUTE) : null,
        })
        .execute();
      await trx
        .insertInto('amaVotes')
        .values(voters.map((v) => ({ orgId, questionId: qid, userId: v.id })))
        .execute();
    }
  }

  return {
    announcements: announcements.length,
    articles: ARTICLES.length,
    questions,
    polls: polls.length,
    events: events.length,
    amas: amas.length,
  };
}
