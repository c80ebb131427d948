import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { balancesOf, periodOf } from './ledger.js';
import { saveRecognitionSettings } from './recognition.settings.js';

let t: TestApp;
beforeAll(async () => {
  // The per-person writing limit is tested with posts; here it would stop the parallel gifts first.
  t = await testApp({ contentRateLimit: 0 });
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

interface Recipient {
  id: string;
  name: string;
  points: number;
}
interface Kudos {
  id: string;
  giver: { id: string };
  recipients: Recipient[];
  team: { id: string; name: string } | null;
  value: { id: string; name: string; description: string; emoji: string | null } | null;
  html: string;
  visibility: 'public' | 'private';
  pointsEach: number;
  postId: string | null;
}

const give = (client: Client, body: Record<string, unknown>, key?: string) =>
  client.post('/api/kudos', body, key ? { 'idempotency-key': key } : undefined);

async function given(client: Client, body: Record<string, unknown>): Promise<Kudos> {
  const res = await give(client, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Kudos>();
}

const errorOf = (res: { statusCode: number; json: () => { error: { code: string } } }) => [res.statusCode, res.json().error.code];

async function balance(orgId: string, userId: string, period = periodOf()) {
  return (await balancesOf(db(), orgId, [userId], period)).get(userId)!;
}

async function value(org: TestOrg, name: string, opts: { archived?: boolean; position?: number } = {}): Promise<string> {
  const id = newId();
  await db()
    .insertInto('companyValues')
    .values({
      id,
      orgId: org.orgId,
      name,
      description: `${name} at work`,
      emoji: '🤝',
      position: opts.position ?? 0,
      archivedAt: opts.archived ? new Date() : null,
    })
    .execute();
  return id;
}

async function team(org: TestOrg, name: string, memberIds: string[]): Promise<string> {
  const id = newId();
  await db().insertInto('teams').values({ id, orgId: org.orgId, name, departmentId: null }).execute();
  if (memberIds.length > 0) {
    await db().updateTable('users').set({ teamId: id }).where('id', 'in', memberIds).execute();
  }
  return id;
}

const deactivate = (userId: string) =>
  db().updateTable('users').set({ status: 'deactivated', deactivatedAt: new Date() }).where('id', '=', userId).execute();

const kudosCount = async (orgId: string) =>
  Number(
    (
      await db()
        .selectFrom('kudos')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('orgId', '=', orgId)
        .executeTakeFirstOrThrow()
    ).n,
  );

const notificationsOf = (userId: string, type: string) =>
  db().selectFrom('notifications').selectAll().where('userId', '=', userId).where('type', '=', type).execute();

async function picture(client: Client, kind: 'png' | 'text' = 'png'): Promise<string> {
  const data =
    kind === 'png'
      ? await sharp({ create: { width: 8, height: 8, channels: 3, background: '#cc6633' } })
          .png()
          .toBuffer()
      : Buffer.from('just some words');
  const [filename, type] = kind === 'png' ? ['thanks.png', 'image/png'] : ['note.txt', 'text/plain'];
  const boundary = '----kudos-test';
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${type}\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await client.request('POST', '/api/attachments', payload, { 'content-type': `multipart/form-data; boundary=${boundary}` });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string }>().id;
}

describe('giving kudos', () => {
  it('gives public kudos with a value and points: a kudos post in All company, the ledger on both sides, the recipients told', async () => {
    const org = await createOrg(t);
    const giver = await org.person({ name: 'Gina Giver' });
    const ann = await org.person({ name: 'Ann' });
    const bob = await org.person({ name: 'Bob' });
    const teamwork = await value(org, 'Teamwork');

    const res = await give(giver.client, {
      recipientIds: [bob.id, ann.id],
      valueId: teamwork,
      message: 'Thanks for **shipping** the release <script>alert(1)</script>',
      points: 10,
    });
    expect(res.statusCode, res.body).toBe(201);
    const k = res.json<Kudos>();
    expect(k).toMatchObject({
      giver: { id: giver.id, name: 'Gina Giver' },
      recipients: [
        { id: ann.id, name: 'Ann', points: 10 },
        { id: bob.id, name: 'Bob', points: 10 },
      ],
      team: null,
      value: { id: teamwork, name: 'Teamwork', description: 'Teamwork at work', emoji: '🤝' },
      visibility: 'public',
      pointsEach: 10,
    });
    expect(k.html).toContain('<strong>shipping</strong>');
    expect(k.html).not.toContain('<script>');

    const post = await db()
      .selectFrom('posts as p')
      .innerJoin('communities as c', 'c.id', 'p.communityId')
      .select(['p.kind', 'p.authorId', 'c.isAllCompany'])
      .where('p.id', '=', k.postId!)
      .executeTakeFirstOrThrow();
    expect(post).toEqual({ kind: 'kudos', authorId: giver.id, isAllCompany: true });

    expect((await balance(org.orgId, giver.id)).allowance).toMatchObject({ total: 100, given: 20, remaining: 80 });
    expect((await balance(org.orgId, ann.id)).received).toBe(10);
    expect((await balance(org.orgId, bob.id)).received).toBe(10);
    const entries = await db()
      .selectFrom('pointsLedger')
      .select(['userId', 'account', 'delta', 'reason', 'kudosId'])
      .where('orgId', '=', org.orgId)
      .orderBy('id')
      .execute();
    expect(entries).toHaveLength(3);
    expect(entries).toEqual(
      expect.arrayContaining([
        { userId: giver.id, account: 'allowance', delta: -20, reason: 'kudos_given', kudosId: k.id },
        { userId: ann.id, account: 'received', delta: 10, reason: 'kudos_received', kudosId: k.id },
        { userId: bob.id, account: 'received', delta: 10, reason: 'kudos_received', kudosId: k.id },
      ]),
    );

    for (const who of [ann, bob]) {
      const [n] = await notificationsOf(who.id, 'kudos');
      expect(n).toMatchObject({ actorId: giver.id, postId: k.postId, data: { kudosId: k.id, points: 10, visibility: 'public' } });
    }
    const centre = (await ann.client.get('/api/notifications')).json<{ items: { type: string; post: { id: string } | null }[] }>();
    expect(centre.items[0]).toMatchObject({ type: 'kudos', post: { id: k.postId } });

    const me = (await giver.client.get('/api/recognition/me')).json();
    expect(me).toMatchObject({ gamification: true, allowance: { total: 100, given: 20, remaining: 80, period: periodOf() }, received: 0 });
  });

  it('shows a public kudos in a colleague’s home feed with the kudos filled in, reactions and comments as any post', async () => {
    const org = await createOrg(t);
    const giver = await org.person({ name: 'Gina' });
    const ann = await org.person({ name: 'Ann' });
    const colleague = await org.person();
    const care = await value(org, 'Care');
    const k = await given(giver.client, { recipientIds: [ann.id], valueId: care, message: 'Thank you for the help', points: 5 });

    const feed = (await colleague.client.get('/api/feed')).json<{ items: { id: string; kind: string; kudos: unknown }[] }>();
    const post = feed.items.find((p) => p.id === k.postId);
    expect(post).toMatchObject({
      kind: 'kudos',
      author: { id: giver.id },
      html: '<p>Thank you for the help</p>',
      kudos: {
        id: k.id,
        value: { id: care, name: 'Care', emoji: '🤝' },
        pointsEach: 5,
        recipients: [{ id: ann.id, name: 'Ann', title: null, photoUrl: null }],
        team: null,
      },
      celebration: null,
    });
    expect((await colleague.client.put(`/api/posts/${k.postId}/reaction`, { kind: 'celebrate' })).statusCode).toBe(200);
    expect((await colleague.client.post(`/api/posts/${k.postId}/comments`, { body: 'Well deserved' })).statusCode).toBe(201);
    const single = (await ann.client.get(`/api/posts/${k.postId}`)).json();
    expect(single).toMatchObject({ reactionCount: 1, commentCount: 1, kudos: { id: k.id } });
    // An ordinary post carries neither summary.
    const plain = (await colleague.client.post('/api/posts', { body: 'Lunch?' })).json();
    expect(plain).toMatchObject({ kind: 'post', kudos: null, celebration: null });
  });

  it('shows what a celebration post celebrates', async () => {
    const org = await createOrg(t);
    const ann = await org.person({ name: 'Ann' });
    const reader = await org.person();
    const allCompany = await db()
      .selectFrom('communities')
      .select('id')
      .where('orgId', '=', org.orgId)
      .where('isAllCompany', '=', true)
      .executeTakeFirstOrThrow();
    const postId = newId();
    await db()
      .insertInto('posts')
      .values({
        id: postId,
        orgId: org.orgId,
        authorId: ann.id,
        communityId: allCompany.id,
        kind: 'celebration',
        body: 'Five years!',
        bodyHtml: '<p>Five years!</p>',
        sharedPostId: null,
        reactionCounts: '{}',
      })
      .execute();
    await db()
      .insertInto('celebrations')
      .values({ orgId: org.orgId, userId: ann.id, kind: 'anniversary', year: 2026, years: 5, postId })
      .execute();
    const post = (await reader.client.get(`/api/posts/${postId}`)).json();
    expect(post).toMatchObject({
      kind: 'celebration',
      kudos: null,
      celebration: { kind: 'anniversary', years: 5, person: { id: ann.id, name: 'Ann', title: null, photoUrl: null } },
    });
  });

  it('thanks a team: every active member but the giver, the team shown, points charged for each', async () => {
    const org = await createOrg(t);
    const giver = await org.person({ name: 'Gina' });
    const ann = await org.person({ name: 'Ann' });
    const bob = await org.person({ name: 'Bob' });
    const gone = await org.person({ name: 'Gone' });
    const squad = await team(org, 'Platform', [giver.id, ann.id, bob.id, gone.id]);
    await deactivate(gone.id);

    const k = await given(giver.client, { teamId: squad, message: 'Great sprint, team', points: 3 });
    expect(k.team).toEqual({ id: squad, name: 'Platform' });
    expect(k.recipients.map((r) => [r.name, r.points])).toEqual([
      ['Ann', 3],
      ['Bob', 3],
    ]);
    expect((await balance(org.orgId, giver.id)).allowance.given).toBe(6);

    // Named people and a team together count each person once.
    const both = await given(giver.client, { teamId: squad, recipientIds: [ann.id], message: 'Again', points: 1 });
    expect(both.recipients.map((r) => r.id).sort()).toEqual([ann.id, bob.id].sort());
  });

  it('refuses a team larger than one kudos can thank', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ids = Array.from({ length: 21 }, () => newId());
    await db()
      .insertInto('users')
      .values(
        ids.map((id, i) => ({
          id,
          orgId: org.orgId,
          email: `crowd${i}-${id.slice(-6)}@${org.host}`,
          name: `Crowd ${i}`,
          passwordHash: null,
        })),
      )
      .execute();
    const crowd = await team(org, 'Crowd', ids);
    const res = await give(giver.client, { teamId: crowd, message: 'Thanks all' });
    expect(errorOf(res)).toEqual([422, 'TOO_MANY_RECIPIENTS']);
    expect(res.json().error.details).toEqual({ limit: 20, count: 21 });
  });

  it('refuses recognising oneself, by name or through a team where nobody else is left', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const other = await org.person();
    const solo = await team(org, 'Solo', [giver.id]);
    expect(errorOf(await give(giver.client, { recipientIds: [giver.id], message: 'Me!' }))).toEqual([422, 'SELF_RECOGNITION']);
    expect(errorOf(await give(giver.client, { recipientIds: [other.id, giver.id], message: 'Us!' }))).toEqual([422, 'SELF_RECOGNITION']);
    expect(errorOf(await give(giver.client, { teamId: solo, message: 'My team!' }))).toEqual([422, 'SELF_RECOGNITION']);
    expect(await kudosCount(org.orgId)).toBe(0);
  });

  it('refuses negative, fractional and too many points, and malformed bodies, by the schema', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    for (const points of [-1, 1.5, 1001, 'ten']) {
      const res = await give(giver.client, { recipientIds: [ann.id], message: 'Thanks', points });
      expect([res.statusCode, points]).toEqual([400, points]);
    }
    expect((await give(giver.client, { recipientIds: [ann.id], message: '' })).statusCode).toBe(400);
    expect((await give(giver.client, { recipientIds: [ann.id], message: 'x'.repeat(2001) })).statusCode).toBe(400);
    expect((await give(giver.client, { recipientIds: [ann.id], message: 'Hi', extra: true })).statusCode).toBe(400);
    expect((await give(giver.client, { recipientIds: ['not-a-uuid'], message: 'Hi' })).statusCode).toBe(400);
    const many = Array.from({ length: 21 }, () => newId());
    expect((await give(giver.client, { recipientIds: many, message: 'Hi' })).statusCode).toBe(400);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], message: '   \n  ' }))).toEqual([400, 'EMPTY_MESSAGE']);
    expect(await kudosCount(org.orgId)).toBe(0);
  });

  it('refuses a gift above the remaining allowance and writes nothing of it', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const bob = await org.person();
    const carl = await org.person();
    const dan = await org.person();
    await given(giver.client, { recipientIds: [ann.id], message: 'Thanks', points: 30 });
    await given(giver.client, { recipientIds: [bob.id], message: 'Thanks', points: 30 });
    const res = await give(giver.client, { recipientIds: [carl.id, dan.id], message: 'Thanks again', points: 25 });
    expect(errorOf(res)).toEqual([422, 'INSUFFICIENT_ALLOWANCE']);
    expect(res.json().error.details).toEqual({ remaining: 40 });
    expect(await kudosCount(org.orgId)).toBe(2);
    const posts = await db().selectFrom('posts').select('id').where('orgId', '=', org.orgId).where('kind', '=', 'kudos').execute();
    expect(posts).toHaveLength(2);
    expect((await balance(org.orgId, giver.id)).allowance).toMatchObject({ given: 60, remaining: 40 });
    // What is left can still be given.
    await given(giver.client, { recipientIds: [carl.id, dan.id], message: 'Thanks again', points: 20 });
    expect((await balance(org.orgId, giver.id)).allowance.remaining).toBe(0);
  });

  it('refuses a deactivated recipient, unknown people, teams and values, and a kudos for nobody', async () => {
    const org = await createOrg(t);
    const other = await createOrg(t);
    const stranger = await other.person();
    const giver = await org.person();
    const ann = await org.person({ name: 'Ann' });
    const gone = await org.person({ name: 'Gone' });
    await deactivate(gone.id);
    const empty = await team(org, 'Empty', []);
    const foreignValue = await value(other, 'Elsewhere');

    const inactive = await give(giver.client, { recipientIds: [ann.id, gone.id], message: 'Thanks' });
    expect(errorOf(inactive)).toEqual([422, 'RECIPIENT_INACTIVE']);
    expect(inactive.json().error.details).toEqual({ ids: [gone.id] });
    expect(errorOf(await give(giver.client, { recipientIds: [newId()], message: 'Thanks' }))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await give(giver.client, { recipientIds: [stranger.id], message: 'Thanks' }))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await give(giver.client, { teamId: newId(), message: 'Thanks' }))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], valueId: newId(), message: 'Thanks' }))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], valueId: foreignValue, message: 'Thanks' }))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(errorOf(await give(giver.client, { message: 'Thanks' }))).toEqual([400, 'NO_RECIPIENTS']);
    expect(errorOf(await give(giver.client, { recipientIds: [], message: 'Thanks' }))).toEqual([400, 'NO_RECIPIENTS']);
    expect(errorOf(await give(giver.client, { teamId: empty, message: 'Thanks' }))).toEqual([400, 'NO_RECIPIENTS']);
    expect(await kudosCount(org.orgId)).toBe(0);
  });

  it('requires a value when the company says so, and refuses an archived one', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const old = await value(org, 'Old ways', { archived: true });
    const current = await value(org, 'Ownership');
    await saveRecognitionSettings(db(), org.orgId, { requireValue: true });
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'Thanks' }))).toEqual([422, 'VALUE_REQUIRED']);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], valueId: old, message: 'Thanks' }))).toEqual([422, 'VALUE_ARCHIVED']);
    const k = await given(giver.client, { recipientIds: [ann.id], valueId: current, message: 'Thanks' });
    expect(k.value?.id).toBe(current);
  });

  it('answers a replayed idempotency key with the same kudos, and refuses the key with another body', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const bob = await org.person();
    const body = { recipientIds: [ann.id, bob.id], message: 'Thanks', points: 5 };
    const first = await give(giver.client, body, 'key-1');
    expect(first.statusCode).toBe(201);
    const again = await give(giver.client, { ...body, recipientIds: [bob.id, ann.id] }, 'key-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await give(giver.client, { ...body, points: 6 }, 'key-1');
    expect(errorOf(other)).toEqual([422, 'IDEMPOTENCY_MISMATCH']);
    // Another giver's key space is their own.
    const ann2 = await give(ann.client, { recipientIds: [bob.id], message: 'Thanks' }, 'key-1');
    expect(ann2.statusCode).toBe(201);
    expect(await kudosCount(org.orgId)).toBe(2);
    expect((await balance(org.orgId, giver.id)).allowance.given).toBe(10);
    expect((await give(giver.client, body, 'k'.repeat(101))).statusCode).toBe(400);
  });

  it('gives once and charges once for 20 parallel retries of one idempotency key', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const body = { recipientIds: [ann.id], message: 'Thanks for the weekend cover', points: 7 };
    const results = await Promise.all(Array.from({ length: 20 }, () => give(giver.client, body, 'retry-me')));
    const statuses = results.map((r) => r.statusCode).sort();
    expect(statuses).toEqual([200, ...Array<number>(18).fill(200), 201].sort());
    expect(new Set(results.map((r) => r.json<Kudos>().id)).size).toBe(1);
    expect(await kudosCount(org.orgId)).toBe(1);
    expect((await balance(org.orgId, giver.id)).allowance.given).toBe(7);
    expect((await balance(org.orgId, ann.id)).received).toBe(7);
    expect(await notificationsOf(ann.id, 'kudos')).toHaveLength(1);
  });

  it('gives exactly the allowance when 200 gifts of one point race for an allowance of 100', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const people = await Promise.all(Array.from({ length: 4 }, () => org.person()));
    await saveRecognitionSettings(db(), org.orgId, { recipientLimit: 1000 });
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => give(giver.client, { recipientIds: [people[i % 4]!.id], message: `Thanks #${i}`, points: 1 })),
    );
    const codes = results.map((r) => (r.statusCode === 201 ? 201 : `${r.statusCode} ${r.json().error.code}`));
    expect(codes.filter((c) => c === 201)).toHaveLength(100);
    expect(codes.filter((c) => c === '422 INSUFFICIENT_ALLOWANCE')).toHaveLength(100);
    const mine = await balance(org.orgId, giver.id);
    expect(mine.allowance).toMatchObject({ total: 100, given: 100, remaining: 0 });
    const sums = await db()
      .selectFrom('pointsLedger')
      .select(['account', (eb) => eb.fn.sum<number>('delta').as('sum'), (eb) => eb.fn.countAll<number>().as('n')])
      .where('orgId', '=', org.orgId)
      .groupBy('account')
      .orderBy('account')
      .execute();
    expect(sums.map((s) => [s.account, Number(s.sum), Number(s.n)])).toEqual([
      ['allowance', -100, 100],
      ['received', 100, 100],
    ]);
    expect(await kudosCount(org.orgId)).toBe(100);
  }, 120_000);

  it('gives no points to people whose points are off, without charging the giver for them', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person({ name: 'Ann' });
    const berlin = await org.person({ name: 'Bernd' });
    const office = newId();
    await db().insertInto('locations').values({ id: office, orgId: org.orgId, name: 'Berlin', country: 'DE', timezone: null }).execute();
    await db().updateTable('users').set({ locationId: office }).where('id', '=', berlin.id).execute();
    await saveRecognitionSettings(db(), org.orgId, { gamificationOffCountries: ['DE'] });

    const k = await given(giver.client, { recipientIds: [ann.id, berlin.id], message: 'Thanks both', points: 10 });
    expect(k.recipients.map((r) => [r.name, r.points])).toEqual([
      ['Ann', 10],
      ['Bernd', 0],
    ]);
    expect((await balance(org.orgId, giver.id)).allowance.given).toBe(10);
    expect((await balance(org.orgId, berlin.id)).received).toBe(0);

    // A giver whose own points are off thanks without points.
    const off = await give(berlin.client, { recipientIds: [ann.id], message: 'Danke', points: 1 });
    expect(errorOf(off)).toEqual([422, 'GAMIFICATION_OFF']);
    await given(berlin.client, { recipientIds: [ann.id], message: 'Danke' });
    expect((await berlin.client.get('/api/recognition/me')).json().gamification).toBe(false);
  });

  it('limits the points one giver gives one colleague within the window, and says what is left', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person({ name: 'Ann' });
    const bob = await org.person({ name: 'Bob' });
    const other = await org.person();
    await saveRecognitionSettings(db(), org.orgId, { recipientLimit: 30, recipientLimitDays: 7 });
    await given(giver.client, { recipientIds: [ann.id], message: 'Thanks', points: 20 });
    const over = await give(giver.client, { recipientIds: [ann.id, bob.id], message: 'Thanks', points: 15 });
    expect(errorOf(over)).toEqual([422, 'RECIPIENT_LIMIT']);
    expect(over.json().error.details).toEqual({ limit: 30, days: 7, recipients: [{ id: ann.id, remaining: 10 }] });
    expect(over.json().error.message).toContain('Ann');
    await given(giver.client, { recipientIds: [ann.id, bob.id], message: 'Thanks', points: 10 });
    // Thanks without points are never limited, and another giver has a limit of their own.
    await given(giver.client, { recipientIds: [ann.id], message: 'Thanks' });
    await given(other.client, { recipientIds: [ann.id], message: 'Thanks', points: 30 });
    // Gifts older than the window no longer count.
    const longAgo = new Date(Date.now() - 8 * 24 * 60 * 60_000);
    await sql`update kudos_recipients set created_at = ${longAgo} where user_id = ${ann.id}`.execute(db());
    await given(giver.client, { recipientIds: [ann.id], message: 'Thanks', points: 30 });
  });
});

