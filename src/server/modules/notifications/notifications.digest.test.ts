import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { createOrg, testApp, type TestApp, type TestOrg } from '../../test/helpers.js';
import { ensureDigestSchedule } from './notifications.digest.js';
import { notify, type NotificationInput } from './notifications.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

const db = () => t.app.ctx.db;

async function post(org: TestOrg, authorId: string, body = 'The new office opens on **Monday**', communityId: string | null = null) {
  const id = newId();
  await db()
    .insertInto('posts')
    .values({ id, orgId: org.orgId, authorId, communityId, body, bodyHtml: `<p>${body}</p>` })
    .execute();
  return id;
}

async function send(items: NotificationInput[]) {
  await db()
    .transaction()
    .execute((trx) => notify(trx, items));
}

/** One run of the scheduler, and everything it queues (builds, then e-mails). */
async function runScheduler(times = 1) {
  for (let i = 0; i < times; i++) {
    await enqueue(db(), null, 'digest.schedule', {});
  }
  await t.app.ctx.worker.runDue();
}

const mailsTo = (email: string) => t.app.ctx.mailer.recent.filter((m) => m.to === email);

async function mailJobs(org: TestOrg) {
  return db()
    .selectFrom('jobs')
    .select(['id', 'status', 'attempts', 'payload'])
    .where('orgId', '=', org.orgId)
    .where('kind', '=', 'mail.send')
    .execute();
}

