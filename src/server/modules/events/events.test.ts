import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrg, insertCommunity, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';

let t: TestApp;
let org: TestOrg;
const db = () => t.app.ctx.db;
type Person = { id: string; client: Client };
let alice: Person;
let bob: Person;
let carol: Person;
let dave: Person;

const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

interface Detail {
  id: string;
  myRsvp: string | null;
  goingCount: number;
  maybeCount: number;
  waitlistCount: number;
  sequence: number;
  cancelledAt: string | null;
  abilities: { canEdit: boolean; canCancel: boolean; canRsvp: boolean };
  attendees: { id: string }[];
}

async function create(client: Client, body: Record<string, unknown> = {}): Promise<Detail> {
  const res = await client.post('/api/events', {
    title: 'Town hall',
    description: 'We meet **everyone**.',
    startsAt: at(48),
    endsAt: at(49),
    timeZone: 'Europe/Rome',
    place: 'Room 1',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Detail>();
}

const answer = (client: Client, id: string, status: 'going' | 'maybe' | 'not') => client.put(`/api/events/${id}/rsvp`, { status });

async function eventNotifications(userId: string, eventId: string) {
  const rows = await db()
    .selectFrom('notifications')
    .select(['data'])
    .where('orgId', '=', org.orgId)
    .where('userId', '=', userId)
    .where('type', '=', 'event')
    .execute();
  return rows.map((r) => r.data as { variant: string; link: string; title: string }).filter((d) => d.link === `/events/${eventId}`);
}

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  alice = await org.person({ name: 'Alice' });
  bob = await org.person({ name: 'Bob' });
  carol = await org.person({ name: 'Carol' });
  dave = await org.person({ name: 'Dave' });
});
afterAll(() => t.close());

describe('creating events', () => {
  it('creates a company-wide event with rendered Markdown and lists it as upcoming', async () => {
    const e = await create(alice.client);
    const got = (await bob.client.get(`/api/events/${e.id}`)).json<Detail & { descriptionHtml: string; timeZone: string }>();
    expect(got.descriptionHtml).toContain('<strong>everyone</strong>');
    expect(got.timeZone).toBe('Europe/Rome');
    expect(got.abilities).toEqual({ canEdit: false, canCancel: false, canRsvp: true });
    const list = (await bob.client.get('/api/events?when=upcoming')).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).toContain(e.id);
    const past = (await bob.client.get('/api/events?when=past')).json<{ items: { id: string }[] }>();
    expect(past.items.map((i) => i.id)).not.toContain(e.id);
  });

  it('refuses a time zone that does not exist', async () => {
    const res = await alice.client.post('/api/events', { title: 'X', startsAt: at(2), endsAt: at(3), timeZone: 'Mars/Olympus' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'INVALID_TIME_ZONE']);
  });

  it('refuses an event that ends before it starts', async () => {
    const res = await alice.client.post('/api/events', { title: 'X', startsAt: at(3), endsAt: at(2), timeZone: 'UTC' });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'ENDS_BEFORE_START']);
  });

  it('refuses an online link that is not a web address', async () => {
    for (const onlineUrl of ['javascript:alert(1)', 'data:text/html,hi', 'not a url']) {
      const res = await alice.client.post('/api/events', { title: 'X', startsAt: at(2), endsAt: at(3), timeZone: 'UTC', onlineUrl });
      expect([res.statusCode, res.json().error.code], onlineUrl).toEqual([400, 'INVALID_URL']);
    }
  });

  it('refuses a title that is too long, a capacity of zero and unknown fields', async () => {
    const base = { startsAt: at(2), endsAt: at(3), timeZone: 'UTC' };
    expect((await alice.client.post('/api/events', { ...base, title: 'x'.repeat(201) })).statusCode).toBe(400);
    expect((await alice.client.post('/api/events', { ...base, title: 'X', capacity: 0 })).statusCode).toBe(400);
    expect((await alice.client.post('/api/events', { ...base, title: 'X', organiserId: bob.id })).statusCode).toBe(400);
    expect((await alice.client.post('/api/events', { ...base, title: 'X', startsAt: 'tomorrow' })).statusCode).toBe(400);
  });

  it('lets only members of a community organise events in it', async () => {
    const community = await insertCommunity(t, org, 'private', [{ id: alice.id }]);
    await create(alice.client, { communityId: community });
    const res = await bob.client.post('/api/events', {
      title: 'X',
      startsAt: at(2),
      endsAt: at(3),
      timeZone: 'UTC',
      communityId: community,
    });
    expect(res.statusCode).toBe(403);
    const secret = await insertCommunity(t, org, 'secret', [{ id: alice.id }]);
    const hidden = await bob.client.post('/api/events', {
      title: 'X',
      startsAt: at(2),
      endsAt: at(3),
      timeZone: 'UTC',
      communityId: secret,
    });
    expect(hidden.statusCode).toBe(404);
  });
});

