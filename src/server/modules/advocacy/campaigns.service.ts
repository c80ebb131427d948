import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import type { CampaignDto } from '../../../shared/advocacy.js';
import type { CommsAudience } from '../../../shared/comms.js';
import { checkAudienceIds, isEmptyAudience, parseCommsAudience } from '../comms/audience.js';
import { communityAccess } from '../communities/communities.access.js';
import { readerReach } from './audience-check.js';
import * as q from './campaigns.queries.js';
import type { CampaignListQuery, CampaignPatch, NewCampaign } from './campaigns.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;

const DEFAULT_LIMIT = 20;
const HASHTAG = /^[\p{L}\p{N}_]+$/u;

/** The audience without empty lists, as stored and sent back. */
function cleanAudience(raw: unknown): CommsAudience {
  const p = parseCommsAudience(raw);
  return Object.fromEntries(Object.entries(p).filter(([, v]) => (Array.isArray(v) ? v.length > 0 : v === true)));
}

function toDto(r: q.CampaignRow, progress: q.Progress | undefined): CampaignDto {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    hashtag: r.hashtag,
    goalMetric: r.goalMetric,
    goal: r.goal,
    audience: cleanAudience(r.audience),
    startsAt: r.startsAt?.toISOString() ?? null,
    endsAt: r.endsAt?.toISOString() ?? null,
    archivedAt: r.archivedAt?.toISOString() ?? null,
    progress: progress ?? { shares: 0, clicks: 0, sharers: 0, items: 0 },
    createdAt: r.createdAt.toISOString(),
  };
}

async function present(ctx: Ctx, actor: Actor, rows: q.CampaignRow[]): Promise<CampaignDto[]> {
  const progress = await q.campaignProgress(
    ctx.db,
    actor.orgId,
    rows.map((r) => r.id),
  );
  return rows.map((r) => toDto(r, progress.get(r.id)));
}

/** A hashtag stored with its #, checked: letters, digits and underscores only. Empty means none. */
function cleanHashtag(raw: string | null | undefined): string | null | undefined {
  if (raw === undefined || raw === null) {
    return raw;
  }
  const tag = raw.trim().replace(/^#/, '');
  if (tag === '') {
    return null;
  }
  if (!HASHTAG.test(tag)) {
    throw badRequest('INVALID_HASHTAG', 'A hashtag has only letters, digits and underscores, with no spaces.');
  }
  return `#${tag}`;
}

const dateOf = (v: string | null | undefined): Date | null | undefined => (v === undefined ? undefined : v === null ? null : new Date(v));

function checkDates(startsAt: Date | null, endsAt: Date | null): void {
  if ((startsAt && Number.isNaN(startsAt.getTime())) || (endsAt && Number.isNaN(endsAt.getTime()))) {
    throw badRequest('INVALID_DATES', 'Give the start and end as dates and times.');
  }
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) {
    throw badRequest('INVALID_DATES', 'The end must come after the start.');
  }
}

/**
 * An audience checked: not empty (400 AUDIENCE_EMPTY), every id known (400 AUDIENCE_UNKNOWN), and
 * every community one the manager may read (a secret one they are not in is answered as unknown).
 */
async function checkAudience(db: Executor, actor: Actor, raw: unknown): Promise<CommsAudience> {
  const audience = cleanAudience(raw);
  if (isEmptyAudience(audience)) {
    throw badRequest('AUDIENCE_EMPTY', 'Choose who this campaign is for.');
  }
  await checkAudienceIds(db, actor.orgId, audience);
  const communityIds = audience.communityIds ?? [];
  if (communityIds.length > 0) {
    const access = await communityAccess(db, actor, communityIds);
    if (communityIds.some((id) => !access.get(id)?.canRead)) {
      throw badRequest('AUDIENCE_UNKNOWN', 'The audience names communities that do not exist.', { field: 'communityIds' });
    }
  }
  return audience;
}

/**
 * A campaign the actor may see: communications staff any (archived included), others one not
 * archived whose audience reaches them; 404 otherwise.
 */
async function loadVisible(ctx: Ctx, actor: Actor, id: string): Promise<q.CampaignRow> {
  const row = await q.campaignById(ctx.db, actor.orgId, id);
  if (!row) {
    throw notFound('campaign');
  }
  if (!can(actor, 'advocacy.manage')) {
    const reach = await readerReach(ctx.db, actor.orgId, actor.userId);
    if (!(await q.campaignReaches(ctx.db, actor.orgId, reach, id))) {
      throw notFound('campaign');
    }
  }
  return row;
}

