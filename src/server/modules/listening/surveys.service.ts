import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { decodeTimeCursor, keysetPage } from '../../platform/cursor.js';
import { badRequest, conflict, forbidden, notFound, unprocessable } from '../../platform/errors.js';
import type { RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { BANK_BY_KEY, DRIVERS, QUESTION_BANK, type BankQuestion } from '../../../shared/listening.js';
import { photoUrl } from '../../../shared/urls.js';
import { lockListeningSettings, listeningSettings, saveListeningSettings, type ListeningSettings } from './listening.settings.js';
import { audiencePeople, closeRounds, openRound, parseAudience, type SurveyAudience } from './rounds.js';
import { notifyRound } from './surveys.notify.js';
import * as q from './surveys.queries.js';
import { audienceEmpty, checkShape, normaliseAudience, normaliseQuestions, type QuestionState, type SurveyState } from './surveys.rules.js';
import { roundClosesAt } from './surveys.schedule.js';
import type {
  AudienceInput,
  NewSurvey,
  QuestionView,
  RoundView,
  SettingsInput,
  SettingsView,
  SurveyDetail,
  SurveyPatch,
  SurveyQuery,
  SurveySummary,
} from './surveys.schemas.js';

type Executor = Kysely<DB> | Transaction<DB>;
type Lang = 'en' | 'it';

const langOf = (locale: string): Lang => (locale.toLowerCase().startsWith('it') ? 'it' : 'en');
const manages = (actor: Actor) => can(actor, 'listening.manage');

/** A question's text in a language: the bank's wording for bank questions, else its own. */
export function questionText(q: { bankKey: string | null; text: string }, lang: Lang): string {
  const bank = q.bankKey ? BANK_BY_KEY.get(q.bankKey) : undefined;
  return bank ? bank[lang] : q.text;
}

async function viewerLang(db: Executor, actor: Actor): Promise<Lang> {
  return langOf(await q.localeOf(db, actor.orgId, actor.userId));
}

const author = (id: string | null, name: string | null, title: string | null, photoKey: string | null) =>
  id && name !== null ? { id, name, title, photoUrl: photoUrl(id, photoKey) } : null;

// --- Settings ---------------------------------------------------------------------------------------

async function settingsView(db: Executor, orgId: string, s: ListeningSettings): Promise<SettingsView> {
  const names = await q.namesOf(db, orgId, { departmentIds: [], teamIds: [], locationIds: [], userIds: s.leadershipIds });
  return {
    threshold: s.threshold,
    commentThreshold: s.commentThreshold,
    leadershipIds: s.leadershipIds,
    leadership: names.people.map((p) => author(p.id, p.name, p.title, p.photoKey)!),
  };
}

/** The organisation's listening settings. */
export async function getSettings(ctx: Ctx, actor: Actor): Promise<SettingsView> {
  requireAction(actor, 'listening.manage');
  return settingsView(ctx.db, actor.orgId, await listeningSettings(ctx.db, actor.orgId));
}

/** Changes the listening settings; the change, before and after, goes to the audit log. */
export async function updateSettings(ctx: Ctx, actor: Actor, input: SettingsInput): Promise<SettingsView> {
  requireAction(actor, 'listening.manage');
  if (input.commentThreshold < input.threshold) {
    throw badRequest(
      'COMMENT_THRESHOLD_BELOW_THRESHOLD',
      'Comments need at least as many answers as the other results: raise the comment threshold to the threshold or more.',
    );
  }
  const leaders = [...new Set(input.leadershipIds)];
  const active = await q.activePeople(ctx.db, actor.orgId, leaders);
  const unknown = leaders.filter((id) => !active.has(id));
  if (unknown.length > 0) {
    throw unprocessable('LEADER_UNKNOWN', 'Some of the leadership team are not active people of the organisation.', { ids: unknown });
  }
  const next: ListeningSettings = { threshold: input.threshold, commentThreshold: input.commentThreshold, leadershipIds: leaders };
  await ctx.db.transaction().execute(async (trx) => {
    const before = await lockListeningSettings(trx, actor.orgId);
    await saveListeningSettings(trx, actor.orgId, next);
    await audit(trx, { orgId: actor.orgId, actorId: actor.userId, action: 'listening.settings.updated', data: { before, after: next } });
  });
  return settingsView(ctx.db, actor.orgId, next);
}

// --- The question bank -------------------------------------------------------------------------------

/** The question bank, with each question's text in the viewer's language. */
export async function bank(ctx: Ctx, actor: Actor) {
  requireAction(actor, 'listening.checkin');
  const lang = await viewerLang(ctx.db, actor);
  return {
    drivers: [...DRIVERS],
    questions: QUESTION_BANK.map((b: BankQuestion) => ({ ...b, text: b[lang] })),
  };
}

// --- Presenting ------------------------------------------------------------------------------------

/** A round as lists show it: the number who answered only where enough were invited. */
function roundView(r: q.RoundRow): RoundView {
  return {
    id: r.id,
    number: r.number,
    opensAt: r.opensAt,
    closesAt: r.closesAt,
    status: r.status,
    invited: r.invited,
    responses: r.invited >= r.threshold ? r.responses : null,
    questions: r.questions,
    threshold: r.threshold,
  };
}

function summaryOf(actor: Actor, row: q.SurveyListRow, round: q.RoundRow | undefined): SurveySummary {
  const manage = manages(actor);
  const own = row.kind === 'checkin' && row.createdBy === actor.userId;
  const live = row.status === 'scheduled' || row.status === 'running';
  const current = round ? roundView(round) : null;
  return {
    id: row.id,
    kind: row.kind,
    title: row.title,
    anonymity: row.anonymity,
    status: row.status,
    recurrence: row.recurrence,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    threshold: row.threshold,
    commentThreshold: row.commentThreshold,
    createdAt: row.createdAt,
    createdBy: author(row.createdBy, row.creatorName, row.creatorTitle, row.creatorPhotoKey),
    currentRound: current
      ? {
          id: current.id,
          number: current.number,
          opensAt: current.opensAt,
          closesAt: current.closesAt,
          status: current.status,
          invited: current.invited,
          responses: current.responses,
        }
      : null,
    canEdit: manage && row.kind !== 'checkin' && row.status !== 'ended',
    canSchedule: manage && row.status === 'draft',
    canEnd: (manage || own) && live,
    canDelete: manage && row.status === 'draft',
    canSeeResults: can(actor, 'listening.results') && round !== undefined,
  };
}

/**
 * The survey, when the actor may handle it: any of the organisation's for HR and administrators, their
 * own check-ins for managers; 404 otherwise.
 */
async function visibleSurvey(db: Executor, actor: Actor, id: string, lock = false): Promise<q.SurveyListRow> {
  requireAction(actor, 'listening.checkin');
  const row = await q.surveyById(db, actor.orgId, id, lock);
  if (!row || (!manages(actor) && !(row.kind === 'checkin' && row.createdBy === actor.userId))) {
    throw notFound('survey');
  }
  return row;
}

async function detailOf(db: Executor, actor: Actor, row: q.SurveyListRow): Promise<SurveyDetail> {
  const audience = parseAudience(row.audience);
  const [rounds, questions, names, lang] = await Promise.all([
    q.latestRounds(db, [row.id]),
    q.questionsOf(db, [row.id]),
    q.namesOf(db, row.orgId, {
      departmentIds: audience.departmentIds ?? [],
      teamIds: audience.teamIds ?? [],
      locationIds: audience.locationIds ?? [],
      userIds: audience.lineOf ?? [],
    }),
    viewerLang(db, actor),
  ]);
  const round = rounds.get(row.id);
  return {
    ...summaryOf(actor, row, round),
    intro: row.intro,
    audience: audience.all
      ? { all: true }
      : { departmentIds: audience.departmentIds, teamIds: audience.teamIds, locationIds: audience.locationIds, lineOf: audience.lineOf },
    audienceLabels: {
      departments: names.departments,
      teams: names.teams,
      locations: names.locations,
      lineOf: names.people.map((p) => author(p.id, p.name, p.title, p.photoKey)!),
    },
    rotateCount: row.rotateCount,
    roundDays: row.roundDays,
    reminderDays: row.reminderDays,
    questions: (questions.get(row.id) ?? []).map((x): QuestionView => ({
      id: x.id,
      position: x.position,
      kind: x.kind,
      driver: x.driver,
      bankKey: x.bankKey,
      text: questionText(x, lang),
      options: x.options,
      required: x.required,
      pool: x.pool,
    })),
    questionsLocked: round !== undefined,
  };
}

// --- Reading ---------------------------------------------------------------------------------------

/**
 * Surveys, pulses and check-ins, newest first: all of them for HR and administrators, one's own
 * check-ins for managers. Each with its current round; two queries per page.
 */
export async function listSurveys(ctx: Ctx, actor: Actor, input: SurveyQuery) {
  requireAction(actor, 'listening.checkin');
  const limit = input.limit ?? 20;
  const own = !manages(actor);
  if (own && input.kind && input.kind !== 'checkin') {
    return { items: [], nextCursor: null };
  }
  const rows = await q.surveyPage(ctx.db, actor.orgId, {
    kind: input.kind,
    status: input.status,
    ownCheckinsOf: own ? actor.userId : undefined,
    after: decodeTimeCursor(input.cursor),
    limit,
  });
  const { page, nextCursor } = keysetPage(rows, limit);
  const rounds = await q.latestRounds(
    ctx.db,
    page.map((r) => r.id),
  );
  return { items: page.map((r) => summaryOf(actor, r, rounds.get(r.id))), nextCursor };
}

/** One survey with its questions (in the viewer's language), audience and current round. */
export async function getSurvey(ctx: Ctx, actor: Actor, id: string): Promise<SurveyDetail> {
  const row = await visibleSurvey(ctx.db, actor, id);
  return detailOf(ctx.db, actor, row);
}

/** A survey's rounds, newest first, with how many were invited and (where enough were) how many answered. */
export async function listRounds(ctx: Ctx, actor: Actor, id: string, input: { cursor?: string | undefined; limit?: number | undefined }) {
  await visibleSurvey(ctx.db, actor, id);
  const limit = input.limit ?? 20;
  let before: number | undefined;
  if (input.cursor !== undefined) {
    before = Number(input.cursor);
    if (!Number.isInteger(before) || before < 1) {
      throw badRequest('INVALID_CURSOR', 'The page cursor is not valid.');
    }
  }
  const rows = await q.roundPage(ctx.db, id, before, limit);
  const page = rows.slice(0, limit);
  return { items: page.map(roundView), nextCursor: rows.length > limit ? String(page.at(-1)!.number) : null };
}

// --- Audiences -------------------------------------------------------------------------------------

/** Refuses an audience naming departments, teams, locations or managers the organisation does not have. */
export async function checkAudienceIds(db: Executor, orgId: string, a: SurveyAudience): Promise<void> {
  const found = await q.existingIds(db, orgId, {
    departmentIds: a.departmentIds ?? [],
    teamIds: a.teamIds ?? [],
    locationIds: a.locationIds ?? [],
    userIds: a.lineOf ?? [],
  });
  const missing = {
    departmentIds: (a.departmentIds ?? []).filter((id) => !found.departments.has(id)),
    teamIds: (a.teamIds ?? []).filter((id) => !found.teams.has(id)),
    locationIds: (a.locationIds ?? []).filter((id) => !found.locations.has(id)),
    lineOf: (a.lineOf ?? []).filter((id) => !found.users.has(id)),
  };
  if (Object.values(missing).some((l) => l.length > 0)) {
    throw unprocessable('AUDIENCE_UNKNOWN', 'Some departments, teams, locations or managers of this audience do not exist.', missing);
  }
}

/** Whether the audience is a plain manager's own line, the only one they may ask. */
export function isOwnLine(a: SurveyAudience, userId: string): boolean {
  return (
    !a.all && !a.departmentIds?.length && !a.teamIds?.length && !a.locationIds?.length && a.lineOf?.length === 1 && a.lineOf[0] === userId
  );
}

export const ownLineOnly = () => forbidden('CHECKIN_LINE_ONLY', 'You can ask only the people who report to you.');

/** How many people an audience invites now, and the organisation's threshold. Managers may only preview their own reporting line. */
export async function previewAudience(ctx: Ctx, actor: Actor, input: AudienceInput): Promise<{ invited: number; threshold: number }> {
  requireAction(actor, 'listening.checkin');
  const audience = normaliseAudience(input);
  if (!manages(actor) && !isOwnLine(audience, actor.userId)) {
    throw ownLineOnly();
  }
  const { threshold } = await listeningSettings(ctx.db, actor.orgId);
  if (audienceEmpty(audience)) {
    return { invited: 0, threshold };
  }
  await checkAudienceIds(ctx.db, actor.orgId, audience);
  return { invited: (await audiencePeople(ctx.db, actor.orgId, audience)).length, threshold };
}

// --- Building --------------------------------------------------------------------------------------

function stateOf(row: q.SurveyRow): SurveyState {
  return {
    kind: row.kind,
    title: row.title,
    intro: row.intro,
    anonymity: row.anonymity,
    threshold: row.threshold,
    commentThreshold: row.commentThreshold,
    audience: parseAudience(row.audience),
    recurrence: row.recurrence,
    rotateCount: row.rotateCount,
    startsAt: row.startsAt,
    roundDays: row.roundDays,
    endsAt: row.endsAt,
    reminderDays: row.reminderDays,
  };
}

const dateOf = (v: string | null | undefined, current: Date | null): Date | null =>
  v === undefined ? current : v === null ? null : new Date(v);

const belowMinimum = (s: ListeningSettings) =>
  unprocessable(
    'THRESHOLD_BELOW_MINIMUM',
    `The organisation's anonymity threshold is ${s.threshold}: a survey may not report on smaller groups.`,
    { minimum: s.threshold },
  );

/**
 * Checks that a survey can run (422 with the reason when not): questions to ask in every round, a
 * threshold no lower than the organisation's, an audience that names someone, enough people invited
 * for results ever to be shown (unless answers are attributed), an end still to come.
 */
export async function checkReady(
  db: Executor,
  orgId: string,
  s: SurveyState,
  questions: readonly Pick<QuestionState, 'pool'>[],
  settings: ListeningSettings,
  now: Date,
): Promise<number> {
  if (questions.length === 0) {
    throw unprocessable('NO_QUESTIONS', 'Add at least one question before scheduling the survey.');
  }
  const pool = questions.filter((x) => x.pool).length;
  if (pool > 0 && s.rotateCount === 0) {
    throw unprocessable('ROTATION_COUNT_REQUIRED', 'Choose how many rotating questions each round asks, or take them out of the pool.');
  }
  if (s.threshold < settings.threshold) {
    throw belowMinimum(settings);
  }
  if (s.endsAt && s.endsAt.getTime() <= now.getTime()) {
    throw unprocessable('ENDS_IN_PAST', 'The end of this survey has already passed: choose a later one.');
  }
  if (audienceEmpty(s.audience)) {
    throw unprocessable('AUDIENCE_EMPTY', 'Choose who the survey asks.');
  }
  const invited = (await audiencePeople(db, orgId, s.audience)).length;
  if (invited === 0) {
    throw unprocessable('AUDIENCE_EMPTY', 'Nobody matches this audience: choose who the survey asks.', { invited });
  }
  if (s.anonymity !== 'attributed' && invited < s.threshold) {
    throw unprocessable(
      'AUDIENCE_TOO_SMALL',
      `Only ${invited} ${invited === 1 ? 'person would be' : 'people would be'} invited, fewer than the anonymity threshold of ${s.threshold}: results could never be shown. Widen the audience, or make the survey attributed.`,
      { invited, threshold: s.threshold },
    );
  }
  return invited;
}

async function publish(ctx: Ctx, events: readonly RealtimeEvent[]): Promise<void> {
  if (events.length === 0) {
    return;
  }
  try {
    await ctx.bus.publish(events);
  } catch (err) {
    ctx.log.warn({ err }, 'realtime publish failed');
  }
}

/** Opens the survey's next round at `now` and notifies everyone invited; returns the events to publish. */
export async function openNow(trx: Transaction<DB>, survey: q.SurveyRow, now: Date): Promise<RealtimeEvent[]> {
  const closesAt = roundClosesAt(survey.recurrence, now, survey.roundDays, survey.endsAt);
  const round = await openRound(trx, survey.id, now, closesAt);
  return notifyRound(trx, survey, round.roundId, round.userIds, false);
}

/** Creates a draft survey or pulse. */
export async function createSurvey(ctx: Ctx, actor: Actor, input: NewSurvey): Promise<SurveyDetail> {
  requireAction(actor, 'listening.manage');
  const settings = await listeningSettings(ctx.db, actor.orgId);
  const threshold = input.threshold ?? settings.threshold;
  const state: SurveyState = {
    kind: input.kind,
    title: input.title.trim(),
    intro: (input.intro ?? '').trim(),
    anonymity: input.anonymity ?? 'anonymous',
    threshold,
    commentThreshold: input.commentThreshold ?? Math.max(threshold, settings.commentThreshold),
    audience: normaliseAudience(input.audience ?? { all: true }),
    recurrence: input.recurrence ?? 'none',
    rotateCount: input.rotateCount ?? 0,
    startsAt: dateOf(input.startsAt, null),
    roundDays: input.roundDays ?? 7,
    endsAt: dateOf(input.endsAt, null),
    reminderDays: input.reminderDays ?? [],
  };
  checkShape(state);
  if (state.threshold < settings.threshold) {
    throw belowMinimum(settings);
  }
  const questions = normaliseQuestions(state.kind, input.questions ?? []);
  await checkAudienceIds(ctx.db, actor.orgId, state.audience);
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await q.insertSurvey(trx, { id, orgId: actor.orgId, createdBy: actor.userId, status: 'draft', state });
    await q.replaceQuestions(
      trx,
      id,
      questions.map((x) => ({ ...x, id: newId() })),
    );
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.survey.created',
      targetId: id,
      data: { kind: state.kind, title: state.title, threshold: state.threshold, commentThreshold: state.commentThreshold },
    });
  });
  return getSurvey(ctx, actor, id);
}