describe('who sees an event', () => {
  it('answers 404 to people outside a private community, and leaves it out of their lists', async () => {
    const community = await insertCommunity(t, org, 'private', [{ id: alice.id }, { id: carol.id }]);
    const e = await create(alice.client, { communityId: community });
    expect((await carol.client.get(`/api/events/${e.id}`)).statusCode).toBe(200);
    for (const url of [`/api/events/${e.id}`, `/api/events/${e.id}/ics`, `/api/events/${e.id}/attendees`]) {
      expect((await bob.client.get(url)).statusCode, url).toBe(404);
    }
    expect((await answer(bob.client, e.id, 'going')).statusCode).toBe(404);
    const list = (await bob.client.get('/api/events')).json<{ items: { id: string }[] }>();
    expect(list.items.map((i) => i.id)).not.toContain(e.id);
    expect((await bob.client.get(`/api/events?communityId=${community}`)).statusCode).toBe(404);
  });

  it('answers 404 for an event of another organisation', async () => {
    const other = await createOrg(t);
    const e = await create(other.admin);
    expect((await alice.client.get(`/api/events/${e.id}`)).statusCode).toBe(404);
  });
});

describe('answering', () => {
  it('counts going and maybe answers, and changes them', async () => {
    const e = await create(alice.client);
    expect((await answer(bob.client, e.id, 'going')).json<Detail>()).toMatchObject({ myRsvp: 'going', goingCount: 1 });
    expect((await answer(carol.client, e.id, 'maybe')).json<Detail>()).toMatchObject({ myRsvp: 'maybe', goingCount: 1, maybeCount: 1 });
    expect((await answer(bob.client, e.id, 'maybe')).json<Detail>()).toMatchObject({ goingCount: 0, maybeCount: 2 });
    expect((await answer(bob.client, e.id, 'not')).json<Detail>()).toMatchObject({ myRsvp: 'not', goingCount: 0, maybeCount: 1 });
  });

  it('puts people beyond the capacity on the waitlist and says so', async () => {
    const e = await create(alice.client, { capacity: 1 });
    expect((await answer(bob.client, e.id, 'going')).json<Detail>()).toMatchObject({ myRsvp: 'going', goingCount: 1 });
    const second = (await answer(carol.client, e.id, 'going')).json<Detail>();
    expect(second).toMatchObject({ myRsvp: 'waitlist', goingCount: 1, waitlistCount: 1 });
    const waiting = (await alice.client.get(`/api/events/${e.id}/attendees?status=waitlist`)).json<{ items: { id: string }[] }>();
    expect(waiting.items.map((i) => i.id)).toEqual([carol.id]);
  });

  it('gives the last seat to one of two people answering at the same moment', async () => {
    const e = await create(alice.client, { capacity: 1 });
    const [a, b] = await Promise.all([answer(bob.client, e.id, 'going'), answer(carol.client, e.id, 'going')]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect([a.json<Detail>().myRsvp, b.json<Detail>().myRsvp].sort()).toEqual(['going', 'waitlist']);
    const row = await db().selectFrom('events').select(['goingCount', 'waitlistCount']).where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ goingCount: 1, waitlistCount: 1 });
  });

  it('gives a freed seat to the first on the waitlist and tells them', async () => {
    const e = await create(alice.client, { capacity: 1 });
    await answer(bob.client, e.id, 'going');
    await answer(carol.client, e.id, 'going');
    await answer(dave.client, e.id, 'going');
    const after = (await answer(bob.client, e.id, 'not')).json<Detail>();
    expect(after).toMatchObject({ goingCount: 1, waitlistCount: 1 });
    expect((await carol.client.get(`/api/events/${e.id}`)).json<Detail>().myRsvp).toBe('going');
    expect((await dave.client.get(`/api/events/${e.id}`)).json<Detail>().myRsvp).toBe('waitlist');
    expect((await eventNotifications(carol.id, e.id)).map((n) => n.variant)).toEqual(['promoted']);
    expect(await eventNotifications(dave.id, e.id)).toEqual([]);
  });

  it('keeps people going when the capacity is lowered, stops newcomers, and fills seats when it rises', async () => {
    const e = await create(alice.client, { capacity: 3 });
    await answer(bob.client, e.id, 'going');
    await answer(carol.client, e.id, 'going');
    const lowered = (await alice.client.patch(`/api/events/${e.id}`, { capacity: 1 })).json<Detail>();
    expect(lowered.goingCount).toBe(2);
    expect((await answer(dave.client, e.id, 'going')).json<Detail>().myRsvp).toBe('waitlist');
    // Someone leaving does not free a seat while more people go than there are seats.
    await answer(carol.client, e.id, 'not');
    expect((await dave.client.get(`/api/events/${e.id}`)).json<Detail>().myRsvp).toBe('waitlist');
    const raised = (await alice.client.patch(`/api/events/${e.id}`, { capacity: null })).json<Detail>();
    expect(raised).toMatchObject({ goingCount: 2, waitlistCount: 0 });
    expect((await dave.client.get(`/api/events/${e.id}`)).json<Detail>().myRsvp).toBe('going');
  });

  it('answers 409 for a cancelled event and for one that has ended', async () => {
    const e = await create(alice.client);
    await answer(bob.client, e.id, 'going');
    const cancelled = await alice.client.post(`/api/events/${e.id}/cancel`);
    expect(cancelled.json<Detail>().cancelledAt).not.toBeNull();
    expect(cancelled.json<Detail>().abilities.canRsvp).toBe(false);
    expect([(await answer(bob.client, e.id, 'not')).statusCode, (await answer(bob.client, e.id, 'not')).json().error.code]).toEqual([
      409,
      'EVENT_CANCELLED',
    ]);
    expect((await alice.client.post(`/api/events/${e.id}/cancel`)).statusCode).toBe(409);
    expect((await eventNotifications(bob.id, e.id)).map((n) => n.variant)).toEqual(['cancelled']);

    const old = await create(alice.client);
    await db()
      .updateTable('events')
      .set({ startsAt: new Date(Date.now() - 7_200_000), endsAt: new Date(Date.now() - 3_600_000) })
      .where('id', '=', old.id)
      .execute();
    const res = await answer(bob.client, old.id, 'going');
    expect([res.statusCode, res.json().error.code]).toEqual([409, 'EVENT_ENDED']);
    const past = (await bob.client.get('/api/events?when=past')).json<{ items: { id: string }[] }>();
    expect(past.items.map((i) => i.id)).toContain(old.id);
  });

  it('refuses a status that is not an answer', async () => {
    const e = await create(alice.client);
    expect((await bob.client.put(`/api/events/${e.id}/rsvp`, { status: 'waitlist' })).statusCode).toBe(400);
  });
});

