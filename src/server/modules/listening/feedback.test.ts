import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashSecret, newId, newSecret } from '../../platform/ids.js';
import type { Role } from '../../platform/policy.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { ensureFeedbackSchedule, nextFeedbackRun, notifyFeedbackRecipients } from './feedback.jobs.js';
import { writerLimitKey } from './feedback.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;
const KEY = 'x-feedback-key';
const API = '/api/listening/feedback';

type Res = LightMyRequestResponse;
const errorOf = (res: Res) => [res.statusCode, res.json<{ error: { code: string } }>().error.code];

/** People who report to `managerId`, written straight to the database (they never sign in here). */
async function addReports(org: TestOrg, managerId: string, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, () => newId());
  if (n > 0) {
    await db()
      .insertInto('users')
      .values(
        ids.map((id, i) => ({ id, orgId: org.orgId, email: `report-${id.slice(-8)}@${org.host}`, name: `Report ${i + 1}`, managerId })),
      )
      .execute();
  }
  return ids;
}

interface Team {
  manager: { id: string; client: Client };
  writer: { id: string; email: string; client: Client };
  colleague: { id: string; client: Client };
}

/** A manager with `size` active direct reports, two of whom can sign in. */
async function team(org: TestOrg, size = 5, roles: Role[] = ['manager']): Promise<Team> {
  const manager = await org.person({ roles, name: 'Maria Manager' });
  const writer = await org.person({ managerId: manager.id, name: 'Walter Writer' });
  const colleague = await org.person({ managerId: manager.id, name: 'Carla Colleague' });
  await addReports(org, manager.id, size - 2);
  return { manager, writer, colleague };
}

