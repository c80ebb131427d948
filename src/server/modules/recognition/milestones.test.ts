import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeEvent } from '../../platform/events.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { celebrateMilestones, celebrationDays, celebrationText, ensureMilestoneSchedule, nextMilestoneRun } from './milestones.js';
import { saveRecognitionSettings } from './recognition.settings.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

/** One run of the day's celebrations, as the daily job does it, for any day. */
async function runFor(day: string): Promise<RealtimeEvent[]> {
  return db()
    .transaction()
    .execute((trx) => celebrateMilestones(trx, new Date(`${day}T05:00:00Z`)));
}

async function startedOn(userId: string, startDate: string) {
  await db().updateTable('users').set({ startDate }).where('id', '=', userId).execute();
}

async function birthday(org: TestOrg, userId: string, day: string | null, celebrate: boolean) {
  await db()
    .insertInto('recognitionPrefs')
    .values({ orgId: org.orgId, userId, birthday: day, celebrateBirthday: celebrate })
    .onConflict((oc) => oc.column('userId').doUpdateSet({ birthday: day, celebrateBirthday: celebrate }))
    .execute();
}

async function celebrationPosts(org: TestOrg) {
  return db()
    .selectFrom('posts as p')
    .innerJoin('communities as c', 'c.id', 'p.communityId')
    .select(['p.id', 'p.authorId', 'p.kind', 'p.body', 'p.bodyHtml', 'p.lang', 'c.isAllCompany'])
    .where('p.orgId', '=', org.orgId)
    .where('p.kind', '=', 'celebration')
    .orderBy('p.createdAt')
    .orderBy('p.id')
    .execute();
}

async function celebrations(org: TestOrg) {
  return db()
    .selectFrom('celebrations')
    .select(['userId', 'kind', 'year', 'years', 'postId'])
    .where('orgId', '=', org.orgId)
    .orderBy('year')
    .orderBy('kind')
    .orderBy('years')
    .execute();
}