describe('changing events', () => {
  it('lets only the organiser or an administrator change or cancel an event', async () => {
    const e = await create(alice.client);
    expect((await bob.client.patch(`/api/events/${e.id}`, { title: 'Mine now' })).statusCode).toBe(403);
    expect((await bob.client.post(`/api/events/${e.id}/cancel`)).statusCode).toBe(403);
    const renamed = await org.admin.patch(`/api/events/${e.id}`, { title: 'Renamed by admin' });
    expect(renamed.statusCode).toBe(200);
    expect((await alice.client.get(`/api/events/${e.id}`)).json<Detail>().abilities.canEdit).toBe(true);
  });

  it('raises the sequence and tells those going or maybe when the time or place changes', async () => {
    const e = await create(alice.client);
    await answer(bob.client, e.id, 'going');
    await answer(carol.client, e.id, 'maybe');
    await answer(dave.client, e.id, 'not');
    const renamed = (await alice.client.patch(`/api/events/${e.id}`, { title: 'New name' })).json<Detail>();
    expect(renamed.sequence).toBe(e.sequence + 1);
    expect(await eventNotifications(bob.id, e.id)).toEqual([]);
    const moved = (await alice.client.patch(`/api/events/${e.id}`, { startsAt: at(72), endsAt: at(73) })).json<Detail>();
    expect(moved.sequence).toBe(e.sequence + 2);
    expect((await eventNotifications(bob.id, e.id)).map((n) => n.variant)).toEqual(['changed']);
    expect((await eventNotifications(carol.id, e.id)).map((n) => n.variant)).toEqual(['changed']);
    expect(await eventNotifications(dave.id, e.id)).toEqual([]);
  });

  it('refuses a change that would end the event before it starts', async () => {
    const e = await create(alice.client);
    const res = await alice.client.patch(`/api/events/${e.id}`, { endsAt: at(1) });
    expect([res.statusCode, res.json().error.code]).toEqual([400, 'ENDS_BEFORE_START']);
  });
});

