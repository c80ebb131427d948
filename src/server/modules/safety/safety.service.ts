import { stringify } from 'csv-stringify/sync';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, encodeTimeCursor } from '../../platform/cursor.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { recordEvents, type NewRealtimeEvent, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { enqueue } from '../../platform/jobs.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import type { SafetyStatus } from '../../../shared/comms.js';
import { audienceMembers, checkAudienceIds } from '../comms/audience.js';
import { notify } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import * as q from './safety.queries.js';
import {
  REMINDER_MINUTES,
  type Answer,
  type CheckDetail,
  type CheckListQuery,
  type CheckPerson,
  type CheckSummary,
  type Counts,
  type LocationTally,
  type MyCheck,
  type NewCheck,
  type PeopleQuery,
  type Report,
} from './safety.schemas.js';
import { langOf, pushText, startedEmail, type Lang } from './safety.text.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** People named in a report's list of who never answered; the CSV has everyone. */
export const REPORT_LIST_MAX = 1000;
/** A manual reminder right after another one (or the start) would only nag; this many minutes apart at least. */
export const MANUAL_REMINDER_GAP_MINUTES = 1;
/** Open checks one person is shown at once; more than a few at a time would be a mistake anyway. */
const MINE_MAX = 20;
/** Checks reminded per tick run; the rest wait for the next minute. */
const TICK_BATCH = 50;

const linkOf = (checkId: string) => `/safety/${checkId}`;
const named = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);
const emptyCounts = (): Counts => ({ total: 0, safe: 0, help: 0, pending: 0 });

function add(c: Counts, status: SafetyStatus, n: number) {
  c[status] += n;
  c.total += n;
}

/** Each check's counts, from the grouped rows of `countsOf`. */
async function countsByCheck(db: Executor, orgId: string, ids: readonly string[]): Promise<Map<string, Counts>> {
  const byCheck = new Map<string, Counts>(ids.map((id) => [id, emptyCounts()]));
  for (const r of await q.countsOf(db, orgId, ids)) {
    add(byCheck.get(r.checkId)!, r.status, Number(r.n));
  }
  return byCheck;
}

/** A check's tally by location, by name with people without a location last. */
async function tallyOf(db: Executor, orgId: string, checkId: string): Promise<LocationTally[]> {
  const byLocation = new Map<string, LocationTally>();
  for (const r of await q.tallyByLocation(db, orgId, checkId)) {
    const key = r.locationId ?? '';
    let tally = byLocation.get(key);
    if (!tally) {
      tally = { location: named(r.locationId, r.locationName), ...emptyCounts() };
      byLocation.set(key, tally);
    }
    add(tally, r.status, Number(r.n));
  }
  return [...byLocation.values()].sort((a, b) =>
    a.location && b.location ? a.location.name.localeCompare(b.location.name) : a.location ? -1 : b.location ? 1 : 0,
  );
}

function summaryOf(row: q.CheckRow, counts: Counts): CheckSummary {
  return {
    id: row.id,
    title: row.title,
    message: row.message,
    drill: row.drill,
    status: row.status,
    reminderMinutes: row.reminderMinutes,
    startedBy: named(row.startedBy, row.startedByName),
    startedAt: row.startedAt,
    lastRemindedAt: row.lastRemindedAt,
    closedAt: row.closedAt,
    counts,
  };
}

async function detailOf(db: Executor, orgId: string, row: q.CheckRow): Promise<CheckDetail> {
  const byLocation = await tallyOf(db, orgId, row.id);
  const counts = emptyCounts();
  for (const l of byLocation) {
    for (const s of ['safe', 'help', 'pending'] as const) {
      add(counts, s, l[s]);
    }
  }
  const report = (typeof row.report === 'string' ? JSON.parse(row.report) : row.report) as Report | null;
  return { ...summaryOf(row, counts), closedBy: named(row.closedBy, row.closedByName), byLocation, report };
}

async function loadCheck(db: Executor, actor: Actor, id: string, lock = false): Promise<q.CheckRow> {
  const row = await q.checkById(db, actor.orgId, id, lock);
  if (!row) {
    throw notFound('safety check');
  }
  return row;
}

const personOf = (p: q.PersonRow): CheckPerson => ({
  id: p.id,
  name: p.name,
  title: p.title,
  phone: p.phone,
  location: named(p.locationId, p.locationName),
  status: p.status,
  note: p.note,
  answeredAt: p.answeredAt,
  remindedCount: p.remindedCount,
});

const encodeNameCursor = (p: { name: string; id: string }) => Buffer.from(JSON.stringify([p.name, p.id])).toString('base64url');

