import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { badRequest, conflict, notFound, unprocessable } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import type { FollowupStatus } from '../../../shared/customers.js';
import { notify } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import * as fq from './feedback.queries.js';
import { presentFeedback } from './feedback.service.js';
import * as q from './followups.queries.js';
import type { Followup, FollowupDetail, FollowupListQuery, FollowupPatch } from './followups.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** Where each status may go: forward (a follow-up may be closed straight away), or back to open. */
const MOVES: Record<FollowupStatus, readonly FollowupStatus[]> = {
  open: ['in_progress', 'done'],
  in_progress: ['done', 'open'],
  done: ['open'],
};

/** Today's date in UTC, YYYY-MM-DD, which due days are compared with. */
const todayUtc = () => new Date().toISOString().slice(0, 10);

/**
 * A note as plain text: HTML comments, scripts and styles (with their content) and every tag are taken
 * out. What remains is shown as text, never as markup.
 */
export function plainText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?(?:-->|$)/g, '')
    .replace(/<(script|style)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '')
    .replace(/<\/?[a-z][^>]*>/gi, '')
    .replace(/\r\n?/g, '\n')
    .trim();
}

const encodeCursor = (r: { dueOn: string; id: string }) => Buffer.from(`${r.dueOn}|${r.id}`).toString('base64url');

function decodeCursor(cursor: string | undefined): q.FollowupAfter {
  if (!cursor) {
    return undefined;
  }
  const [dueOn, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!dueOn || !/^\d{4}-\d{2}-\d{2}$/.test(dueOn) || !id || !/^[0-9a-f-]{36}$/.test(id)) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return { dueOn, id };
}

/** Who may see a follow-up: whoever reads customer data, and its owner. */
const readable = (actor: Actor, row: q.FollowupRow) =>
  can(actor, 'customers.read') || can(actor, 'customers.followup', row.ownerId ?? undefined);

const named = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);

/** Follow-ups with their answers, in the order given; the answers are loaded for the whole page at once. */
async function present(db: Executor, orgId: string, rows: readonly q.FollowupRow[]): Promise<Followup[]> {
  const answers = await presentFeedback(
    db,
    orgId,
    await fq.feedbackByIds(
      db,
      orgId,
      rows.map((r) => r.feedbackId),
    ),
    { followups: false },
  );
  const byId = new Map(answers.map(({ followup: _followup, ...answer }) => [answer.id, answer]));
  const today = todayUtc();
  return rows.flatMap((r) => {
    const feedback = byId.get(r.feedbackId);
    return feedback
      ? [
          {
            id: r.id,
            status: r.status,
            dueOn: r.dueOn,
            owner: named(r.ownerId, r.ownerName),
            team: named(r.teamId, r.teamName),
            account: named(r.accountId, r.accountName),
            feedback,
            createdAt: r.createdAt,
            closedAt: r.closedAt,
            overdue: r.status !== 'done' && r.dueOn < today,
          },
        ]
      : [];
  });
}

async function detailOf(db: Executor, orgId: string, row: q.FollowupRow): Promise<FollowupDetail> {
  const [[view], notes] = await Promise.all([present(db, orgId, [row]), q.notesOf(db, orgId, row.id)]);
  if (!view) {
    throw notFound('follow-up');
  }
  return {
    ...view,
    notes: notes.map((n) => ({ id: n.id, author: named(n.authorId, n.authorName), body: n.body, createdAt: n.createdAt })),
  };
}

/** A follow-up the reader may see, locked when they are about to change it; 404 otherwise. */
async function loadReadable(db: Executor, actor: Actor, id: string, lock = false): Promise<q.FollowupRow> {
  const row = await q.followupById(db, actor.orgId, id, lock);
  if (!row || !readable(actor, row)) {
    throw notFound('follow-up');
  }
  return row;
}

/**
 * Follow-ups by due day, soonest first: everyone's for people who read customer data, filtered by
 * status, team or owner; people without that access may list only their own (`mine`).
 */