describe('calendar files', () => {
  it('downloads one event as iCalendar in its own time zone', async () => {
    const e = await create(alice.client, {
      title: 'Planning, Q1; all hands',
      startsAt: '2030-01-15T09:00:00.000Z',
      endsAt: '2030-01-15T10:30:00.000Z',
      onlineUrl: 'https://meet.example.com/abc',
    });
    await alice.client.patch(`/api/events/${e.id}`, { place: 'Room 2' });
    const res = await bob.client.get(`/api/events/${e.id}/ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/calendar');
    expect(res.headers['content-disposition']).toBe('attachment; filename="event.ics"');
    const ics = res.body;
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toMatch(new RegExp(`UID:${e.id}@`));
    expect(ics).toContain('SEQUENCE:1');
    // 09:00 UTC is 10:00 in Rome in January.
    expect(ics).toContain('DTSTART;TZID=Europe/Rome:20300115T100000');
    expect(ics).toContain('DTEND;TZID=Europe/Rome:20300115T113000');
    expect(ics).toContain('TZID:Europe/Rome');
    expect(ics).toContain('SUMMARY:Planning\\, Q1\\; all hands');
    expect(ics).toContain('LOCATION:Room 2');
    expect(ics).toContain('URL;VALUE=URI:https://meet.example.com/abc');
    expect(ics).toContain('STATUS:CONFIRMED');
    expect(ics).toContain('DESCRIPTION:We meet **everyone**.');

    await alice.client.post(`/api/events/${e.id}/cancel`);
    const cancelled = (await bob.client.get(`/api/events/${e.id}/ics`)).body;
    expect(cancelled).toContain('STATUS:CANCELLED');
    expect(cancelled).toContain('SEQUENCE:2');
  });

  it('writes UTC events in UTC', async () => {
    const e = await create(alice.client, { timeZone: 'UTC', startsAt: '2030-03-01T08:00:00.000Z', endsAt: '2030-03-01T09:00:00.000Z' });
    expect((await bob.client.get(`/api/events/${e.id}/ics`)).body).toContain('DTSTART:20300301T080000Z');
  });
});

describe('personal calendar feeds', () => {
  const feedPath = (url: string) => new URL(url).pathname;

  it('makes a feed address once, rotates it and revokes it', async () => {
    const person = await org.person({ name: 'Fiona' });
    expect((await person.client.get('/api/events/calendar-feed')).json()).toEqual({ active: false, createdAt: null });
    const first = await person.client.post('/api/events/calendar-feed');
    expect(first.statusCode).toBe(201);
    const url1 = first.json<{ url: string }>().url;
    expect(url1).toMatch(/\/api\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
    const state = (await person.client.get('/api/events/calendar-feed')).json<Record<string, unknown>>();
    expect(state.active).toBe(true);
    expect(JSON.stringify(state)).not.toContain(feedPath(url1).slice(14, 57));
    // Only the hash is stored.
    const stored = await db().selectFrom('calendarTokens').select('tokenHash').where('userId', '=', person.id).execute();
    expect(stored.map((s) => s.tokenHash).join()).not.toContain(feedPath(url1).slice(14, 57));

    const anonymous = org.anonymous();
    const ok = await anonymous.get(feedPath(url1));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toContain('text/calendar');
    expect(ok.headers['cache-control']).toBe('private, max-age=300');

    const url2 = (await person.client.post('/api/events/calendar-feed')).json<{ url: string }>().url;
    expect(url2).not.toBe(url1);
    expect((await anonymous.get(feedPath(url1))).statusCode).toBe(404);
    expect((await anonymous.get(feedPath(url2))).statusCode).toBe(200);

    expect((await person.client.delete('/api/events/calendar-feed')).statusCode).toBe(200);
    expect((await anonymous.get(feedPath(url2))).statusCode).toBe(404);
    expect((await person.client.get('/api/events/calendar-feed')).json<{ active: boolean }>().active).toBe(false);
  });

  it('answers 404 for a token of another organisation and for nonsense', async () => {
    const url = (await alice.client.post('/api/events/calendar-feed')).json<{ url: string }>().url;
    const other = await createOrg(t);
    expect((await other.anonymous().get(feedPath(url))).statusCode).toBe(404);
    expect((await org.anonymous().get('/api/calendar/short.ics')).statusCode).toBe(400);
  });

  it('holds the events the person goes or may go to, as they may read them now', async () => {
    const person = await org.person({ name: 'Gina' });
    const community = await insertCommunity(t, org, 'private', [{ id: alice.id }, { id: person.id }]);
    const going = await create(alice.client, { title: 'Going one' });
    const maybe = await create(alice.client, { title: 'Maybe one' });
    const no = await create(alice.client, { title: 'Not one' });
    const waiting = await create(alice.client, { title: 'Waiting one', capacity: 1 });
    const inCommunity = await create(alice.client, { title: 'Community one', communityId: community });
    const cancelled = await create(alice.client, { title: 'Cancelled one' });
    await answer(bob.client, waiting.id, 'going');
    await answer(person.client, going.id, 'going');
    await answer(person.client, maybe.id, 'maybe');
    await answer(person.client, no.id, 'not');
    await answer(person.client, waiting.id, 'going');
    await answer(person.client, inCommunity.id, 'going');
    await answer(person.client, cancelled.id, 'going');
    await alice.client.post(`/api/events/${cancelled.id}/cancel`);
    const url = (await person.client.post('/api/events/calendar-feed')).json<{ url: string }>().url;

    const uids = async () => {
      const body = (await org.anonymous().get(feedPath(url))).body;
      return [...body.matchAll(/^UID:([0-9a-f-]{36})@/gm)].map((m) => m[1]);
    };
    expect((await uids()).sort()).toEqual([going.id, maybe.id, inCommunity.id, cancelled.id].sort());
    const body = (await org.anonymous().get(feedPath(url))).body;
    expect(body).toContain('STATUS:CANCELLED');

    await db().deleteFrom('communityMembers').where('communityId', '=', community).where('userId', '=', person.id).execute();
    expect(await uids()).not.toContain(inCommunity.id);
  });
});

describe('reminders', () => {
  it('reminds those going or maybe once, in the app and by e-mail with the calendar link', async () => {
    const e = await create(alice.client, { startsAt: at(0.5), endsAt: at(1.5), reminderMinutes: 60 });
    const later = await create(alice.client, { startsAt: at(5), endsAt: at(6), reminderMinutes: 60 });
    await answer(bob.client, e.id, 'going');
    await answer(carol.client, e.id, 'maybe');
    await answer(dave.client, e.id, 'not');
    await answer(bob.client, later.id, 'going');
    const tick = async () => {
      await db()
        .insertInto('jobs')
        .values({ id: crypto.randomUUID(), orgId: null, kind: 'events.tick', payload: JSON.stringify({}) })
        .execute();
      await t.app.ctx.worker.runDue();
    };
    await tick();
    await tick();
    expect((await eventNotifications(bob.id, e.id)).map((n) => n.variant)).toEqual(['reminder']);
    expect((await eventNotifications(carol.id, e.id)).map((n) => n.variant)).toEqual(['reminder']);
    expect(await eventNotifications(dave.id, e.id)).toEqual([]);
    expect(await eventNotifications(bob.id, later.id)).toEqual([]);
    const mails = await db()
      .selectFrom('jobs')
      .select(['payload'])
      .where('kind', '=', 'mail.send')
      .where('orgId', '=', org.orgId)
      .where(sql<boolean>`payload->>'text' like ${`%/api/events/${e.id}/ics%`}`)
      .execute();
    expect(mails).toHaveLength(2);
    const reminded = await db().selectFrom('events').select('remindedAt').where('id', '=', e.id).executeTakeFirstOrThrow();
    expect(reminded.remindedAt).not.toBeNull();
  });
});
