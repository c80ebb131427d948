import { execFileSync } from 'node:child_process';
import { createECDH, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, Agent, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import webpush from 'web-push';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { createOrg, testApp, type Client, type TestApp, type TestOrg } from '../../test/helpers.js';
import { sendPushes, type PushSender } from './urgent.push.js';
import { runRound, startUrgent } from './urgent.service.js';

let t: TestApp;
let org: TestOrg;
const db = () => t.app.ctx.db;
type Person = { id: string; email: string; client: Client };
let comms: Person;
let broadcaster: Person;
let ann: Person;
let ben: Person;
let cleo: Person;
let outsider: Person;

beforeAll(async () => {
  t = await testApp();
  org = await createOrg(t);
  comms = await org.person({ roles: ['communications'], name: 'Carla Comms' });
  broadcaster = await org.person({ roles: ['communications'], name: 'Bruno Broadcaster' });
  ann = await org.person({ name: 'Ann Able' });
  ben = await org.person({ name: 'Ben Baker' });
  cleo = await org.person({ name: 'Cleo Cole' });
  outsider = await org.person({ name: 'Otto Outside' });
  await db().updateTable('users').set({ locale: 'it' }).where('id', '=', cleo.id).execute();
});
afterAll(() => t.close());

/** An urgent announcement written straight to the database, published to these people. */
async function insertUrgent(
  recipients: string[],
  opts: { authorId?: string; title?: string; urgent?: boolean; published?: boolean; publishedAt?: Date } = {},
): Promise<string> {
  const id = newId();
  const publishedAt = opts.published === false ? null : (opts.publishedAt ?? new Date());
  await db()
    .insertInto('announcements')
    .values({
      id,
      orgId: org.orgId,
      authorId: opts.authorId ?? comms.id,
      title: opts.title ?? 'Evacuate building B',
      body: 'Leave **now** by the [north exit](https://example.com/map).\n\nDo not use the lifts.',
      bodyHtml: '<p>Leave <strong>now</strong> by the north exit.</p><p>Do not use the lifts.</p>',
      audience: JSON.stringify({ userIds: recipients }),
      audienceSize: recipients.length,
      urgent: opts.urgent ?? true,
      publishedAt,
    })
    .execute();
  if (recipients.length > 0) {
    await db()
      .insertInto('announcementRecipients')
      .values(recipients.map((userId) => ({ orgId: org.orgId, announcementId: id, userId, deliveredAt: publishedAt })))
      .execute();
  }
  return id;
}

async function publish(recipients: string[], opts: Parameters<typeof insertUrgent>[1] = {}) {
  const id = await insertUrgent(recipients, opts);
  const events = await db()
    .transaction()
    .execute((trx) => startUrgent(trx, org.orgId, id));
  return { id, events };
}

interface JobRow {
  kind: string;
  payload: Record<string, unknown>;
  runAt: Date;
  status: string;
}

async function jobsAbout(id: string, kind?: string): Promise<JobRow[]> {
  const rows = await db()
    .selectFrom('jobs')
    .select(['kind', 'payload', 'runAt', 'status'])
    .where('orgId', '=', org.orgId)
    .$if(kind !== undefined, (qb) => qb.where('kind', '=', kind ?? ''))
    .orderBy('createdAt')
    .orderBy('id')
    .execute();
  return (rows as JobRow[]).filter((j) => JSON.stringify(j.payload).includes(id));
}

async function mailsTo(id: string, userEmail: string): Promise<JobRow[]> {
  const rows = await jobsAbout(id, 'mail.send');
  return rows.filter((j) => j.payload.to === userEmail);
}

/** Runs the escalation round now rather than after the escalation delay. */
async function runEscalationNow(id: string) {
  await sql`update jobs set run_at = now() where kind = 'urgent.escalate' and status = 'pending' and payload->>'announcementId' = ${id}`.execute(
    db(),
  );
  await t.app.ctx.worker.runDue();
}

async function escalationNotices(id: string) {
  return db()
    .selectFrom('notifications')
    .select(['userId', 'data'])
    .where('orgId', '=', org.orgId)
    .where('type', '=', 'urgent')
    .where(sql<boolean>`data->>'link' = ${`/announcements/${id}`}`)
    .execute();
}

const ack = (id: string, userId: string) =>
  db()
    .updateTable('announcementRecipients')
    .set({ ackedAt: new Date(), seenAt: new Date() })
    .where('announcementId', '=', id)
    .where('userId', '=', userId)
    .execute();

describe('starting an urgent broadcast', () => {
  it('queues one push message, the first e-mail at once and the first escalation, and starts the banners', async () => {
    const before = Date.now();
    const { id, events } = await publish([comms.id, ann.id, ben.id, cleo.id]);
    expect(events).toEqual([{ orgId: org.orgId, channel: 'org', type: 'urgent.started', payload: { announcementId: id } }]);

    const push = await jobsAbout(id, 'push.send');
    expect(push).toHaveLength(1);
    expect(push[0]!.payload).toMatchObject({
      title: 'Evacuate building B',
      url: `/announcements/${id}`,
      tag: `urgent:${id}`,
    });
    // The author is not interrupted by their own broadcast.
    expect((push[0]!.payload.userIds as string[]).sort()).toEqual([ann.id, ben.id, cleo.id].sort());

    const rounds = await jobsAbout(id, 'urgent.escalate');
    expect(rounds.map((j) => j.payload.round)).toEqual([0, 1]);
    const escalateAt = rounds[1]!.runAt.getTime();
    expect(escalateAt).toBeGreaterThanOrEqual(before + 120 * 60_000 - 1000);
    expect(escalateAt).toBeLessThanOrEqual(Date.now() + 120 * 60_000 + 1000);

    const channels = await db()
      .selectFrom('announcementRecipients')
      .select(['userId', 'lastChannel'])
      .where('announcementId', '=', id)
      .execute();
    expect(new Map(channels.map((c) => [c.userId, c.lastChannel]))).toEqual(
      new Map([
        [comms.id, null],
        [ann.id, 'app'],
        [ben.id, 'app'],
        [cleo.id, 'app'],
      ]),
    );

    await t.app.ctx.worker.runDue();
    const [annMail] = await mailsTo(id, ann.email);
    expect(annMail?.payload.subject).toBe('Urgent: Evacuate building B');
    const text = String(annMail?.payload.text);
    expect(text).toContain(`${t.config.publicUrl}/announcements/${id}`);
    expect(text).toContain('Leave now by the north exit.\n\nDo not use the lifts.');
    expect(text).not.toContain('**');
    const [cleoMail] = await mailsTo(id, cleo.email);
    expect(cleoMail?.payload.subject).toBe('Urgente: Evacuate building B');
    expect(String(cleoMail?.payload.text)).toContain('conferma');
    expect(await mailsTo(id, comms.email)).toEqual([]);
    expect(t.app.ctx.mailer.recent.some((m) => m.to === ben.email && m.subject.includes('Evacuate'))).toBe(true);
  });

  it('uses the organisation’s escalation delay', async () => {
    await db().insertInto('commsSettings').values({ orgId: org.orgId, escalationMinutes: 15 }).execute();
    try {
      const { id } = await publish([ann.id]);
      const [, first] = await jobsAbout(id, 'urgent.escalate');
      expect(first!.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 1000);
    } finally {
      await db().deleteFrom('commsSettings').where('orgId', '=', org.orgId).execute();
    }
  });

  it('does nothing for an announcement that is not urgent or not published', async () => {
    const { id, events } = await publish([ann.id], { urgent: false });
    expect(events).toEqual([]);
    expect(await jobsAbout(id)).toEqual([]);
    const draft = await publish([ann.id], { published: false });
    expect(draft.events).toEqual([]);
    expect(await jobsAbout(draft.id)).toEqual([]);
  });

  it('does not e-mail someone who acknowledged before the first e-mail went', async () => {
    const { id } = await publish([ann.id, ben.id]);
    await ack(id, ann.id);
    await t.app.ctx.worker.runDue();
    expect(await mailsTo(id, ann.email)).toEqual([]);
    expect(await mailsTo(id, ben.email)).toHaveLength(1);
  });
});

describe('escalation', () => {
  it('reaches only those who have not acknowledged, again in the app, by e-mail and by push', async () => {
    const { id } = await publish([ann.id, ben.id, cleo.id]);
    await t.app.ctx.worker.runDue();
    await ack(id, ann.id);
    await runEscalationNow(id);

    const notices = await escalationNotices(id);
    expect(notices.map((n) => n.userId).sort()).toEqual([ben.id, cleo.id].sort());
    expect(notices[0]!.data).toMatchObject({ variant: 'escalated', title: 'Evacuate building B', link: `/announcements/${id}` });
    expect((await mailsTo(id, ben.email)).map((m) => m.payload.subject)).toEqual([
      'Urgent: Evacuate building B',
      'Still urgent: Evacuate building B',
    ]);
    expect(await mailsTo(id, ann.email)).toHaveLength(1);
    const pushes = await jobsAbout(id, 'push.send');
    expect(pushes).toHaveLength(2);
    expect((pushes[1]!.payload.userIds as string[]).sort()).toEqual([ben.id, cleo.id].sort());

    const row = await db().selectFrom('announcements').select('escalationLevel').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.escalationLevel).toBe(1);
    const rounds = await jobsAbout(id, 'urgent.escalate');
    expect(rounds.map((j) => [j.payload.round, j.status])).toEqual([
      [0, 'done'],
      [1, 'done'],
      [2, 'pending'],
    ]);

    // The second escalation is the last one.
    await runEscalationNow(id);
    expect(await escalationNotices(id)).toHaveLength(4);
    expect(await jobsAbout(id, 'urgent.escalate')).toHaveLength(3);
    const last = await db().selectFrom('announcements').select('escalationLevel').where('id', '=', id).executeTakeFirstOrThrow();
    expect(last.escalationLevel).toBe(2);
  });

  it('runs a round once even when its job runs twice', async () => {
    const { id } = await publish([ben.id]);
    await t.app.ctx.worker.runDue();
    const run = () =>
      db()
        .transaction()
        .execute((trx) => runRound(trx, t.config, { announcementId: id, round: 1 }));
    expect((await run()).length).toBeGreaterThan(0);
    expect(await run()).toEqual([]);
    expect(await escalationNotices(id)).toHaveLength(1);
    expect(await mailsTo(id, ben.email)).toHaveLength(2);
  });

  it('stops once everyone has acknowledged', async () => {
    const { id } = await publish([ann.id, ben.id]);
    await t.app.ctx.worker.runDue();
    await ack(id, ann.id);
    await ack(id, ben.id);
    await runEscalationNow(id);
    expect(await escalationNotices(id)).toEqual([]);
    expect(await jobsAbout(id, 'push.send')).toHaveLength(1);
    expect((await jobsAbout(id, 'urgent.escalate')).map((j) => j.payload.round)).toEqual([0, 1]);
  });

  it('stops once the broadcast has ended', async () => {
    const { id } = await publish([ann.id, ben.id]);
    await t.app.ctx.worker.runDue();
    expect((await comms.client.post(`/api/urgent/${id}/end`)).statusCode).toBe(200);
    await runEscalationNow(id);
    expect(await escalationNotices(id)).toEqual([]);
    expect(await mailsTo(id, ann.email)).toHaveLength(1);
    const row = await db().selectFrom('announcements').select('escalationLevel').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.escalationLevel).toBe(0);
  });
});

