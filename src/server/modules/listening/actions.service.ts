import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, encodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { renderMarkdown } from '../../platform/markdown.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import type { ActionScope, ActionStatus } from '../../../shared/listening.js';
import { photoUrl } from '../../../shared/urls.js';
import { notify } from '../notifications/notifications.service.js';
import { writeAndPublish } from '../posts/posts.content.js';
import * as q from './actions.queries.js';
import type { ActionPatch, ActionView, NewAction } from './actions.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

/** People notified per statement when an action is shared, so a company of any size stays within query limits. */
const NOTIFY_BATCH = 1000;

/** HR and administrators manage every action and may speak to any scope; managers their own line. */
const reachOf = (actor: Actor): q.Reach => (can(actor, 'listening.manage') ? { all: true } : { all: false, userId: actor.userId });

const person = (id: string | null, name: string | null, title: string | null, photoKey: string | null) =>
  id && name !== null ? { id, name, title, photoUrl: photoUrl(id, photoKey) } : null;

interface Abilities {
  canEdit: boolean;
  canDelete: boolean;
  canShare: boolean;
}

function toView(r: q.ActionRow, abilities: Abilities): ActionView {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    html: r.descriptionHtml,
    status: r.status,
    dueOn: r.dueOn,
    driver: r.driver,
    owner: person(r.ownerId, r.ownerName, r.ownerTitle, r.ownerPhotoKey),
    survey: r.surveyId && r.surveyTitle !== null ? { id: r.surveyId, title: r.surveyTitle } : null,
    scope: { kind: r.scopeKind, id: r.scopeId, name: r.scopeKind === 'company' ? null : r.scopeName },
    sharedAt: r.sharedAt,
    createdBy: person(r.createdBy, r.creatorName, r.creatorTitle, r.creatorPhotoKey),
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    ...abilities,
  };
}

/**
 * What the reader may do with an action they manage: edit it; delete it when they wrote it (or are HR
 * or an administrator); share it, once, when its audience is one they may speak to.
 */
function abilitiesOf(actor: Actor, r: q.ActionRow): Abilities {
  const all = can(actor, 'listening.manage');
  return {
    canEdit: true,
    canDelete: all || r.createdBy === actor.userId,
    canShare: r.sharedAt === null && (all || (r.scopeKind === 'line' && r.scopeId === actor.userId)),
  };
}

const managedView = (actor: Actor, r: q.ActionRow) => toView(r, abilitiesOf(actor, r));

/** What a person reads of an action shared with them: the same content, no controls. */
const sharedView = (r: q.ActionRow) => toView(r, { canEdit: false, canDelete: false, canShare: false });

/**
 * Checks the scope an action speaks to and returns it as stored. HR and administrators may choose any
 * scope; managers only their own reporting line.
 */
async function resolveScope(
  db: Executor,
  actor: Actor,
  scope: { kind: ActionScope; id?: string | undefined },
): Promise<{ scopeKind: ActionScope; scopeId: string | null }> {
  const anyScope = can(actor, 'listening.manage');
  if (scope.kind === 'company') {
    if (scope.id !== undefined) {
      throw badRequest('SCOPE_ID_NOT_ALLOWED', 'An action for the whole company takes no scope id.');
    }
    if (!anyScope) {
      throw forbidden('SCOPE_NOT_ALLOWED', 'You can share actions with your own team only.');
    }
    return { scopeKind: 'company', scopeId: null };
  }
  if (scope.kind === 'line') {
    const id = scope.id ?? actor.userId;
    if (!anyScope && id !== actor.userId) {
      throw forbidden('SCOPE_NOT_ALLOWED', 'You can share actions with your own team only.');
    }
    if (!(await q.activePerson(db, actor.orgId, id))) {
      throw unprocessable('UNKNOWN_SCOPE', 'This manager is not an active member of the organisation.');
    }
    return { scopeKind: 'line', scopeId: id };
  }
  if (!anyScope) {
    throw forbidden('SCOPE_NOT_ALLOWED', 'You can share actions with your own team only.');
  }
  if (scope.id === undefined) {
    throw badRequest('SCOPE_ID_REQUIRED', `Choose the ${scope.kind} this action is for.`);
  }
  if (!(await q.exists(db, actor.orgId, scope.kind === 'department' ? 'departments' : 'teams', scope.id))) {
    throw unprocessable('UNKNOWN_SCOPE', `This ${scope.kind} does not exist.`);
  }
  return { scopeKind: scope.kind, scopeId: scope.id };
}

