import { createInstance } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { resources } from '../../../web/i18n/resources.js';
import type { NotificationView } from '../../../web/features/notifications/api.js';
import { notificationLink, sentenceText } from '../../../web/features/notifications/components/NotificationItem.js';
import { buildDigest } from '../notifications/notifications.digest.js';
import { digestEmail, type DigestLine } from '../notifications/notifications.text.js';
import { insertAccount, insertFeedback } from './customers.test-helpers.js';
import { plainText } from './followups.service.js';

// The web app's language set-up marks the page's language on load; these tests render without a page.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: { lang: '' } };
});

let t: TestApp;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };

let org: TestOrg;
let cx: Person;
let manager: Person;
let owner: Person;
let other: Person;
let team: string;
let otherTeam: string;
let acme: string;
const f: Record<'overdue' | 'others' | 'later' | 'done' | 'otherTeam', string> = {
  overdue: '',
  others: '',
  later: '',
  done: '',
  otherTeam: '',
};

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

async function insertFollowup(opts: { ownerId: string | null; dueOn: string; teamId?: string; status?: 'open' | 'in_progress' | 'done' }) {
  const feedbackId = await insertFeedback(db(), org.orgId, {
    score: 2,
    accountId: acme,
    teamId: opts.teamId ?? team,
    comment: 'Late again',
  });
  const id = newId();
  await db()
    .insertInto('customerFollowups')
    .values({
      id,
      orgId: org.orgId,
      feedbackId,
      accountId: acme,
      teamId: opts.teamId ?? team,
      ownerId: opts.ownerId,
      status: opts.status ?? 'open',
      dueOn: opts.dueOn,
      closedAt: opts.status === 'done' ? new Date() : null,
    })
    .execute();
  return id;
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  cx = await org.person({ roles: ['cx'], name: 'Cora CX' });
  manager = await org.person({ roles: ['manager'], name: 'Mia Manager' });
  owner = await org.person({ name: 'Olly Owner' });
  other = await org.person({ name: 'Otto Other' });
  team = newId();
  otherTeam = newId();
  await db()
    .insertInto('teams')
    .values([
      { id: team, orgId: org.orgId, name: 'Support', departmentId: null },
      { id: otherTeam, orgId: org.orgId, name: 'Sales', departmentId: null },
    ])
    .execute();
  acme = await insertAccount(db(), org.orgId, { name: 'Acme' });
  f.overdue = await insertFollowup({ ownerId: owner.id, dueOn: day(-2) });
  f.others = await insertFollowup({ ownerId: other.id, dueOn: day(1) });
  f.later = await insertFollowup({ ownerId: owner.id, dueOn: day(5), status: 'in_progress' });
  f.done = await insertFollowup({ ownerId: null, dueOn: day(-10), status: 'done' });
  f.otherTeam = await insertFollowup({ ownerId: null, dueOn: day(1), teamId: otherTeam });
});
afterAll(() => t.close());

interface FollowupItem {
  id: string;
  status: string;
  dueOn: string;
  overdue: boolean;
  closedAt: string | null;
  owner: { id: string; name: string } | null;
  team: { id: string; name: string } | null;
  account: { id: string; name: string } | null;
  feedback: Record<string, unknown>;
  notes?: { body: string; author: { id: string } | null }[];
}