/** Campaigns, newest first: those reaching the reader, or every one for communications staff. */
export async function listCampaigns(ctx: Ctx, actor: Actor, input: CampaignListQuery) {
  requireAction(actor, 'advocacy.share');
  const limit = input.limit ?? DEFAULT_LIMIT;
  const reach = can(actor, 'advocacy.manage') ? null : await readerReach(ctx.db, actor.orgId, actor.userId);
  const rows = await q.campaignPage(
    ctx.db,
    actor.orgId,
    { state: input.state ?? 'current', reach, now: new Date() },
    limit,
    decodeTimeCursor(input.cursor),
  );
  const { page, nextCursor } = keysetPage(rows, limit);
  return { items: await present(ctx, actor, page), nextCursor };
}

/** One campaign with its progress toward the goal. */
export async function getCampaign(ctx: Ctx, actor: Actor, id: string): Promise<CampaignDto> {
  requireAction(actor, 'advocacy.share');
  const row = await loadVisible(ctx, actor, id);
  const [dto] = await present(ctx, actor, [row]);
  return dto!;
}

/** Starts a campaign for an audience. */
export async function createCampaign(ctx: Ctx, actor: Actor, input: NewCampaign): Promise<CampaignDto> {
  requireAction(actor, 'advocacy.manage');
  const startsAt = dateOf(input.startsAt) ?? null;
  const endsAt = dateOf(input.endsAt) ?? null;
  checkDates(startsAt, endsAt);
  const name = input.name.trim();
  if (name === '') {
    throw badRequest('NAME_REQUIRED', 'Give the campaign a name.');
  }
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    const audience = await checkAudience(trx, actor, input.audience);
    await q.insertCampaign(trx, {
      id,
      orgId: actor.orgId,
      name,
      description: (input.description ?? '').trim(),
      hashtag: cleanHashtag(input.hashtag) ?? null,
      goalMetric: input.goalMetric ?? 'shares',
      goal: input.goal ?? null,
      audience,
      startsAt,
      endsAt,
      createdBy: actor.userId,
    });
  });
  return getCampaign(ctx, actor, id);
}

/** Changes a campaign; an archived one stays as it was. */
export async function updateCampaign(ctx: Ctx, actor: Actor, id: string, patch: CampaignPatch): Promise<CampaignDto> {
  requireAction(actor, 'advocacy.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await q.campaignById(trx, actor.orgId, id, true);
    if (!row) {
      throw notFound('campaign');
    }
    if (row.archivedAt) {
      throw conflict('CAMPAIGN_ARCHIVED', 'This campaign is archived and can no longer be changed.');
    }
    const changes: Partial<q.CampaignValues> = {};
    if (patch.name !== undefined) {
      const name = patch.name.trim();
      if (name === '') {
        throw badRequest('NAME_REQUIRED', 'Give the campaign a name.');
      }
      changes.name = name;
    }
    if (patch.description !== undefined) {
      changes.description = patch.description.trim();
    }
    if (patch.hashtag !== undefined) {
      changes.hashtag = cleanHashtag(patch.hashtag) ?? null;
    }
    if (patch.goalMetric !== undefined) {
      changes.goalMetric = patch.goalMetric;
    }
    if (patch.goal !== undefined) {
      changes.goal = patch.goal;
    }
    if (patch.audience !== undefined) {
      changes.audience = await checkAudience(trx, actor, patch.audience);
    }
    const startsAt = patch.startsAt !== undefined ? dateOf(patch.startsAt)! : row.startsAt;
    const endsAt = patch.endsAt !== undefined ? dateOf(patch.endsAt)! : row.endsAt;
    checkDates(startsAt, endsAt);
    if (patch.startsAt !== undefined) {
      changes.startsAt = startsAt;
    }
    if (patch.endsAt !== undefined) {
      changes.endsAt = endsAt;
    }
    await q.updateCampaign(trx, actor.orgId, id, changes);
  });
  return getCampaign(ctx, actor, id);
}

/** Archives a campaign: it and its items leave everyone's lists; shares and clicks stay counted. Idempotent. */
export async function archiveCampaign(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'advocacy.manage');
  const row = await q.campaignById(ctx.db, actor.orgId, id);
  if (!row) {
    throw notFound('campaign');
  }
  await q.archiveCampaign(ctx.db, actor.orgId, id);
  return { ok: true };
}