describe('the banner', () => {
  it('lists my published urgent broadcasts that I have not acknowledged and that have not ended, newest first', async () => {
    const isolated = await org.person({ name: 'Ivy Isolated' });
    const older = await insertUrgent([isolated.id], { title: 'Older', publishedAt: new Date(Date.now() - 60_000) });
    const newer = await insertUrgent([isolated.id], { title: 'Newer' });
    const acked = await insertUrgent([isolated.id], { title: 'Acknowledged' });
    await ack(acked, isolated.id);
    const ended = await insertUrgent([isolated.id], { title: 'Ended' });
    await comms.client.post(`/api/urgent/${ended}/end`);
    await insertUrgent([isolated.id], { title: 'Not urgent', urgent: false });
    await insertUrgent([isolated.id], { title: 'Not published', published: false });
    await insertUrgent([ann.id], { title: 'For someone else' });

    const res = await isolated.client.get('/api/urgent/active');
    expect(res.statusCode).toBe(200);
    const items = res.json<{
      items: { id: string; title: string; html: string; excerpt: string; author: { name: string }; canEnd: boolean }[];
    }>().items;
    expect(items.map((i) => i.id)).toEqual([newer, older]);
    expect(items[0]).toMatchObject({
      title: 'Newer',
      html: expect.stringContaining('<strong>now</strong>') as unknown,
      excerpt: 'Leave now by the north exit. Do not use the lifts.',
      author: { name: 'Carla Comms' },
      canEnd: false,
    });
  });

  it('lets a broadcaster among the recipients end it from the banner', async () => {
    const id = await insertUrgent([broadcaster.id]);
    const items = (await broadcaster.client.get('/api/urgent/active')).json<{ items: { id: string; canEnd: boolean }[] }>().items;
    expect(items.find((i) => i.id === id)?.canEnd).toBe(true);
  });
});

