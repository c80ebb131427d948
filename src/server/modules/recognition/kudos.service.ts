import { createHash } from 'node:crypto';
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { can, communityAbilities, requireAction, type Actor } from '../../platform/policy.js';
import { RECOGNITION_LIMITS } from '../../../shared/recognition.js';
import { photoUrl } from '../../../shared/urls.js';
import { attachmentViews, setAttachments } from '../attachments/attachments.service.js';
import { communityFacts, peopleWhoCanRead } from '../communities/communities.access.js';
import { allCompanyId } from '../communities/communities.queries.js';
import { notify } from '../notifications/notifications.service.js';
import { prepareContent, writeAndPublish } from '../posts/posts.content.js';
import { postEvent } from '../posts/posts.moderation.js';
import { addPostHashtags, insertPost } from '../posts/posts.queries.js';
import { awardRuleBadges } from './badges.rules.js';
import { checkRecipientLimit, flagRings } from './kudos.fairness.js';
import * as q from './kudos.queries.js';
import type { FlagView, KudosView, NewKudos } from './kudos.schemas.js';
import { appendEntries, balancesOf, lockPeople, periodOf, resetsAt, spend } from './ledger.js';
import { gamificationFor, recognitionSettings } from './recognition.settings.js';

type Executor = Kysely<DB> | Transaction<DB>;
type PageInput = { cursor?: string | undefined; limit?: number | undefined };

const author = (id: string, r: { name: string; title: string | null; photoKey: string | null }) => ({
  id,
  name: r.name,
  title: r.title,
  photoUrl: photoUrl(id, r.photoKey),
});

/** The read model of kudos, in the order asked; unknown ids are left out. Two queries whatever the number. */
export async function presentKudos(db: Executor, orgId: string, ids: readonly string[]): Promise<KudosView[]> {
  const unique = [...new Set(ids)];
  const [rows, recipients] = await Promise.all([q.kudosRows(db, orgId, unique), q.recipientRows(db, orgId, unique)]);
  const byKudos = new Map<string, KudosView['recipients']>();
  for (const r of recipients) {
    byKudos.set(r.kudosId, [...(byKudos.get(r.kudosId) ?? []), { ...author(r.userId, r), points: r.points }]);
  }
  const views = new Map(
    rows.map((r): [string, KudosView] => [
      r.id,
      {
        id: r.id,
        giver: author(r.giverId, { name: r.giverName, title: r.giverTitle, photoKey: r.giverPhotoKey }),
        recipients: byKudos.get(r.id) ?? [],
        team: r.teamId ? { id: r.teamId, name: r.teamName ?? '' } : null,
        value: r.valueId
          ? { id: r.valueId, name: r.valueName ?? '', description: r.valueDescription ?? '', emoji: r.valueEmoji ?? null }
          : null,
        html: r.html,
        visibility: r.visibility,
        pointsEach: r.pointsEach,
        postId: r.visibility === 'public' ? r.postId : null,
        createdAt: r.createdAt,
      },
    ]),
  );
  return unique.map((id) => views.get(id)).filter((v): v is KudosView => v !== undefined);
}

