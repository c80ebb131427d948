import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { awardRuleBadges } from './badges.rules.js';
import { isCalendarDay } from './badges.service.js';
import { saveRecognitionSettings } from './recognition.settings.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

interface CaseItem {
  id: string;
  name: string;
  rule: string | null;
  reason: string | null;
  hidden: boolean;
}

/** A kudos written straight to the database, as the kudos service stores one. */
async function kudos(org: TestOrg, giverId: string, recipientIds: string[], createdAt = new Date()) {
  const id = newId();
  await db()
    .insertInto('kudos')
    .values({ id, orgId: org.orgId, giverId, message: 'Thanks!', messageHtml: '<p>Thanks!</p>', visibility: 'private', createdAt })
    .execute();
  await db()
    .insertInto('kudosRecipients')
    .values(recipientIds.map((userId) => ({ kudosId: id, orgId: org.orgId, userId, createdAt })))
    .execute();
  return id;
}

async function evaluate(org: TestOrg, userIds: string[]) {
  return db()
    .transaction()
    .execute((trx) => awardRuleBadges(trx, org.orgId, userIds));
}

async function rulesHeld(userId: string): Promise<string[]> {
  const rows = await db()
    .selectFrom('userBadges as ub')
    .innerJoin('badges as b', 'b.id', 'ub.badgeId')
    .select('b.rule')
    .where('ub.userId', '=', userId)
    .orderBy('b.rule')
    .execute();
  return rows.map((r) => r.rule ?? 'custom');
}

async function badgeNotifications(userId: string) {
  return db().selectFrom('notifications').select(['data', 'actorId']).where('userId', '=', userId).where('type', '=', 'badge').execute();
}

async function caseOf(viewer: TestOrg['admin'], personId: string): Promise<CaseItem[]> {
  const res = await viewer.get(`/api/people/${personId}/badges`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: CaseItem[] }>().items;
}

async function department(org: TestOrg, name: string) {
  const id = newId();
  await db().insertInto('departments').values({ id, orgId: org.orgId, name }).execute();
  return id;
}