describe('work anniversaries', () => {
  it('posts exactly one anniversary per person and year in All company, however many times the day runs', async () => {
    const org = await createOrg(t, { name: 'Fabbrica *Aurora*' });
    const ana = await org.person({ name: 'Ana Bianchi' });
    const newcomer = await org.person();
    const gone = await org.person();
    const otherDay = await org.person();
    await startedOn(ana.id, '2023-03-05');
    await startedOn(newcomer.id, '2026-03-05');
    await startedOn(gone.id, '2020-03-05');
    await startedOn(otherDay.id, '2020-03-06');
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();

    const events = await runFor('2026-03-05');
    await runFor('2026-03-05');
    await Promise.all([runFor('2026-03-05'), runFor('2026-03-05')]);

    const posts = await celebrationPosts(org);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({ authorId: ana.id, isAllCompany: true, lang: 'english' });
    // The organisation's name is shown as written, never read as Markdown.
    expect(posts[0]!.bodyHtml).toBe('<p>🎉 3 years at Fabbrica *Aurora*!</p>');
    expect(await celebrations(org)).toEqual([{ userId: ana.id, kind: 'anniversary', year: 2026, years: 3, postId: posts[0]!.id }]);
    const mine = events.filter((e) => e.orgId === org.orgId);
    expect(mine).toEqual([
      expect.objectContaining({ type: 'post.created', payload: expect.objectContaining({ postId: posts[0]!.id, authorId: ana.id }) }),
    ]);

    // Colleagues see it as a post of kind celebration by Ana.
    const seen = await newcomer.client.get(`/api/posts/${posts[0]!.id}`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({ kind: 'celebration', author: { id: ana.id } });

    await runFor('2027-03-05');
    expect((await celebrations(org)).map((c) => [c.kind, c.year, c.years])).toEqual([
      ['anniversary', 2026, 3],
      ['anniversary', 2027, 1],
      ['anniversary', 2027, 4],
    ]);
  });

  it('celebrates people who started on 29 February on the 28th in other years', async () => {
    const org = await createOrg(t);
    const leap = await org.person();
    await startedOn(leap.id, '2024-02-29');
    await runFor('2025-03-01');
    expect(await celebrations(org)).toEqual([]);
    await runFor('2025-02-28');
    expect((await celebrations(org)).map((c) => [c.year, c.years])).toEqual([[2025, 1]]);
    // In a leap year, on the day itself only.
    await runFor('2028-02-28');
    expect(await celebrations(org)).toHaveLength(1);
    await runFor('2028-02-29');
    expect((await celebrations(org)).map((c) => [c.year, c.years])).toEqual([
      [2025, 1],
      [2028, 4],
    ]);
  });

  it('posts nothing when the organisation switched anniversaries off, and writes in Italian for an Italian organisation', async () => {
    const off = await createOrg(t);
    const quiet = await off.person();
    await startedOn(quiet.id, '2020-04-10');
    await saveRecognitionSettings(db(), off.orgId, { anniversaries: false });

    const it = await createOrg(t, { name: 'Fabbrica Aurora' });
    await db().updateTable('orgs').set({ defaultLocale: 'it' }).where('id', '=', it.orgId).execute();
    const ugo = await it.person();
    const ida = await it.person();
    await startedOn(ugo.id, '2024-04-10');
    await startedOn(ida.id, '2025-04-10');

    await runFor('2026-04-10');
    expect(await celebrationPosts(off)).toEqual([]);
    const posts = await celebrationPosts(it);
    expect(posts.map((p) => [p.authorId, p.body.replaceAll('\\', ''), p.lang]).sort()).toEqual(
      [
        [ugo.id, '🎉 2 anni in Fabbrica Aurora!', 'italian'],
        [ida.id, '🎉 1 anno in Fabbrica Aurora!', 'italian'],
      ].sort(),
    );
  });
});

describe('birthdays', () => {
  it('celebrates only people who opted in and gave their birthday, when the organisation celebrates birthdays', async () => {
    const org = await createOrg(t);
    const ana = await org.person({ name: 'Ana Bianchi' });
    const shy = await org.person();
    const noDate = await org.person();
    const gone = await org.person();
    await birthday(org, ana.id, '07-14', true);
    await birthday(org, shy.id, '07-14', false);
    await birthday(org, noDate.id, null, true);
    await birthday(org, gone.id, '07-14', true);
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();

    const other = await createOrg(t);
    const bea = await other.person();
    await birthday(other, bea.id, '07-14', true);
    await saveRecognitionSettings(db(), other.orgId, { birthdays: false });

    await runFor('2026-07-13');
    expect(await celebrationPosts(org)).toEqual([]);
    await runFor('2026-07-14');
    await runFor('2026-07-14');
    const posts = await celebrationPosts(org);
    expect(posts.map((p) => [p.authorId, p.bodyHtml])).toEqual([[ana.id, '<p>🎂 Today is Ana Bianchi’s birthday!</p>']]);
    expect(await celebrations(org)).toEqual([{ userId: ana.id, kind: 'birthday', year: 2026, years: null, postId: posts[0]!.id }]);
    expect(await celebrationPosts(other)).toEqual([]);

    // Through the API: opting in is all it takes.
    await shy.client.patch('/api/me/recognition-prefs', { celebrateBirthday: true });
    await runFor('2026-07-14');
    expect((await celebrationPosts(org)).map((p) => p.authorId)).toEqual([ana.id, shy.id]);
  });

  it('celebrates a 29 February birthday on the 28th in other years', async () => {
    const org = await createOrg(t);
    const leap = await org.person();
    await birthday(org, leap.id, '02-29', true);
    await runFor('2027-02-28');
    expect((await celebrations(org)).map((c) => [c.kind, c.year])).toEqual([['birthday', 2027]]);
  });
});

describe('the daily job', () => {
  const pendingRuns = () =>
    db().selectFrom('jobs').select(['id', 'runAt']).where('kind', '=', 'milestones.schedule').where('status', '=', 'pending').execute();

  it('is queued once by any number of nodes, runs today, re-queues itself for tomorrow and publishes after commit', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const now = new Date();
    const today = `${String(now.getUTCMonth() + 1).padStart(2, '0')}-${String(now.getUTCDate()).padStart(2, '0')}`;
    await startedOn(ana.id, `${now.getUTCFullYear() - 4}-${today}`);

    await Promise.all([ensureMilestoneSchedule(db()), ensureMilestoneSchedule(db()), ensureMilestoneSchedule(db())]);
    expect(await pendingRuns()).toHaveLength(1);

    const published: RealtimeEvent[] = [];
    const off = t.app.ctx.bus.subscribe((e) => {
      if (e.orgId === org.orgId) {
        published.push(e);
      }
    });
    // The worker publishes a job's events once its transaction has committed, before runDue resolves.
    await t.app.ctx.worker.runDue();
    off();

    const [post] = await celebrationPosts(org);
    expect(post).toMatchObject({ authorId: ana.id });
    expect(published.filter((e) => e.type === 'post.created').map((e) => e.payload.postId)).toEqual([post!.id]);
    const next = await pendingRuns();
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.toISOString()).toBe(nextMilestoneRun(now).toISOString());
    // A node starting later finds the chain and adds nothing.
    await ensureMilestoneSchedule(db());
    expect(await pendingRuns()).toHaveLength(1);
  });
});

describe('days', () => {
  it('runs at the next morning hour', () => {
    expect(nextMilestoneRun(new Date('2026-03-05T04:59:00Z')).toISOString()).toBe('2026-03-05T05:00:00.000Z');
    expect(nextMilestoneRun(new Date('2026-03-05T05:00:00Z')).toISOString()).toBe('2026-03-06T05:00:00.000Z');
    expect(nextMilestoneRun(new Date('2026-12-31T23:00:00Z')).toISOString()).toBe('2027-01-01T05:00:00.000Z');
  });

  it('adds 29 February to the 28th only in years without it', () => {
    expect(celebrationDays(new Date('2027-02-28T05:00:00Z'))).toEqual({ year: 2027, days: ['02-28', '02-29'] });
    expect(celebrationDays(new Date('2028-02-28T05:00:00Z'))).toEqual({ year: 2028, days: ['02-28'] });
    expect(celebrationDays(new Date('2100-02-28T05:00:00Z'))).toEqual({ year: 2100, days: ['02-28', '02-29'] });
    expect(celebrationDays(new Date('2026-12-31T23:59:00Z'))).toEqual({ year: 2026, days: ['12-31'] });
  });

  it('words a birthday in Italian', () => {
    expect(celebrationText('birthday', { name: 'Ugo', orgName: 'X', defaultLocale: 'it', years: null })).toEqual({
      body: '🎂 Oggi è il compleanno di Ugo!',
      lang: 'italian',
    });
  });
});