/** What the giver sent, in a form where the same gift always hashes the same (order of people aside). */
function requestHash(input: NewKudos): string {
  const canonical = {
    recipientIds: [...new Set(input.recipientIds ?? [])].sort(),
    teamId: input.teamId ?? null,
    valueId: input.valueId ?? null,
    message: input.message,
    points: input.points ?? 0,
    visibility: input.visibility ?? 'public',
    communityId: input.communityId ?? null,
    attachmentIds: input.attachmentIds ?? [],
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}

const selfRecognition = () => unprocessable('SELF_RECOGNITION', 'Kudos are for thanking others: you cannot recognise yourself.');
const noRecipients = () => badRequest('NO_RECIPIENTS', 'Choose at least one colleague or a team to thank.');

/**
 * Who a kudos thanks: the people named (active colleagues, never the giver) and the active members of
 * the team, the giver left out; at most RECOGNITION_LIMITS.recipients in all.
 */
async function resolveRecipients(
  trx: Transaction<DB>,
  actor: Actor,
  named: readonly string[],
  teamId: string | undefined,
): Promise<{ ids: string[]; names: Map<string, string>; team: { id: string; name: string } | null }> {
  if (named.includes(actor.userId)) {
    throw selfRecognition();
  }
  const people = await q.peopleStatus(trx, actor.orgId, named);
  if (people.length !== new Set(named).size) {
    throw notFound('person');
  }
  const inactive = people.filter((p) => p.status !== 'active');
  if (inactive.length > 0) {
    throw unprocessable(
      'RECIPIENT_INACTIVE',
      inactive.length === 1 ? `${inactive[0]!.name} is no longer active here.` : 'Some of these people are no longer active here.',
      { ids: inactive.map((p) => p.id) },
    );
  }
  let team: { id: string; name: string } | null = null;
  let members: string[] = [];
  if (teamId) {
    team = (await q.teamById(trx, actor.orgId, teamId)) ?? null;
    if (!team) {
      throw notFound('team');
    }
    const everyone = await q.activeTeamMembers(trx, actor.orgId, teamId);
    members = everyone.filter((id) => id !== actor.userId);
    if (members.length === 0 && named.length === 0) {
      throw everyone.includes(actor.userId) ? selfRecognition() : noRecipients();
    }
  }
  const ids = [...new Set([...named, ...members])];
  if (ids.length === 0) {
    throw noRecipients();
  }
  if (ids.length > RECOGNITION_LIMITS.recipients) {
    throw unprocessable('TOO_MANY_RECIPIENTS', `One kudos can thank at most ${RECOGNITION_LIMITS.recipients} people.`, {
      limit: RECOGNITION_LIMITS.recipients,
      count: ids.length,
    });
  }
  const names = new Map(people.map((p) => [p.id, p.name]));
  return { ids, names, team };
}

/** The company value a kudos is tagged with: an active one of the organisation, required when the company says so. */
async function resolveValue(trx: Transaction<DB>, orgId: string, valueId: string | undefined, required: boolean): Promise<string | null> {
  if (!valueId) {
    if (required) {
      throw unprocessable('VALUE_REQUIRED', 'Choose the company value this kudos recognises.');
    }
    return null;
  }
  const value = await q.valueById(trx, orgId, valueId);
  if (!value) {
    throw notFound('value');
  }
  if (value.archivedAt) {
    throw unprocessable('VALUE_ARCHIVED', 'This company value is no longer in use. Choose another one.');
  }
  return value.id;
}

/** Where a public kudos is posted: the community asked for (one the giver may post in), else All company. */
async function resolveCommunity(trx: Transaction<DB>, actor: Actor, communityId: string | undefined): Promise<string | null> {
  // An organisation without All company (it is created with the organisation) falls back to the giver's profile.
  const id = communityId ?? (await allCompanyId(trx, actor.orgId)) ?? null;
  if (!id) {
    return null;
  }
  const facts = (await communityFacts(trx, actor, [id])).get(id);
  const abilities = facts ? communityAbilities(actor, facts) : undefined;
  if (!facts || !abilities?.canSee) {
    throw notFound('community');
  }
  if (!abilities.canPost) {
    throw forbidden(
      facts.archived ? 'COMMUNITY_ARCHIVED' : 'NOT_A_MEMBER',
      facts.archived ? 'This community is archived: it can no longer be posted in.' : 'Only members can post in this community.',
    );
  }
  return id;
}

/**
 * Gives kudos, in one transaction: the giver is locked (their allowance can only be spent by one gift
 * at a time), a replayed idempotency key answers the first kudos, the rules are checked (recipients,
 * value, points, the per-recipient limit, the allowance), then the kudos, its feed post when public,
 * the ledger entries, the recipients' notifications, the rule badges and the fairness flags are written
 * together. `created` is false for a replay.
 */
export async function giveKudos(
  ctx: Ctx,
  actor: Actor,
  input: NewKudos,
  idempotencyKey?: string,
): Promise<{ created: boolean; kudos: KudosView }> {
  requireAction(actor, 'recognition.give');
  const { orgId, userId: giverId } = actor;
  const named = [...new Set(input.recipientIds ?? [])];
  if (named.length === 0 && !input.teamId) {
    throw noRecipients();
  }
  const visibility = input.visibility ?? 'public';
  const attachmentIds = input.attachmentIds ?? [];
  if (visibility === 'private' && input.communityId) {
    throw badRequest('PRIVATE_KUDOS_COMMUNITY', 'A private kudos is not posted anywhere: leave the community out.');
  }
  if (visibility === 'private' && attachmentIds.length > 0) {
    throw badRequest('PRIVATE_KUDOS_PICTURE', 'A picture can only go with a public kudos.');
  }
  const text = input.message.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
  if (!text.trim()) {
    throw badRequest('EMPTY_MESSAGE', 'Write a few words to say thanks.');
  }
  const content = await prepareContent(ctx.db, actor, text, undefined);
  const hash = requestHash(input);
  const pointsEach = input.points ?? 0;

  const outcome = await writeAndPublish(ctx, async (trx) => {
    await lockPeople(trx, orgId, [giverId]);
    if (idempotencyKey) {
      const prior = await q.kudosByKey(trx, orgId, giverId, idempotencyKey);
      if (prior) {
        if (prior.requestHash !== hash) {
          throw unprocessable('IDEMPOTENCY_MISMATCH', 'This idempotency key was already used for a different kudos.');
        }
        return { result: { id: prior.id, created: false }, events: [] };
      }
    }
    const settings = await recognitionSettings(trx, orgId);
    const recipients = await resolveRecipients(trx, actor, named, input.teamId);
    const valueId = await resolveValue(trx, orgId, input.valueId, settings.requireValue);
    const communityId = visibility === 'public' ? await resolveCommunity(trx, actor, input.communityId) : null;

    const gamification = await gamificationFor(trx, orgId, [giverId, ...recipients.ids]);
    if (pointsEach > 0 && !gamification.get(giverId)) {
      throw unprocessable('GAMIFICATION_OFF', 'Points are switched off for you: send your thanks without points.');
    }
    // People whose points are off still get the thanks, with no points and nothing taken for them.
    const points = new Map(recipients.ids.map((id) => [id, gamification.get(id) ? pointsEach : 0]));
    const total = [...points.values()].reduce((sum, p) => sum + p, 0);
    const now = new Date();
    await checkRecipientLimit(trx, orgId, giverId, points, settings, recipients.names, now);

    const id = newId();
    const postId = visibility === 'public' ? newId() : null;
    if (postId) {
      await insertPost(trx, {
        id: postId,
        orgId,
        authorId: giverId,
        communityId,
        kind: 'kudos',
        body: content.body,
        bodyHtml: content.html,
        lang: content.lang,
        sharedPostId: null,
        createdAt: now,
      });
      await addPostHashtags(trx, orgId, postId, content.hashtags, now);
      if (attachmentIds.length > 0) {
        await setAttachments(trx, actor, { postId }, attachmentIds);
        const attached = (await attachmentViews(trx, orgId, { postIds: [postId] })).get(postId) ?? [];
        if (attached.some((a) => a.kind !== 'image')) {
          throw badRequest('ATTACHMENT_NOT_IMAGE', 'A kudos can carry one picture, not other files.');
        }
      }
    }
    await q.insertKudos(
      trx,
      {
        id,
        orgId,
        giverId,
        postId,
        valueId,
        teamId: recipients.team?.id ?? null,
        message: content.body,
        messageHtml: content.html,
        visibility,
        pointsEach,
        idempotencyKey: idempotencyKey ?? null,
        requestHash: idempotencyKey ? hash : null,
        createdAt: now,
      },
      recipients.ids.map((userId) => ({ userId, points: points.get(userId) ?? 0 })),
    );
    await spend(trx, orgId, giverId, 'allowance', total, { reason: 'kudos_given', kudosId: id });
    await appendEntries(
      trx,
      [...points]
        .filter(([, p]) => p > 0)
        .map(([userId, p]) => ({
          orgId,
          userId,
          account: 'received' as const,
          delta: p,
          period: null,
          reason: 'kudos_received' as const,
          kudosId: id,
        })),
    );

    const events: RealtimeEvent[] = [];
    if (postId) {
      events.push(
        ...(await recordEvents(trx, [postEvent(actor, { id: postId, communityId, authorId: giverId }, 'post.created', content.hashtags)])),
      );
    }
    // A recipient who cannot read the community the kudos went to is still told, without a link to the post.
    const readers = postId ? await peopleWhoCanRead(trx, orgId, communityId, recipients.ids) : new Set<string>();
    events.push(
      ...(await notify(
        trx,
        recipients.ids.map((userId) => ({
          orgId,
          userId,
          type: 'kudos' as const,
          actorId: giverId,
          postId: readers.has(userId) ? postId : null,
          data: { kudosId: id, points: points.get(userId) ?? 0, visibility },
        })),
      )),
    );
    events.push(...(await awardRuleBadges(trx, orgId, [giverId, ...recipients.ids])));
    events.push(
      ...(await flagRings(
        trx,
        orgId,
        giverId,
        [...points].filter(([, p]) => p > 0).map(([userId]) => userId),
        now,
      )),
    );
    return { result: { id, created: true }, events };
  });
  const [kudos] = await presentKudos(ctx.db, orgId, [outcome.id]);
  if (!kudos) {
    throw notFound('kudos');
  }
  return { created: outcome.created, kudos };
}

/** One kudos: public ones for whoever may read their post, private ones for the giver, the recipients and administrators. */
export async function getKudos(ctx: Ctx, actor: Actor, id: string): Promise<KudosView> {
  requireAction(actor, 'recognition.read');
  const readable = can(actor, 'recognition.admin') || (await q.readableKudosIds(ctx.db, actor.orgId, actor.userId, [id])).has(id);
  const [view] = readable ? await presentKudos(ctx.db, actor.orgId, [id]) : [];
  if (!view) {
    throw notFound('kudos');
  }
  return view;
}

/** Kudos a person received or gave, newest first; private ones only for the people they were between. */
export async function personKudos(
  ctx: Ctx,
  actor: Actor,
  personId: string,
  input: PageInput & { direction?: 'received' | 'given' | undefined },
): Promise<{ items: KudosView[]; nextCursor: string | null }> {
  requireAction(actor, 'recognition.read');
  if (!(await q.personExists(ctx.db, actor.orgId, personId))) {
    throw notFound('person');
  }
  const limit = input.limit ?? 20;
  const after = decodeTimeCursor(input.cursor);
  const rows =
    (input.direction ?? 'received') === 'received'
      ? await q.receivedBy(ctx.db, actor.orgId, actor.userId, personId, limit, after)
      : await q.givenBy(ctx.db, actor.orgId, actor.userId, personId, limit, after);
  const { page, nextCursor } = keysetPage(rows, limit);
  return {
    items: await presentKudos(
      ctx.db,
      actor.orgId,
      page.map((r) => r.id),
    ),
    nextCursor,
  };
}

const encodeIdCursor = (id: number) => Buffer.from(`L${id}`).toString('base64url');

function decodeIdCursor(cursor: string | undefined): number | undefined {
  if (!cursor) {
    return undefined;
  }
  const match = /^L(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) {
    throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
  }
  return Number(match[1]);
}

/** The signed-in person's points history (both accounts), newest first. */
export async function pointsHistory(ctx: Ctx, actor: Actor, input: PageInput) {
  requireAction(actor, 'recognition.read');
  const limit = input.limit ?? 20;
  const rows = await q.ledgerPage(ctx.db, actor.orgId, actor.userId, limit, decodeIdCursor(input.cursor));
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({ ...r, id: String(r.id) })),
    nextCursor: rows.length > limit && last ? encodeIdCursor(Number(last.id)) : null,
  };
}

