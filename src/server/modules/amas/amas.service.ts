import { randomUUID } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/errors.js';
import { recordEvents, type NewRealtimeEvent, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { photoUrl } from '../../../shared/urls.js';
import { communityAccess, peopleWhoCanRead } from '../communities/communities.access.js';
import { notify } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import * as q from './amas.queries.js';
import type { AmaDetail, AmaListQuery, AmaPatch, AmaQuestion, AmaSummary, NewAma, NewQuestion, QuestionListQuery } from './amas.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

const PAGE = 20;

/** The hint that an AMA changed (status, questions, votes, answers); clients refetch through the API. */
export const amaChanged = (orgId: string, amaId: string): NewRealtimeEvent => ({
  orgId,
  channel: 'org',
  type: 'ama.changed',
  payload: { amaId },
});

/** The host and those who manage AMAs run one: start and end it, answer and hide questions. */
const runs = (actor: Actor, row: { hostId: string }) => row.hostId === actor.userId || can(actor, 'ama.manage');

function abilitiesOf(actor: Actor, row: q.AmaRow): AmaSummary['abilities'] {
  const run = runs(actor, row);
  const open = row.status !== 'ended';
  const write = can(actor, 'content.write');
  return {
    canAsk: open && write,
    canAskAnonymously: open && write && row.allowAnonymous,
    canAnswer: run,
    canModerate: run,
    canEdit: run && open,
    canStart: run && row.status === 'scheduled',
    canEnd: run && open,
  };
}

function summaryOf(actor: Actor, r: q.AmaRow): AmaSummary {
  return {
    id: r.id,
    title: r.title,
    host: { id: r.hostId, name: r.hostName, title: r.hostTitle, photoUrl: photoUrl(r.hostId, r.hostPhotoKey) },
    community: r.communityId && r.communityName !== null ? { id: r.communityId, name: r.communityName, slug: r.communitySlug ?? '' } : null,
    startsAt: r.startsAt,
    endsAt: r.endsAt,
    allowAnonymous: r.allowAnonymous,
    status: r.status,
    questionCount: r.questionCount,
    answeredCount: r.answeredCount,
    createdAt: r.createdAt,
    abilities: abilitiesOf(actor, r),
  };
}

const detailOf = (actor: Actor, r: q.AmaRow): AmaDetail => ({
  ...summaryOf(actor, r),
  description: r.description,
  descriptionHtml: r.descriptionHtml,
});

/**
 * An AMA the actor may see, locked when they are about to change what hangs on it; 404 otherwise.
 * One in a community is for its readers and its host; those who manage AMAs see them all.
 */
async function loadVisible(db: Executor, actor: Actor, id: string, lock = false): Promise<q.AmaRow> {
  const row = await q.amaById(db, actor.orgId, id, lock);
  if (!row) {
    throw notFound('AMA');
  }
  if (row.communityId !== null && row.hostId !== actor.userId && !can(actor, 'ama.manage')) {
    if (!(await q.canSeeAma(db, actor.orgId, id, actor.userId))) {
      throw notFound('AMA');
    }
  }
  return row;
}

/** Reads the start and end times of a form and checks them against each other and the clock. */
function checkTimes(startsAt: Date, endsAt: Date): void {
  if (Number.isNaN(startsAt.getTime()) || Number.isNaN(endsAt.getTime())) {
    throw badRequest('INVALID_TIME', 'Give the start and the end as dates and times.');
  }
  if (endsAt.getTime() <= startsAt.getTime()) {
    throw badRequest('ENDS_BEFORE_START', 'The AMA must end after it starts.');
  }
  if (endsAt.getTime() <= Date.now()) {
    throw badRequest('ENDS_IN_PAST', 'The end of the AMA has already passed.');
  }
}

async function checkHost(db: Executor, orgId: string, hostId: string): Promise<void> {
  if (!(await q.isActivePerson(db, orgId, hostId))) {
    throw badRequest('UNKNOWN_HOST', 'The host must be an active person of the organisation.');
  }
}

async function checkCommunity(db: Executor, actor: Actor, communityId: string): Promise<void> {
  const access = await communityAccess(db, actor, [communityId]);
  if (!access.get(communityId)?.canSee) {
    throw badRequest('UNKNOWN_COMMUNITY', 'This community does not exist or you cannot see it.');
  }
}

function requireTitle(raw: string): string {
  const title = raw.trim();
  if (!title) {
    throw badRequest('EMPTY_TITLE', 'Give the AMA a title.');
  }
  return title;
}

const encodeAmaCursor = (r: { startsAt: Date; id: string }) => Buffer.from(`${r.startsAt.toISOString()}|${r.id}`).toString('base64url');

function decodeAmaCursor(cursor: string | undefined): q.AmaAfter {
  if (!cursor) {
    return undefined;
  }
  const [ts, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const startsAt = new Date(ts ?? '');
  if (!id || !/^[0-9a-f-]{36}$/.test(id) || Number.isNaN(startsAt.getTime())) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { startsAt, id };
}

/**
 * AMAs the person may see: `upcoming` (scheduled, soonest first; the default), `live` or `past`
 * (latest first).
 */
export async function listAmas(ctx: Ctx, actor: Actor, input: AmaListQuery) {
  requireAction(actor, 'content.read');
  const limit = input.limit ?? PAGE;
  const viewer = can(actor, 'ama.manage') ? null : actor.userId;
  const rows = await q.amaPage(ctx.db, actor.orgId, viewer, input.when ?? 'upcoming', limit, decodeAmaCursor(input.cursor));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map((r) => summaryOf(actor, r)), nextCursor: rows.length > limit && last ? encodeAmaCursor(last) : null };
}

/** One AMA with its counts, status and the viewer's abilities. */
export async function getAma(ctx: Ctx, actor: Actor, id: string): Promise<AmaDetail> {
  requireAction(actor, 'content.read');
  return detailOf(actor, await loadVisible(ctx.db, actor, id));
}

/** Schedules an AMA; the scheduler puts it on air at its start and ends it at its end. */
export async function createAma(ctx: Ctx, actor: Actor, input: NewAma): Promise<AmaDetail> {
  requireAction(actor, 'ama.manage');
  const title = requireTitle(input.title);
  const startsAt = new Date(input.startsAt);
  const endsAt = new Date(input.endsAt);
  checkTimes(startsAt, endsAt);
  const description = (input.description ?? '').trim();
  const id = newId();
  await writeAndPublish(ctx, async (trx) => {
    await checkHost(trx, actor.orgId, input.hostId);
    if (input.communityId) {
      await checkCommunity(trx, actor, input.communityId);
    }
    await q.insertAma(trx, {
      id,
      orgId: actor.orgId,
      hostId: input.hostId,
      createdBy: actor.userId,
      communityId: input.communityId ?? null,
      title,
      description,
      descriptionHtml: description ? renderMarkdown(description).html : '',
      startsAt,
      endsAt,
      allowAnonymous: input.allowAnonymous ?? true,
    });
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'ama.created', targetId: id, data: { title } });
    return { result: null, events: await recordEvents(trx, [amaChanged(actor.orgId, id)]) };
  });
  return getAma(ctx, actor, id);
}