describe('rule badges', () => {
  it('awards First post with a person’s first post, once, and notifies them', async () => {
    const org = await createOrg(t);
    const ana = await org.person({ name: 'Ana' });
    expect((await ana.client.post('/api/posts', { communityId: null, body: 'Hello everyone' })).statusCode).toBe(201);
    expect((await ana.client.post('/api/posts', { communityId: null, body: 'Hello again' })).statusCode).toBe(201);

    expect(await rulesHeld(ana.id)).toEqual(['first_post']);
    const notes = await badgeNotifications(ana.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]!.actorId).toBeNull();
    expect(notes[0]!.data).toMatchObject({ rule: 'first_post', name: 'First post' });
    const items = await caseOf(org.admin, ana.id);
    expect(items).toMatchObject([{ rule: 'first_post', name: 'First post', reason: null, hidden: false }]);
  });

  it('awards kudos badges exactly once, however many times and however concurrently they are evaluated', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const receiver = await org.person();
    for (let i = 0; i < 9; i++) {
      await kudos(org, giver.id, [receiver.id]);
    }
    await evaluate(org, [giver.id, receiver.id]);
    expect(await rulesHeld(giver.id)).toEqual(['first_kudos_given']);
    // Nine kudos received are not ten.
    expect(await rulesHeld(receiver.id)).toEqual([]);

    await kudos(org, giver.id, [receiver.id]);
    await Promise.all([evaluate(org, [giver.id, receiver.id]), evaluate(org, [receiver.id, giver.id]), evaluate(org, [receiver.id])]);
    await evaluate(org, [giver.id, receiver.id]);
    expect(await rulesHeld(receiver.id)).toEqual(['kudos_received_10']);
    expect(await rulesHeld(giver.id)).toEqual(['first_kudos_given']);
    expect(await badgeNotifications(receiver.id)).toHaveLength(1);
    expect(await badgeNotifications(giver.id)).toHaveLength(1);
    // One badge per rule per organisation.
    const rules = await db().selectFrom('badges').select('rule').where('orgId', '=', org.orgId).where('rule', 'is not', null).execute();
    expect(rules.map((r) => r.rule).sort()).toEqual(
      [
        'best_answer',
        'first_kudos_given',
        'first_post',
        'five_departments',
        'kudos_received_10',
        'streak_4_weeks',
        'first_share',
        'reach_100',
        'reach_1000',
      ].sort(),
    );
  });

  it('awards Bridge builder for thanking people in five different departments', async () => {
    const org = await createOrg(t);
    const giver = await org.person();
    const people = [];
    for (let i = 0; i < 5; i++) {
      const p = await org.person();
      await db()
        .updateTable('users')
        .set({ departmentId: await department(org, `Department ${i}`) })
        .where('id', '=', p.id)
        .execute();
      people.push(p.id);
    }
    const unplaced = await org.person();
    await kudos(org, giver.id, [...people.slice(0, 4), unplaced.id]);
    await kudos(org, giver.id, [people[0]!, people[1]!]);
    await evaluate(org, [giver.id]);
    expect(await rulesHeld(giver.id)).toEqual(['first_kudos_given']);

    await kudos(org, giver.id, [people[4]!]);
    await evaluate(org, [giver.id]);
    expect(await rulesHeld(giver.id)).toEqual(['first_kudos_given', 'five_departments']);
  });

  it('awards Steady thanks for kudos given in four consecutive ISO weeks, and not across a gap', async () => {
    const org = await createOrg(t);
    const steady = await org.person();
    const gappy = await org.person();
    const colleague = await org.person();
    // ISO weeks of 2026: week 1 ends on Sunday 4 January, week 2 starts on Monday 5 January (UTC).
    for (const at of [
      '2026-01-04T23:30:00Z',
      '2026-01-05T00:30:00Z',
      '2026-01-06T10:00:00Z',
      '2026-01-18T12:00:00Z',
      '2026-01-19T08:00:00Z',
    ]) {
      await kudos(org, steady.id, [colleague.id], new Date(at));
    }
    for (const at of ['2026-01-04T10:00:00Z', '2026-01-05T10:00:00Z', '2026-01-12T10:00:00Z', '2026-01-26T10:00:00Z']) {
      await kudos(org, gappy.id, [colleague.id], new Date(at));
    }
    await evaluate(org, [steady.id, gappy.id]);
    expect(await rulesHeld(steady.id)).toEqual(['first_kudos_given', 'streak_4_weeks']);
    expect(await rulesHeld(gappy.id)).toEqual(['first_kudos_given']);

    // The missing week filled in makes five in a row.
    await kudos(org, gappy.id, [colleague.id], new Date('2026-01-21T10:00:00Z'));
    await evaluate(org, [gappy.id]);
    expect(await rulesHeld(gappy.id)).toEqual(['first_kudos_given', 'streak_4_weeks']);
  });

  it('awards nothing while gamification is off, for the company or for a person’s office country', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await saveRecognitionSettings(db(), org.orgId, { gamification: false });
    expect((await ana.client.post('/api/posts', { communityId: null, body: 'Hello' })).statusCode).toBe(201);
    await kudos(org, ana.id, [bea.id]);
    await evaluate(org, [ana.id, bea.id]);
    expect(await rulesHeld(ana.id)).toEqual([]);
    expect(await badgeNotifications(ana.id)).toHaveLength(0);

    // Back on, except in Germany, where Ana's office is.
    const berlin = newId();
    await db().insertInto('locations').values({ id: berlin, orgId: org.orgId, name: 'Berlin', country: 'DE' }).execute();
    await db().updateTable('users').set({ locationId: berlin }).where('id', '=', ana.id).execute();
    await saveRecognitionSettings(db(), org.orgId, { gamification: true, gamificationOffCountries: ['de'] });
    await evaluate(org, [ana.id, bea.id]);
    expect(await rulesHeld(ana.id)).toEqual([]);
    await kudos(org, bea.id, [ana.id]);
    await evaluate(org, [ana.id, bea.id]);
    expect(await rulesHeld(bea.id)).toEqual(['first_kudos_given']);

    // A badge case shows nothing while badges are off for its owner, to the owner too.
    await db().updateTable('users').set({ locationId: berlin }).where('id', '=', bea.id).execute();
    expect(await caseOf(bea.client, bea.id)).toEqual([]);
    expect(await caseOf(org.admin, bea.id)).toEqual([]);
  });

  it('stops awarding an archived rule badge', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const list = (await org.admin.get('/api/admin/badges')).json<{ items: { id: string; rule: string | null }[] }>().items;
    const firstPost = list.find((b) => b.rule === 'first_post')!;
    const res = await org.admin.patch(`/api/admin/badges/${firstPost.id}`, { archived: true, name: 'Pioneer' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: 'Pioneer', archived: true, rule: 'first_post', holders: 0 });
    expect((await ana.client.post('/api/posts', { communityId: null, body: 'Hello' })).statusCode).toBe(201);
    expect(await rulesHeld(ana.id)).toEqual([]);
  });
});