/** What the signed-in person needs to give kudos: their allowance and points, the values, the rules. */
export async function recognitionMe(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'recognition.read');
  const period = periodOf();
  const [gamification, balances, values, settings] = await Promise.all([
    gamificationFor(ctx.db, actor.orgId, [actor.userId]),
    balancesOf(ctx.db, actor.orgId, [actor.userId], period),
    q.activeValues(ctx.db, actor.orgId),
    recognitionSettings(ctx.db, actor.orgId),
  ]);
  const mine = balances.get(actor.userId);
  return {
    gamification: gamification.get(actor.userId) ?? settings.gamification,
    allowance: mine?.allowance ?? { total: 0, given: 0, remaining: 0, period, resetsAt: resetsAt(period) },
    received: mine?.received ?? 0,
    values,
    requireValue: settings.requireValue,
    recipientLimit: { points: settings.recipientLimit, days: settings.recipientLimitDays },
  };
}

async function flagViews(db: Executor, orgId: string, rows: readonly q.FlagRow[]): Promise<FlagView[]> {
  const people = new Map(
    (
      await q.authors(
        db,
        orgId,
        rows.flatMap((r) => r.members),
      )
    ).map((p) => [p.id, p]),
  );
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    members: r.members.map((id) => {
      const p = people.get(id);
      return p ? author(id, p) : { id, name: '', title: null, photoUrl: null };
    }),
    points: r.points,
    kudosCount: r.kudosIds.length,
    status: r.status,
    createdAt: r.createdAt,
    reviewedAt: r.reviewedAt,
    note: r.note,
  }));
}