async function resolveOwner(db: Executor, orgId: string, ownerId: string): Promise<string> {
  if (!(await q.activePerson(db, orgId, ownerId))) {
    throw unprocessable('UNKNOWN_OWNER', 'The owner must be an active member of the organisation.');
  }
  return ownerId;
}

async function resolveSurvey(db: Executor, orgId: string, surveyId: string | null): Promise<string | null> {
  if (surveyId !== null && !(await q.exists(db, orgId, 'surveys', surveyId))) {
    throw unprocessable('UNKNOWN_SURVEY', 'This survey does not exist.');
  }
  return surveyId;
}

function cleanTitle(title: string): string {
  const clean = title.trim();
  if (!clean) {
    throw badRequest('EMPTY_TITLE', 'Give the action a title.');
  }
  return clean;
}

function describe(text: string): { description: string; descriptionHtml: string } {
  const description = text.trim();
  return { description, descriptionHtml: description ? renderMarkdown(description).html : '' };
}

async function loadManaged(db: Executor, actor: Actor, id: string): Promise<q.ActionRow> {
  const row = await q.managedAction(db, actor.orgId, reachOf(actor), id);
  if (!row) {
    throw notFound('action');
  }
  return row;
}

/**
 * The actions the reader manages, newest first: every action for HR and administrators; for managers
 * the ones they wrote, own, or that speak to their line.
 */
export async function listActions(
  ctx: Ctx,
  actor: Actor,
  input: { status?: ActionStatus | undefined; surveyId?: string | undefined; cursor?: string | undefined; limit?: number | undefined },
) {
  requireAction(actor, 'listening.actions');
  const limit = input.limit ?? 20;
  const rows = await q.managedPage(ctx.db, actor.orgId, reachOf(actor), {
    status: input.status,
    surveyId: input.surveyId,
    limit,
    after: decodeTimeCursor(input.cursor),
  });
  const { page, nextCursor } = keysetPage(rows, limit);
  return { items: page.map((r) => managedView(actor, r)), nextCursor };
}

/** Writes a new action, not yet shared; its owner is the author unless someone else is named. */
export async function createAction(ctx: Ctx, actor: Actor, input: NewAction): Promise<ActionView> {
  requireAction(actor, 'listening.actions');
  const title = cleanTitle(input.title);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const scope = await resolveScope(trx, actor, input.scope);
    const ownerId = await resolveOwner(trx, actor.orgId, input.ownerId ?? actor.userId);
    const surveyId = await resolveSurvey(trx, actor.orgId, input.surveyId ?? null);
    await q.insertAction(trx, {
      id,
      orgId: actor.orgId,
      title,
      ...describe(input.description ?? ''),
      ownerId,
      dueOn: input.dueOn ?? null,
      status: input.status ?? 'planned',
      surveyId,
      driver: input.driver ?? null,
      ...scope,
      createdBy: actor.userId,
    });
  });
  return managedView(actor, await loadManaged(ctx.db, actor, id));
}

/** One action the reader manages. */
export async function getAction(ctx: Ctx, actor: Actor, id: string): Promise<ActionView> {
  requireAction(actor, 'listening.actions');
  return managedView(actor, await loadManaged(ctx.db, actor, id));
}