/** What may change once a survey has started. */
const LIVE_FIELDS: ReadonlySet<string> = new Set(['title', 'intro', 'endsAt', 'reminderDays', 'threshold', 'commentThreshold']);

/**
 * Changes a survey. A draft (or a scheduled survey not yet started) changes freely, questions included;
 * a scheduled one must stay ready to run. Once running: only the title, introduction, end and reminders,
 * and the thresholds — raised, never lowered. Questions are frozen once a round has opened. Every
 * threshold change goes to the audit log with its before and after.
 */
export async function updateSurvey(ctx: Ctx, actor: Actor, id: string, patch: SurveyPatch): Promise<SurveyDetail> {
  requireAction(actor, 'listening.manage');
  const now = new Date();
  await ctx.db.transaction().execute(async (trx) => {
    const row = await visibleSurvey(trx, actor, id, true);
    if (row.status === 'ended') {
      throw conflict('SURVEY_ENDED', 'This survey has ended: it can no longer change.');
    }
    const started = row.status === 'running' || (await q.hasRounds(trx, id));
    const given = Object.entries(patch)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k);
    if (started) {
      const fixed = given.filter((k) => !LIVE_FIELDS.has(k));
      if (fixed.length > 0) {
        throw conflict(
          patch.questions !== undefined ? 'QUESTIONS_LOCKED' : 'SURVEY_RUNNING',
          patch.questions !== undefined
            ? 'The questions cannot change once a round has opened.'
            : 'Once a survey is running, only its title, introduction, end, reminders and (raised) thresholds can change.',
          { fields: fixed },
        );
      }
    }
    const current = stateOf(row);
    const next: SurveyState = {
      ...current,
      title: patch.title?.trim() ?? current.title,
      intro: patch.intro?.trim() ?? current.intro,
      anonymity: patch.anonymity ?? current.anonymity,
      threshold: patch.threshold ?? current.threshold,
      commentThreshold: patch.commentThreshold ?? current.commentThreshold,
      audience: patch.audience ? normaliseAudience(patch.audience) : current.audience,
      recurrence: patch.recurrence ?? current.recurrence,
      rotateCount: patch.rotateCount ?? current.rotateCount,
      startsAt: dateOf(patch.startsAt, current.startsAt),
      roundDays: patch.roundDays ?? current.roundDays,
      endsAt: dateOf(patch.endsAt, current.endsAt),
      reminderDays: patch.reminderDays ?? current.reminderDays,
    };
    // A running survey only ever gets stricter: anything shown so far was shown under the old threshold.
    if (started && (next.threshold < current.threshold || next.commentThreshold < current.commentThreshold)) {
      throw conflict(
        'THRESHOLD_LOWERED',
        'The anonymity threshold of a running survey can only be raised: lowering it could reveal answers given under the higher one.',
        { threshold: current.threshold, commentThreshold: current.commentThreshold },
      );
    }
    if (started && next.commentThreshold < next.threshold) {
      // Raising the threshold alone carries the comment threshold up with it.
      next.commentThreshold = next.threshold;
    }
    checkShape(next);
    const settings = await listeningSettings(trx, actor.orgId);
    if (!started && next.threshold < settings.threshold) {
      throw belowMinimum(settings);
    }
    if (started && patch.endsAt !== undefined && next.endsAt && next.endsAt.getTime() <= now.getTime()) {
      throw unprocessable('ENDS_IN_PAST', 'The end of a running survey must still be to come: end it now instead.');
    }
    if (patch.audience) {
      await checkAudienceIds(trx, actor.orgId, next.audience);
    }
    const questions = patch.questions !== undefined ? normaliseQuestions(next.kind, patch.questions) : undefined;
    if (row.status === 'scheduled') {
      const asked = questions ?? (await q.questionsOf(trx, [id])).get(id) ?? [];
      await checkReady(trx, actor.orgId, next, asked, settings, now);
    }
    await q.updateSurveyState(trx, id, next);
    if (questions) {
      await q.replaceQuestions(
        trx,
        id,
        questions.map((x) => ({ ...x, id: newId() })),
      );
    }
    if (next.threshold !== current.threshold || next.commentThreshold !== current.commentThreshold) {
      await q.raiseRoundThresholds(trx, id, next.threshold);
      await audit(trx, {
        orgId: actor.orgId,
        actorId: actor.userId,
        action: 'listening.survey.threshold_changed',
        targetId: id,
        data: {
          before: { threshold: current.threshold, commentThreshold: current.commentThreshold },
          after: { threshold: next.threshold, commentThreshold: next.commentThreshold },
        },
      });
    }
    if (started && patch.endsAt !== undefined) {
      // The open round follows the new end (a one-off survey closes at its end; no round runs past it).
      for (const r of await q.openRoundsOf(trx, id)) {
        const closesAt = roundClosesAt(next.recurrence, r.opensAt, next.roundDays, next.endsAt);
        await q.setRoundClosesAt(trx, r.id, closesAt.getTime() < now.getTime() ? now : closesAt);
      }
    }
  });
  return getSurvey(ctx, actor, id);
}