function decodeNameCursor(cursor: string | undefined): { name: string; id: string } | undefined {
  if (!cursor) {
    return undefined;
  }
  try {
    const v = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as unknown;
    if (Array.isArray(v) && typeof v[0] === 'string' && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/.test(v[1])) {
      return { name: v[0], id: v[1] };
    }
  } catch {
    // Falls through to the error below.
  }
  throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
}

/** The people asked, grouped by language, as push notifications go out one text per language. */
function byLanguage(people: readonly { id: string; locale: string | null; defaultLocale: string }[]): Map<Lang, string[]> {
  const groups = new Map<Lang, string[]>();
  for (const p of people) {
    const lang = langOf(p.locale, p.defaultLocale);
    groups.set(lang, [...(groups.get(lang) ?? []), p.id]);
  }
  return groups;
}

async function queuePush(
  trx: Transaction<DB>,
  orgId: string,
  check: { id: string; title: string; drill: boolean },
  people: readonly { id: string; locale: string | null; defaultLocale: string }[],
  reminder: boolean,
): Promise<void> {
  for (const [lang, userIds] of byLanguage(people)) {
    const text = pushText(lang, { title: check.title, drill: check.drill, reminder });
    await enqueue(trx, orgId, 'push.send', { userIds, ...text, url: linkOf(check.id), tag: `safety-${check.id}` });
  }
}

/**
 * Reminds everyone who has not answered a check, in one batch: a notification and a push each. The
 * caller has claimed the reminder (`claimReminder`), so two nodes never send the same one.
 */
async function sendReminders(
  trx: Transaction<DB>,
  orgId: string,
  check: { id: string; title: string; drill: boolean },
): Promise<{ reminded: number; events: RealtimeEvent[] }> {
  const pending = (await q.remindPending(trx, orgId, check.id)).filter((p) => p.status === 'active');
  if (pending.length === 0) {
    return { reminded: 0, events: [] };
  }
  const events = await notify(
    trx,
    pending.map((p) => ({
      orgId,
      userId: p.id,
      type: 'safety_check' as const,
      actorId: null,
      data: { variant: 'reminder', title: check.title, link: linkOf(check.id), drill: check.drill },
    })),
  );
  await queuePush(trx, orgId, check, pending, true);
  return { reminded: pending.length, events };
}

/**
 * Starts a safety check (a drill or a real event) for everyone active at the chosen locations and
 * the people listed, each once. Each is asked in the app, by e-mail in their language and by push;
 * the whole organisation hears that a check started, so that open prompts refresh.
 */
export async function startCheck(ctx: Ctx, actor: Actor, input: NewCheck): Promise<CheckDetail> {
  requireAction(actor, 'safety.operate');
  const title = input.title.trim();
  if (!title) {
    throw badRequest('EMPTY_TITLE', 'Give the check a title.');
  }
  const locationIds = [...new Set(input.locationIds ?? [])];
  const userIds = [...new Set(input.userIds ?? [])];
  if (locationIds.length === 0 && userIds.length === 0) {
    throw badRequest('NO_PEOPLE', 'Choose at least one location or person to ask.');
  }
  const id = newId();
  await writeAndPublish(ctx, async (trx) => {
    await checkAudienceIds(trx, actor.orgId, { locationIds, userIds });
    const members = await audienceMembers(trx, actor.orgId, { locationIds, userIds });
    if (members.length === 0) {
      throw badRequest('NO_PEOPLE', 'Nobody active is at these locations or on the list.');
    }
    const drill = input.drill;
    await q.insertCheck(trx, {
      id,
      orgId: actor.orgId,
      startedBy: actor.userId,
      title,
      message: (input.message ?? '').trim(),
      drill,
      locationIds,
      reminderMinutes: input.reminderMinutes ?? REMINDER_MINUTES.default,
      startedAt: new Date(),
    });
    await q.insertResponses(trx, actor.orgId, id, members);
    const people = (await q.recipients(trx, actor.orgId, id)).filter((p) => p.id !== actor.userId);
    const link = linkOf(id);
    const host = new URL(ctx.config.publicUrl).hostname;
    for (const p of people) {
      const mail = startedEmail({
        lang: langOf(p.locale, p.defaultLocale),
        name: p.name,
        title,
        message: (input.message ?? '').trim(),
        drill,
        link: `${ctx.config.publicUrl}${link}`,
      });
      await enqueue(trx, actor.orgId, 'mail.send', { to: p.email, ...mail, messageId: `<safety.${id}.${p.id}@${host}>` });
    }
    await queuePush(trx, actor.orgId, { id, title, drill }, people, false);
    const notified = await notify(
      trx,
      people.map((p) => ({
        orgId: actor.orgId,
        userId: p.id,
        type: 'safety_check' as const,
        actorId: actor.userId,
        data: { variant: 'started', title, link, drill },
      })),
    );
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'safety.check.started',
      targetId: id,
      data: { title, drill, locationIds, userIds: userIds.length, people: members.length },
    });
    const events = await recordEvents(trx, [{ orgId: actor.orgId, channel: 'org', type: 'safety.changed', payload: { checkId: id } }]);
    return { result: null, events: [...notified, ...events] };
  });
  ctx.worker.poke();
  return getCheck(ctx, actor, id);
}