describe('ending a broadcast', () => {
  it('is for its author or a broadcaster; a recipient is refused and anyone else is told it does not exist', async () => {
    const id = await insertUrgent([ann.id]);
    expect((await ann.client.post(`/api/urgent/${id}/end`)).statusCode).toBe(403);
    expect((await outsider.client.post(`/api/urgent/${id}/end`)).json<{ error: { code: string } }>().error.code).toBe('NOT_FOUND');
    expect((await outsider.client.post(`/api/urgent/${id}/end`)).statusCode).toBe(404);

    const res = await broadcaster.client.post(`/api/urgent/${id}/end`);
    expect(res.statusCode).toBe(200);
    const endedAt = res.json<{ endedAt: string }>().endedAt;
    const events = await db()
      .selectFrom('realtimeEvents')
      .select(['channel', 'type', 'payload'])
      .where('orgId', '=', org.orgId)
      .where('type', '=', 'urgent.ended')
      .execute();
    expect(events).toContainEqual({ channel: 'org', type: 'urgent.ended', payload: { announcementId: id } });

    const again = await comms.client.post(`/api/urgent/${id}/end`);
    expect(again.statusCode).toBe(200);
    expect(again.json<{ endedAt: string }>().endedAt).toBe(endedAt);
    const audits = await db().selectFrom('auditLog').select('action').where('orgId', '=', org.orgId).where('targetId', '=', id).execute();
    expect(audits).toEqual([{ action: 'urgent.end' }]);
  });

  it('answers 404 for an announcement that is not urgent, not published, or unknown, and 400 for a bad id', async () => {
    const plain = await insertUrgent([ann.id], { urgent: false });
    const draft = await insertUrgent([ann.id], { published: false });
    expect((await comms.client.post(`/api/urgent/${plain}/end`)).statusCode).toBe(404);
    expect((await comms.client.post(`/api/urgent/${draft}/end`)).statusCode).toBe(404);
    expect((await comms.client.post(`/api/urgent/${newId()}/end`)).statusCode).toBe(404);
    expect((await comms.client.post('/api/urgent/not-an-id/end')).statusCode).toBe(400);
  });

  it('cannot reach another organisation’s broadcast', async () => {
    const id = await insertUrgent([ann.id]);
    const other = await createOrg(t);
    expect((await other.admin.post(`/api/urgent/${id}/end`)).statusCode).toBe(404);
  });
});