/** Deletes a draft; anything that was ever scheduled stays (end it instead). */
export async function deleteSurvey(ctx: Ctx, actor: Actor, id: string): Promise<{ ok: true }> {
  requireAction(actor, 'listening.manage');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await visibleSurvey(trx, actor, id, true);
    if (row.status !== 'draft') {
      throw conflict('NOT_A_DRAFT', 'Only a draft can be deleted: end the survey instead.');
    }
    await q.deleteSurvey(trx, id);
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.survey.deleted',
      targetId: id,
      data: { title: row.title },
    });
  });
  return { ok: true };
}

/**
 * Schedules a draft once it is ready to run (see `checkReady`). When its start has come (or it has none),
 * its first round opens in the same transaction and everyone invited is notified.
 */
export async function scheduleSurvey(ctx: Ctx, actor: Actor, id: string): Promise<SurveyDetail> {
  requireAction(actor, 'listening.manage');
  const now = new Date();
  const events = await ctx.db.transaction().execute(async (trx) => {
    const row = await visibleSurvey(trx, actor, id, true);
    if (row.status !== 'draft') {
      throw conflict('NOT_A_DRAFT', 'This survey is already scheduled.');
    }
    const state = stateOf(row);
    const questions = (await q.questionsOf(trx, [id])).get(id) ?? [];
    const settings = await listeningSettings(trx, actor.orgId);
    const invited = await checkReady(trx, actor.orgId, state, questions, settings, now);
    const opensNow = !state.startsAt || state.startsAt.getTime() <= now.getTime();
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.survey.scheduled',
      targetId: id,
      data: { startsAt: (state.startsAt ?? now).toISOString(), invited },
    });
    if (!opensNow) {
      await q.setSurveyStatus(trx, id, 'scheduled');
      return [];
    }
    return openNow(trx, row, now);
  });
  await publish(ctx, events);
  return getSurvey(ctx, actor, id);
}

/** Ends a scheduled or running survey: its open round closes (who answered is forgotten) and no round follows. */
export async function endSurvey(ctx: Ctx, actor: Actor, id: string): Promise<SurveyDetail> {
  await ctx.db.transaction().execute(async (trx) => {
    const row = await visibleSurvey(trx, actor, id, true);
    if (row.status === 'draft') {
      throw conflict('NOT_STARTED', 'This draft has not started: delete it instead.');
    }
    if (row.status === 'ended') {
      throw conflict('ALREADY_ENDED', 'This survey has already ended.');
    }
    const open = await q.openRoundsOf(trx, id);
    await closeRounds(
      trx,
      open.map((r) => r.id),
    );
    await q.setSurveyStatus(trx, id, 'ended');
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.survey.ended',
      targetId: id,
      data: { kind: row.kind },
    });
  });
  return getSurvey(ctx, actor, id);
}