describe('where kudos go and who reads them', () => {
  it('keeps private kudos to the giver, the recipients and administrators, with no post', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const bystander = await org.person();
    const k = await given(giver.client, { recipientIds: [ann.id], message: 'Just between us', visibility: 'private', points: 2 });
    expect(k).toMatchObject({ visibility: 'private', postId: null });
    expect(await db().selectFrom('posts').select('id').where('orgId', '=', org.orgId).where('kind', '=', 'kudos').execute()).toEqual([]);

    for (const c of [giver.client, ann.client, org.admin]) {
      expect((await c.get(`/api/kudos/${k.id}`)).statusCode).toBe(200);
    }
    expect(errorOf(await bystander.client.get(`/api/kudos/${k.id}`))).toEqual([404, 'NOT_FOUND']);

    const listed = async (c: Client, personId: string, direction: string) =>
      (await c.get(`/api/people/${personId}/kudos?direction=${direction}`)).json<{ items: { id: string }[] }>().items.map((i) => i.id);
    expect(await listed(ann.client, ann.id, 'received')).toEqual([k.id]);
    expect(await listed(giver.client, giver.id, 'given')).toEqual([k.id]);
    expect(await listed(bystander.client, ann.id, 'received')).toEqual([]);
    expect(await listed(bystander.client, giver.id, 'given')).toEqual([]);
    expect(await listed(org.admin, ann.id, 'received')).toEqual([]);

    const [n] = await notificationsOf(ann.id, 'kudos');
    expect(n).toMatchObject({ postId: null, data: { kudosId: k.id, visibility: 'private' } });
    expect((await bystander.client.get('/api/feed')).json().items).toEqual([]);
  });

  it('posts a public kudos in a community the giver may post in, and never in one they may not', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const outsider = await org.person();
    const mine = await insertCommunity(t, org, 'public', [{ id: giver.id }, { id: ann.id }]);
    const closed = await insertCommunity(t, org, 'private', [{ id: ann.id }]);
    const secret = await insertCommunity(t, org, 'secret', [{ id: ann.id }, { id: outsider.id }]);

    const k = await given(giver.client, { recipientIds: [ann.id], message: 'Thanks', communityId: mine });
    expect((await ann.client.get(`/api/posts/${k.postId}`)).json().community.id).toBe(mine);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'Thanks', communityId: closed }))).toEqual([
      403,
      'NOT_A_MEMBER',
    ]);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'Thanks', communityId: secret }))).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(
      errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'Thanks', communityId: mine, visibility: 'private' })),
    ).toEqual([400, 'PRIVATE_KUDOS_COMMUNITY']);

    // A kudos in a secret community reads only to its members (and the people it was between).
    const hidden = await given(ann.client, { recipientIds: [outsider.id], message: 'Psst', communityId: secret });
    expect((await outsider.client.get(`/api/kudos/${hidden.id}`)).statusCode).toBe(200);
    expect((await giver.client.get(`/api/kudos/${hidden.id}`)).statusCode).toBe(404);
    const notified = await notificationsOf(outsider.id, 'kudos');
    expect(notified[0]?.postId).toBe(hidden.postId);
  });

  it('tells a recipient who cannot read the community, without pointing to the post', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const club = await insertCommunity(t, org, 'private', [{ id: giver.id }]);
    const k = await given(giver.client, { recipientIds: [ann.id], message: 'Thanks from the club', communityId: club });
    const [n] = await notificationsOf(ann.id, 'kudos');
    expect(n).toMatchObject({ postId: null, data: { kudosId: k.id } });
    expect((await ann.client.get(`/api/kudos/${k.id}`)).statusCode).toBe(200);
  });

  it('carries one picture on a public kudos, and refuses other files and pictures on private kudos', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const photo = await picture(giver.client);
    const k = await given(giver.client, { recipientIds: [ann.id], message: 'Look at this', attachmentIds: [photo] });
    const post = (await ann.client.get(`/api/posts/${k.postId}`)).json();
    expect(post.attachments).toMatchObject([{ id: photo, kind: 'image' }]);

    const text = await picture(giver.client, 'text');
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'File', attachmentIds: [text] }))).toEqual([
      400,
      'ATTACHMENT_NOT_IMAGE',
    ]);
    const another = await picture(giver.client);
    expect(
      errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'Secret', visibility: 'private', attachmentIds: [another] })),
    ).toEqual([400, 'PRIVATE_KUDOS_PICTURE']);
    expect((await give(giver.client, { recipientIds: [ann.id], message: 'Two', attachmentIds: [another, text] })).statusCode).toBe(400);
    // Someone else's upload cannot be claimed.
    const annsPhoto = await picture(ann.client);
    expect(errorOf(await give(giver.client, { recipientIds: [ann.id], message: 'Hers', attachmentIds: [annsPhoto] }))).toEqual([
      400,
      'ATTACHMENT_INVALID',
    ]);
    expect(await kudosCount(org.orgId)).toBe(1);
  });

  it('pages through the kudos a person received and gave, newest first', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      ids.push((await given(giver.client, { recipientIds: [ann.id], message: `Thanks ${i}`, points: 1 })).id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/people/${ann.id}/kudos?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const page = (await giver.client.get(url)).json<{ items: Kudos[]; nextCursor: string | null }>();
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((k) => k.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    const givenPage = (await ann.client.get(`/api/people/${giver.id}/kudos?direction=given&limit=3`)).json();
    expect(givenPage.items.map((k: Kudos) => k.id)).toEqual(ids.slice(2).reverse());
    expect(givenPage.nextCursor).not.toBeNull();
    expect((await ann.client.get(`/api/people/${newId()}/kudos`)).statusCode).toBe(404);
    expect(errorOf(await ann.client.get(`/api/people/${ann.id}/kudos?cursor=garbage`))).toEqual([400, 'INVALID_CURSOR']);
  });

  it('hides a public kudos from others once its post is removed, but not from the people it was between', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const colleague = await org.person();
    const k = await given(giver.client, { recipientIds: [ann.id], message: 'Thanks' });
    expect((await colleague.client.get(`/api/kudos/${k.id}`)).statusCode).toBe(200);
    expect((await giver.client.delete(`/api/posts/${k.postId}`)).statusCode).toBe(200);
    expect((await colleague.client.get(`/api/kudos/${k.id}`)).statusCode).toBe(404);
    const mine = (await ann.client.get(`/api/kudos/${k.id}`)).json<Kudos>();
    expect(mine.postId).toBeNull();
  });
});