describe('the badge case', () => {
  it('shows a hidden badge to its holder only, and lets them show it again', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await ana.client.post('/api/posts', { communityId: null, body: 'Hello' });
    const [badge] = await caseOf(ana.client, ana.id);

    const hide = await ana.client.patch(`/api/me/badges/${badge!.id}`, { hidden: true });
    expect(hide.statusCode, hide.body).toBe(200);
    expect(hide.json()).toMatchObject({ id: badge!.id, hidden: true, rule: 'first_post' });
    expect(await caseOf(ana.client, ana.id)).toMatchObject([{ id: badge!.id, hidden: true }]);
    expect(await caseOf(bea.client, ana.id)).toEqual([]);
    expect(await caseOf(org.admin, ana.id)).toEqual([]);

    expect((await ana.client.patch(`/api/me/badges/${badge!.id}`, { hidden: false })).statusCode).toBe(200);
    expect(await caseOf(bea.client, ana.id)).toMatchObject([{ id: badge!.id, hidden: false }]);
  });

  it('answers 404 for a badge one does not hold, and for a person of another organisation', async () => {
    const org = await createOrg(t);
    const other = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await bea.client.post('/api/posts', { communityId: null, body: 'Hello' });
    const [beas] = await caseOf(bea.client, bea.id);
    const res = await ana.client.patch(`/api/me/badges/${beas!.id}`, { hidden: true });
    expect([res.statusCode, res.json().error.code]).toEqual([404, 'NOT_FOUND']);
    expect((await ana.client.get(`/api/people/${other.adminId}/badges`)).statusCode).toBe(404);
    expect((await ana.client.get(`/api/people/${newId()}/badges`)).statusCode).toBe(404);
    expect((await ana.client.patch(`/api/me/badges/${beas!.id}`, { hidden: 'yes' })).statusCode).toBe(400);
  });
});