/** Checks, newest first, with their counts; optionally only open or closed ones. */
export async function listChecks(ctx: Ctx, actor: Actor, query: CheckListQuery) {
  requireAction(actor, 'safety.operate');
  const limit = query.limit ?? 20;
  const rows = await q.checkPage(ctx.db, actor.orgId, query.status, limit, decodeTimeCursor(query.cursor));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  const counts = await countsByCheck(
    ctx.db,
    actor.orgId,
    page.map((r) => r.id),
  );
  return {
    items: page.map((r) => summaryOf(r, counts.get(r.id) ?? emptyCounts())),
    nextCursor: rows.length > limit && last ? encodeTimeCursor({ createdAt: last.startedAt, id: last.id }) : null,
  };
}

/** One check with its live tally by location, and its report once closed. */
export async function getCheck(ctx: Ctx, actor: Actor, id: string): Promise<CheckDetail> {
  requireAction(actor, 'safety.operate');
  return detailOf(ctx.db, actor.orgId, await loadCheck(ctx.db, actor, id));
}

/** The people a check asks, by name, optionally only those who need help, are safe or have not answered. */
export async function checkPeople(ctx: Ctx, actor: Actor, id: string, query: PeopleQuery) {
  requireAction(actor, 'safety.operate');
  await loadCheck(ctx.db, actor, id);
  const limit = query.limit ?? 50;
  const rows = await q.peoplePage(ctx.db, actor.orgId, id, query.status, limit, decodeNameCursor(query.cursor));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(personOf), nextCursor: rows.length > limit && last ? encodeNameCursor(last) : null };
}

/** Reminds everyone who has not answered, now; refused right after the start or another reminder. */
export async function remindNow(ctx: Ctx, actor: Actor, id: string): Promise<{ reminded: number }> {
  requireAction(actor, 'safety.operate');
  const result = await writeAndPublish(ctx, async (trx) => {
    const check = await loadCheck(trx, actor, id);
    if (check.status !== 'open') {
      throw conflict('CHECK_CLOSED', 'This safety check is closed.');
    }
    if (!(await q.claimReminder(trx, actor.orgId, id, new Date(), MANUAL_REMINDER_GAP_MINUTES))) {
      throw conflict('REMINDED_RECENTLY', 'Everyone who has not answered was reminded a moment ago.');
    }
    const { reminded, events } = await sendReminders(trx, actor.orgId, check);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'safety.check.reminded', targetId: id, data: { reminded } });
    return { result: { reminded }, events };
  });
  ctx.worker.poke();
  return result;
}

/** What a check looked like at its close: counts by status and location, who needed help, who never answered. */
async function buildReport(db: Executor, orgId: string, row: q.CheckRow, closedAt: Date): Promise<Report> {
  const [byLocation, help, pending] = await Promise.all([
    tallyOf(db, orgId, row.id),
    q.allPeople(db, orgId, row.id, 'help'),
    q.allPeople(db, orgId, row.id, 'pending', REPORT_LIST_MAX),
  ]);
  const counts = emptyCounts();
  for (const l of byLocation) {
    for (const s of ['safe', 'help', 'pending'] as const) {
      add(counts, s, l[s]);
    }
  }
  const person = (p: q.PersonRow) => ({ id: p.id, name: p.name, location: p.locationName, note: p.note, answeredAt: p.answeredAt });
  return {
    ...counts,
    startedAt: row.startedAt.toISOString(),
    closedAt: closedAt.toISOString(),
    durationSeconds: Math.max(0, Math.round((closedAt.getTime() - row.startedAt.getTime()) / 1000)),
    byLocation,
    neededHelp: help.map(person),
    neverAnswered: pending.map(person),
  };
}

/** Closes a check: nobody can answer any more, and its report is kept with it. */
export async function closeCheck(ctx: Ctx, actor: Actor, id: string): Promise<CheckDetail> {
  requireAction(actor, 'safety.operate');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadCheck(trx, actor, id, true);
    if (row.status !== 'open') {
      throw conflict('CHECK_CLOSED', 'This safety check is already closed.');
    }
    const closedAt = new Date();
    const report = await buildReport(trx, actor.orgId, row, closedAt);
    await q.closeCheck(trx, actor.orgId, id, actor.userId, closedAt, report);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'safety.check.closed',
      targetId: id,
      data: { total: report.total, safe: report.safe, help: report.help, pending: report.pending, durationSeconds: report.durationSeconds },
    });
    const events = await recordEvents(trx, [{ orgId: actor.orgId, channel: 'org', type: 'safety.changed', payload: { checkId: id } }]);
    return { result: null, events };
  });
  return getCheck(ctx, actor, id);
}