/** Changes an action the reader manages. Its scope can change only until it is shared. */
export async function updateAction(ctx: Ctx, actor: Actor, id: string, patch: ActionPatch): Promise<ActionView> {
  requireAction(actor, 'listening.actions');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadManaged(trx, actor, id);
    const changes: q.ActionChanges = {};
    if (patch.title !== undefined) {
      changes.title = cleanTitle(patch.title);
    }
    if (patch.description !== undefined) {
      Object.assign(changes, describe(patch.description));
    }
    if (patch.ownerId !== undefined) {
      changes.ownerId = await resolveOwner(trx, actor.orgId, patch.ownerId);
    }
    if (patch.dueOn !== undefined) {
      changes.dueOn = patch.dueOn;
    }
    if (patch.status !== undefined) {
      changes.status = patch.status;
    }
    if (patch.surveyId !== undefined) {
      changes.surveyId = await resolveSurvey(trx, actor.orgId, patch.surveyId);
    }
    if (patch.driver !== undefined) {
      changes.driver = patch.driver;
    }
    // The form sends the scope back unchanged: only a different one is checked (a manager may own an
    // action HR addressed to the company).
    const scope = patch.scope;
    const sameScope =
      scope !== undefined && scope.kind === row.scopeKind && (scope.id ?? (scope.kind === 'line' ? actor.userId : null)) === row.scopeId;
    if (scope !== undefined && !sameScope) {
      if (row.sharedAt !== null) {
        throw conflict('ACTION_SHARED', 'This action is already shared: its audience can no longer change.');
      }
      Object.assign(changes, await resolveScope(trx, actor, scope));
    }
    await q.updateAction(trx, actor.orgId, id, changes);
  });
  return managedView(actor, await loadManaged(ctx.db, actor, id));
}

/** Deletes an action: its author, HR or an administrator. */
export async function deleteAction(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'listening.actions');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await loadManaged(trx, actor, id);
    if (!abilitiesOf(actor, row).canDelete) {
      throw forbidden('NOT_ACTION_AUTHOR', 'Only the person who wrote this action, HR or an administrator can delete it.');
    }
    await q.deleteAction(trx, actor.orgId, id);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.action.deleted',
      targetId: id,
      data: { title: row.title, shared: row.sharedAt !== null },
    });
  });
  return { ok: true };
}

/**
 * Shares an action with the people of its scope, once: it appears in their list of shared actions and
 * each is notified, written in batches within the same transaction.
 */
export async function shareAction(ctx: Ctx, actor: Actor, id: string): Promise<ActionView> {
  requireAction(actor, 'listening.actions');
  await writeAndPublish(ctx, async (trx) => {
    const row = await loadManaged(trx, actor, id);
    if (row.sharedAt !== null) {
      throw conflict('ALREADY_SHARED', 'This action has already been shared.');
    }
    // A manager may own an action whose audience only HR could choose: sharing it stays with them.
    if (!abilitiesOf(actor, row).canShare) {
      throw forbidden('SCOPE_NOT_ALLOWED', 'You can share actions with your own team only.');
    }
    const now = new Date();
    if (!(await q.markShared(trx, actor.orgId, id, now))) {
      throw conflict('ALREADY_SHARED', 'This action has already been shared.');
    }
    const people = await q.peopleInScope(trx, actor.orgId, row.scopeKind, row.scopeId);
    const events: RealtimeEvent[] = [];
    for (let i = 0; i < people.length; i += NOTIFY_BATCH) {
      events.push(
        ...(await notify(
          trx,
          people.slice(i, i + NOTIFY_BATCH).map((userId) => ({
            orgId: actor.orgId,
            userId,
            type: 'listening_action' as const,
            actorId: actor.userId,
            data: { actionId: id, title: row.title },
          })),
        )),
      );
    }
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.action.shared',
      targetId: id,
      data: { scope: row.scopeKind, scopeId: row.scopeId, people: people.length },
    });
    return { result: null, events };
  });
  return managedView(actor, await loadManaged(ctx.db, actor, id));
}

/** The actions shared with the groups the reader belongs to, most recently shared first. */
export async function sharedActions(ctx: Ctx, actor: Actor, input: { cursor?: string | undefined; limit?: number | undefined }) {
  requireAction(actor, 'listening.respond');
  const limit = input.limit ?? 20;
  const rows = await q.sharedWithPage(ctx.db, actor.orgId, actor.userId, limit, decodeTimeCursor(input.cursor));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(sharedView),
    nextCursor: rows.length > limit && last?.sharedAt ? encodeTimeCursor({ createdAt: last.sharedAt, id: last.id }) : null,
  };
}