describe('custom badges', () => {
  it('lets an administrator create, list, edit and award a badge with a reason, audited and notified', async () => {
    const org = await createOrg(t);
    const ana = await org.person({ name: 'Ana' });
    const bea = await org.person({ name: 'Bea' });

    const created = await org.admin.post('/api/admin/badges', {
      name: '  Crisis hero ',
      description: 'Kept the lights on',
      icon: 'shield',
    });
    expect(created.statusCode, created.body).toBe(201);
    const badge = created.json<{ id: string }>();
    expect(badge).toMatchObject({
      name: 'Crisis hero',
      description: 'Kept the lights on',
      icon: 'shield',
      rule: null,
      archived: false,
      holders: 0,
    });

    const list = (await org.admin.get('/api/admin/badges')).json<{ items: { id: string; rule: string | null }[] }>().items;
    expect(list.map((b) => b.rule)).toEqual([
      'first_post',
      'first_kudos_given',
      'kudos_received_10',
      'best_answer',
      'five_departments',
      'streak_4_weeks',
      'first_share',
      'reach_100',
      'reach_1000',
      null,
    ]);

    const award = await org.admin.post(`/api/admin/badges/${badge.id}/award`, {
      userIds: [ana.id, bea.id],
      reason: 'The night of the outage',
    });
    expect(award.statusCode, award.body).toBe(200);
    expect(award.json()).toMatchObject({ awarded: [ana.id, bea.id], alreadyHeld: [], gamificationOff: [], badge: { holders: 2 } });
    const again = await org.admin.post(`/api/admin/badges/${badge.id}/award`, { userIds: [ana.id] });
    expect(again.json()).toMatchObject({ awarded: [], alreadyHeld: [ana.id] });

    expect(await caseOf(bea.client, ana.id)).toMatchObject([
      { id: badge.id, name: 'Crisis hero', reason: 'The night of the outage', rule: null },
    ]);
    const notes = await badgeNotifications(ana.id);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ actorId: org.adminId, data: { badgeId: badge.id, reason: 'The night of the outage' } });
    const trail = await db()
      .selectFrom('auditLog')
      .select(['action', 'data'])
      .where('orgId', '=', org.orgId)
      .where('targetId', '=', badge.id)
      .orderBy('createdAt')
      .execute();
    expect(trail.map((a) => a.action)).toEqual(['badge.create', 'badge.award']);
    expect(trail[1]!.data).toMatchObject({ userIds: [ana.id, bea.id], reason: 'The night of the outage' });

    const edited = await org.admin.patch(`/api/admin/badges/${badge.id}`, { name: 'Outage hero', icon: 'bolt' });
    expect(edited.json()).toMatchObject({ name: 'Outage hero', icon: 'bolt', holders: 2 });
  });

  it('refuses people who are not administrators', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const ana = await org.person();
    const badge = (await org.admin.post('/api/admin/badges', { name: 'Helper' })).json<{ id: string }>();
    for (const client of [hr.client, ana.client]) {
      expect((await client.post('/api/admin/badges', { name: 'Mine' })).statusCode).toBe(403);
      expect((await client.post(`/api/admin/badges/${badge.id}/award`, { userIds: [ana.id] })).statusCode).toBe(403);
      expect((await client.patch(`/api/admin/badges/${badge.id}`, { archived: true })).statusCode).toBe(403);
      expect((await client.get('/api/admin/badges')).statusCode).toBe(403);
    }
    expect(await rulesHeld(ana.id)).toEqual([]);
  });

  it('refuses bad awards: rule badges, archived badges, unknown or deactivated people; leaves out people without gamification', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const gone = await org.person();
    await db().updateTable('users').set({ status: 'deactivated' }).where('id', '=', gone.id).execute();
    const badge = (await org.admin.post('/api/admin/badges', { name: 'Helper' })).json<{ id: string }>();
    const list = (await org.admin.get('/api/admin/badges')).json<{ items: { id: string; rule: string | null }[] }>().items;
    const rule = list.find((b) => b.rule === 'first_post')!;

    const code = async (url: string, body: unknown) => {
      const res = await org.admin.post(url, body);
      return [res.statusCode, res.json<{ error?: { code: string } }>().error?.code];
    };
    expect(await code(`/api/admin/badges/${rule.id}/award`, { userIds: [ana.id] })).toEqual([422, 'RULE_BADGE']);
    expect(await code(`/api/admin/badges/${badge.id}/award`, { userIds: [ana.id, newId()] })).toEqual([404, 'NOT_FOUND']);
    expect(await code(`/api/admin/badges/${badge.id}/award`, { userIds: [gone.id] })).toEqual([422, 'PERSON_INACTIVE']);
    expect(await code(`/api/admin/badges/${badge.id}/award`, { userIds: [] })).toEqual([400, 'VALIDATION_FAILED']);
    expect(await code(`/api/admin/badges/${newId()}/award`, { userIds: [ana.id] })).toEqual([404, 'NOT_FOUND']);

    await saveRecognitionSettings(db(), org.orgId, { gamification: false });
    const off = await org.admin.post(`/api/admin/badges/${badge.id}/award`, { userIds: [ana.id] });
    expect(off.json()).toMatchObject({ awarded: [], gamificationOff: [ana.id] });
    await saveRecognitionSettings(db(), org.orgId, { gamification: true });

    expect((await org.admin.patch(`/api/admin/badges/${badge.id}`, { archived: true })).json()).toMatchObject({ archived: true });
    expect(await code(`/api/admin/badges/${badge.id}/award`, { userIds: [ana.id] })).toEqual([422, 'BADGE_ARCHIVED']);
    expect(await rulesHeld(ana.id)).toEqual([]);
  });

  it('validates names and icons', async () => {
    const org = await createOrg(t);
    const code = async (res: Promise<{ statusCode: number; json: <T>() => T }>) => {
      const r = await res;
      return [r.statusCode, r.json<{ error?: { code: string } }>().error?.code];
    };
    expect(await code(org.admin.post('/api/admin/badges', { name: '   ' }))).toEqual([400, 'EMPTY_NAME']);
    expect((await org.admin.post('/api/admin/badges', { name: 'Star', icon: 'skull' })).statusCode).toBe(400);
    expect((await org.admin.post('/api/admin/badges', { name: 'x'.repeat(61) })).statusCode).toBe(400);
    expect((await org.admin.post('/api/admin/badges', { name: 'Star', color: 'red' })).statusCode).toBe(400);
    const star = (await org.admin.post('/api/admin/badges', { name: 'Star' })).json<{ id: string }>();
    expect(await code(org.admin.post('/api/admin/badges', { name: 'STAR' }))).toEqual([409, 'BADGE_NAME_TAKEN']);
    expect((await org.admin.patch(`/api/admin/badges/${star.id}`, {})).statusCode).toBe(400);
    // An archived badge frees its name; restoring it while the name is taken again is refused.
    await org.admin.patch(`/api/admin/badges/${star.id}`, { archived: true });
    expect((await org.admin.post('/api/admin/badges', { name: 'Star' })).statusCode).toBe(201);
    expect(await code(org.admin.patch(`/api/admin/badges/${star.id}`, { archived: false }))).toEqual([409, 'BADGE_NAME_TAKEN']);
  });
});

