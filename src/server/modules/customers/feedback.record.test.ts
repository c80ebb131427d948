import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { CUSTOMER_LIMITS } from '../../../shared/customers.js';
import { insertAccount, insertContact } from './customers.test-helpers.js';
import { foldName, plainText, recordFeedback, type FeedbackInput, type Recorded } from './feedback.record.js';

let t: TestApp;
let org: TestOrg;
let teams: { alpha: string; beta: string };
let jose: { id: string };
let mara: { id: string };
let lead: { id: string };
let accountId: string;
let contactId: string;

const db = () => t.app.ctx.db;

const record = (input: Omit<FeedbackInput, 'orgId' | 'channel'> & Partial<Pick<FeedbackInput, 'channel'>>): Promise<Recorded> =>
  db()
    .transaction()
    .execute((trx) => recordFeedback(trx, { orgId: org.orgId, channel: 'api', ...input }));

async function failure(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

const stored = (id: string) => db().selectFrom('customerFeedback').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

const notificationsOf = async (type: string, key: string, value: string) =>
  (await db().selectFrom('notifications').select(['userId', 'data']).where('orgId', '=', org.orgId).where('type', '=', type).execute())
    .filter((n) => (n.data as Record<string, unknown>)[key] === value)
    .map((n) => n.userId)
    .sort();

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  teams = { alpha: newId(), beta: newId() };
  await db()
    .insertInto('teams')
    .values([
      { id: teams.beta, orgId: org.orgId, name: 'Beta', departmentId: null },
      { id: teams.alpha, orgId: org.orgId, name: 'Alpha', departmentId: null },
    ])
    .execute();
  jose = await org.person({ name: 'José García' });
  mara = await org.person({ name: 'Mara Neri' });
  lead = await org.person({ name: 'Lia Lead', roles: ['manager'] });
  await db().updateTable('users').set({ teamId: teams.alpha }).where('id', '=', lead.id).execute();
  accountId = await insertAccount(db(), org.orgId, { name: 'Blu Spa', teamIds: [teams.beta, teams.alpha], userIds: [jose.id] });
  contactId = await insertContact(db(), org.orgId, accountId);
});
afterAll(() => t.close());

describe('plain text', () => {
  it('strips every tag and script, decodes what the sanitiser escaped and cuts to the limit', () => {
    expect(plainText('<b>Great</b> <script>alert(1)</script>service &amp; more', 100)).toBe('Great service & more');
    expect(plainText('&lt;img src=x onerror=alert(1)&gt;Hi', 100)).toBe('Hi');
    expect(plainText('5 < 7 and 9 > 8', 100)).toBe('5 < 7 and 9 > 8');
    expect(plainText('<p>one</p><p>two</p>', 100)).toBe('one\ntwo');
    expect(plainText('   <br>  ', 100)).toBeNull();
    expect(plainText('é'.repeat(50), 10)).toBe('é'.repeat(10));
    expect(foldName('  José   GARCÍA ')).toBe('jose garcia');
  });
});