describe('the giver’s points', () => {
  it('lists the values, the rules and the allowance by person and role rules', async () => {
    const org = await createOrg(t);
    const employee = await org.person();
    const manager = await org.person({ roles: ['manager'] });
    const boss = await org.person({ roles: ['manager', 'hr'] });
    const special = await org.person({ roles: ['manager'] });
    const second = await value(org, 'Customers first', { position: 2 });
    const first = await value(org, 'Be kind', { position: 1 });
    await value(org, 'Retired', { archived: true });
    await db()
      .insertInto('allowanceRules')
      .values([
        { id: newId(), orgId: org.orgId, role: 'manager', userId: null, amount: 200 },
        { id: newId(), orgId: org.orgId, role: 'hr', userId: null, amount: 300 },
        { id: newId(), orgId: org.orgId, role: null, userId: special.id, amount: 50 },
      ])
      .execute();
    await saveRecognitionSettings(db(), org.orgId, {
      defaultAllowance: 80,
      requireValue: true,
      recipientLimit: 40,
      recipientLimitDays: 14,
    });

    const me = (await employee.client.get('/api/recognition/me')).json();
    expect(me).toMatchObject({
      gamification: true,
      allowance: { total: 80, given: 0, remaining: 80 },
      received: 0,
      requireValue: true,
      recipientLimit: { points: 40, days: 14 },
    });
    expect(me.values.map((v: { id: string }) => v.id)).toEqual([first, second]);
    expect(new Date(me.allowance.resetsAt).getUTCDate()).toBe(1);
    const totalOf = async (c: Client) => (await c.get('/api/recognition/me')).json().allowance.total;
    expect(await totalOf(manager.client)).toBe(200);
    expect(await totalOf(boss.client)).toBe(300);
    expect(await totalOf(special.client)).toBe(50);

    // The person's rule is what the gift is checked against.
    const gift = await give(special.client, { recipientIds: [employee.id], valueId: first, message: 'Thanks', points: 40 });
    expect(gift.statusCode).toBe(201);
    expect(errorOf(await give(special.client, { recipientIds: [manager.id], valueId: first, message: 'Thanks', points: 11 }))).toEqual([
      422,
      'INSUFFICIENT_ALLOWANCE',
    ]);
  });

  it('starts a fresh allowance each month: last month’s gifts do not count', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const bob = await org.person();
    await given(giver.client, { recipientIds: [ann.id], message: 'Thanks', points: 40 });
    // Move the gift to last month, as if the month had turned since.
    const now = new Date();
    const lastMonth = periodOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 15)));
    await db().updateTable('pointsLedger').set({ period: lastMonth }).where('userId', '=', giver.id).execute();
    expect((await balance(org.orgId, giver.id, lastMonth)).allowance).toMatchObject({ given: 40, remaining: 60 });
    expect((await balance(org.orgId, giver.id)).allowance).toMatchObject({ given: 0, remaining: 100 });
    await given(giver.client, { recipientIds: [bob.id], message: 'Thanks', points: 50 });
    await given(giver.client, { recipientIds: [ann.id], message: 'Thanks', points: 10 });
    expect((await balance(org.orgId, giver.id)).allowance.remaining).toBe(40);
    // Received points do not expire.
    expect((await balance(org.orgId, ann.id)).received).toBe(50);
  });

  it('lists one’s own points history newest first, page by page', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const ann = await org.person();
    const a = await given(giver.client, { recipientIds: [ann.id], message: 'One', points: 3 });
    const b = await given(giver.client, { recipientIds: [ann.id], message: 'Two', points: 4 });
    await given(giver.client, { recipientIds: [ann.id], message: 'No points' });

    const first = (await giver.client.get('/api/me/points/history?limit=1')).json();
    expect(first.items).toMatchObject([
      { account: 'allowance', delta: -4, reason: 'kudos_given', period: periodOf(), kudosId: b.id, redemptionId: null, awardId: null },
    ]);
    const second = (await giver.client.get(`/api/me/points/history?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items).toMatchObject([{ delta: -3, kudosId: a.id }]);
    expect(second.nextCursor).toBeNull();

    const received = (await ann.client.get('/api/me/points/history')).json();
    expect(received.items.map((i: { account: string; delta: number; reason: string; period: string | null }) => i)).toMatchObject([
      { account: 'received', delta: 4, reason: 'kudos_received', period: null },
      { account: 'received', delta: 3, reason: 'kudos_received', period: null },
    ]);
    expect(errorOf(await ann.client.get('/api/me/points/history?cursor=abc'))).toEqual([400, 'INVALID_CURSOR']);
  });
});
