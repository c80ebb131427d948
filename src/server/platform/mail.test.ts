import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { memoryStorage } from './storage.js';
import { Client, createOrg, testApp, type TestApp } from '../test/helpers.js';

/** A real SMTP server on a local port that keeps what it receives. */
function smtpSink() {
  const received: { to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return {
    received,
    listen: () =>
      new Promise<number>((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.server.address() as AddressInfo).port))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('e-mail through SMTP', () => {
  const sink = smtpSink();
  let t: TestApp;
  let app: Awaited<ReturnType<typeof buildApp>>;

  beforeAll(async () => {
    const port = await sink.listen();
    t = await testApp();
    // The same database, served by an app that sends mail through the local SMTP server.
    const config = loadConfig({ LOG_LEVEL: 'silent', SMTP_URL: `smtp://127.0.0.1:${port}`, MAIL_FROM: 'Tessuto <hello@tessuto.test>' });
    app = await buildApp({
      config: { ...config, dataDir: '/nonexistent', webDir: '/nonexistent' },
      database: t.database,
      storage: memoryStorage(),
      logger: false,
    });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await t.close();
    await sink.close();
  });

  it('e-mails the invitation link instead of showing it to the administrator', async () => {
    const org = await createOrg(t);
    const admin = await new Client(app, org.host).signIn(`admin@${org.host}`);
    const res = await admin.post('/api/invitations', { email: `mailed@${org.host}` });
    expect(res.json()).toMatchObject({ emailed: true, link: null });
    expect(await app.ctx.worker.runDue()).toBe(1);
    const mail = sink.received.find((m) => m.to.includes(`mailed@${org.host}`));
    expect(mail?.data).toMatch(/\/invite\/[\w-]{20,}/);
    expect(mail?.data).toContain('hello@tessuto.test');
    const pending = await app.ctx.db.selectFrom('jobs').select('status').where('orgId', '=', org.orgId).execute();
    expect(pending.map((j) => j.status)).toEqual(['done']);
  });

  it('keeps a job that could not be sent, to try again later', async () => {
    const org = await createOrg(t);
    const admin = await new Client(app, org.host).signIn(`admin@${org.host}`);
    await sink.close();
    await admin.post('/api/invitations', { email: `later@${org.host}` });
    await app.ctx.worker.runDue();
    const job = await app.ctx.db
      .selectFrom('jobs')
      .select(['status', 'attempts', 'lastError'])
      .where('orgId', '=', org.orgId)
      .executeTakeFirstOrThrow();
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(job.lastError).toBeTruthy();
  });
});