/**
 * Changes an AMA that has not ended: its host or those who manage AMAs. Only the latter hand it to
 * another host or move it to another community.
 */
export async function updateAma(ctx: Ctx, actor: Actor, id: string, patch: AmaPatch): Promise<AmaDetail> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadVisible(trx, actor, id, true);
    if (!runs(actor, row)) {
      throw forbidden();
    }
    if (row.status === 'ended') {
      throw conflict('AMA_ENDED', 'This AMA has ended; it can no longer be changed.');
    }
    const changes: q.AmaChanges = {};
    if (patch.title !== undefined) {
      changes.title = requireTitle(patch.title);
    }
    if (patch.description !== undefined) {
      const description = patch.description.trim();
      changes.description = description;
      changes.descriptionHtml = description ? renderMarkdown(description).html : '';
    }
    if (patch.allowAnonymous !== undefined) {
      changes.allowAnonymous = patch.allowAnonymous;
    }
    if (patch.startsAt !== undefined || patch.endsAt !== undefined) {
      const startsAt = patch.startsAt !== undefined ? new Date(patch.startsAt) : row.startsAt;
      const endsAt = patch.endsAt !== undefined ? new Date(patch.endsAt) : row.endsAt;
      checkTimes(startsAt, endsAt);
      changes.startsAt = startsAt;
      changes.endsAt = endsAt;
    }
    if (
      (patch.hostId !== undefined && patch.hostId !== row.hostId) ||
      (patch.communityId !== undefined && patch.communityId !== row.communityId)
    ) {
      requireAction(actor, 'ama.manage');
    }
    if (patch.hostId !== undefined && patch.hostId !== row.hostId) {
      await checkHost(trx, actor.orgId, patch.hostId);
      changes.hostId = patch.hostId;
    }
    if (patch.communityId !== undefined && patch.communityId !== row.communityId) {
      if (patch.communityId !== null) {
        await checkCommunity(trx, actor, patch.communityId);
      }
      changes.communityId = patch.communityId;
    }
    await q.updateAma(trx, actor.orgId, id, changes);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'ama.updated',
      targetId: id,
      data: { fields: Object.keys(changes) },
    });
    return { result: null, events: await recordEvents(trx, [amaChanged(actor.orgId, id)]) };
  });
  return getAma(ctx, actor, id);
}