async function list(c: Client, query = ''): Promise<FollowupItem[]> {
  const items: FollowupItem[] = [];
  let cursor: string | null = null;
  do {
    const res = await c.get(`/api/customers/followups?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: FollowupItem[]; nextCursor: string | null }>();
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

describe('follow-ups', () => {
  it('are listed by due day, paged without repeats, with their answer and names', async () => {
    const items = await list(manager.client);
    const byDue = [f.done, f.overdue, ...[f.others, f.otherTeam].sort(), f.later];
    expect(items.map((i) => i.id)).toEqual(byDue);
    const overdue = items.find((i) => i.id === f.overdue)!;
    expect(overdue).toMatchObject({
      status: 'open',
      overdue: true,
      owner: { id: owner.id, name: 'Olly Owner' },
      team: { id: team, name: 'Support' },
      account: { id: acme, name: 'Acme' },
      feedback: { score: 2, category: 'detractor', comment: 'Late again', account: { id: acme, name: 'Acme' } },
    });
    expect(overdue.feedback).not.toHaveProperty('followup');
    // A done follow-up is never overdue, however old its due day.
    expect(items.find((i) => i.id === f.done)?.overdue).toBe(false);
    expect(items.find((i) => i.id === f.later)?.overdue).toBe(false);
  });

  it('filter by status, team and owner', async () => {
    expect((await list(cx.client, '&status=in_progress')).map((i) => i.id)).toEqual([f.later]);
    expect((await list(cx.client, `&teamId=${otherTeam}`)).map((i) => i.id)).toEqual([f.otherTeam]);
    expect((await list(cx.client, '&mine=true')).map((i) => i.id)).toEqual([]);
    expect((await list(owner.client, '&mine=true')).map((i) => i.id)).toEqual([f.overdue, f.later]);
    expect((await list(owner.client, '&mine=true&status=open')).map((i) => i.id)).toEqual([f.overdue]);
  });

  it('let an employee see only their own: the whole list is refused and others’ follow-ups do not exist for them', async () => {
    expect((await owner.client.get('/api/customers/followups')).statusCode).toBe(403);
    const mine = await owner.client.get(`/api/customers/followups/${f.overdue}`);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json()).toMatchObject({ id: f.overdue, notes: [] });
    expect((await owner.client.get(`/api/customers/followups/${f.others}`)).statusCode).toBe(404);
    expect((await owner.client.patch(`/api/customers/followups/${f.others}`, { status: 'done' })).statusCode).toBe(404);
    expect((await owner.client.post(`/api/customers/followups/${f.others}/notes`, { body: 'Hi' })).statusCode).toBe(404);
    const untouched = await db().selectFrom('customerFollowups').select('status').where('id', '=', f.others).executeTakeFirstOrThrow();
    expect(untouched.status).toBe('open');
  });

  it('move from open to in progress to done and back to open, recording when they were closed', async () => {
    const patch = (body: Record<string, unknown>) => owner.client.patch(`/api/customers/followups/${f.overdue}`, body);
    const started = await patch({ status: 'in_progress' });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ status: 'in_progress', closedAt: null, overdue: true });
    const done = await patch({ status: 'done' });
    expect(done.json()).toMatchObject({ status: 'done', overdue: false });
    expect(done.json().closedAt).not.toBeNull();
    const back = await patch({ status: 'in_progress' });
    expect(back.statusCode).toBe(409);
    expect(back.json().error.code).toBe('INVALID_TRANSITION');
    const reopened = await patch({ status: 'open', dueOn: day(3) });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', closedAt: null, dueOn: day(3), overdue: false });
    expect((await patch({})).statusCode).toBe(400);
    expect((await patch({ status: 'closed' })).statusCode).toBe(400);
  });

  it('keep notes as plain text', async () => {
    const res = await owner.client.post(`/api/customers/followups/${f.overdue}/notes`, {
      body: '<b>Called</b> them <script>alert(1)</script>back <img src=x onerror=alert(1)>— 2 < 3',
    });
    expect(res.statusCode, res.body).toBe(201);
    const notes = res.json<FollowupItem>().notes!;
    expect(notes.at(-1)).toMatchObject({ body: 'Called them back — 2 < 3', author: { id: owner.id } });
    expect((await owner.client.post(`/api/customers/followups/${f.overdue}/notes`, { body: '<p> </p>' })).statusCode).toBe(400);
    expect((await owner.client.post(`/api/customers/followups/${f.overdue}/notes`, { body: 'x'.repeat(4001) })).statusCode).toBe(400);
    expect(plainText('<!-- hidden -->a<style>b{}</style>c')).toBe('ac');
  });

  it('change owner to an active person of the organisation, who is told', async () => {
    const unknown = await manager.client.patch(`/api/customers/followups/${f.overdue}`, { ownerId: newId() });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.code).toBe('UNKNOWN_OWNER');
    const gone = await org.person({ name: 'Gone' });
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    expect((await manager.client.patch(`/api/customers/followups/${f.overdue}`, { ownerId: gone.id })).statusCode).toBe(422);

    const res = await manager.client.patch(`/api/customers/followups/${f.overdue}`, { ownerId: other.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().owner).toEqual({ id: other.id, name: 'Otto Other' });
    const feedbackId = (
      await db().selectFrom('customerFollowups').select('feedbackId').where('id', '=', f.overdue).executeTakeFirstOrThrow()
    ).feedbackId;
    const notes = await db()
      .selectFrom('notifications')
      .select(['type', 'actorId', 'data'])
      .where('userId', '=', other.id)
      .where('type', '=', 'customer_followup')
      .execute();
    expect(notes).toEqual([
      { type: 'customer_followup', actorId: manager.id, data: { followupId: f.overdue, feedbackId, accountName: 'Acme' } },
    ]);

    // The former owner no longer sees it; the new one can work on it.
    expect((await owner.client.get(`/api/customers/followups/${f.overdue}`)).statusCode).toBe(404);
    expect((await other.client.patch(`/api/customers/followups/${f.overdue}`, { status: 'in_progress' })).statusCode).toBe(200);

    // The digest e-mail names the account and links to the follow-up.
    await db()
      .transaction()
      .execute((trx) => buildDigest(trx, t.config, other.id));
    const mails = await db().selectFrom('jobs').select('payload').where('orgId', '=', org.orgId).where('kind', '=', 'mail.send').execute();
    const digest = mails.map((m) => m.payload as { to: string; text: string }).find((m) => m.text.includes('follow-up'));
    expect(digest?.text).toContain('A customer at Acme is waiting for your follow-up');
    expect(digest?.text).toContain(`${t.config.publicUrl}/customers/followups/${f.overdue}`);
  });

  it('are refused to people outside the organisation and to visitors', async () => {
    const elsewhere = await createOrg(t);
    expect((await elsewhere.admin.get(`/api/customers/followups/${f.later}`)).statusCode).toBe(404);
    expect((await org.anonymous().get('/api/customers/followups')).statusCode).toBe(401);
    expect((await cx.client.get('/api/customers/followups?cursor=abc')).statusCode).toBe(400);
  });
});

describe('customer notifications', () => {
  const followupId = '0193a0c4-5b6e-7f00-8000-0000000000ee';
  const base = (type: string, data: Record<string, unknown>): NotificationView => ({
    id: 'n1',
    type,
    actor: null,
    post: null,
    comment: null,
    community: null,
    data,
    createdAt: '2026-11-26T10:00:00.000Z',
    readAt: null,
  });

  async function i18nIn(lng: 'en' | 'it') {
    const i18n = createInstance();
    await i18n.use(initReactI18next).init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
    return i18n.t.bind(i18n);
  }

  it('lead to the follow-up, and keep praise in the notifications (the person thanked cannot read the inbox)', () => {
    expect(notificationLink(base('customer_followup', { followupId, feedbackId: 'x', accountName: 'Acme' }))).toBe(
      `/customers/followups/${followupId}`,
    );
    expect(notificationLink(base('customer_followup', {}))).toBe('/customers/followups');
    expect(notificationLink(base('customer_praise', { feedbackId: 'x' }))).toBe('/notifications');
  });

  it('read as sentences in both languages, in the app and in the digest', async () => {
    const en = await i18nIn('en');
    expect(sentenceText(en, base('customer_followup', { followupId, accountName: 'Acme' }))).toBe(
      'A customer at Acme is waiting for your follow-up',
    );
    expect(sentenceText(en, base('customer_followup', { followupId, accountName: null }))).toBe('A customer is waiting for your follow-up');
    expect(sentenceText(en, base('customer_praise', {}))).toBe('A customer thanked you by name');
    expect(sentenceText(en, base('customer_praise', { quote: 'Mara was great' }))).toBe('A customer thanked you by name: “Mara was great”');
    const it18 = await i18nIn('it');
    expect(sentenceText(it18, base('customer_followup', { followupId, accountName: 'Acme' }))).toBe(
      'Un cliente di Acme aspetta una risposta da te',
    );
    expect(sentenceText(it18, base('customer_praise', {}))).toBe('Un cliente ti ha ringraziato per nome');
    expect(sentenceText(it18, base('customer_praise', { quote: 'Mara è stata bravissima' }))).toBe(
      'Un cliente ti ha ringraziato per nome: «Mara è stata bravissima»',
    );
    for (const type of ['customer_followup', 'customer_praise']) {
      expect(en(`notifications.settings.type.${type}`)).not.toMatch(/notifications\./);
      expect(it18(`notifications.settings.type.${type}`)).not.toMatch(/notifications\./);
    }

    const line = (type: string, data: Record<string, unknown>): DigestLine => ({
      type,
      actorName: null,
      communityName: null,
      onComment: false,
      data,
      excerpt: null,
      link: 'https://x.test/l',
    });
    const lines = [
      line('customer_followup', { followupId, accountName: 'Acme' }),
      line('customer_praise', { feedbackId: 'x', quote: 'Thanks Mara' }),
    ];
    const mail = (lang: 'en' | 'it') =>
      digestEmail({ lang, digest: 'daily', name: 'Ann', orgName: 'Org', lines, more: 0, centreUrl: 'c', settingsUrl: 's' }).text;
    expect(mail('en')).toContain('• A customer at Acme is waiting for your follow-up');
    expect(mail('en')).toContain('• A customer thanked you by name: “Thanks Mara”');
    expect(mail('it')).toContain('• Un cliente di Acme aspetta una risposta da te');
    expect(mail('it')).toContain('• Un cliente ti ha ringraziato per nome: «Thanks Mara»');
  });
});