describe('recording customer feedback', () => {
  it('refuses a score off its scale', async () => {
    for (const [kind, score] of [
      ['nps', 11],
      ['nps', -1],
      ['nps', 7.5],
      ['csat', 0],
      ['csat', 6],
    ] as const) {
      const err = await failure(record({ kind, score }));
      expect(err.status).toBe(400);
      expect(err.code).toBe('SCORE_OUT_OF_RANGE');
    }
  });

  it('answers a repeated external id from the same source as a duplicate, and another source as new', async () => {
    const first = await record({ kind: 'nps', score: 8, source: 'crm', externalId: 'a-1', accountId });
    expect(first.duplicate).toBe(false);
    const again = await record({ kind: 'nps', score: 2, source: 'crm', externalId: 'a-1', accountId });
    expect(again).toEqual({ id: first.id, followupId: null, duplicate: true, events: [] });
    expect((await stored(first.id)).score).toBe(8);
    const other = await record({ kind: 'nps', score: 8, source: 'desk', externalId: 'a-1' });
    expect(other.duplicate).toBe(false);
    expect(other.id).not.toBe(first.id);
    const noSource = await record({ kind: 'nps', score: 8, externalId: 'b-1' });
    expect((await record({ kind: 'nps', score: 8, externalId: 'b-1' })).id).toBe(noSource.id);
  });

  it('takes the account’s first serving team by name when none is given, and the given one otherwise', async () => {
    const fallback = await record({ kind: 'nps', score: 8, accountId });
    expect((await stored(fallback.id)).teamId).toBe(teams.alpha);
    const given = await record({ kind: 'nps', score: 8, accountId, teamId: teams.beta });
    expect((await stored(given.id)).teamId).toBe(teams.beta);
    const err = await failure(record({ kind: 'nps', score: 8, teamId: newId() }));
    expect(err.code).toBe('UNKNOWN_TEAM');
  });

  it('matches the named employee among the account’s people first, ignoring accents and case, then in the directory', async () => {
    const serving = await record({ kind: 'nps', score: 9, accountId, namedText: 'jose GARCIA' });
    expect(await stored(serving.id)).toMatchObject({ namedUserId: jose.id, namedText: 'jose GARCIA' });
    const firstName = await record({ kind: 'nps', score: 9, accountId, namedText: 'Jose' });
    expect((await stored(firstName.id)).namedUserId).toBe(jose.id);
    const directory = await record({ kind: 'nps', score: 9, accountId, namedText: 'mara neri' });
    expect((await stored(directory.id)).namedUserId).toBe(mara.id);
    const nobody = await record({ kind: 'nps', score: 9, accountId, namedText: '<b>Someone</b> nice' });
    expect(await stored(nobody.id)).toMatchObject({ namedUserId: null, namedText: 'Someone nice' });
    await org.person({ name: 'Mara Neri' });
    const ambiguous = await record({ kind: 'nps', score: 9, namedText: 'Mara Neri' });
    expect((await stored(ambiguous.id)).namedUserId).toBeNull();
  });

  it('opens a follow-up for a detractor and tells the serving people and the team’s managers', async () => {
    const res = await record({ kind: 'nps', score: 6, accountId, contactId, comment: 'Late again' });
    expect(res.followupId).not.toBeNull();
    const followup = await db()
      .selectFrom('customerFollowups')
      .selectAll()
      .where('id', '=', res.followupId ?? '')
      .executeTakeFirstOrThrow();
    const due = new Date();
    due.setUTCDate(due.getUTCDate() + 5);
    expect(followup).toMatchObject({
      feedbackId: res.id,
      accountId,
      teamId: teams.alpha,
      ownerId: null,
      status: 'open',
      dueOn: due.toISOString().slice(0, 10),
    });
    expect(await notificationsOf('customer_followup', 'feedbackId', res.id)).toEqual([jose.id, lead.id].sort());
    expect(res.events.length).toBe(2);

    const passive = await record({ kind: 'nps', score: 7, accountId });
    expect(passive.followupId).toBeNull();
  });

  it('uses the organisation’s thresholds for detractors', async () => {
    const csat3 = await record({ kind: 'csat', score: 3, accountId });
    expect(csat3.followupId).toBeNull();
    await db().insertInto('customerSettings').values({ orgId: org.orgId, csatDetractorMax: 3, updatedAt: new Date() }).execute();
    const now3 = await record({ kind: 'csat', score: 3, accountId });
    expect(now3.followupId).not.toBeNull();
    await db().deleteFrom('customerSettings').where('orgId', '=', org.orgId).execute();
  });

  it('tells the named employee about praise only when the customer allowed sharing', async () => {
    const shared = await record({
      kind: 'csat',
      score: 5,
      accountId,
      namedUserId: mara.id,
      shareAllowed: true,
      comment: '<b>Mara</b> sorted it',
    });
    expect(await notificationsOf('customer_praise', 'feedbackId', shared.id)).toEqual([mara.id]);
    // The customer's words travel with the notification, as plain text.
    const data = await db()
      .selectFrom('notifications')
      .select('data')
      .where('type', '=', 'customer_praise')
      .where(sql<boolean>`data->>'feedbackId' = ${shared.id}`)
      .executeTakeFirstOrThrow();
    expect(data.data).toMatchObject({ quote: 'Mara sorted it' });
    const private_ = await record({ kind: 'csat', score: 5, accountId, namedUserId: mara.id, shareAllowed: false });
    expect(await notificationsOf('customer_praise', 'feedbackId', private_.id)).toEqual([]);
    const lukewarm = await record({ kind: 'nps', score: 8, accountId, namedUserId: mara.id, shareAllowed: true });
    expect(await notificationsOf('customer_praise', 'feedbackId', lukewarm.id)).toEqual([]);
  });

  it('stores comments as plain text within the limit', async () => {
    const res = await record({ kind: 'nps', score: 8, comment: `<h1>Title</h1>${'a'.repeat(3000)}` });
    const row = await stored(res.id);
    expect(row.comment?.startsWith('Titlea')).toBe(true);
    expect(row.comment).toHaveLength(CUSTOMER_LIMITS.comment);
  });

  it('refuses an account or contact of another organisation', async () => {
    const other = await createOrg(t);
    const theirs = await insertAccount(db(), other.orgId);
    expect((await failure(record({ kind: 'nps', score: 8, accountId: theirs }))).code).toBe('UNKNOWN_ACCOUNT');
    const theirContact = await insertContact(db(), other.orgId, theirs);
    expect((await failure(record({ kind: 'nps', score: 8, contactId: theirContact }))).code).toBe('UNKNOWN_CONTACT');
  });
});