/** Fairness flags in one status (open by default), newest first: administrators only. */
export async function listFlags(ctx: Ctx, actor: Actor, input: PageInput & { status?: 'open' | 'dismissed' | 'confirmed' | undefined }) {
  requireAction(actor, 'recognition.admin');
  const limit = input.limit ?? 20;
  const rows = await q.flagPage(ctx.db, actor.orgId, input.status ?? 'open', limit, decodeTimeCursor(input.cursor));
  const { page, nextCursor } = keysetPage(rows, limit);
  return { items: await flagViews(ctx.db, actor.orgId, page), nextCursor };
}

/**
 * An administrator's decision on an open flag: dismissed (ordinary teamwork) or confirmed (abuse, dealt
 * with outside the product); audited. Kudos up to the decision no longer count towards flagging the
 * same ring again.
 */
export async function resolveFlag(
  ctx: Ctx,
  actor: Actor,
  id: string,
  input: { status: 'dismissed' | 'confirmed'; note?: string | undefined },
): Promise<FlagView> {
  requireAction(actor, 'recognition.admin');
  const note = input.note?.trim() || null;
  const row = await ctx.db.transaction().execute(async (trx) => {
    const flag = await q.flagById(trx, actor.orgId, id, true);
    if (!flag) {
      throw notFound('flag');
    }
    if (flag.status !== 'open') {
      throw conflict('ALREADY_RESOLVED', 'This flag has already been reviewed.');
    }
    await q.resolveFlag(trx, { orgId: actor.orgId, id, status: input.status, note, reviewedBy: actor.userId });
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'recognition.flag.resolved',
      targetId: id,
      data: { status: input.status, note, members: flag.members, points: flag.points },
    });
    return q.flagById(trx, actor.orgId, id);
  });
  const [view] = await flagViews(ctx.db, actor.orgId, row ? [row] : []);
  if (!view) {
    throw notFound('flag');
  }
  return view;
}
