import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { shownResults } from './polls.extras.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

interface PollView {
  id: string;
  kind: string;
  poll: {
    multiple: boolean;
    anonymous: boolean;
    closed: boolean;
    voterCount: number;
    resultsShown: boolean;
    threshold: number;
    options: { id: string; label: string; votes: number | null }[];
    myVotes: string[];
    hasVoted: boolean;
  };
}

async function createPoll(client: Client, input: Record<string, unknown>): Promise<PollView> {
  const res = await client.post('/api/polls', { body: 'Where should we go?', options: ['Lake', 'Mountains', 'Sea'], ...input });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const vote = (client: Client, postId: string, optionIds: string[]) => client.post(`/api/polls/${postId}/votes`, { optionIds });

async function people(org: TestOrg, n: number) {
  const out = [];
  for (let i = 0; i < n; i += 1) {
    out.push(await org.person());
  }
  return out;
}

describe('polls', () => {
  it('creates a single-choice poll with its options in order', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const p = await createPoll(ann.client, {});
    expect(p.kind).toBe('poll');
    expect(p.poll).toMatchObject({ multiple: false, anonymous: false, closed: false, voterCount: 0, resultsShown: true, hasVoted: false });
    expect(p.poll.options.map((o) => [o.label, o.votes])).toEqual([
      ['Lake', 0],
      ['Mountains', 0],
      ['Sea', 0],
    ]);
  });

  it('refuses too few, too many, empty, duplicate and overlong options, and a closing time in the past', async () => {
    const org = await createOrg(t);
    const ann = await org.person();
    const bad = async (input: Record<string, unknown>) => {
      const res = await ann.client.post('/api/polls', { body: 'Q?', options: ['A', 'B'], ...input });
      expect(res.statusCode, res.body).toBe(400);
      return res.json().error.code as string;
    };
    await bad({ options: ['Only one'] });
    await bad({ options: Array.from({ length: 11 }, (_, i) => `Option ${i}`) });
    await bad({ options: ['x'.repeat(141), 'B'] });
    expect(await bad({ options: ['A', '   '] })).toBe('EMPTY_OPTION');
    expect(await bad({ options: ['Lake', ' lake '] })).toBe('DUPLICATE_OPTION');
    expect(await bad({ closesAt: new Date(Date.now() - 60_000).toISOString() })).toBe('CLOSES_IN_PAST');
    await bad({ body: '' });
    await bad({ extra: true });
  });

  it('counts one vote per person, refuses a second, and lists who voted for what', async () => {
    const org = await createOrg(t);
    const [ann, bob, cat] = await people(org, 3);
    const p = await createPoll(ann!.client, {});
    const [lake, mountains] = p.poll.options;
    const res = await vote(bob!.client, p.id, [lake!.id]);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().poll).toMatchObject({ voterCount: 1, hasVoted: true, myVotes: [lake!.id] });
    expect(res.json().poll.options[0].votes).toBe(1);
    const again = await vote(bob!.client, p.id, [mountains!.id]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_VOTED');
    await vote(cat!.client, p.id, [mountains!.id]);

    const voters = (await ann!.client.get(`/api/polls/${p.id}/voters`)).json();
    expect(voters.items.map((v: { person: { id: string }; optionIds: string[] }) => [v.person.id, v.optionIds])).toEqual([
      [cat!.id, [mountains!.id]],
      [bob!.id, [lake!.id]],
    ]);
    const first = (await ann!.client.get(`/api/polls/${p.id}/voters?limit=1`)).json();
    const next = (await ann!.client.get(`/api/polls/${p.id}/voters?limit=1&cursor=${first.nextCursor}`)).json();
    expect(next.items[0].person.id).toBe(bob!.id);
    expect(next.nextCursor).toBeNull();
    const events = await db()
      .selectFrom('realtimeEvents')
      .select(['channel', 'payload'])
      .where('orgId', '=', org.orgId)
      .where('type', '=', 'poll.changed')
      .execute();
    expect(events).toContainEqual({ channel: `post:${p.id}`, payload: { postId: p.id } });
  });

  it('lets only one of two votes sent at once through', async () => {
    const org = await createOrg(t);
    const [ann, bob] = await people(org, 2);
    const p = await createPoll(ann!.client, {});
    const results = await Promise.all([vote(bob!.client, p.id, [p.poll.options[0]!.id]), vote(bob!.client, p.id, [p.poll.options[1]!.id])]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const poll = await db().selectFrom('polls').select('voterCount').where('postId', '=', p.id).executeTakeFirstOrThrow();
    expect(poll.voterCount).toBe(1);
    const votes = await db().selectFrom('pollVotes').select('optionId').where('postId', '=', p.id).execute();
    expect(votes).toHaveLength(1);
  });

  it('checks the options: exactly one for single choice, several for multiple, and only this poll’s', async () => {
    const org = await createOrg(t);
    const [ann, bob, cat] = await people(org, 3);
    const single = await createPoll(ann!.client, {});
    const multi = await createPoll(ann!.client, { multiple: true });
    const [a, b] = single.poll.options;
    expect((await vote(bob!.client, single.id, [a!.id, b!.id])).json().error.code).toBe('ONE_OPTION');
    expect((await vote(bob!.client, single.id, [multi.poll.options[0]!.id])).json().error.code).toBe('INVALID_OPTION');
    expect((await vote(bob!.client, single.id, [])).statusCode).toBe(400);
    expect((await vote(bob!.client, multi.id, [a!.id])).json().error.code).toBe('INVALID_OPTION');
    // A refused vote leaves no trace: the person can still vote.
    expect((await vote(bob!.client, single.id, [a!.id])).statusCode).toBe(200);
    const both = await vote(cat!.client, multi.id, [multi.poll.options[0]!.id, multi.poll.options[2]!.id]);
    expect(both.statusCode, both.body).toBe(200);
    expect(both.json().poll.options.map((o: { votes: number }) => o.votes)).toEqual([1, 0, 1]);
    expect(both.json().poll.voterCount).toBe(1);
  });

  it('refuses votes once the poll is closed', async () => {
    const org = await createOrg(t);
    const [ann, bob] = await people(org, 2);
    const p = await createPoll(ann!.client, { closesAt: new Date(Date.now() + 60_000).toISOString() });
    await db()
      .updateTable('polls')
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where('postId', '=', p.id)
      .execute();
    const res = await vote(bob!.client, p.id, [p.poll.options[0]!.id]);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('POLL_CLOSED');
    expect((await bob!.client.get(`/api/posts/${p.id}`)).json().poll.closed).toBe(true);
  });

  it('answers 404 for a poll the voter cannot read, and for a post that is not a poll', async () => {
    const org = await createOrg(t);
    const [ann, outsider] = await people(org, 2);
    const club = await insertCommunity(t, org, 'private', [{ id: ann!.id }]);
    const p = await createPoll(ann!.client, { communityId: club });
    expect((await vote(outsider!.client, p.id, [p.poll.options[0]!.id])).statusCode).toBe(404);
    expect((await outsider!.client.get(`/api/polls/${p.id}/voters`)).statusCode).toBe(404);
    const plain = (await ann!.client.post('/api/posts', { body: 'Not a poll' })).json();
    expect((await vote(ann!.client, plain.id, [p.poll.options[0]!.id])).statusCode).toBe(404);
  });

  it('keeps anonymous votes apart from people and shows no counts below the threshold', async () => {
    const org = await createOrg(t);
    const voters = await people(org, 6);
    const ann = voters[0]!;
    const p = await createPoll(ann.client, { anonymous: true });
    expect(p.poll).toMatchObject({ anonymous: true, threshold: 5, resultsShown: false });
    const [lake, mountains] = p.poll.options;
    for (const v of voters.slice(1, 5)) {
      expect((await vote(v.client, p.id, [lake!.id])).statusCode).toBe(200);
    }
    const below = (await ann.client.get(`/api/posts/${p.id}`)).json().poll;
    expect(below).toMatchObject({ resultsShown: false, voterCount: 0 });
    expect(below.options.every((o: { votes: number | null }) => o.votes === null)).toBe(true);
    const rows = await db().selectFrom('pollVotes').select(['userId', 'createdAt']).where('postId', '=', p.id).execute();
    expect(rows).toHaveLength(4);
    expect(rows.every((r) => r.userId === null && r.createdAt === null)).toBe(true);
    expect((await ann.client.get(`/api/polls/${p.id}/voters`)).statusCode).toBe(404);

    const fifth = await vote(voters[5]!.client, p.id, [mountains!.id]);
    expect(fifth.json().poll).toMatchObject({ resultsShown: true, voterCount: 5, hasVoted: true, myVotes: [] });
    expect(fifth.json().poll.options.map((o: { votes: number }) => o.votes)).toEqual([4, 1, 0]);
  });

  it('does not let one more vote be read off the difference between two results', async () => {
    const org = await createOrg(t);
    const voters = await people(org, 11);
    const p = await createPoll(voters[0]!.client, { anonymous: true });
    const [lake, mountains, sea] = p.poll.options;
    for (const v of voters.slice(0, 5)) {
      await vote(v.client, p.id, [lake!.id]);
    }
    const at5 = (await voters[0]!.client.get(`/api/posts/${p.id}`)).json().poll;
    expect(at5.options.map((o: { votes: number }) => o.votes)).toEqual([5, 0, 0]);
    // The sixth voter's choice must not show: the counts stay those of the five.
    await vote(voters[5]!.client, p.id, [sea!.id]);
    const at6 = (await voters[0]!.client.get(`/api/posts/${p.id}`)).json().poll;
    expect(at6.options.map((o: { votes: number }) => o.votes)).toEqual([5, 0, 0]);
    expect(at6.voterCount).toBe(5);
    for (const v of voters.slice(6, 9)) {
      await vote(v.client, p.id, [mountains!.id]);
    }
    expect((await voters[0]!.client.get(`/api/posts/${p.id}`)).json().poll.voterCount).toBe(5);
    // Five more since the last snapshot: the counts move, by five people at once.
    await vote(voters[9]!.client, p.id, [mountains!.id]);
    const at10 = (await voters[0]!.client.get(`/api/posts/${p.id}`)).json().poll;
    expect(at10.voterCount).toBe(10);
    expect(at10.options.map((o: { votes: number }) => o.votes)).toEqual([5, 4, 1]);
  });

  it('follows the organisation’s listening threshold, and shows the final counts once closed', async () => {
    const org = await createOrg(t);
    await db()
      .insertInto('listeningSettings')
      .values({ orgId: org.orgId, threshold: 3, commentThreshold: 3, updatedAt: new Date() })
      .onConflict((oc) => oc.column('orgId').doUpdateSet({ threshold: 3 }))
      .execute();
    const voters = await people(org, 4);
    const p = await createPoll(voters[0]!.client, { anonymous: true });
    expect(p.poll.threshold).toBe(3);
    for (const v of voters) {
      await vote(v.client, p.id, [p.poll.options[1]!.id]);
    }
    expect((await voters[0]!.client.get(`/api/posts/${p.id}`)).json().poll.voterCount).toBe(3);
    await db()
      .updateTable('polls')
      .set({ closesAt: new Date(Date.now() - 1000) })
      .where('postId', '=', p.id)
      .execute();
    const closed = (await voters[0]!.client.get(`/api/posts/${p.id}`)).json().poll;
    expect(closed).toMatchObject({ closed: true, voterCount: 4, resultsShown: true });
  });

  it('shows nothing of a closed anonymous poll that too few people answered', () => {
    const poll = {
      postId: 'p',
      multiple: false,
      anonymous: true,
      threshold: 5,
      closesAt: new Date(Date.now() - 1000),
      voterCount: 4,
      shownCounts: null,
      shownVoters: 0,
    };
    expect(shownResults(poll, [{ id: 'a', postId: 'p', label: 'A', voteCount: 4 }])).toEqual({
      resultsShown: false,
      voterCount: 4,
      counts: null,
    });
  });
});