describe('e-mail digests', () => {
  it('sends one digest however many times the scheduler runs, with links to the app', async () => {
    const org = await createOrg(t, { name: 'Aurora' });
    const ana = await org.person({ name: 'Ana Bianchi' });
    const bea = await org.person({ name: 'Bea Rossi' });
    const p = await post(org, bea.id);
    await send([
      { orgId: org.orgId, userId: ana.id, type: 'mention', actorId: bea.id, postId: p },
      { orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id },
    ]);

    await runScheduler(2);
    await runScheduler();
    const mails = mailsTo(ana.email);
    expect(mails).toHaveLength(1);
    const base = t.app.ctx.config.publicUrl;
    expect(mails[0]!.subject).toBe('Your day at Aurora: 2 new notifications');
    expect(mails[0]!.text).toContain(`• Bea Rossi mentioned you: “The new office opens on Monday”\n  ${base}/posts/${p}`);
    expect(mails[0]!.text).toContain(`• Bea Rossi started following you\n  ${base}/people/${bea.id}`);
    expect(mails[0]!.text).toContain(`${base}/settings/notifications`);
    expect(mails[0]!.messageId).toMatch(new RegExp(`^<digest\\.${ana.id}\\.\\d+@`));

    const left = await db().selectFrom('notifications').select('digestedAt').where('userId', '=', ana.id).execute();
    expect(left.every((n) => n.digestedAt !== null)).toBe(true);
    // The digest does not mark anything as read: the centre still shows both.
    expect((await ana.client.get('/api/notifications/unread-count')).json().count).toBe(2);

    // The chain of scheduler runs continues with exactly one later run.
    const next = await db()
      .selectFrom('jobs')
      .select('runAt')
      .where('kind', '=', 'digest.schedule')
      .where('status', '=', 'pending')
      .execute();
    expect(next).toHaveLength(1);
    expect(next[0]!.runAt.getTime()).toBeGreaterThan(Date.now());
  });

  it('retries a send that failed without building the digest again, keeping the same Message-ID', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await send([{ orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id }]);

    const mailer = t.app.ctx.mailer;
    const realSend = mailer.send.bind(mailer);
    mailer.send = () => Promise.reject(new Error('SMTP server went away'));
    try {
      await runScheduler();
    } finally {
      mailer.send = realSend;
    }
    const [job] = await mailJobs(org);
    expect(job).toMatchObject({ status: 'pending', attempts: 1 });
    expect(mailsTo(ana.email)).toHaveLength(0);

    // The digest exists once: a new scheduler run finds nobody due.
    await runScheduler(2);
    expect(await mailJobs(org)).toHaveLength(1);

    await db()
      .updateTable('jobs')
      .set({ runAt: sql<Date>`now()` })
      .where('id', '=', job!.id)
      .execute();
    await t.app.ctx.worker.runDue();
    const mails = mailsTo(ana.email);
    expect(mails).toHaveLength(1);
    expect(mails[0]!.messageId).toBe((job!.payload as { messageId: string }).messageId);
    expect((await mailJobs(org)).map((j) => j.status)).toEqual(['done']);
  });

  it('rolls back a build that fails halfway, so the next attempt builds it whole', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await send([{ orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id }]);
    // Make the first build fail after it has marked the notifications: its mail job cannot be written.
    await sql`create or replace function refuse_mail() returns trigger language plpgsql as $$
      begin if new.kind = 'mail.send' then raise exception 'disk full'; end if; return new; end $$`.execute(db());
    await sql`create trigger refuse_mail before insert on jobs for each row execute function refuse_mail()`.execute(db());
    try {
      await runScheduler();
    } finally {
      await sql`drop trigger refuse_mail on jobs`.execute(db());
    }
    const pending = await db().selectFrom('notifications').select('digestedAt').where('userId', '=', ana.id).execute();
    expect(pending).toEqual([{ digestedAt: null }]);
    const settings = await db().selectFrom('notificationSettings').select('lastDigestAt').where('userId', '=', ana.id).executeTakeFirst();
    expect(settings?.lastDigestAt ?? null).toBeNull();

    await db()
      .updateTable('jobs')
      .set({ runAt: sql<Date>`now()` })
      .where('kind', '=', 'digest.build')
      .where('status', '=', 'pending')
      .execute();
    await t.app.ctx.worker.runDue();
    expect(mailsTo(ana.email)).toHaveLength(1);
  });

  it('writes in the reader’s language, else in the organisation’s', async () => {
    const org = await createOrg(t, { name: 'Borgo' });
    const bea = await org.person({ name: 'Bea Rossi' });
    const italian = await org.person({ name: 'Carla Verdi' });
    const english = await org.person({ name: 'Dan Smith' });
    const orgDefault = await org.person({ name: 'Elena Neri' });
    await db().updateTable('users').set({ locale: 'it' }).where('id', '=', italian.id).execute();
    await db().updateTable('users').set({ locale: 'en' }).where('id', '=', english.id).execute();
    expect((await org.admin.patch('/api/admin/org', { defaultLocale: 'it' })).statusCode).toBe(200);
    await send([italian, english, orgDefault].map((p) => ({ orgId: org.orgId, userId: p.id, type: 'follow' as const, actorId: bea.id })));
    await runScheduler();
    expect(mailsTo(italian.email)[0]).toMatchObject({ subject: 'La tua giornata su Borgo: 1 novità' });
    expect(mailsTo(italian.email)[0]!.text).toContain('Ciao Carla,');
    expect(mailsTo(italian.email)[0]!.text).toContain('Bea Rossi ha iniziato a seguirti');
    expect(mailsTo(english.email)[0]!.text).toContain('Bea Rossi started following you');
    expect(mailsTo(orgDefault.email)[0]!.text).toContain('Ciao Elena,');
  });

  it('sends nothing to someone whose digest is off, or who is not due yet', async () => {
    const org = await createOrg(t);
    const bea = await org.person();
    const off = await org.person();
    const weekly = await org.person();
    await off.client.put('/api/me/notification-settings', { digest: 'off' });
    await weekly.client.put('/api/me/notification-settings', { digest: 'weekly' });
    await db().updateTable('notificationSettings').set({ lastDigestAt: new Date() }).where('userId', '=', weekly.id).execute();
    await send([
      { orgId: org.orgId, userId: off.id, type: 'follow', actorId: bea.id },
      { orgId: org.orgId, userId: weekly.id, type: 'follow', actorId: bea.id },
    ]);
    await runScheduler();
    expect(mailsTo(off.email)).toHaveLength(0);
    expect(mailsTo(weekly.email)).toHaveLength(0);
    const waiting = await db().selectFrom('notifications').select('digestedAt').where('userId', '=', weekly.id).execute();
    expect(waiting).toEqual([{ digestedAt: null }]);
  });

  it('leaves out types with e-mail off, what was read, and what the reader can no longer read, but includes types off in the app', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await ana.client.put('/api/me/notification-settings', {
      types: { reaction: { inApp: true, email: false }, follow: { inApp: false, email: true } },
    });
    const visible = await post(org, ana.id, 'Still here');
    const deleted = await post(org, bea.id, 'Soon gone');
    const read = await post(org, bea.id, 'Already seen');
    await send([
      { orgId: org.orgId, userId: ana.id, type: 'reaction', actorId: bea.id, postId: visible },
      { orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id },
      { orgId: org.orgId, userId: ana.id, type: 'mention', actorId: bea.id, postId: deleted },
      { orgId: org.orgId, userId: ana.id, type: 'mention', actorId: bea.id, postId: read },
      { orgId: org.orgId, userId: ana.id, type: 'comment', actorId: bea.id, postId: visible },
    ]);
    // Switched off by e-mail after it was written (without the settings route): the digest still honours it.
    await db()
      .updateTable('notificationSettings')
      .set({
        prefs: JSON.stringify({
          reaction: { inApp: true, email: false },
          follow: { inApp: false, email: true },
          comment: { email: false },
        }),
      })
      .where('userId', '=', ana.id)
      .execute();
    await db().updateTable('posts').set({ deletedAt: new Date() }).where('id', '=', deleted).execute();
    const items = (await ana.client.get('/api/notifications')).json().items as { id: string; post: { id: string } | null }[];
    await ana.client.post('/api/notifications/read', { ids: items.filter((i) => i.post?.id === read).map((i) => i.id) });

    await runScheduler();
    const [mail] = mailsTo(ana.email);
    expect(mail?.subject).toMatch(/: 1 new notification$/);
    expect(mail?.text).toContain('started following you');
    expect(mail?.text).not.toContain('reacted');
    expect(mail?.text).not.toContain('Soon gone');
    expect(mail?.text).not.toContain('Already seen');
    expect(mail?.text).not.toContain('commented');
    // Everything it considered is settled, so the next digest does not bring it back.
    const waiting = await db()
      .selectFrom('notifications')
      .select('type')
      .where('userId', '=', ana.id)
      .where('digestedAt', 'is', null)
      .where('readAt', 'is', null)
      .execute();
    expect(waiting).toEqual([]);
  });

  it('sends nothing when everything waiting was read in the meantime', async () => {
    const org = await createOrg(t);
    const ana = await org.person();
    const bea = await org.person();
    await send([{ orgId: org.orgId, userId: ana.id, type: 'follow', actorId: bea.id }]);
    await ana.client.post('/api/notifications/read', { all: true });
    await runScheduler();
    expect(mailsTo(ana.email)).toHaveLength(0);
  });

  it('keeps a single chain of scheduler runs however many nodes start at once', async () => {
    await Promise.all([ensureDigestSchedule(db()), ensureDigestSchedule(db()), ensureDigestSchedule(db())]);
    await runScheduler();
    await Promise.all([ensureDigestSchedule(db()), ensureDigestSchedule(db())]);
    const pending = await db()
      .selectFrom('jobs')
      .select('runAt')
      .where('kind', '=', 'digest.schedule')
      .where('status', '=', 'pending')
      .execute();
    expect(pending).toHaveLength(1);
  });
});