/** A spreadsheet must not read a name or a note as a formula. */
const cell = (v: string | null) => (v === null ? '' : /^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

/** Everyone a check asked, by name, with their answer, as CSV. */
export async function reportCsv(ctx: Ctx, actor: Actor, id: string): Promise<string> {
  requireAction(actor, 'safety.operate');
  await loadCheck(ctx.db, actor, id);
  const people = await q.allPeople(ctx.db, actor.orgId, id);
  return stringify(
    people.map((p) => [
      cell(p.name),
      cell(p.email),
      cell(p.title),
      cell(p.phone),
      cell(p.locationName),
      p.status,
      cell(p.note),
      p.answeredAt ? p.answeredAt.toISOString() : '',
      String(p.remindedCount),
    ]),
    { header: true, columns: ['name', 'email', 'title', 'phone', 'location', 'status', 'note', 'answered_at', 'reminders'], bom: true },
  );
}

const myView = (r: {
  id: string;
  title: string;
  message: string;
  drill: boolean;
  checkStatus: 'open' | 'closed';
  startedAt: Date;
  status: SafetyStatus;
  note: string | null;
  answeredAt: Date | null;
}): MyCheck => ({
  id: r.id,
  title: r.title,
  message: r.message,
  drill: r.drill,
  open: r.checkStatus === 'open',
  startedAt: r.startedAt,
  status: r.status,
  note: r.note,
  answeredAt: r.answeredAt,
});

/** The open checks asking me that I have not answered, or answered that I need help. */
export async function myChecks(ctx: Ctx, actor: Actor): Promise<{ items: MyCheck[] }> {
  requireAction(actor, 'me.read');
  return { items: (await q.openChecksOf(ctx.db, actor.orgId, actor.userId, MINE_MAX)).map(myView) };
}

/** One check as the person it asks sees it, with their answer; 404 for a check that does not ask them. */
export async function myCheck(ctx: Ctx, actor: Actor, id: string): Promise<MyCheck> {
  requireAction(actor, 'me.read');
  const row = await q.responseOf(ctx.db, actor.orgId, id, actor.userId);
  if (!row) {
    throw notFound('safety check');
  }
  return myView(row);
}

/**
 * Answers a check: safe, or in need of help (with an optional note). The answer may change while
 * the check is open. Whoever started the check hears of every answer at once, and is notified of
 * someone needing help.
 */
export async function answerCheck(ctx: Ctx, actor: Actor, id: string, input: Answer): Promise<MyCheck> {
  requireAction(actor, 'me.update');
  const note = input.note?.trim() || null;
  await writeAndPublish(ctx, async (trx) => {
    const row = await q.responseOf(trx, actor.orgId, id, actor.userId, true);
    if (!row) {
      throw notFound('safety check');
    }
    if (row.checkStatus !== 'open') {
      throw conflict('CHECK_CLOSED', 'This safety check is closed.');
    }
    await q.answer(trx, actor.orgId, id, actor.userId, { status: input.status, note, answeredAt: new Date() });
    const changed: NewRealtimeEvent[] = [
      { orgId: actor.orgId, channel: `user:${actor.userId}`, type: 'safety.changed', payload: { checkId: id } },
    ];
    let notified: RealtimeEvent[] = [];
    if (row.startedBy) {
      changed.push({ orgId: actor.orgId, channel: `user:${row.startedBy}`, type: 'safety.changed', payload: { checkId: id } });
      if (input.status === 'help' && row.status !== 'help') {
        notified = await notify(trx, [
          {
            orgId: actor.orgId,
            userId: row.startedBy,
            type: 'safety_check',
            actorId: actor.userId,
            data: { variant: 'help', title: row.title, link: linkOf(id), drill: row.drill },
          },
        ]);
      }
    }
    return { result: null, events: [...notified, ...(await recordEvents(trx, changed))] };
  });
  return myCheck(ctx, actor, id);
}

/**
 * The minute tick: reminds those who have not answered each open check whose interval has passed
 * since its start or last reminder. Each check is claimed by a conditional update before anything
 * is sent, and rows another node holds are skipped, so no reminder goes out twice.
 */
export async function runSafetyTick(trx: Transaction<DB>, now: Date): Promise<RealtimeEvent[]> {
  const events: RealtimeEvent[] = [];
  for (const due of await q.dueReminders(trx, now, TICK_BATCH)) {
    if (!(await q.claimReminder(trx, due.orgId, due.id, now))) {
      continue;
    }
    const check = await q.checkById(trx, due.orgId, due.id);
    if (check) {
      events.push(...(await sendReminders(trx, due.orgId, check)).events);
    }
  }
  return events;
}
