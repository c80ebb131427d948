import { saveRecognitionSettings } from '../recognition/recognition.settings.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { insertAccount, insertContact, insertFeedback } from './customers.test-helpers.js';
import { containsPattern, praiseMessage } from './feedback.service.js';

let t: TestApp;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

async function insertTeam(orgId: string, name: string): Promise<string> {
  const id = newId();
  await db().insertInto('teams').values({ id, orgId, name, departmentId: null }).execute();
  return id;
}

async function insertFollowup(orgId: string, feedbackId: string, opts: { ownerId?: string | null; dueOn?: string } = {}) {
  const id = newId();
  await db()
    .insertInto('customerFollowups')
    .values({
      id,
      orgId,
      feedbackId,
      accountId: null,
      teamId: null,
      ownerId: opts.ownerId ?? null,
      dueOn: opts.dueOn ?? '2026-12-01',
      closedAt: null,
    })
    .execute();
  return id;
}

interface Item {
  id: string;
  kind: string;
  score: number;
  category: string;
  comment: string | null;
  account: { id: string; name: string } | null;
  contact: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  namedUser: { id: string; name: string } | null;
  followup: { id: string; status: string; dueOn: string } | null;
  passedOn: { postId: string; at: string } | null;
}

async function inbox(c: Client, query = ''): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(`/api/customers/feedback?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: Item[]; nextCursor: string | null }>();
    expect(page.items.length).toBeLessThanOrEqual(2);
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('the feedback inbox', () => {
  let org: TestOrg;
  let manager: Person;
  let employee: Person;
  let named: Person;
  let acme: string;
  let globex: string;
  let carla: string;
  let team: string;
  const ids: Record<string, string> = {};
  let followupId: string;

  beforeAll(async () => {
    org = await createOrg(t);
    manager = await org.person({ roles: ['manager'] });
    employee = await org.person();
    named = await org.person({ name: 'Nina Named' });
    team = await insertTeam(org.orgId, 'Support');
    acme = await insertAccount(db(), org.orgId, { name: 'Acme' });
    globex = await insertAccount(db(), org.orgId, { name: 'Globex' });
    carla = await insertContact(db(), org.orgId, acme, { name: 'Carla Contact' });
    const at = (min: number) => new Date(Date.UTC(2026, 10, 20, 10, min));
    const same = at(30);
    ids.promoter = await insertFeedback(db(), org.orgId, {
      score: 10,
      accountId: acme,
      contactId: carla,
      teamId: team,
      namedUserId: named.id,
      shareAllowed: true,
      comment: 'Nina was 100% brilliant',
      channel: 'link',
      receivedAt: at(1),
    });
    ids.passive = await insertFeedback(db(), org.orgId, { score: 8, accountId: acme, comment: 'Fine', receivedAt: at(2) });
    ids.detractor = await insertFeedback(db(), org.orgId, { score: 3, accountId: globex, comment: '100 problems', receivedAt: at(3) });
    // Three answers in the same instant: the id breaks the tie, so paging neither repeats nor skips one.
    ids.csatHappy = await insertFeedback(db(), org.orgId, { kind: 'csat', score: 5, comment: 'Happy_customer', receivedAt: same });
    ids.csatMeh = await insertFeedback(db(), org.orgId, { kind: 'csat', score: 3, teamId: team, receivedAt: same, channel: 'form' });
    ids.csatSad = await insertFeedback(db(), org.orgId, { kind: 'csat', score: 2, comment: 'slow', receivedAt: same, channel: 'webhook' });
    ids.old = await insertFeedback(db(), org.orgId, { score: 9, receivedAt: at(0) });
    followupId = await insertFollowup(org.orgId, ids.detractor, { ownerId: employee.id, dueOn: '2026-11-25' });
    // Another organisation's answer never shows.
    const other = await createOrg(t);
    await insertFeedback(db(), other.orgId, { score: 10, comment: 'elsewhere' });
  });

  it('pages newest first without repeating or skipping an answer, even when several arrived at the same instant', async () => {
    const items = await inbox(manager.client);
    const got = items.map((i) => i.id);
    expect(new Set(got).size).toBe(got.length);
    expect(got).toHaveLength(7);
    const same = [ids.csatHappy!, ids.csatMeh!, ids.csatSad!].sort().reverse();
    expect(got).toEqual([...same, ids.detractor, ids.passive, ids.promoter, ids.old]);
  });

  it('shows the account, contact, team, named person and follow-up of each answer', async () => {
    const items = await inbox(manager.client);
    const promoter = items.find((i) => i.id === ids.promoter);
    expect(promoter).toMatchObject({
      kind: 'nps',
      score: 10,
      category: 'promoter',
      comment: 'Nina was 100% brilliant',
      account: { id: acme, name: 'Acme' },
      contact: { id: carla, name: 'Carla Contact' },
      team: { id: team, name: 'Support' },
      namedUser: { id: named.id, name: 'Nina Named' },
      shareAllowed: true,
      channel: 'link',
      followup: null,
      passedOn: null,
    });
    expect(items.find((i) => i.id === ids.detractor)).toMatchObject({
      category: 'detractor',
      account: { id: globex, name: 'Globex' },
      contact: null,
      followup: { id: followupId, status: 'open', dueOn: '2026-11-25' },
    });
    expect(items.find((i) => i.id === ids.csatMeh)?.category).toBe('passive');
    expect(items.find((i) => i.id === ids.csatSad)?.category).toBe('detractor');
  });

  it('filters by kind, category (per kind), account, team, channel and words in the comment', async () => {
    const idsOf = async (query: string) => (await inbox(manager.client, query)).map((i) => i.id).sort();
    const sorted = (...xs: (string | undefined)[]) => (xs as string[]).sort();
    expect(await idsOf('&kind=csat')).toEqual(sorted(ids.csatHappy, ids.csatMeh, ids.csatSad));
    expect(await idsOf('&category=promoter')).toEqual(sorted(ids.promoter, ids.csatHappy, ids.old));
    expect(await idsOf('&category=passive')).toEqual(sorted(ids.passive, ids.csatMeh));
    expect(await idsOf('&category=detractor&kind=nps')).toEqual(sorted(ids.detractor));
    expect(await idsOf('&category=detractor&kind=csat')).toEqual(sorted(ids.csatSad));
    expect(await idsOf(`&accountId=${acme}`)).toEqual(sorted(ids.promoter, ids.passive));
    expect(await idsOf(`&teamId=${team}`)).toEqual(sorted(ids.promoter, ids.csatMeh));
    expect(await idsOf('&channel=webhook')).toEqual(sorted(ids.csatSad));
    // LIKE's own characters are taken literally.
    expect(await idsOf(`&q=${encodeURIComponent('100%')}`)).toEqual(sorted(ids.promoter));
    expect(await idsOf('&q=100')).toEqual(sorted(ids.promoter, ids.detractor));
    expect(await idsOf('&q=_')).toEqual(sorted(ids.csatHappy));
    expect(await idsOf('&q=BRILLIANT')).toEqual(sorted(ids.promoter));
    expect(containsPattern('a\\b%_')).toBe('%a\\\\b\\%\\_%');
  });

  it('is for people who read customer data: an employee is refused, a bad cursor is a 400', async () => {
    const res = await employee.client.get('/api/customers/feedback');
    expect(res.statusCode).toBe(403);
    expect((await org.anonymous().get('/api/customers/feedback')).statusCode).toBe(401);
    const bad = await manager.client.get('/api/customers/feedback?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.code).toBe('INVALID_CURSOR');
  });
});

describe('passing praise on', () => {
  let org: TestOrg;
  let cx: Person;
  let named: Person;
  let italian: Person;
  let colleague: Person;
  let employee: Person;
  let acme: string;
  let contact: string;

  beforeAll(async () => {
    org = await createOrg(t);
    cx = await org.person({ roles: ['cx'], name: 'Cora CX' });
    named = await org.person({ name: 'Nina Named' });
    italian = await org.person({ name: 'Italo Italiano' });
    colleague = await org.person();
    employee = await org.person();
    await db().updateTable('users').set({ locale: 'it' }).where('id', '=', italian.id).execute();
    acme = await insertAccount(db(), org.orgId, { name: 'Acme *Corp*' });
    contact = await insertContact(db(), org.orgId, acme, { name: 'Carla Contact', email: 'carla@acme.example' });
  });

  const praise = (opts: Partial<Parameters<typeof insertFeedback>[2]> = {}) =>
    insertFeedback(db(), org.orgId, {
      score: 10,
      accountId: acme,
      contactId: contact,
      namedUserId: named.id,
      shareAllowed: true,
      comment: 'Nina was **brilliant** #hero @[Boss](person:0193a0c4-5b6e-7f00-8000-0000000000aa)\n<script>alert(1)</script>',
      ...opts,
    });

  it('posts a public kudos from the actor to the named person, quoting the customer without their contact details', async () => {
    const id = await praise();
    const res = await cx.client.post(`/api/customers/feedback/${id}/pass-on`, { message: 'Well done, Nina!' });
    expect(res.statusCode, res.body).toBe(200);
    const { postId } = res.json<{ postId: string }>();

    const feed = (await colleague.client.get('/api/feed')).json<{
      items: {
        id: string;
        kind: string;
        html: string;
        author: { id: string };
        kudos: { pointsEach: number; recipients: { id: string }[] };
      }[];
    }>();
    const post = feed.items.find((p) => p.id === postId);
    expect(post).toMatchObject({ kind: 'kudos', author: { id: cx.id }, kudos: { pointsEach: 0, recipients: [{ id: named.id }] } });
    const html = post!.html;
    expect(html).toContain('Well done, Nina!');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('Nina was **brilliant** #hero');
    expect(html).toContain('— a customer of Acme *Corp*');
    // The customer's words stay words: no formatting, tag, mention or markup of theirs is interpreted.
    expect(html).not.toContain('<strong>');
    expect(html).not.toContain('class="hashtag"');
    expect(html).not.toContain('class="mention"');
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('Carla');
    expect(html).not.toContain('carla@acme.example');

    const row = await db()
      .selectFrom('customerFeedback')
      .select(['passedOnPostId', 'passedOnBy', 'passedOnAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ passedOnPostId: postId, passedOnBy: cx.id });
    expect(row.passedOnAt).toBeInstanceOf(Date);

    const kudos = await db()
      .selectFrom('notifications')
      .select(['type', 'postId'])
      .where('userId', '=', named.id)
      .where('type', '=', 'kudos')
      .execute();
    expect(kudos).toEqual([{ type: 'kudos', postId }]);

    const listed = (await inbox(cx.client)).find((i) => i.id === id);
    expect(listed?.passedOn?.postId).toBe(postId);

    const again = await cx.client.post(`/api/customers/feedback/${id}/pass-on`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('ALREADY_PASSED_ON');
    const posts = await db().selectFrom('posts').select('id').where('orgId', '=', org.orgId).where('kind', '=', 'kudos').execute();
    expect(posts.map((p) => p.id)).toEqual([postId]);
  });

  it('makes one post when two people pass the same praise on at once', async () => {
    const id = await praise();
    const manager = await org.person({ roles: ['manager'] });
    const kudosCount = async () => (await db().selectFrom('kudos').select('id').where('orgId', '=', org.orgId).execute()).length;
    const before = await kudosCount();
    const results = await Promise.all([
      cx.client.post(`/api/customers/feedback/${id}/pass-on`, {}),
      manager.client.post(`/api/customers/feedback/${id}/pass-on`, {}),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.statusCode === 200)!.json<{ postId: string }>().postId;
    const row = await db().selectFrom('customerFeedback').select('passedOnPostId').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.passedOnPostId).toBe(winner);
    expect(await kudosCount()).toBe(before + 1);
  });

  it('writes in the language of the person thanked', async () => {
    const id = await praise({ namedUserId: italian.id, kind: 'csat', score: 4, comment: 'Grazie mille' });
    const res = await cx.client.post(`/api/customers/feedback/${id}/pass-on`, {});
    expect(res.statusCode, res.body).toBe(200);
    const post = (await colleague.client.get(`/api/posts/${res.json<{ postId: string }>().postId}`)).json<{ html: string }>();
    expect(post.html).toContain('Grazie mille');
    expect(post.html).toContain('— un cliente di Acme *Corp*');
  });

  it('refuses what is not shareable praise: not allowed by the customer, nobody named, or not praise', async () => {
    for (const opts of [{ shareAllowed: false }, { namedUserId: null }, { score: 8 }, { kind: 'csat' as const, score: 3 }]) {
      const id = await praise(opts);
      const res = await cx.client.post(`/api/customers/feedback/${id}/pass-on`, {});
      expect(res.statusCode, JSON.stringify(opts)).toBe(422);
      expect(res.json().error.code).toBe('NOT_SHAREABLE');
    }
  });

  it('leaves the answer untouched when the kudos cannot be given', async () => {
    const id = await praise({ namedUserId: cx.id });
    const res = await cx.client.post(`/api/customers/feedback/${id}/pass-on`, {});
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('SELF_RECOGNITION');
    const row = await db().selectFrom('customerFeedback').select('passedOnPostId').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.passedOnPostId).toBeNull();
  });

  it('names the company value when the organisation requires one', async () => {
    const other = await createOrg(t);
    const giver = await other.person({ roles: ['cx'] });
    const thanked = await other.person({ name: 'Vera Value' });
    const account = await insertAccount(db(), other.orgId, { name: 'Valued Ltd' });
    const valueId = newId();
    await db()
      .insertInto('companyValues')
      .values({ id: valueId, orgId: other.orgId, name: 'Customer first', description: 'Customers first', emoji: '🤝', position: 0 })
      .execute();
    await saveRecognitionSettings(db(), other.orgId, { requireValue: true });
    const id = await insertFeedback(db(), other.orgId, {
      score: 10,
      accountId: account,
      namedUserId: thanked.id,
      shareAllowed: true,
      comment: 'Great',
    });
    const without = await giver.client.post(`/api/customers/feedback/${id}/pass-on`, {});
    expect(without.statusCode).toBe(422);
    expect(without.json().error.code).toBe('VALUE_REQUIRED');
    const withValue = await giver.client.post(`/api/customers/feedback/${id}/pass-on`, { valueId });
    expect(withValue.statusCode, withValue.body).toBe(200);
    const kudos = await db().selectFrom('kudos').select('valueId').where('orgId', '=', other.orgId).execute();
    expect(kudos).toEqual([{ valueId }]);
  });

  it('is for CX, managers and administrators; unknown answers are 404', async () => {
    const id = await praise();
    expect((await employee.client.post(`/api/customers/feedback/${id}/pass-on`, {})).statusCode).toBe(403);
    expect((await cx.client.post(`/api/customers/feedback/${newId()}/pass-on`, {})).statusCode).toBe(404);
    const tooLong = await cx.client.post(`/api/customers/feedback/${id}/pass-on`, { message: 'x'.repeat(1001) });
    expect(tooLong.statusCode).toBe(400);
  });

  it('keeps the message within a kudos, whatever the length of the comment', () => {
    const text = praiseMessage({ lang: 'en', message: 'm'.repeat(1000), comment: '*'.repeat(2000), accountName: 'A'.repeat(200) });
    expect(text.length).toBeLessThanOrEqual(2000);
    expect(text).toContain('— a customer of ');
    expect(praiseMessage({ lang: 'it', message: null, comment: null, accountName: null })).toBe(
      '> Un cliente ti ha ringraziato per nome.\n>\n> — un cliente',
    );
  });
});

describe('feedback requests', () => {
  let org: TestOrg;
  let cx: Person;
  let manager: Person;
  let account: string;
  let contacts: { it: string; en: string; optedOut: string; pending: string };

  beforeAll(async () => {
    org = await createOrg(t, { name: 'Tessitura Rossi' });
    cx = await org.person({ roles: ['cx'] });
    manager = await org.person({ roles: ['manager'] });
    account = await insertAccount(db(), org.orgId, { name: 'Ferri', locale: 'it' });
    contacts = {
      it: await insertContact(db(), org.orgId, account, { name: 'Giulia', email: 'giulia@ferri.example' }),
      en: await insertContact(db(), org.orgId, account, { name: 'John', email: 'john@ferri.example', locale: 'en' }),
      optedOut: await insertContact(db(), org.orgId, account, { name: 'Olga', email: 'olga@ferri.example' }),
      pending: await insertContact(db(), org.orgId, account, { name: 'Pia', email: 'pia@ferri.example' }),
    };
    await db().updateTable('customerContacts').set({ optedOutAt: new Date() }).where('id', '=', contacts.optedOut).execute();
  });

  const mailJobs = async () =>
    (await db().selectFrom('jobs').select('payload').where('orgId', '=', org.orgId).where('kind', '=', 'mail.send').execute()).map(
      (j) => j.payload as { to: string; subject: string; text: string },
    );

  it('sends one e-mail per contact in their language with a single-use link whose token is stored only as a hash', async () => {
    const first = await cx.client.post('/api/customers/requests', { kind: 'nps', contactIds: [contacts.pending] });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json()).toEqual({ created: 1, skipped: [] });

    const res = await cx.client.post('/api/customers/requests', {
      kind: 'nps',
      contactIds: [contacts.it, contacts.en, contacts.optedOut, contacts.pending],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({
      created: 2,
      skipped: [
        { contactId: contacts.optedOut, reason: 'opted_out' },
        { contactId: contacts.pending, reason: 'pending' },
      ],
    });

    const mails = await mailJobs();
    expect(mails.map((m) => m.to).sort()).toEqual(['giulia@ferri.example', 'john@ferri.example', 'pia@ferri.example']);
    const giulia = mails.find((m) => m.to === 'giulia@ferri.example')!;
    const john = mails.find((m) => m.to === 'john@ferri.example')!;
    expect(giulia.subject).toBe('Tessitura Rossi vorrebbe la sua opinione');
    expect(giulia.text).toContain('Gentile Giulia');
    expect(giulia.text).toContain('Quanto consiglierebbe Tessitura Rossi');
    expect(john.subject).toBe('Tessitura Rossi would like your opinion');
    expect(john.text).toContain('How likely are you to recommend Tessitura Rossi');

    const requests = await db()
      .selectFrom('customerFeedbackRequests')
      .select(['contactId', 'tokenHash', 'locale', 'expiresAt', 'createdBy'])
      .where('orgId', '=', org.orgId)
      .execute();
    expect(requests).toHaveLength(3);
    const linkPrefix = `${t.config.publicUrl}/r/`;
    const tokens = mails.map((m) => {
      const match = new RegExp(`${linkPrefix.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}([A-Za-z0-9_-]{20,})`).exec(m.text);
      expect(match, m.text).not.toBeNull();
      return match![1]!;
    });
    expect(new Set(tokens).size).toBe(3);
    const hashes = new Set(requests.map((r) => r.tokenHash));
    for (const token of tokens) {
      expect(hashes.has(hashSecret(token))).toBe(true);
      expect(hashes.has(token)).toBe(false);
      expect(res.body).not.toContain(token);
    }
    expect(requests.find((r) => r.contactId === contacts.it)?.locale).toBe('it');
    expect(requests.find((r) => r.contactId === contacts.en)?.locale).toBe('en');
    const days = (requests[0]!.expiresAt.getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30);

    // The audit records how many, never a token or an address.
    const audits = await db()
      .selectFrom('auditLog')
      .select('data')
      .where('orgId', '=', org.orgId)
      .where('action', '=', 'customers.requests.sent')
      .execute();
    expect(audits.map((a) => a.data)).toContainEqual({ kind: 'nps', sent: 2, skipped: 2 });
    for (const a of audits) {
      for (const token of tokens) {
        expect(JSON.stringify(a.data)).not.toContain(token);
      }
    }

    const list = await manager.client.get(`/api/customers/requests?accountId=${account}`);
    expect(list.statusCode, list.body).toBe(200);
    const items = list.json<{ items: { contact: { name: string }; status: string; account: { name: string } }[] }>().items;
    expect(items).toHaveLength(3);
    expect(items.every((i) => i.status === 'sent' && i.account.name === 'Ferri')).toBe(true);
    expect(list.body).not.toContain('tokenHash');
  });

  it('refuses contacts that are not the organisation’s, and writes nothing', async () => {
    const other = await createOrg(t);
    const foreignAccount = await insertAccount(db(), other.orgId);
    const foreign = await insertContact(db(), other.orgId, foreignAccount);
    const before = (await mailJobs()).length;
    for (const id of [newId(), foreign]) {
      const res = await cx.client.post('/api/customers/requests', { kind: 'csat', contactIds: [contacts.it, id] });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.code).toBe('UNKNOWN_CONTACT');
    }
    expect((await mailJobs()).length).toBe(before);
  });

  it('is for CX and administrators', async () => {
    const res = await manager.client.post('/api/customers/requests', { kind: 'csat', contactIds: [contacts.it] });
    expect(res.statusCode).toBe(403);
    const empty = await cx.client.post('/api/customers/requests', { kind: 'csat', contactIds: [] });
    expect(empty.statusCode).toBe(400);
  });
});