/**
 * Tells everyone who took part under their name (asked openly, or voted) that the AMA is on air —
 * only those who may still read it. Anonymous askers are not linked to anything, so only their votes
 * can bring them this notification.
 */
async function notifyLive(trx: Transaction<DB>, ama: q.MovedAma, actorId: string | null): Promise<RealtimeEvent[]> {
  const people = await q.participants(trx, ama.orgId, ama.id);
  const readers = await peopleWhoCanRead(trx, ama.orgId, ama.communityId, people);
  return notify(
    trx,
    people
      .filter((id) => readers.has(id))
      .map((userId) => ({
        orgId: ama.orgId,
        userId,
        type: 'ama' as const,
        actorId,
        communityId: ama.communityId,
        data: { variant: 'live', title: ama.title, link: `/amas/${ama.id}` },
      })),
  );
}

/** Puts a scheduled AMA on air now (the host, or those who manage AMAs); one already live stays so. */
export async function startAma(ctx: Ctx, actor: Actor, id: string): Promise<AmaDetail> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadVisible(trx, actor, id, true);
    if (!runs(actor, row)) {
      throw forbidden();
    }
    if (row.status === 'ended') {
      throw conflict('AMA_ENDED', 'This AMA has ended.');
    }
    if (row.status === 'live') {
      return { result: null, events: [] };
    }
    if (row.endsAt.getTime() <= Date.now()) {
      throw conflict('AMA_OVER', 'The end time of this AMA has passed. Move its end first.');
    }
    if (!(await q.markLive(trx, actor.orgId, id))) {
      return { result: null, events: [] };
    }
    const ama = { id, orgId: actor.orgId, title: row.title, communityId: row.communityId };
    const events = await notifyLive(trx, ama, actor.userId);
    return { result: null, events: [...events, ...(await recordEvents(trx, [amaChanged(actor.orgId, id)]))] };
  });
  return getAma(ctx, actor, id);
}

/** Ends an AMA now (the host, or those who manage AMAs); its page stays, answered questions first. */
export async function endAma(ctx: Ctx, actor: Actor, id: string): Promise<AmaDetail> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadVisible(trx, actor, id, true);
    if (!runs(actor, row)) {
      throw forbidden();
    }
    if (!(await q.markEnded(trx, actor.orgId, id, new Date()))) {
      return { result: null, events: [] };
    }
    return { result: null, events: await recordEvents(trx, [amaChanged(actor.orgId, id)]) };
  });
  return getAma(ctx, actor, id);
}

/**
 * The scheduler's run for every organisation: AMAs whose start has come go live (their participants
 * are told), those whose end has come end. Returns the events to publish after commit.
 */
export async function runTick(trx: Transaction<DB>, now: Date): Promise<RealtimeEvent[]> {
  const { started, ended } = await q.tickMoves(trx, now);
  const events: RealtimeEvent[] = [];
  for (const ama of started) {
    events.push(...(await notifyLive(trx, ama, null)));
  }
  events.push(
    ...(await recordEvents(
      trx,
      [...started, ...ended].map((a) => amaChanged(a.orgId, a.id)),
    )),
  );
  return events;
}

// Questions

type QuestionFacts = Pick<q.QuestionRow, 'authorId' | 'anonymous' | 'hiddenAt'>;