const browserKeys = () => ({
  p256dh: createECDH('prime256v1').generateKeys().toString('base64url'),
  auth: randomBytes(16).toString('base64url'),
});

describe('web push subscriptions', () => {
  it('hands out the organisation’s VAPID public key, made once', async () => {
    const first = await ann.client.get('/api/push/key');
    expect(first.statusCode).toBe(200);
    const key = first.json<{ publicKey: string }>().publicKey;
    expect(Buffer.from(key, 'base64url')).toHaveLength(65);
    expect((await ben.client.get('/api/push/key')).json<{ publicKey: string }>().publicKey).toBe(key);
    const other = await createOrg(t);
    expect((await other.admin.get('/api/push/key')).json<{ publicKey: string }>().publicKey).not.toBe(key);
  });

  it('refuses endpoints that are not https addresses and malformed keys', async () => {
    const keys = browserKeys();
    const bad: unknown[] = [
      { endpoint: 'http://push.example/x', keys },
      { endpoint: 'not a url', keys },
      { endpoint: 'https://', keys },
      { endpoint: 'https://user:pass@push.example/x', keys },
      { endpoint: `https://push.example/${'x'.repeat(2000)}`, keys },
      { endpoint: 'https://push.example/x' },
      { endpoint: 'https://push.example/x', keys: { p256dh: 'not base64!', auth: keys.auth } },
      { endpoint: 'https://push.example/x', keys: { ...keys, auth: '' } },
      { endpoint: 'https://push.example/x', keys, extra: true },
    ];
    for (const body of bad) {
      const res = await ann.client.post('/api/push/subscriptions', body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(await db().selectFrom('pushSubscriptions').select('id').where('userId', '=', ann.id).execute()).toEqual([]);
  });

  it('updates the keys of one’s own endpoint, and refuses an endpoint someone else subscribed', async () => {
    const endpoint = `https://push.example/send/${newId()}`;
    const first = browserKeys();
    expect((await ben.client.post('/api/push/subscriptions', { endpoint, keys: first, expirationTime: null })).statusCode).toBe(200);
    const second = browserKeys();
    expect((await ben.client.post('/api/push/subscriptions', { endpoint, keys: second })).statusCode).toBe(200);
    const taken = await cleo.client.post('/api/push/subscriptions', { endpoint, keys: browserKeys() });
    expect(taken.statusCode).toBe(409);
    expect(taken.json<{ error: { code: string } }>().error.code).toBe('ENDPOINT_TAKEN');
    const rows = await db().selectFrom('pushSubscriptions').select(['userId', 'p256dh']).where('endpoint', '=', endpoint).execute();
    expect(rows).toEqual([{ userId: ben.id, p256dh: second.p256dh }]);

    // Someone else cannot remove it either; its owner can.
    expect((await cleo.client.request('DELETE', '/api/push/subscriptions', { endpoint })).statusCode).toBe(200);
    expect(await db().selectFrom('pushSubscriptions').select('id').where('endpoint', '=', endpoint).execute()).toHaveLength(1);
    expect((await ben.client.request('DELETE', '/api/push/subscriptions', { endpoint })).statusCode).toBe(200);
    expect(await db().selectFrom('pushSubscriptions').select('id').where('endpoint', '=', endpoint).execute()).toEqual([]);
  });

  it('keeps a person’s ten newest browsers', async () => {
    const many = await org.person({ name: 'Mo Many' });
    const endpoints = Array.from({ length: 11 }, (_, i) => `https://push.example/many/${i}/${newId()}`);
    for (const endpoint of endpoints) {
      expect((await many.client.post('/api/push/subscriptions', { endpoint, keys: browserKeys() })).statusCode).toBe(200);
    }
    const kept = await db().selectFrom('pushSubscriptions').select('endpoint').where('userId', '=', many.id).execute();
    expect(kept).toHaveLength(10);
    expect(kept.map((k) => k.endpoint)).not.toContain(endpoints[0]);
  });
});

describe('sending web push messages', () => {
  let server: Server;
  let base: string;
  let certDir: string;
  const received: { path: string; headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];

  beforeAll(async () => {
    // web-push speaks https only: a local push service with a certificate of its own.
    certDir = mkdtempSync(path.join(tmpdir(), 'push-'));
    execFileSync('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      path.join(certDir, 'key.pem'),
      '-out',
      path.join(certDir, 'cert.pem'),
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
    ]);
    server = createServer(
      { key: readFileSync(path.join(certDir, 'key.pem')), cert: readFileSync(path.join(certDir, 'cert.pem')) },
      (req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
          res.statusCode = req.url?.startsWith('/gone') ? 410 : req.url?.startsWith('/broken') ? 500 : 201;
          res.end();
        });
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(certDir, { recursive: true, force: true });
  });

  const agent = new Agent({ rejectUnauthorized: false });
  const send: PushSender = (subscription, payload, options) => webpush.sendNotification(subscription, payload, { ...options, agent });

  it('sends an encrypted message with VAPID authorisation, removes browsers that are gone and counts failures', async () => {
    const person = await org.person({ name: 'Pia Push' });
    const key = (await person.client.get('/api/push/key')).json<{ publicKey: string }>().publicKey;
    const ok = `${base}/ok/${newId()}`;
    const gone = `${base}/gone/${newId()}`;
    const broken = `${base}/broken/${newId()}`;
    for (const endpoint of [ok, gone, broken]) {
      expect((await person.client.post('/api/push/subscriptions', { endpoint, keys: browserKeys() })).statusCode).toBe(200);
    }
    const outcome = await sendPushes(
      db(),
      t.config,
      { userIds: [person.id], title: 'Evacuate building B', body: 'Leave now', url: '/announcements/x', tag: 'urgent:x' },
      send,
    );
    expect(outcome).toEqual({ delivered: 1, removed: 1, failed: 1 });

    const delivered = received.find((r) => ok.endsWith(r.path));
    expect(delivered).toBeDefined();
    expect(delivered!.headers['content-encoding']).toBe('aes128gcm');
    expect(delivered!.headers.urgency).toBe('high');
    expect(Number(delivered!.headers.ttl)).toBeGreaterThan(0);
    expect(String(delivered!.headers.authorization)).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${key}$`));
    expect(delivered!.body.length).toBeGreaterThan(0);
    expect(delivered!.body.toString('latin1')).not.toContain('Evacuate');

    const rows = await db()
      .selectFrom('pushSubscriptions')
      .select(['endpoint', 'failures', 'lastSuccessAt'])
      .where('userId', '=', person.id)
      .execute();
    const byEndpoint = new Map(rows.map((r) => [r.endpoint, r]));
    expect(byEndpoint.has(gone)).toBe(false);
    expect(byEndpoint.get(broken)?.failures).toBe(1);
    expect(byEndpoint.get(ok)?.lastSuccessAt).not.toBeNull();
  });

  it('finishes the job even when a push service cannot be reached', async () => {
    const person = await org.person({ name: 'Una Unreachable' });
    await person.client.get('/api/push/key');
    // Nothing listens on port 9 of this machine.
    const endpoint = `https://127.0.0.1:9/push/${newId()}`;
    await person.client.post('/api/push/subscriptions', { endpoint, keys: browserKeys() });
    await db()
      .insertInto('jobs')
      .values({
        id: newId(),
        orgId: org.orgId,
        kind: 'push.send',
        payload: JSON.stringify({ userIds: [person.id], title: 'T', body: 'B', url: '/', tag: 'x' }),
      })
      .execute();
    await t.app.ctx.worker.runDue();
    const jobs = await db()
      .selectFrom('jobs')
      .select(['status'])
      .where('kind', '=', 'push.send')
      .where(sql<boolean>`payload->'userIds' ? ${person.id}`)
      .execute();
    expect(jobs).toEqual([{ status: 'done' }]);
    const row = await db().selectFrom('pushSubscriptions').select('failures').where('endpoint', '=', endpoint).executeTakeFirstOrThrow();
    expect(row.failures).toBe(1);
  });
});