async function start(client: Client, body: Record<string, unknown>): Promise<{ threadId: string; key: string }> {
  const res = await client.post(`${API}/threads`, body);
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const toManager = (subject = 'Workload', body = 'The deadlines this quarter are not realistic.') => ({
  recipient: 'manager',
  subject,
  body,
});

const asWriter = (client: Client, key: string) => ({
  read: () => client.get(`${API}/thread`, { [KEY]: key }),
  reply: (body: string) => client.post(`${API}/thread/messages`, { body }, { [KEY]: key }),
  markRead: () => client.post(`${API}/thread/read`, {}, { [KEY]: key }),
  reveal: () => client.post(`${API}/thread/reveal`, {}, { [KEY]: key }),
});

const inboxOf = async (client: Client, query = '') => {
  const res = await client.get(`${API}/inbox${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{
    items: { id: string; unread: boolean; status: string; messages: number; revealed: unknown }[];
    nextCursor: string | null;
  }>();
};

const feedbackNotifications = (orgId: string) =>
  db()
    .selectFrom('notifications')
    .select(['userId', 'actorId', 'data'])
    .where('orgId', '=', orgId)
    .where('type', '=', 'feedback')
    .orderBy('userId')
    .execute();

const runNotifier = () =>
  db()
    .transaction()
    .execute((trx) => notifyFeedbackRecipients(trx));

describe('a conversation with one’s manager', () => {
  it('starts anonymously and goes on both ways', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org);
    const { threadId, key } = await start(writer.client, toManager());
    expect(key.length).toBeGreaterThanOrEqual(40);

    const inbox = await inboxOf(manager.client);
    expect(inbox.items).toMatchObject([{ id: threadId, subject: 'Workload', unread: true, status: 'open', messages: 1, revealed: null }]);

    const opened = await manager.client.get(`${API}/inbox/${threadId}`);
    expect(opened.statusCode, opened.body).toBe(200);
    expect(opened.json()).toMatchObject({
      recipientKind: 'manager',
      recipient: { id: manager.id },
      revealed: null,
      canReply: true,
      canEscalate: true,
      canBlock: false,
      messages: [{ seq: 1, sender: 'writer', author: null }],
    });
    expect(opened.json().messages[0].html).toContain('deadlines');
    expect((await inboxOf(manager.client)).items[0]!.unread).toBe(false);

    const answered = await manager.client.post(`${API}/inbox/${threadId}/messages`, { body: 'Thank you. Which deadlines?' });
    expect(answered.statusCode, answered.body).toBe(201);
    expect(answered.json().messages).toHaveLength(2);

    const seen = await asWriter(writer.client, key).read();
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json()).toMatchObject({
      threadId,
      unread: true,
      canReply: true,
      canReveal: true,
      revealed: false,
      recipient: { id: manager.id, name: 'Maria Manager' },
      messages: [
        { seq: 1, sender: 'writer', author: null },
        { seq: 2, sender: 'recipient', author: { id: manager.id, name: 'Maria Manager', role: 'manager' } },
      ],
    });
    expect((await asWriter(writer.client, key).markRead()).json()).toEqual({ ok: true });
    expect((await asWriter(writer.client, key).read()).json().unread).toBe(false);

    const again = await asWriter(writer.client, key).reply('The release on the 12th.');
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json().messages.map((m: { sender: string }) => m.sender)).toEqual(['writer', 'recipient', 'writer']);
    const after = (await inboxOf(manager.client)).items[0]!;
    expect(after).toMatchObject({ id: threadId, unread: true, messages: 3 });
  });

  it('lists the writer’s own threads from the keys they hold, with unread markers', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org);
    const a = await start(writer.client, toManager('First'));
    const b = await start(writer.client, { recipient: 'hr', subject: 'Second', body: 'To HR.' });
    await manager.client.post(`${API}/inbox/${a.threadId}/messages`, { body: 'Answer' });

    const other = await createOrg(t);
    const stranger = await other.person();
    const foreign = await start(stranger.client, { recipient: 'hr', subject: 'Elsewhere', body: 'Another company.' });

    const res = await writer.client.post(`${API}/threads/mine`, { keys: [a.key, b.key, newSecret(), foreign.key] });
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as { key: string; threadId: string; unread: boolean; subject: string }[];
    expect(items.map((i) => i.threadId)).toEqual([a.threadId, b.threadId]);
    expect(items.find((i) => i.threadId === a.threadId)).toMatchObject({ key: a.key, unread: true, subject: 'First' });
    expect(items.find((i) => i.threadId === b.threadId)).toMatchObject({ key: b.key, unread: false });

    expect(errorOf(await writer.client.post(`${API}/threads/mine`, { keys: Array.from({ length: 51 }, () => newSecret()) }))).toEqual([
      400,
      'VALIDATION_FAILED',
    ]);
  });

  it('tells the writer who would read it before they write', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org, 6);
    const hr = await org.person({ roles: ['hr'], name: 'Hanna HR' });
    const res = await writer.client.get(`${API}/options`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      threshold: 5,
      manager: { person: { id: manager.id, name: 'Maria Manager' }, reports: 6, allowed: true },
      hr: { people: [{ id: hr.id, name: 'Hanna HR' }], count: 1, administrators: false },
      leadership: { people: [{ id: org.adminId }], count: 1, administrators: true },
    });
  });
});

describe('who can read a thread', () => {
  it('answers 404 to everyone but its recipients', async () => {
    const org = await createOrg(t);
    const { writer, colleague } = await team(org);
    const otherManager = (await team(org)).manager;
    const hr = await org.person({ roles: ['hr'] });
    const { threadId } = await start(writer.client, toManager());

    for (const outsider of [colleague.client, otherManager.client, org.admin, hr.client, writer.client]) {
      expect(errorOf(await outsider.get(`${API}/inbox/${threadId}`))).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await outsider.post(`${API}/inbox/${threadId}/messages`, { body: 'Hi' }))).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await outsider.post(`${API}/inbox/${threadId}/close`))).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await outsider.post(`${API}/inbox/${threadId}/escalate`, { note: 'Abuse' }))).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await outsider.post(`${API}/inbox/${threadId}/block`))).toEqual([404, 'NOT_FOUND']);
      expect((await inboxOf(outsider)).items.map((i) => i.id)).not.toContain(threadId);
    }

    const elsewhere = await createOrg(t);
    expect(errorOf(await elsewhere.admin.get(`${API}/inbox/${threadId}`))).toEqual([404, 'NOT_FOUND']);
  });

  it('shows HR threads to everyone in HR, and to the administrators only when nobody has the role', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    const first = await start(writer.client, { recipient: 'hr', subject: 'Nobody in HR yet', body: 'Hello' });
    expect((await inboxOf(org.admin)).items.map((i) => i.id)).toEqual([first.threadId]);

    const hr1 = await org.person({ roles: ['hr'] });
    const hr2 = await org.person({ roles: ['hr'] });
    for (const c of [hr1.client, hr2.client]) {
      expect((await c.get(`${API}/inbox/${first.threadId}`)).statusCode).toBe(200);
    }
    expect(errorOf(await org.admin.get(`${API}/inbox/${first.threadId}`))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await writer.client.get(`${API}/inbox/${first.threadId}`))).toEqual([404, 'NOT_FOUND']);
  });

  it('shows leadership threads to the named leadership, else to the administrators', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    const ceo = await org.person({ name: 'Cora CEO' });
    const { threadId } = await start(writer.client, { recipient: 'leadership', subject: 'Strategy', body: 'Why?' });
    expect((await org.admin.get(`${API}/inbox/${threadId}`)).statusCode).toBe(200);
    expect(errorOf(await ceo.client.get(`${API}/inbox/${threadId}`))).toEqual([404, 'NOT_FOUND']);

    await db()
      .insertInto('listeningSettings')
      .values({ orgId: org.orgId, leadershipIds: [ceo.id] })
      .execute();
    expect((await ceo.client.get(`${API}/inbox/${threadId}`)).statusCode).toBe(200);
    expect(errorOf(await org.admin.get(`${API}/inbox/${threadId}`))).toEqual([404, 'NOT_FOUND']);

    const answered = await ceo.client.post(`${API}/inbox/${threadId}/messages`, { body: 'Because.' });
    expect(answered.statusCode, answered.body).toBe(201);
    const { key } = await start(writer.client, { recipient: 'leadership', subject: 'Again', body: 'Why?' });
    const tid = (await asWriter(writer.client, key).read()).json().threadId as string;
    await ceo.client.post(`${API}/inbox/${tid}/messages`, { body: 'Still because.' });
    expect((await asWriter(writer.client, key).read()).json().messages[1].author).toMatchObject({ name: 'Cora CEO', role: 'leadership' });
  });

  it('answers 404 to a wrong, forged, missing or foreign key', async () => {
    const org = await createOrg(t);
    const { writer } = await team(org);
    const { key } = await start(writer.client, toManager());
    const forged = `${key.slice(0, -1)}${key.endsWith('A') ? 'B' : 'A'}`;
    for (const k of [newSecret(), forged, 'x', hashSecret(key)]) {
      expect(errorOf(await asWriter(writer.client, k).read())).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await asWriter(writer.client, k).reply('Hello'))).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await asWriter(writer.client, k).reveal())).toEqual([404, 'NOT_FOUND']);
      expect(errorOf(await asWriter(writer.client, k).markRead())).toEqual([404, 'NOT_FOUND']);
    }
    expect(errorOf(await writer.client.get(`${API}/thread`))).toEqual([404, 'NOT_FOUND']);

    // The key works only for a signed-in member of the same organisation.
    const other = await createOrg(t);
    const stranger = await other.person();
    expect(errorOf(await asWriter(stranger.client, key).read())).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await asWriter(org.anonymous(), key).read())).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('anonymity', () => {
  it('stores nothing that ties a thread or a message to its writer', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org);
    const { threadId, key } = await start(writer.client, toManager());
    await manager.client.post(`${API}/inbox/${threadId}/messages`, { body: 'Tell me more.' });
    await asWriter(writer.client, key).reply('More, then.');
    await asWriter(writer.client, key).markRead();
    await runNotifier();

    // No column can hold a person but the recipient side: the manager written to, the repliers, the
    // one who escalated, and the writer only once they chose to reveal themselves.
    const fks = await sql<{ tableName: string; columnName: string }>`
      select kcu.table_name, kcu.column_name
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
      where tc.constraint_type = 'FOREIGN KEY' and ccu.table_name = 'users'
        and kcu.table_name in ('feedback_threads', 'feedback_messages') and tc.table_schema = current_schema()
      order by 1, 2`.execute(db());
    expect(fks.rows.map((r) => `${r.tableName}.${r.columnName}`)).toEqual([
      'feedback_messages.author_id',
      'feedback_threads.escalated_by',
      'feedback_threads.recipient_id',
      'feedback_threads.revealed_user_id',
    ]);
    const columns = await sql<{ tableName: string; columnName: string; dataType: string }>`
      select table_name, column_name, data_type from information_schema.columns
      where table_schema = current_schema() and table_name in ('feedback_threads', 'feedback_messages')`.execute(db());
    // Days, never instants; and no column for a session, an address or a user agent.
    expect(columns.rows.filter((c) => c.dataType.startsWith('timestamp') || c.dataType === 'time')).toEqual([]);
    const suspicious = /(^|_)(session|ip|address|agent|user|writer_id|created|at)(_|$)/;
    expect(columns.rows.filter((c) => suspicious.test(c.columnName) && c.columnName !== 'revealed_user_id')).toEqual([]);

    const token = writer.client.cookie!.split('=')[1]!;
    const secrets = [writer.id, writer.email, token, hashSecret(token), writer.client.csrf!, writer.client.remoteAddress, key];
    const rows = await sql<{ row: string }>`
      select row_to_json(t)::text as row from feedback_threads t where t.id = ${threadId}
      union all select row_to_json(m)::text from feedback_messages m where m.thread_id = ${threadId}`.execute(db());
    expect(rows.rows.length).toBe(4);
    for (const { row } of rows.rows) {
      for (const s of secrets) {
        expect(row).not.toContain(s);
      }
    }
    // Random ids (UUID v4), not time-ordered ones that would date the thread.
    const ids = [
      threadId,
      ...(await db().selectFrom('feedbackMessages').select('id').where('threadId', '=', threadId).execute()).map((m) => m.id),
    ];
    for (const id of ids) {
      expect(id[14]).toBe('4');
    }
    // Nor do the jobs, realtime events, audit trail or notifications mention the writer.
    const elsewhere = await sql<{ row: string }>`
      select payload::text as row from jobs where org_id = ${org.orgId} or org_id is null
      union all select payload::text from realtime_events where org_id = ${org.orgId}
      union all select row_to_json(a)::text from audit_log a where a.org_id = ${org.orgId}
      union all select row_to_json(n)::text from notifications n where n.org_id = ${org.orgId}`.execute(db());
    for (const { row } of elsewhere.rows) {
      for (const s of [writer.id, token, hashSecret(token), key, hashSecret(key)]) {
        expect(row).not.toContain(s);
      }
    }
  });

  it('writes no log line for the writer’s requests', async () => {
    const { buildApp } = await import('../../app.js');
    const { loadConfig } = await import('../../config.js');
    const { memoryStorage } = await import('../../platform/storage.js');
    const { testDatabase } = await import('../../test/helpers.js');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    };
    const database = await testDatabase();
    const config = loadConfig({ LOG_LEVEL: 'info' }, { dataDir: '/nonexistent', webDir: '/nonexistent' });
    const app = await buildApp({ config, database, storage: memoryStorage(), logger: true });
    try {
      await app.ready();
      const logged = { app, database, config, close: async () => undefined };
      const org = await createOrg(logged);
      const manager = await org.person({ roles: ['manager'] });
      const writer = await org.person({ managerId: manager.id });
      await addReportsTo(app, org, manager.id, 4);

      const before = lines.length;
      const started = await writer.client.post(`${API}/threads`, toManager());
      expect(started.statusCode, started.body).toBe(201);
      const { key, threadId } = started.json();
      await writer.client.get(`${API}/options`);
      await writer.client.post(`${API}/threads/mine`, { keys: [key] });
      await asWriter(writer.client, key).read();
      await asWriter(writer.client, key).reply('Again');
      await asWriter(writer.client, key).markRead();
      await asWriter(writer.client, key).reveal();
      await writer.client.post(`${API}/threads`, { recipient: 'leadership', subject: '', body: '' });
      await asWriter(writer.client, newSecret()).read();
      expect(lines.slice(before)).toEqual([]);

      // The capture works: a recipient's request is logged as usual.
      await manager.client.get(`${API}/inbox/${threadId}`);
      expect(lines.slice(before).join('')).toContain(`/inbox/${threadId}`);
      const all = lines.join('');
      expect(all).not.toContain(key);
    } finally {
      await app.close();
      await database.close();
      process.stdout.write = write;
    }
  });

  it('counts rate limits by a keyed hash, never by the person’s id', () => {
    const a = newId();
    expect(writerLimitKey(a)).toBe(writerLimitKey(a));
    expect(writerLimitKey(a)).not.toBe(writerLimitKey(newId()));
    expect(writerLimitKey(a)).not.toContain(a);
    expect(writerLimitKey(a)).not.toContain(a.replaceAll('-', ''));
  });
});

async function addReportsTo(app: TestApp['app'], org: TestOrg, managerId: string, n: number) {
  await app.ctx.db
    .insertInto('users')
    .values(
      Array.from({ length: n }, (_, i) => {
        const id = newId();
        return { id, orgId: org.orgId, email: `r-${id.slice(-8)}@${org.host}`, name: `Report ${i + 1}`, managerId };
      }),
    )
    .execute();
}

describe('the manager threshold', () => {
  it('refuses a manager with fewer people than the threshold, and a writer without a manager', async () => {
    const org = await createOrg(t);
    const { writer } = await team(org, 4);
    const res = await writer.client.post(`${API}/threads`, toManager());
    expect(errorOf(res)).toEqual([422, 'MANAGER_TEAM_TOO_SMALL']);
    expect(res.json().error.message).toContain('HR');
    expect((await writer.client.get(`${API}/options`)).json().manager).toMatchObject({ reports: 4, allowed: false });
    expect(await db().selectFrom('feedbackThreads').select('id').where('orgId', '=', org.orgId).execute()).toEqual([]);

    await db().insertInto('listeningSettings').values({ orgId: org.orgId, threshold: 4 }).execute();
    await start(writer.client, toManager());

    const alone = await org.person();
    expect(errorOf(await alone.client.post(`${API}/threads`, toManager()))).toEqual([422, 'NO_MANAGER']);
    expect((await alone.client.get(`${API}/options`)).json().manager).toBeNull();
    await start(alone.client, { recipient: 'hr', subject: 'Then HR', body: 'Hello' });
  });

  it('does not count people who left', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org, 5);
    const [gone] = await db()
      .selectFrom('users')
      .select('id')
      .where('managerId', '=', manager.id)
      .where('name', 'like', 'Report%')
      .execute();
    await db().updateTable('users').set({ status: 'deactivated', deactivatedAt: new Date() }).where('id', '=', gone!.id).execute();
    expect(errorOf(await writer.client.post(`${API}/threads`, toManager()))).toEqual([422, 'MANAGER_TEAM_TOO_SMALL']);
  });
});

describe('rate limits', () => {
  it('lets a writer start five threads a day', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    for (let i = 0; i < 5; i += 1) {
      await start(writer.client, { recipient: 'hr', subject: `Thread ${i}`, body: 'Hello' });
    }
    const res = await writer.client.post(`${API}/threads`, { recipient: 'hr', subject: 'One more', body: 'Hello' });
    expect(errorOf(res)).toEqual([429, 'RATE_LIMITED']);
    expect(res.json().error.details.retryAfter).toBeGreaterThan(0);
    // Others are counted on their own.
    const other = await org.person();
    await start(other.client, { recipient: 'hr', subject: 'Mine', body: 'Hello' });
  });
});

describe('revealing oneself', () => {
  it('shows the writer’s name to the recipients from then on, for good', async () => {
    const org = await createOrg(t);
    const { manager, writer, colleague } = await team(org);
    const { threadId, key } = await start(writer.client, toManager());
    const revealed = await asWriter(writer.client, key).reveal();
    expect(revealed.statusCode, revealed.body).toBe(200);
    expect(revealed.json()).toMatchObject({ revealed: true, canReveal: false });

    const seen = (await manager.client.get(`${API}/inbox/${threadId}`)).json();
    expect(seen.revealed).toMatchObject({ id: writer.id, name: 'Walter Writer' });
    expect(seen.messages[0].author).toMatchObject({ id: writer.id });
    expect((await inboxOf(manager.client)).items[0]!.revealed).toMatchObject({ id: writer.id });

    // Someone else holding the key cannot put their name on it instead.
    expect(errorOf(await asWriter(colleague.client, key).reveal())).toEqual([409, 'ALREADY_REVEALED']);
    expect((await asWriter(writer.client, key).reveal()).statusCode).toBe(200);
    const row = await db().selectFrom('feedbackThreads').select('revealedUserId').where('id', '=', threadId).executeTakeFirstOrThrow();
    expect(row.revealedUserId).toBe(writer.id);
  });
});

describe('closing, escalating and blocking', () => {
  it('closes and reopens; nobody writes in a closed thread', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org);
    const { threadId, key } = await start(writer.client, toManager());
    const closed = await manager.client.post(`${API}/inbox/${threadId}/close`);
    expect(closed.json()).toMatchObject({ status: 'closed', canReply: false, canReopen: true, canEscalate: false });
    expect(errorOf(await asWriter(writer.client, key).reply('Hello?'))).toEqual([409, 'THREAD_CLOSED']);
    expect(errorOf(await manager.client.post(`${API}/inbox/${threadId}/messages`, { body: 'x' }))).toEqual([409, 'THREAD_CLOSED']);
    expect((await asWriter(writer.client, key).read()).json()).toMatchObject({ status: 'closed', canReply: false });
    expect((await inboxOf(manager.client, '?status=open')).items).toEqual([]);
    expect((await inboxOf(manager.client, '?status=closed')).items.map((i) => i.id)).toEqual([threadId]);

    expect((await manager.client.post(`${API}/inbox/${threadId}/reopen`)).json()).toMatchObject({ status: 'open' });
    expect((await asWriter(writer.client, key).reply('Thanks')).statusCode).toBe(201);
  });

  it('escalates to HR and administrators, who may block the writer', async () => {
    const org = await createOrg(t);
    const { manager, writer, colleague } = await team(org);
    const hr = await org.person({ roles: ['hr'] });
    const { threadId, key } = await start(writer.client, toManager('Abuse', 'You are all idiots.'));

    expect(errorOf(await manager.client.post(`${API}/inbox/${threadId}/escalate`, { note: '   ' }))).toEqual([400, 'EMPTY_NOTE']);
    const escalated = await manager.client.post(`${API}/inbox/${threadId}/escalate`, { note: 'Insults, again.' });
    expect(escalated.statusCode, escalated.body).toBe(200);
    expect(escalated.json()).toMatchObject({
      status: 'escalated',
      canEscalate: false,
      canBlock: false,
      escalation: { note: 'Insults, again.', by: { id: manager.id } },
    });
    expect(errorOf(await manager.client.post(`${API}/inbox/${threadId}/escalate`, { note: 'Again' }))).toEqual([409, 'ALREADY_ESCALATED']);

    const notified = await feedbackNotifications(org.orgId);
    expect(notified.map((n) => n.userId).sort()).toEqual([hr.id, org.adminId].sort());
    expect(notified.every((n) => n.actorId === manager.id && (n.data as { threadId: string }).threadId === threadId)).toBe(true);

    for (const overseer of [hr.client, org.admin]) {
      const seen = await overseer.get(`${API}/inbox/${threadId}`);
      expect(seen.statusCode, seen.body).toBe(200);
      expect(seen.json().canBlock).toBe(true);
      expect((await inboxOf(overseer, '?status=escalated')).items.map((i) => i.id)).toEqual([threadId]);
    }
    expect(errorOf(await colleague.client.get(`${API}/inbox/${threadId}`))).toEqual([404, 'NOT_FOUND']);
    expect(errorOf(await manager.client.post(`${API}/inbox/${threadId}/block`))).toEqual([403, 'CANNOT_BLOCK']);

    const blocked = await hr.client.post(`${API}/inbox/${threadId}/block`);
    expect(blocked.json()).toMatchObject({ blocked: true, canBlock: false });
    expect(errorOf(await asWriter(writer.client, key).reply('More insults'))).toEqual([409, 'THREAD_BLOCKED']);
    expect((await asWriter(writer.client, key).read()).json()).toMatchObject({ blocked: true, canReply: false });
    const audit = await db()
      .selectFrom('auditLog')
      .select(['action', 'actorId'])
      .where('orgId', '=', org.orgId)
      .where('targetId', '=', threadId)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['listening.feedback.blocked', 'listening.feedback.escalated']);

    // Closed and reopened, it stays escalated and visible to HR.
    await hr.client.post(`${API}/inbox/${threadId}/close`);
    expect((await hr.client.post(`${API}/inbox/${threadId}/reopen`)).json().status).toBe('escalated');
  });

  it('refuses to block a thread that was not escalated', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    const hr = await org.person({ roles: ['hr'] });
    const { threadId } = await start(writer.client, { recipient: 'hr', subject: 'Hi', body: 'Hello' });
    expect(errorOf(await hr.client.post(`${API}/inbox/${threadId}/block`))).toEqual([409, 'NOT_ESCALATED']);
  });
});

describe('notifications', () => {
  it('come only from the job, in batches, for the recipients only', async () => {
    const org = await createOrg(t);
    const { manager, writer } = await team(org);
    const lastEvent = async () =>
      (
        await db()
          .selectFrom('realtimeEvents')
          .select((eb) => eb.fn.max('id').as('id'))
          .where('orgId', '=', org.orgId)
          .executeTakeFirst()
      )?.id ?? 0;
    const eventsBefore = await lastEvent();
    const { threadId, key } = await start(writer.client, toManager());
    await asWriter(writer.client, key).reply('And another thing.');
    expect(await feedbackNotifications(org.orgId)).toEqual([]);
    expect(await lastEvent()).toBe(eventsBefore);
    expect(await db().selectFrom('jobs').select('id').where('orgId', '=', org.orgId).execute()).toEqual([]);

    const events = await runNotifier();
    expect(events.filter((e) => e.orgId === org.orgId)).toMatchObject([{ channel: `user:${manager.id}`, type: 'notification.created' }]);
    expect(await feedbackNotifications(org.orgId)).toEqual([{ userId: manager.id, actorId: null, data: { threadId } }]);
    const centre = (await manager.client.get('/api/notifications')).json().items as { type: string; actor: unknown; data: unknown }[];
    expect(centre.filter((n) => n.type === 'feedback')).toMatchObject([{ actor: null, data: { threadId } }]);

    await runNotifier();
    expect(await feedbackNotifications(org.orgId)).toHaveLength(1);

    // A recipient's answer tells nobody; the writer sees it by their unread marker.
    await manager.client.post(`${API}/inbox/${threadId}/messages`, { body: 'Noted.' });
    await runNotifier();
    expect(await feedbackNotifications(org.orgId)).toHaveLength(1);

    await asWriter(writer.client, key).reply('Thanks.');
    await runNotifier();
    expect((await feedbackNotifications(org.orgId)).map((n) => n.userId)).toEqual([manager.id, manager.id]);
    expect((await feedbackNotifications(org.orgId)).some((n) => n.userId === writer.id)).toBe(false);
  });

  it('go to everyone in HR, or to the administrators when nobody has the role', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    await start(writer.client, { recipient: 'hr', subject: 'One', body: 'Hello' });
    await runNotifier();
    expect((await feedbackNotifications(org.orgId)).map((n) => n.userId)).toEqual([org.adminId]);

    const hr1 = await org.person({ roles: ['hr'] });
    const hr2 = await org.person({ roles: ['hr'] });
    await start(writer.client, { recipient: 'hr', subject: 'Two', body: 'Hello' });
    await runNotifier();
    expect((await feedbackNotifications(org.orgId)).map((n) => n.userId).sort()).toEqual([org.adminId, hr1.id, hr2.id].sort());
  });

  it('are scheduled on the quarter of an hour, once whatever the number of nodes', async () => {
    await ensureFeedbackSchedule(db());
    await ensureFeedbackSchedule(db());
    const jobs = await db()
      .selectFrom('jobs')
      .select(['runAt'])
      .where('kind', '=', 'listening.feedback')
      .where('status', '=', 'pending')
      .execute();
    expect(jobs).toHaveLength(1);
    expect(new Date(jobs[0]!.runAt).getTime() % (15 * 60_000)).toBe(0);
    expect(nextFeedbackRun(new Date('2026-03-01T10:07:12Z')).toISOString()).toBe('2026-03-01T10:15:00.000Z');
    expect(nextFeedbackRun(new Date('2026-03-01T10:15:00Z')).toISOString()).toBe('2026-03-01T10:30:00.000Z');
  });
});

describe('inbox', () => {
  it('pages by latest activity and counts what is waiting', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const writer = await org.person();
    const threads = [];
    for (const s of ['A', 'B', 'C']) {
      threads.push(await start(writer.client, { recipient: 'hr', subject: s, body: 'Hello' }));
    }
    await asWriter(writer.client, threads[0]!.key).reply('Bump');
    const first = await inboxOf(hr.client, '?limit=2');
    expect(first.items.map((i) => i.id)).toEqual([threads[0]!.threadId, threads[2]!.threadId]);
    const second = await inboxOf(hr.client, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((i) => i.id)).toEqual([threads[1]!.threadId]);
    expect(second.nextCursor).toBeNull();
    expect(errorOf(await hr.client.get(`${API}/inbox?cursor=bm90LWEtY3Vyc29y`))).toEqual([400, 'INVALID_CURSOR']);

    await hr.client.get(`${API}/inbox/${threads[1]!.threadId}`);
    await hr.client.post(`${API}/inbox/${threads[2]!.threadId}/close`);
    expect((await hr.client.get(`${API}/inbox/summary`)).json()).toEqual({ receives: true, unread: 1, open: 2 });
    expect((await writer.client.get(`${API}/inbox/summary`)).json()).toEqual({ receives: false, unread: 0, open: 0 });
  });
});

describe('content', () => {
  it('renders Markdown and strips HTML', async () => {
    const org = await createOrg(t);
    const hr = await org.person({ roles: ['hr'] });
    const writer = await org.person();
    const { threadId, key } = await start(writer.client, {
      recipient: 'hr',
      subject: 'Formatting',
      body: '**bold** <script>alert(1)</script> <img src=x onerror="alert(2)"> [link](javascript:alert(3))',
    });
    const html = (await hr.client.get(`${API}/inbox/${threadId}`)).json().messages[0].html as string;
    expect(html).toContain('<strong>bold</strong>');
    expect(html).not.toMatch(/<script|<img|href="javascript/i);
    await hr.client.post(`${API}/inbox/${threadId}/messages`, { body: '<iframe src="https://evil.test"></iframe> _fine_' });
    const reply = (await asWriter(writer.client, key).read()).json().messages[1].html as string;
    expect(reply).toContain('<em>fine</em>');
    expect(reply).not.toMatch(/<iframe/i);
  });

  it('answers 400 with the error shape for bad input', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    const hr = await org.person({ roles: ['hr'] });
    const bad: [Record<string, unknown>, string][] = [
      [{ recipient: 'hr', subject: 'Hi', body: '' }, 'VALIDATION_FAILED'],
      [{ recipient: 'hr', subject: 'Hi', body: '   \n  ' }, 'EMPTY_MESSAGE'],
      [{ recipient: 'hr', subject: '  ', body: 'Hello' }, 'EMPTY_SUBJECT'],
      [{ recipient: 'hr', subject: 'Hi', body: 'x'.repeat(8001) }, 'VALIDATION_FAILED'],
      [{ recipient: 'hr', subject: 'x'.repeat(161), body: 'Hello' }, 'VALIDATION_FAILED'],
      [{ recipient: 'ceo', subject: 'Hi', body: 'Hello' }, 'VALIDATION_FAILED'],
      [{ subject: 'Hi', body: 'Hello' }, 'VALIDATION_FAILED'],
    ];
    let other = await org.person();
    for (const [i, [body, code]] of bad.entries()) {
      if (i > 0 && i % 5 === 0) {
        // Refused attempts count against the five threads a day too.
        other = await org.person();
      }
      const res = await other.client.post(`${API}/threads`, body);
      expect(errorOf(res), JSON.stringify(body).slice(0, 80)).toEqual([400, code]);
      expect(typeof res.json().error.message).toBe('string');
    }
    const { threadId, key } = await start(writer.client, { recipient: 'hr', subject: 'Hi', body: 'Hello' });
    expect(errorOf(await asWriter(writer.client, key).reply(''))).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(await asWriter(writer.client, key).reply(' '))).toEqual([400, 'EMPTY_MESSAGE']);
    expect(errorOf(await asWriter(writer.client, key).reply('x'.repeat(8001)))).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(await hr.client.post(`${API}/inbox/${threadId}/messages`, { body: '' }))).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(await hr.client.post(`${API}/inbox/${threadId}/escalate`, {}))).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(await hr.client.get(`${API}/inbox/not-a-uuid`))).toEqual([400, 'VALIDATION_FAILED']);
    expect(errorOf(await hr.client.get(`${API}/inbox?status=deleted`))).toEqual([400, 'VALIDATION_FAILED']);
  });

  it('refuses API tokens: anonymous feedback travels with a session only', async () => {
    const org = await createOrg(t);
    const writer = await org.person();
    const token = (await writer.client.post('/api/me/tokens', { name: 'cli', scopes: ['read', 'write'] })).json().token as string;
    const api = org.anonymous();
    api.bearer = token;
    expect(errorOf(await api.post(`${API}/threads`, { recipient: 'hr', subject: 'Hi', body: 'Hello' }))).toEqual([403, 'FORBIDDEN']);
    expect(errorOf(await api.get(`${API}/inbox`))).toEqual([403, 'FORBIDDEN']);
  });
});
