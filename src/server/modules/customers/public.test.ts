import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { CUSTOMER_LIMITS } from '../../../shared/customers.js';
import { insertAccount, insertContact } from './customers.test-helpers.js';

let t: TestApp;
let org: TestOrg;
let team: string;
let otherTeam: string;
let serving: { id: string };
let manager: { id: string };
let accountId: string;
let contactId: string;

const db = () => t.app.ctx.db;

let ipSeq = 1;
/** Each test posts from its own address, so the per-address limit only bites where a test means it to. */
const nextIp = () => `192.0.${(ipSeq >> 8) & 255}.${ipSeq++ & 255}`;

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t, { name: 'Acme Servizi' });
  team = newId();
  otherTeam = newId();
  await db()
    .insertInto('teams')
    .values([
      { id: team, orgId: org.orgId, name: 'Alpha support', departmentId: null },
      { id: otherTeam, orgId: org.orgId, name: 'Zeta sales', departmentId: null },
    ])
    .execute();
  serving = await org.person({ name: 'Giulia Bianchi' });
  manager = await org.person({ name: 'Marco Manager', roles: ['manager'] });
  await db().updateTable('users').set({ teamId: team }).where('id', '=', manager.id).execute();
  accountId = await insertAccount(db(), org.orgId, { name: 'Rossi SpA', locale: 'en', teamIds: [otherTeam, team], userIds: [serving.id] });
  contactId = await insertContact(db(), org.orgId, accountId, { name: 'Lucia Rossi', email: 'lucia@rossi.example', locale: 'it' });
});
afterAll(() => t.close());

async function newRequest(opts: { kind?: 'nps' | 'csat'; expiresAt?: Date; userId?: string } = {}) {
  const token = newSecret();
  const id = newId();
  await db()
    .insertInto('customerFeedbackRequests')
    .values({
      id,
      orgId: org.orgId,
      accountId,
      contactId,
      kind: opts.kind ?? 'nps',
      tokenHash: hashSecret(token),
      teamId: null,
      userId: opts.userId ?? null,
      interactionId: null,
      locale: 'it',
      createdBy: org.adminId,
      expiresAt: opts.expiresAt ?? new Date(Date.now() + 7 * 86_400_000),
      answeredAt: null,
    })
    .execute();
  return { id, token };
}

const get = (url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'GET', url, headers: { host: org.host, ...headers } });

const post = (url: string, form: Record<string, string>, remoteAddress = nextIp()) =>
  t.app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { host: org.host, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(form).toString(),
  });

const feedbackOf = (requestId: string) => db().selectFrom('customerFeedback').selectAll().where('requestId', '=', requestId).execute();

async function createForm(body: Record<string, unknown>) {
  const res = await org.admin.post('/api/customers/forms', body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ id: string; url: string }>();
}