/** A question as the viewer sees it; an anonymous one carries no author and is nobody's. */
function questionView(actor: Actor, ama: { hostId: string; status: string }, r: q.QuestionRow): AmaQuestion {
  const mine = !r.anonymous && r.authorId === actor.userId;
  const run = runs(actor, ama);
  return {
    id: r.id,
    amaId: r.amaId,
    author:
      !r.anonymous && r.authorId && r.authorName !== null
        ? { id: r.authorId, name: r.authorName, photoUrl: photoUrl(r.authorId, r.authorPhotoKey) }
        : null,
    anonymous: r.anonymous,
    body: r.body,
    upvoteCount: r.upvoteCount,
    myVote: r.myVote,
    mine,
    answer: r.answer,
    answerHtml: r.answerHtml,
    answeredAt: r.answeredAt,
    createdAt: r.createdAt,
    canVote: ama.status !== 'ended' && !mine && r.hiddenAt === null && can(actor, 'content.write'),
    canAnswer: run && r.hiddenAt === null,
    canHide: run && r.hiddenAt === null,
  };
}

const encodeQuestionCursor = (r: { answeredKey: number; upvoteCount: number; createdAt: Date; id: string }) =>
  Buffer.from(`${r.answeredKey}|${r.upvoteCount}|${r.createdAt.toISOString()}|${r.id}`).toString('base64url');

function decodeQuestionCursor(cursor: string | undefined): q.QuestionAfter | undefined {
  if (!cursor) {
    return undefined;
  }
  const [answered, upvotes, ts, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  const createdAt = new Date(ts ?? '');
  if (
    !/^[01]$/.test(answered ?? '') ||
    !/^-?\d{1,9}$/.test(upvotes ?? '') ||
    Number.isNaN(createdAt.getTime()) ||
    !id ||
    !/^[0-9a-f-]{36}$/.test(id)
  ) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { answered: Number(answered), upvotes: Number(upvotes), createdAt, id };
}

/**
 * An AMA's questions: `top` (most votes first; the default) or `new`, `open`, `answered` or `all`.
 * Once the AMA has ended, `all` lists the answered questions first.
 */
export async function listQuestions(ctx: Ctx, actor: Actor, amaId: string, input: QuestionListQuery) {
  requireAction(actor, 'content.read');
  const ama = await loadVisible(ctx.db, actor, amaId);
  const limit = input.limit ?? PAGE;
  const status = input.status ?? 'all';
  const rows = await q.questionPage(
    ctx.db,
    actor.orgId,
    amaId,
    actor.userId,
    { sort: input.sort ?? 'top', status, answeredFirst: ama.status === 'ended' && status === 'all' },
    limit,
    decodeQuestionCursor(input.cursor),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => questionView(actor, ama, r)),
    nextCursor: rows.length > limit && last ? encodeQuestionCursor(last) : null,
  };
}

/** A question as typed: line endings made one, blank edges trimmed; shown as plain text. */
function questionText(raw: string): string {
  const body = raw.replace(/\r\n?/g, '\n').trim();
  if (!body) {
    throw badRequest('EMPTY_QUESTION', 'Write your question first.');
  }
  return body;
}

/** The start of the minute: all an anonymous question keeps of when it was asked. */
const minuteOf = (now: number) => new Date(Math.floor(now / 60_000) * 60_000);

/**
 * Asks a question while the AMA is scheduled or live. An anonymous question (where the AMA allows
 * it) is stored with no author, a random id and only the minute it was asked, and nothing else is
 * written with it: no audit row, no notification, no log line (the route does not log).
 */
export async function askQuestion(ctx: Ctx, actor: Actor, amaId: string, input: NewQuestion): Promise<AmaQuestion> {
  requireAction(actor, 'content.write');
  const body = questionText(input.body);
  const anonymous = input.anonymous === true;
  const { id, ama } = await writeAndPublish(ctx, async (trx) => {
    const ama = await loadVisible(trx, actor, amaId, true);
    if (ama.status === 'ended') {
      throw conflict('AMA_ENDED', 'This AMA has ended; it no longer takes questions.');
    }
    if (anonymous && !ama.allowAnonymous) {
      throw badRequest('ANONYMOUS_NOT_ALLOWED', 'This AMA does not take anonymous questions.');
    }
    const now = Date.now();
    // A time-ordered id would carry the exact moment; an anonymous question gets a random one.
    const id = anonymous ? randomUUID() : newId();
    await q.insertQuestion(trx, {
      id,
      orgId: actor.orgId,
      amaId,
      authorId: anonymous ? null : actor.userId,
      anonymous,
      body,
      createdAt: anonymous ? minuteOf(now) : new Date(now),
    });
    return { result: { id, ama }, events: await recordEvents(trx, [amaChanged(actor.orgId, amaId)]) };
  });
  const row = await q.questionById(ctx.db, actor.orgId, id, actor.userId);
  if (!row) {
    throw notFound('question');
  }
  return questionView(actor, ama, row);
}

