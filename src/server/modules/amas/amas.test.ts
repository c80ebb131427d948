import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../platform/jobs.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };

let org: TestOrg;
let comms: Person;
let host: Person;
let asker: Person;
let voter: Person;
let other: Person;

const HOUR = 3_600_000;
const at = (offsetMs: number) => new Date(Date.now() + offsetMs).toISOString();

interface Ama {
  id: string;
  status: string;
  questionCount: number;
  answeredCount: number;
  abilities: Record<string, boolean>;
}
interface Question {
  id: string;
  author: { id: string } | null;
  anonymous: boolean;
  body: string;
  upvoteCount: number;
  myVote: boolean;
  mine: boolean;
  answerHtml: string | null;
  answeredAt: string | null;
  canHide: boolean;
  canVote: boolean;
}

async function schedule(opts: { communityId?: string; allowAnonymous?: boolean; startsIn?: number; title?: string } = {}): Promise<Ama> {
  const res = await comms.client.post('/api/amas', {
    title: opts.title ?? 'Ask the CEO',
    description: 'Bring **anything**.',
    hostId: host.id,
    startsAt: at(opts.startsIn ?? HOUR),
    endsAt: at((opts.startsIn ?? HOUR) + HOUR),
    ...(opts.allowAnonymous !== undefined ? { allowAnonymous: opts.allowAnonymous } : {}),
    ...(opts.communityId ? { communityId: opts.communityId } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Ama>();
}

async function ask(client: Client, amaId: string, body: string, anonymous = false): Promise<Question> {
  const res = await client.post(`/api/amas/${amaId}/questions`, { body, anonymous });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Question>();
}

async function questions(client: Client, amaId: string, query = ''): Promise<{ items: Question[]; nextCursor: string | null }> {
  const res = await client.get(`/api/amas/${amaId}/questions${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** Runs the scheduler once, as the minute tick would. */
async function tick() {
  await enqueue(db(), null, 'amas.tick', {});
  await t.app.ctx.worker.runDue();
}

async function notificationsOf(userId: string) {
  return db()
    .selectFrom('notifications')
    .select(['type', 'data', 'actorId'])
    .where('userId', '=', userId)
    .where('type', '=', 'ama')
    .execute();
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  comms = await org.person({ roles: ['communications'], name: 'Cleo Comms' });
  host = await org.person({ name: 'Hana Host' });
  asker = await org.person({ name: 'Asha Asker' });
  voter = await org.person({ name: 'Vik Voter' });
  other = await org.person({ name: 'Otto Other' });
});
afterAll(() => t.close());
// Asking is rate limited per person: each test gets an asker of its own.
beforeEach(async () => {
  asker = await org.person({ name: 'Asha Asker' });
});

describe('scheduling AMAs', () => {
  it('lets communications schedule an AMA with a rendered description and a host', async () => {
    const ama = await schedule();
    const res = await other.client.get(`/api/amas/${ama.id}`);
    expect(res.statusCode).toBe(200);
    const body = res.json<Ama & { descriptionHtml: string; host: { id: string; name: string } }>();
    expect(body).toMatchObject({ status: 'scheduled', questionCount: 0, host: { id: host.id, name: 'Hana Host' } });
    expect(body.descriptionHtml).toContain('<strong>anything</strong>');
    expect(body.abilities).toMatchObject({ canAsk: true, canAskAnonymously: true, canAnswer: false, canModerate: false, canEdit: false });
    const asHost = (await host.client.get(`/api/amas/${ama.id}`)).json<Ama>();
    expect(asHost.abilities).toMatchObject({ canAnswer: true, canModerate: true, canEdit: true, canStart: true, canEnd: true });
  });

  it('answers 403 when an employee schedules an AMA', async () => {
    const res = await other.client.post('/api/amas', { title: 'Mine', hostId: other.id, startsAt: at(HOUR), endsAt: at(2 * HOUR) });
    expect(res.statusCode).toBe(403);
  });

  it('refuses an AMA that ends before it starts, a host who is not a person, and a missing community', async () => {
    const base = { title: 'Bad', hostId: host.id, startsAt: at(2 * HOUR), endsAt: at(HOUR) };
    const times = await comms.client.post('/api/amas', base);
    expect([times.statusCode, times.json().error.code]).toEqual([400, 'ENDS_BEFORE_START']);
    const past = await comms.client.post('/api/amas', { ...base, startsAt: at(-3 * HOUR), endsAt: at(-2 * HOUR) });
    expect([past.statusCode, past.json().error.code]).toEqual([400, 'ENDS_IN_PAST']);
    const nobody = await comms.client.post('/api/amas', { ...base, endsAt: at(3 * HOUR), hostId: crypto.randomUUID() });
    expect([nobody.statusCode, nobody.json().error.code]).toEqual([400, 'UNKNOWN_HOST']);
    const noCommunity = await comms.client.post('/api/amas', { ...base, endsAt: at(3 * HOUR), communityId: crypto.randomUUID() });
    expect([noCommunity.statusCode, noCommunity.json().error.code]).toEqual([400, 'UNKNOWN_COMMUNITY']);
    const blank = await comms.client.post('/api/amas', { ...base, title: '   ', endsAt: at(3 * HOUR) });
    expect([blank.statusCode, blank.json().error.code]).toEqual([400, 'EMPTY_TITLE']);
    const long = await comms.client.post('/api/amas', { ...base, title: 'x'.repeat(201), endsAt: at(3 * HOUR) });
    expect(long.statusCode).toBe(400);
  });

  it('lets the host change the AMA but not hand it over, and nobody change it once it ended', async () => {
    const ama = await schedule();
    const renamed = await host.client.patch(`/api/amas/${ama.id}`, { title: 'Ask Hana' });
    expect([renamed.statusCode, renamed.json().title]).toEqual([200, 'Ask Hana']);
    expect((await host.client.patch(`/api/amas/${ama.id}`, { hostId: other.id })).statusCode).toBe(403);
    expect((await other.client.patch(`/api/amas/${ama.id}`, { title: 'Nope' })).statusCode).toBe(403);
    const handed = await comms.client.patch(`/api/amas/${ama.id}`, { hostId: other.id });
    expect(handed.json().host.id).toBe(other.id);
    expect((await comms.client.post(`/api/amas/${ama.id}/end`)).statusCode).toBe(200);
    const late = await comms.client.patch(`/api/amas/${ama.id}`, { title: 'Too late' });
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'AMA_ENDED']);
  });

  it('lists upcoming, live and past AMAs with keyset pages', async () => {
    const own = await createOrg(t);
    const lead = await own.person({ roles: ['hr'] });
    const make = async (startsIn: number) =>
      (
        await lead.client.post('/api/amas', {
          title: `AMA ${startsIn}`,
          hostId: lead.id,
          startsAt: at(startsIn),
          endsAt: at(startsIn + HOUR),
        })
      ).json<Ama>();
    const a = await make(3 * HOUR);
    const b = await make(HOUR);
    const c = await make(2 * HOUR);
    const live = await make(5 * HOUR);
    await lead.client.post(`/api/amas/${live.id}/live`);
    const first = (await lead.client.get('/api/amas?when=upcoming&limit=2')).json<{ items: Ama[]; nextCursor: string }>();
    expect(first.items.map((x) => x.id)).toEqual([b.id, c.id]);
    const second = (await lead.client.get(`/api/amas?when=upcoming&limit=2&cursor=${first.nextCursor}`)).json<{ items: Ama[] }>();
    expect(second.items.map((x) => x.id)).toEqual([a.id]);
    expect((await lead.client.get('/api/amas?when=live')).json<{ items: Ama[] }>().items.map((x) => x.id)).toEqual([live.id]);
    expect((await lead.client.get('/api/amas?when=past')).json<{ items: Ama[] }>().items).toEqual([]);
    expect((await lead.client.get('/api/amas?cursor=bad')).statusCode).toBe(400);
  });
});

describe('visibility', () => {
  it('shows an AMA in a community only to its readers and its host', async () => {
    const community = await insertCommunity(t, org, 'private', [{ id: comms.id, role: 'owner' }, { id: asker.id }]);
    const ama = await schedule({ communityId: community });
    expect((await asker.client.get(`/api/amas/${ama.id}`)).statusCode).toBe(200);
    expect((await host.client.get(`/api/amas/${ama.id}`)).statusCode).toBe(200);
    expect((await other.client.get(`/api/amas/${ama.id}`)).statusCode).toBe(404);
    expect((await other.client.get(`/api/amas/${ama.id}/questions`)).statusCode).toBe(404);
    expect((await other.client.post(`/api/amas/${ama.id}/questions`, { body: 'Hello?' })).statusCode).toBe(404);
    const question = await ask(asker.client, ama.id, 'What about us?');
    expect((await other.client.request('PUT', `/api/amas/questions/${question.id}/vote`)).statusCode).toBe(404);
    const listed = (await other.client.get('/api/amas')).json<{ items: Ama[] }>().items.map((x) => x.id);
    expect(listed).not.toContain(ama.id);
    expect((await asker.client.get('/api/amas')).json<{ items: Ama[] }>().items.map((x) => x.id)).toContain(ama.id);
  });

  it('answers 404 for an AMA of another organisation', async () => {
    const ama = await schedule();
    const elsewhere = await createOrg(t);
    expect((await elsewhere.admin.get(`/api/amas/${ama.id}`)).statusCode).toBe(404);
  });
});

describe('asking', () => {
  it('stores an anonymous question with no author, a random id and only its minute', async () => {
    const ama = await schedule();
    const q = await ask(asker.client, ama.id, '  Why are we moving offices?  ', true);
    expect(q).toMatchObject({ author: null, anonymous: true, mine: false, body: 'Why are we moving offices?' });
    const row = await db().selectFrom('amaQuestions').selectAll().where('id', '=', q.id).executeTakeFirstOrThrow();
    expect(row.authorId).toBeNull();
    expect(row.anonymous).toBe(true);
    expect(row.createdAt.getTime() % 60_000).toBe(0);
    expect(q.id[14]).toBe('4');
    const audits = await db().selectFrom('auditLog').select('id').where('targetId', '=', q.id).execute();
    expect(audits).toEqual([]);
    const trail = await db()
      .selectFrom('auditLog')
      .select(['actorId', 'action'])
      .where('orgId', '=', org.orgId)
      .where('actorId', '=', asker.id)
      .execute();
    expect(trail).toEqual([]);
    const seen = (await questions(other.client, ama.id)).items.find((x) => x.id === q.id);
    expect(seen?.author).toBeNull();
  });

  it('shows the author of a question asked openly', async () => {
    const ama = await schedule();
    const q = await ask(asker.client, ama.id, 'When is the offsite?');
    expect(q).toMatchObject({ author: { id: asker.id }, anonymous: false, mine: true, canVote: false });
    expect((await other.client.get(`/api/amas/${ama.id}`)).json<Ama>().questionCount).toBe(1);
  });

  it('answers 400 for an anonymous question where the AMA does not allow it, and for an empty or long one', async () => {
    const ama = await schedule({ allowAnonymous: false });
    const res = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: 'Secret?', anonymous: true });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'ANONYMOUS_NOT_ALLOWED']);
    expect(await db().selectFrom('amaQuestions').select('id').where('amaId', '=', ama.id).execute()).toEqual([]);
    const empty = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: '   \n ' });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'EMPTY_QUESTION']);
    const long = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: 'x'.repeat(1001) });
    expect(long.statusCode).toBe(400);
    const extra = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: 'Hi', authorId: other.id });
    expect(extra.statusCode).toBe(400);
  });

  it('answers 429 once a person has asked 20 questions in ten minutes', async () => {
    const ama = await schedule();
    for (let i = 0; i < 20; i += 1) {
      await ask(asker.client, ama.id, `Question ${i}`, i % 2 === 0);
    }
    const res = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: 'One more?' });
    expect([res.statusCode, res.json().error.code]).toEqual([429, 'RATE_LIMITED']);
    expect((await other.client.post(`/api/amas/${ama.id}/questions`, { body: 'Mine still goes' })).statusCode).toBe(201);
  });

  it('answers 409 for a question after the AMA ended', async () => {
    const ama = await schedule();
    await host.client.post(`/api/amas/${ama.id}/end`);
    const res = await asker.client.post(`/api/amas/${ama.id}/questions`, { body: 'Too late?' });
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'AMA_ENDED']);
  });
});

describe('voting', () => {
  it('counts a vote once however often it is cast, and takes it back', async () => {
    const ama = await schedule();
    const q = await ask(asker.client, ama.id, 'Hybrid work?');
    const url = `/api/amas/questions/${q.id}/vote`;
    expect((await voter.client.put(url, {})).json()).toEqual({ upvoteCount: 1, myVote: true });
    expect((await voter.client.put(url, {})).json()).toEqual({ upvoteCount: 1, myVote: true });
    const seen = (await questions(voter.client, ama.id)).items[0];
    expect(seen).toMatchObject({ upvoteCount: 1, myVote: true });
    expect((await voter.client.delete(url)).json()).toEqual({ upvoteCount: 0, myVote: false });
    expect((await voter.client.delete(url)).json()).toEqual({ upvoteCount: 0, myVote: false });
  });

  it('counts concurrent votes exactly', async () => {
    const ama = await schedule();
    const q = await ask(asker.client, ama.id, 'Budget for training?');
    const url = `/api/amas/questions/${q.id}/vote`;
    const people = await Promise.all([1, 2, 3, 4].map(() => org.person()));
    await Promise.all([...people, voter, voter, voter].map((p) => p.client.put(url, {})));
    const row = await db().selectFrom('amaQuestions').select('upvoteCount').where('id', '=', q.id).executeTakeFirstOrThrow();
    const votes = await db().selectFrom('amaVotes').select('userId').where('questionId', '=', q.id).execute();
    expect(row.upvoteCount).toBe(5);
    expect(votes).toHaveLength(5);
  });

  it('answers 400 for a vote on one’s own question and 404 on a hidden one', async () => {
    const ama = await schedule();
    const own = await ask(asker.client, ama.id, 'Mine?');
    const res = await asker.client.put(`/api/amas/questions/${own.id}/vote`, {});
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'OWN_QUESTION']);
    expect((await host.client.post(`/api/amas/questions/${own.id}/hide`)).statusCode).toBe(200);
    expect((await voter.client.put(`/api/amas/questions/${own.id}/vote`, {})).statusCode).toBe(404);
  });

  it('lets the author of an anonymous question vote like anyone', async () => {
    const ama = await schedule();
    const q = await ask(asker.client, ama.id, 'Nobody knows it is mine', true);
    expect((await asker.client.put(`/api/amas/questions/${q.id}/vote`, {})).statusCode).toBe(200);
  });
});

describe('ranking', () => {
  it('ranks by votes then age for top, by age for new, with keyset pages', async () => {
    const ama = await schedule();
    const a = await ask(asker.client, ama.id, 'A');
    const b = await ask(asker.client, ama.id, 'B');
    const c = await ask(asker.client, ama.id, 'C');
    const d = await ask(asker.client, ama.id, 'D');
    const fans = await Promise.all([1, 2].map(() => org.person()));
    for (const p of fans) {
      await p.client.put(`/api/amas/questions/${c.id}/vote`, {});
    }
    await fans[0]!.client.put(`/api/amas/questions/${b.id}/vote`, {});
    const top1 = await questions(other.client, ama.id, '?sort=top&limit=2');
    expect(top1.items.map((x) => x.body)).toEqual(['C', 'B']);
    const top2 = await questions(other.client, ama.id, `?sort=top&limit=2&cursor=${top1.nextCursor}`);
    expect(top2.items.map((x) => x.body)).toEqual(['A', 'D']);
    expect(top2.nextCursor).toBeNull();
    const new1 = await questions(other.client, ama.id, '?sort=new&limit=3');
    expect(new1.items.map((x) => x.id)).toEqual([d.id, c.id, b.id]);
    const new2 = await questions(other.client, ama.id, `?sort=new&limit=3&cursor=${new1.nextCursor}`);
    expect(new2.items.map((x) => x.id)).toEqual([a.id]);
    expect((await other.client.get(`/api/amas/${ama.id}/questions?cursor=nonsense`)).statusCode).toBe(400);
  });

  it('lists answered questions first once the AMA has ended, and filters by status', async () => {
    const ama = await schedule();
    const a = await ask(asker.client, ama.id, 'Popular');
    const b = await ask(asker.client, ama.id, 'Answered');
    await voter.client.put(`/api/amas/questions/${a.id}/vote`, {});
    await host.client.post(`/api/amas/questions/${b.id}/answer`, { answer: 'Yes.' });
    expect((await questions(other.client, ama.id)).items.map((x) => x.id)).toEqual([a.id, b.id]);
    expect((await questions(other.client, ama.id, '?status=answered')).items.map((x) => x.id)).toEqual([b.id]);
    expect((await questions(other.client, ama.id, '?status=open')).items.map((x) => x.id)).toEqual([a.id]);
    await host.client.post(`/api/amas/${ama.id}/end`);
    const after = await questions(other.client, ama.id, '?limit=1');
    expect(after.items.map((x) => x.id)).toEqual([b.id]);
    const rest = await questions(other.client, ama.id, `?limit=1&cursor=${after.nextCursor}`);
    expect(rest.items.map((x) => x.id)).toEqual([a.id]);
    expect(rest.items[0]?.canVote).toBe(false);
    const late = await voter.client.delete(`/api/amas/questions/${a.id}/vote`);
    expect([late.statusCode, late.json().error.code]).toEqual([409, 'AMA_ENDED']);
  });
});

describe('answering and moderation', () => {
  it('lets the host answer, marks the question answered and tells its author', async () => {
    const ama = await schedule({ title: 'Town hall AMA' });
    const q = await ask(asker.client, ama.id, 'Raises this year?');
    const res = await host.client.post(`/api/amas/questions/${q.id}/answer`, { answer: 'Yes, in **March**.' });
    expect(res.statusCode, res.body).toBe(200);
    const answered = res.json<Question>();
    expect(answered.answerHtml).toContain('<strong>March</strong>');
    expect(answered.answeredAt).not.toBeNull();
    expect((await other.client.get(`/api/amas/${ama.id}`)).json<Ama>().answeredCount).toBe(1);
    const notes = await notificationsOf(asker.id);
    expect(notes).toContainEqual({
      type: 'ama',
      actorId: host.id,
      data: { variant: 'answered', title: 'Town hall AMA', link: `/amas/${ama.id}` },
    });
    // Editing the answer keeps the first time and tells nobody again.
    await host.client.post(`/api/amas/questions/${q.id}/answer`, { answer: 'Yes, in April.' });
    expect((await notificationsOf(asker.id)).filter((n) => (n.data as { link: string }).link === `/amas/${ama.id}`)).toHaveLength(1);
  });

  it('notifies nobody when an anonymous question is answered', async () => {
    const ama = await schedule({ title: 'Quiet AMA' });
    const q = await ask(asker.client, ama.id, 'Who decides?', true);
    const before = await db().selectFrom('notifications').select('id').where('orgId', '=', org.orgId).execute();
    expect((await host.client.post(`/api/amas/questions/${q.id}/answer`, { answer: 'We do.' })).statusCode).toBe(200);
    const after = await db().selectFrom('notifications').select('id').where('orgId', '=', org.orgId).execute();
    expect(after.length).toBe(before.length);
  });

  it('answers 403 when someone other than the host answers, and 404 when they cannot see it', async () => {
    const community = await insertCommunity(t, org, 'private', [{ id: asker.id }]);
    const open = await schedule();
    const q = await ask(asker.client, open.id, 'Open question');
    expect((await other.client.post(`/api/amas/questions/${q.id}/answer`, { answer: 'Me?' })).statusCode).toBe(403);
    expect((await comms.client.post(`/api/amas/questions/${q.id}/answer`, { answer: 'Comms can.' })).statusCode).toBe(200);
    const closed = await schedule({ communityId: community });
    const hidden = await ask(asker.client, closed.id, 'Members only');
    expect((await other.client.post(`/api/amas/questions/${hidden.id}/answer`, { answer: 'Me?' })).statusCode).toBe(404);
    const empty = await host.client.post(`/api/amas/questions/${q.id}/answer`, { answer: '  ' });
    expect([empty.statusCode, empty.json().error.code]).toEqual([400, 'EMPTY_ANSWER']);
  });

  it('lets the host hide a question, which leaves every list, and nobody else', async () => {
    const ama = await schedule();
    const q = await ask(asker.client, ama.id, 'Something rude');
    expect((await other.client.post(`/api/amas/questions/${q.id}/hide`)).statusCode).toBe(403);
    expect((await questions(host.client, ama.id)).items[0]?.canHide).toBe(true);
    expect((await host.client.post(`/api/amas/questions/${q.id}/hide`)).statusCode).toBe(200);
    expect((await host.client.post(`/api/amas/questions/${q.id}/hide`)).statusCode).toBe(200);
    expect((await questions(other.client, ama.id)).items).toEqual([]);
    expect((await other.client.get(`/api/amas/${ama.id}`)).json<Ama>().questionCount).toBe(0);
    expect((await other.client.post(`/api/amas/questions/${q.id}/hide`)).statusCode).toBe(404);
  });
});

describe('going live', () => {
  it('tells those who asked or voted when the host puts the AMA on air', async () => {
    const ama = await schedule({ title: 'Live now AMA' });
    const q = await ask(asker.client, ama.id, 'First?');
    await ask(other.client, ama.id, 'Anonymous', true);
    await voter.client.put(`/api/amas/questions/${q.id}/vote`, {});
    expect((await other.client.post(`/api/amas/${ama.id}/live`)).statusCode).toBe(403);
    const res = await host.client.post(`/api/amas/${ama.id}/live`);
    expect([res.statusCode, res.json().status]).toEqual([200, 'live']);
    const live = { type: 'ama', actorId: host.id, data: { variant: 'live', title: 'Live now AMA', link: `/amas/${ama.id}` } };
    expect(await notificationsOf(asker.id)).toContainEqual(live);
    expect(await notificationsOf(voter.id)).toContainEqual(live);
    expect(await notificationsOf(other.id)).not.toContainEqual(live);
    // Again: nothing changes, nobody is told twice.
    await host.client.post(`/api/amas/${ama.id}/live`);
    expect(
      (await notificationsOf(asker.id)).filter(
        (n) => (n.data as { variant: string }).variant === 'live' && (n.data as { link: string }).link === `/amas/${ama.id}`,
      ),
    ).toHaveLength(1);
  });

  it('moves AMAs on air at their start and ends them at their end, once', async () => {
    const ama = await schedule({ title: 'Ticked AMA' });
    const q = await ask(asker.client, ama.id, 'Tick?');
    await db()
      .updateTable('amas')
      .set({ startsAt: new Date(Date.now() - 60_000) })
      .where('id', '=', ama.id)
      .execute();
    await tick();
    expect((await other.client.get(`/api/amas/${ama.id}`)).json<Ama>().status).toBe('live');
    await tick();
    const told = (await notificationsOf(asker.id)).filter((n) => (n.data as { link: string }).link === `/amas/${ama.id}`);
    expect(told).toHaveLength(1);
    expect(told[0]?.actorId).toBeNull();
    await db()
      .updateTable('amas')
      .set({ endsAt: new Date(Date.now() - 1000) })
      .where('id', '=', ama.id)
      .execute();
    await tick();
    expect((await other.client.get(`/api/amas/${ama.id}`)).json<Ama>().status).toBe('ended');
    expect((await questions(other.client, ama.id)).items.map((x) => x.id)).toEqual([q.id]);
    const event = await db()
      .selectFrom('realtimeEvents')
      .select(['channel', 'payload'])
      .where('orgId', '=', org.orgId)
      .where('type', '=', 'ama.changed')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ channel: 'org', payload: { amaId: ama.id } });
  });

  it('ends an AMA whose whole time went by before it was opened, without telling anyone', async () => {
    const ama = await schedule();
    await ask(asker.client, ama.id, 'Missed?');
    await db()
      .updateTable('amas')
      .set({ startsAt: new Date(Date.now() - 2 * HOUR), endsAt: new Date(Date.now() - HOUR) })
      .where('id', '=', ama.id)
      .execute();
    const before = (await notificationsOf(asker.id)).length;
    await tick();
    expect((await other.client.get(`/api/amas/${ama.id}`)).json<Ama>().status).toBe('ended');
    expect((await notificationsOf(asker.id)).length).toBe(before);
  });
});