describe('a request’s link', () => {
  it('shows the form in Italian to an Italian contact, with headers that keep the page private', async () => {
    const { token } = await newRequest();
    const res = await get(`/r/${token}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.body).toContain('<html lang="it">');
    expect(res.body).toContain('Con quale probabilità consiglierebbe Acme Servizi');
    expect(res.body).toContain('name="website"');
    expect(res.body).toMatch(/<input type="radio" id="score-0" name="score" value="0"/);
    expect(res.body).toContain('id="score-10"');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.body).not.toMatch(/<script|https?:\/\/(?!localhost)/);

    const english = await get(`/r/${token}?lang=en`);
    expect(english.body).toContain('<html lang="en">');
    expect(english.body).toContain('How likely are you to recommend Acme Servizi');
  });

  it('stores a detractor’s answer linked to account, contact and team, opens a follow-up and notifies the serving people', async () => {
    const { id, token } = await newRequest();
    const res = await post(`/r/${token}`, {
      score: '3',
      comment: '<b>Slow</b> answers <script>alert(1)</script>&amp; no call back',
      thank: 'giulia BIANCHI',
      share: 'yes',
      website: '',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Grazie!');

    const [fb, ...more] = await feedbackOf(id);
    expect(more).toHaveLength(0);
    expect(fb).toMatchObject({
      kind: 'nps',
      score: 3,
      channel: 'link',
      accountId,
      contactId,
      // The account's first serving team by name.
      teamId: team,
      namedUserId: serving.id,
      namedText: 'giulia BIANCHI',
      shareAllowed: true,
      locale: 'it',
      comment: 'Slow answers & no call back',
    });
    const request = await db().selectFrom('customerFeedbackRequests').select('answeredAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect(request.answeredAt).not.toBeNull();

    const followup = await db().selectFrom('customerFollowups').selectAll().where('feedbackId', '=', fb!.id).executeTakeFirstOrThrow();
    expect(followup).toMatchObject({ teamId: team, accountId, ownerId: null, status: 'open' });
    const notes = await db()
      .selectFrom('notifications')
      .select(['userId', 'data'])
      .where('orgId', '=', org.orgId)
      .where('type', '=', 'customer_followup')
      .execute();
    const mine = notes.filter((n) => (n.data as { feedbackId?: string }).feedbackId === fb!.id);
    expect(mine.map((n) => n.userId).sort()).toEqual([serving.id, manager.id].sort());
    expect(mine[0]?.data).toEqual({ followupId: followup.id, feedbackId: fb!.id, accountName: 'Rossi SpA' });
  });

  it('answers once: a second post gets 410 and stores nothing more', async () => {
    const { id, token } = await newRequest();
    expect((await post(`/r/${token}`, { score: '9' })).statusCode).toBe(200);
    const again = await post(`/r/${token}`, { score: '10' });
    expect(again.statusCode).toBe(410);
    expect(again.body).toContain('Ha già risposto');
    expect((await get(`/r/${token}`)).statusCode).toBe(410);
    const rows = await feedbackOf(id);
    expect(rows.map((r) => r.score)).toEqual([9]);
  });

  it('lets only one of two simultaneous answers through', async () => {
    const { id, token } = await newRequest();
    const results = await Promise.all([post(`/r/${token}`, { score: '8' }), post(`/r/${token}`, { score: '7' })]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    expect(await feedbackOf(id)).toHaveLength(1);
  });

  it('answers 404 to a forged or unknown token, on another organisation’s host too', async () => {
    const forged = await get(`/r/${newSecret()}`);
    expect(forged.statusCode).toBe(404);
    expect(forged.headers['content-type']).toContain('text/html');
    expect(forged.body).toContain('This link does not work');
    expect((await post(`/r/${newSecret()}`, { score: '9' })).statusCode).toBe(404);
    expect((await get(`/r/${'x'.repeat(90)}`)).statusCode).toBe(404);

    const { token } = await newRequest();
    const elsewhere = await createOrg(t);
    const res = await t.app.inject({ method: 'GET', url: `/r/${token}`, headers: { host: elsewhere.host } });
    expect(res.statusCode).toBe(404);
  });

  it('answers 410 to an expired link', async () => {
    const { token } = await newRequest({ expiresAt: new Date(Date.now() - 1000) });
    const res = await get(`/r/${token}?lang=en`);
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This link has expired');
    expect((await post(`/r/${token}`, { score: '9' })).statusCode).toBe(410);
  });

  it('sends the form back with 400 for a score off the scale, storing nothing', async () => {
    const { id, token } = await newRequest();
    for (const score of ['11', '-1', 'ten', '']) {
      const res = await post(`/r/${token}`, { score, comment: 'Kept <i>for</i> you' });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('role="alert"');
      expect(res.body).toContain('name="score"');
      expect(res.body).toContain('Kept &lt;i&gt;for&lt;/i&gt; you');
    }
    const csat = await newRequest({ kind: 'csat' });
    expect((await post(`/r/${csat.token}`, { score: '0' })).statusCode).toBe(400);
    expect((await post(`/r/${csat.token}`, { score: '6' })).statusCode).toBe(400);
    expect(await feedbackOf(id)).toHaveLength(0);
    expect(await feedbackOf(csat.id)).toHaveLength(0);
    const request = await db().selectFrom('customerFeedbackRequests').select('answeredAt').where('id', '=', id).executeTakeFirstOrThrow();
    expect(request.answeredAt).toBeNull();
  });

  it('thanks a robot that filled the hidden field and stores nothing', async () => {
    const { id, token } = await newRequest();
    const res = await post(`/r/${token}`, { score: '10', comment: 'Buy cheap pills', website: 'http://spam.example' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Grazie!');
    expect(await feedbackOf(id)).toHaveLength(0);
    // The link still works for the real customer.
    expect((await get(`/r/${token}`)).statusCode).toBe(200);
  });

  it('refuses a body over 16 KB with 413 and other content types with 415', async () => {
    const { id, token } = await newRequest();
    const big = await post(`/r/${token}`, { score: '9', comment: 'x'.repeat(20_000) });
    expect(big.statusCode).toBe(413);
    expect(big.headers['content-type']).toContain('text/html');
    const json = await t.app.inject({
      method: 'POST',
      url: `/r/${token}`,
      remoteAddress: nextIp(),
      headers: { host: org.host, 'content-type': 'application/json' },
      payload: JSON.stringify({ score: 9 }),
    });
    expect(json.statusCode).toBe(415);
    expect(await feedbackOf(id)).toHaveLength(0);
  });

  it('tells the request’s owner alone about a detractor, and the named employee about shareable praise', async () => {
    const owner = await org.person({ name: 'Olivia Owner' });
    const detractor = await newRequest({ userId: owner.id });
    expect((await post(`/r/${detractor.token}`, { score: '2' })).statusCode).toBe(200);
    const [fb] = await feedbackOf(detractor.id);
    const followup = await db().selectFrom('customerFollowups').selectAll().where('feedbackId', '=', fb!.id).executeTakeFirstOrThrow();
    expect(followup.ownerId).toBe(owner.id);
    const told = await db().selectFrom('notifications').select(['userId', 'data']).where('type', '=', 'customer_followup').execute();
    expect(told.filter((n) => (n.data as { followupId?: string }).followupId === followup.id).map((n) => n.userId)).toEqual([owner.id]);

    const praise = await newRequest();
    expect((await post(`/r/${praise.token}`, { score: '10', thank: 'Giulia', share: 'yes' })).statusCode).toBe(200);
    const [p] = await feedbackOf(praise.id);
    expect(p?.namedUserId).toBe(serving.id);
    const praised = await db().selectFrom('notifications').select(['userId', 'data']).where('type', '=', 'customer_praise').execute();
    expect(praised.filter((n) => (n.data as { feedbackId?: string }).feedbackId === p!.id).map((n) => n.userId)).toEqual([serving.id]);
  });
});

describe('the embeddable form', () => {
  it('can be framed by any site and speaks the browser’s language', async () => {
    const form = await createForm({ name: 'Website survey', kind: 'csat', teamId: team });
    const res = await get(`/embed/${form.id}`, { 'accept-language': 'it-IT,it;q=0.9,en;q=0.5' });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['content-security-policy'])).toContain('frame-ancestors *');
    expect(res.headers['x-frame-options']).toBeUndefined();
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('<html lang="it">');
    expect(res.body).toContain('Quanto è soddisfatto di Acme Servizi');
    expect(res.body).toContain('type="email"');
    expect((await get(`/embed/${form.id}`, { 'accept-language': 'de-DE, en;q=0.8' })).body).toContain('<html lang="en">');
  });

  it('links an answer to the contact whose e-mail is given, and to the form’s team', async () => {
    const form = await createForm({ name: 'Support survey', kind: 'csat', teamId: otherTeam });
    const res = await post(`/embed/${form.id}?lang=en`, { score: '5', email: 'LUCIA@rossi.example', comment: 'Great' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.body).toContain('Thank you!');
    const stored = await db().selectFrom('customerFeedback').selectAll().where('formId', '=', form.id).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ kind: 'csat', score: 5, channel: 'form', accountId, contactId, teamId: otherTeam, locale: 'en' });

    const anonymous = await post(`/embed/${form.id}`, { score: '4', email: 'nobody@else.example' });
    expect(anonymous.statusCode).toBe(200);
    const all = await db().selectFrom('customerFeedback').selectAll().where('formId', '=', form.id).orderBy('receivedAt').execute();
    expect(all[1]).toMatchObject({ score: 4, accountId: null, contactId: null, teamId: otherTeam });
  });

  it('answers 404 for an unknown, malformed or closed form', async () => {
    expect((await get(`/embed/${newId()}`)).statusCode).toBe(404);
    expect((await get('/embed/not-a-form')).statusCode).toBe(404);
    const form = await createForm({ name: 'Closed', kind: 'nps' });
    expect((await org.admin.patch(`/api/customers/forms/${form.id}`, { active: false })).statusCode).toBe(200);
    const closed = await get(`/embed/${form.id}?lang=en`);
    expect(closed.statusCode).toBe(404);
    expect(closed.body).toContain('This form is not available');
    expect((await post(`/embed/${form.id}`, { score: '9' })).statusCode).toBe(404);
  });

  it('stores at most the per-minute limit when one address posts a thousand times', async () => {
    const form = await createForm({ name: 'Flooded', kind: 'nps' });
    const ip = nextIp();
    const statuses = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const res = await post(`/embed/${form.id}`, { score: '10' }, ip);
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
      if (res.statusCode === 429 && i === 999) {
        expect(res.body).toContain('Too many answers');
        expect(res.headers['retry-after']).toBeDefined();
      }
    }
    expect(statuses.get(200)).toBe(CUSTOMER_LIMITS.publicPerMinute);
    expect(statuses.get(429)).toBe(1000 - CUSTOMER_LIMITS.publicPerMinute);
    const stored = await db().selectFrom('customerFeedback').select('id').where('formId', '=', form.id).execute();
    expect(stored.length).toBeLessThanOrEqual(CUSTOMER_LIMITS.publicPerMinute);
    // Someone else, from another address, still gets through.
    expect((await post(`/embed/${form.id}`, { score: '9' })).statusCode).toBe(200);
  });
});

describe('the API description', () => {
  it('documents the public pages and the webhook receiver', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/openapi.json', headers: { host: org.host } });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(expect.arrayContaining(['/r/{token}', '/embed/{formId}', '/api/customers/webhooks/{id}/receive']));
  });
});