/** A question the actor may see (not hidden, in an AMA they may see), with its AMA's facts; 404 otherwise. */
async function loadQuestion(db: Executor, actor: Actor, id: string, lock = false) {
  const row = await q.questionById(db, actor.orgId, id, actor.userId, lock);
  if (!row) {
    throw notFound('question');
  }
  await loadVisible(db, actor, row.amaId);
  if (row.hiddenAt !== null && !runs(actor, row)) {
    throw notFound('question');
  }
  return row;
}

const isOwn = (actor: Actor, r: QuestionFacts) => !r.anonymous && r.authorId === actor.userId;

/**
 * Votes for a question (`on`) or takes the vote back; idempotent, and counted atomically so that
 * concurrent clicks count once. Not on one's own question, nor on a hidden one, nor after the AMA.
 */
export async function vote(ctx: Ctx, actor: Actor, questionId: string, on: boolean) {
  requireAction(actor, 'content.write');
  return writeAndPublish(ctx, async (trx) => {
    const row = await loadQuestion(trx, actor, questionId);
    if (row.hiddenAt !== null) {
      throw notFound('question');
    }
    if (isOwn(actor, row)) {
      throw badRequest('OWN_QUESTION', 'You cannot vote for your own question.');
    }
    if (row.amaStatus === 'ended') {
      throw conflict('AMA_ENDED', 'This AMA has ended; votes are closed.');
    }
    const result = on
      ? await q.addVote(trx, actor.orgId, questionId, actor.userId)
      : await q.removeVote(trx, actor.orgId, questionId, actor.userId);
    const events = result.changed ? await recordEvents(trx, [amaChanged(actor.orgId, row.amaId)]) : [];
    return { result: { upvoteCount: result.upvoteCount, myVote: on }, events };
  });
}

/**
 * Answers a question (Markdown): the host, or those who manage AMAs. The first answer marks when it
 * was answered and tells the author, when the question was asked under their name.
 */
export async function answerQuestion(ctx: Ctx, actor: Actor, questionId: string, input: { answer: string }): Promise<AmaQuestion> {
  requireAction(actor, 'content.write');
  const answer = input.answer.trim();
  if (!answer) {
    throw badRequest('EMPTY_ANSWER', 'Write the answer first.');
  }
  const ama = await writeAndPublish(ctx, async (trx) => {
    const row = await loadQuestion(trx, actor, questionId, true);
    if (!runs(actor, row)) {
      throw forbidden();
    }
    if (row.hiddenAt !== null) {
      throw notFound('question');
    }
    await q.answerQuestion(trx, actor.orgId, questionId, answer, renderMarkdown(answer).html, new Date());
    const events: RealtimeEvent[] = [];
    if (row.answeredAt === null && !row.anonymous && row.authorId) {
      const readers = await peopleWhoCanRead(trx, actor.orgId, row.communityId, [row.authorId]);
      if (readers.has(row.authorId)) {
        events.push(
          ...(await notify(trx, [
            {
              orgId: actor.orgId,
              userId: row.authorId,
              type: 'ama',
              actorId: actor.userId,
              communityId: row.communityId,
              data: { variant: 'answered', title: row.amaTitle, link: `/amas/${row.amaId}` },
            },
          ])),
        );
      }
    }
    events.push(...(await recordEvents(trx, [amaChanged(actor.orgId, row.amaId)])));
    return { result: { hostId: row.hostId, status: row.amaStatus }, events };
  });
  const row = await q.questionById(ctx.db, actor.orgId, questionId, actor.userId);
  if (!row) {
    throw notFound('question');
  }
  return questionView(actor, ama, row);
}

/** Hides a question from the AMA (the host, or those who manage AMAs); hiding it again changes nothing. */
export async function hideQuestion(ctx: Ctx, actor: Actor, questionId: string): Promise<{ ok: true }> {
  requireAction(actor, 'content.write');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadQuestion(trx, actor, questionId, true);
    if (!runs(actor, row)) {
      throw forbidden();
    }
    if (!(await q.hideQuestion(trx, actor.orgId, questionId, row.amaId, new Date()))) {
      return { result: null, events: [] };
    }
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'ama.question.hidden', targetId: questionId });
    return { result: null, events: await recordEvents(trx, [amaChanged(actor.orgId, row.amaId)]) };
  });
  return { ok: true };
}