export async function listFollowups(ctx: Ctx, actor: Actor, input: FollowupListQuery) {
  if (input.mine === true) {
    requireAction(actor, 'customers.followup', actor.userId);
  } else {
    requireAction(actor, 'customers.read');
  }
  const limit = input.limit ?? 20;
  const rows = await q.followupPage(
    ctx.db,
    actor.orgId,
    { status: input.status, teamId: input.teamId, ownerId: input.mine === true ? actor.userId : undefined },
    limit,
    decodeCursor(input.cursor),
  );
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: await present(ctx.db, actor.orgId, page),
    nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
  };
}

/** One follow-up with its notes. */
export async function getFollowup(ctx: Ctx, actor: Actor, id: string): Promise<FollowupDetail> {
  return detailOf(ctx.db, actor.orgId, await loadReadable(ctx.db, actor, id));
}

/**
 * Changes a follow-up's status (open → in progress → done, and back to open), owner or due day. Closing
 * it records when; reopening clears that. A new owner must be an active member of the organisation and is
 * notified.
 */
export async function updateFollowup(ctx: Ctx, actor: Actor, id: string, patch: FollowupPatch): Promise<FollowupDetail> {
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadReadable(trx, actor, id, true);
    requireAction(actor, 'customers.followup', row.ownerId ?? undefined);
    const changes: q.FollowupChanges = {};
    if (patch.status !== undefined && patch.status !== row.status) {
      if (!MOVES[row.status].includes(patch.status)) {
        const words = (status: FollowupStatus) => status.replace('_', ' ');
        throw conflict('INVALID_TRANSITION', `A follow-up that is ${words(row.status)} cannot become ${words(patch.status)}.`, {
          from: row.status,
          to: patch.status,
        });
      }
      changes.status = patch.status;
      changes.closedAt = patch.status === 'done' ? new Date() : null;
    }
    if (patch.dueOn !== undefined && patch.dueOn !== row.dueOn) {
      changes.dueOn = patch.dueOn;
    }
    const newOwner = patch.ownerId !== undefined && patch.ownerId !== row.ownerId ? patch.ownerId : undefined;
    if (newOwner !== undefined) {
      if (newOwner !== null && !(await fq.isActivePerson(trx, actor.orgId, newOwner))) {
        throw unprocessable('UNKNOWN_OWNER', 'The owner must be an active member of the organisation.');
      }
      changes.ownerId = newOwner;
    }
    if (Object.keys(changes).length === 0) {
      return { result: null, events: [] };
    }
    await q.updateFollowup(trx, actor.orgId, id, changes);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'customers.followup.updated',
      targetId: id,
      data: { ...changes },
    });
    const events: RealtimeEvent[] = newOwner
      ? await notify(trx, [
          {
            orgId: actor.orgId,
            userId: newOwner,
            type: 'customer_followup',
            actorId: actor.userId,
            data: { followupId: id, feedbackId: row.feedbackId, accountName: row.accountName },
          },
        ])
      : [];
    return { result: null, events };
  });
  // Read again without the access check: someone who just handed their follow-up on still sees the result.
  const row = await q.followupById(ctx.db, actor.orgId, id);
  if (!row) {
    throw notFound('follow-up');
  }
  return detailOf(ctx.db, actor.orgId, row);
}

/** Adds a note (plain text) to a follow-up. */
export async function addNote(ctx: Ctx, actor: Actor, id: string, input: { body: string }): Promise<FollowupDetail> {
  const body = plainText(input.body);
  if (!body) {
    throw badRequest('EMPTY_NOTE', 'Write something in the note.');
  }
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadReadable(trx, actor, id, true);
    requireAction(actor, 'customers.followup', row.ownerId ?? undefined);
    await q.insertNote(trx, { id: newId(), orgId: actor.orgId, followupId: id, authorId: actor.userId, body });
  });
  return getFollowup(ctx, actor, id);
}