describe('recognition preferences', () => {
  it('starts from the defaults and saves partial changes', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    expect((await ana.client.get('/api/me/recognition-prefs')).json()).toEqual({
      hideFromLeaderboards: false,
      birthday: null,
      celebrateBirthday: false,
    });
    const res = await ana.client.patch('/api/me/recognition-prefs', { birthday: '02-29', celebrateBirthday: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ hideFromLeaderboards: false, birthday: '02-29', celebrateBirthday: true });
    await ana.client.patch('/api/me/recognition-prefs', { hideFromLeaderboards: true });
    expect((await ana.client.get('/api/me/recognition-prefs')).json()).toEqual({
      hideFromLeaderboards: true,
      birthday: '02-29',
      celebrateBirthday: true,
    });
    expect((await ana.client.patch('/api/me/recognition-prefs', { birthday: null })).json()).toMatchObject({ birthday: null });
  });

  it('refuses birthdays that are not real days, and malformed changes', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    for (const birthday of ['02-30', '13-01', '00-10', '04-31', '06-00']) {
      const res = await ana.client.patch('/api/me/recognition-prefs', { birthday });
      expect([birthday, res.statusCode, res.json().error.code]).toEqual([birthday, 400, 'INVALID_BIRTHDAY']);
    }
    for (const body of [
      { birthday: '2-3' },
      { birthday: '1990-02-03' },
      { birthday: 'aa-bb' },
      {},
      { points: 3 },
      { celebrateBirthday: 'yes' },
    ]) {
      expect((await ana.client.patch('/api/me/recognition-prefs', body)).statusCode).toBe(400);
    }
    expect((await ana.client.get('/api/me/recognition-prefs')).json()).toMatchObject({ birthday: null });
    expect((await org.anonymous().get('/api/me/recognition-prefs')).statusCode).toBe(401);
  });

  it('knows which month-days exist', () => {
    expect(['01-31', '02-29', '04-30', '12-31'].every(isCalendarDay)).toBe(true);
    expect(['02-30', '04-31', '13-01', '00-01', '1-01', ''].some(isCalendarDay)).toBe(false);
  });
});
