import { audit } from '../../platform/audit.js';
import type { Ctx } from '../../platform/context.js';
import { forbidden, unprocessable } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { listeningSettings } from './listening.settings.js';
import * as q from './surveys.queries.js';
import { audienceEmpty, checkShape, normaliseAudience, normaliseQuestions, type SurveyState } from './surveys.rules.js';
import type { NewCheckin, SurveyDetail } from './surveys.schemas.js';
import { checkAudienceIds, checkReady, getSurvey, isOwnLine, openNow, ownLineOnly } from './surveys.service.js';

/** The two questions of every check-in: how are you doing, and an optional comment. */
const CHECKIN_QUESTIONS = [{ bankKey: 'checkin.feeling' }, { bankKey: 'checkin.comment' }];

/** A check-in's title when none is given, in its creator's language. */
const DEFAULT_TITLE = { en: 'Check-in: how are you doing?', it: 'Check-in: come stai?' };

/**
 * Starts a check-in now: "how are you doing this week?" with an optional comment, anonymous unless
 * chosen otherwise, for the company, departments, teams or locations (HR and administrators) or a
 * manager's own reporting line (the only choice of a plain manager, who may not make it attributed).
 * One round open for `days` days (2 by default), or one every week until it is ended. The same
 * anonymity rules as any survey apply: enough people must be invited for results ever to show.
 */
export async function startCheckin(ctx: Ctx, actor: Actor, input: NewCheckin): Promise<SurveyDetail> {
  requireAction(actor, 'listening.checkin');
  const manage = can(actor, 'listening.manage');
  const audience = normaliseAudience(input.audience);
  if (!manage) {
    if (!isOwnLine(audience, actor.userId)) {
      throw ownLineOnly();
    }
    if (input.anonymity === 'attributed') {
      throw forbidden('CHECKIN_ATTRIBUTED', 'A check-in you start is anonymous or confidential: only HR can ask with names attached.');
    }
  }
  if (audienceEmpty(audience)) {
    throw unprocessable('AUDIENCE_EMPTY', 'Choose who the check-in asks.');
  }
  await checkAudienceIds(ctx.db, actor.orgId, audience);
  const settings = await listeningSettings(ctx.db, actor.orgId);
  const lang = (await q.localeOf(ctx.db, actor.orgId, actor.userId)).toLowerCase().startsWith('it') ? 'it' : 'en';
  const now = new Date();
  const state: SurveyState = {
    kind: 'checkin',
    title: input.title?.trim() ?? DEFAULT_TITLE[lang],
    intro: (input.intro ?? '').trim(),
    anonymity: input.anonymity ?? 'anonymous',
    threshold: settings.threshold,
    commentThreshold: Math.max(settings.threshold, settings.commentThreshold),
    audience,
    recurrence: input.recurrence ?? 'none',
    rotateCount: 0,
    startsAt: now,
    roundDays: input.days ?? 2,
    endsAt: null,
    reminderDays: input.reminderDays ?? [],
  };
  checkShape(state);
  const questions = normaliseQuestions('checkin', CHECKIN_QUESTIONS);
  const id = newId();
  const events = await ctx.db.transaction().execute(async (trx) => {
    const invited = await checkReady(trx, actor.orgId, state, questions, settings, now);
    await q.insertSurvey(trx, { id, orgId: actor.orgId, createdBy: actor.userId, status: 'scheduled', state });
    await q.replaceQuestions(
      trx,
      id,
      questions.map((x) => ({ ...x, id: newId() })),
    );
    await audit(trx, {
      orgId: actor.orgId,
      actorId: actor.userId,
      action: 'listening.checkin.started',
      targetId: id,
      data: { recurrence: state.recurrence, days: state.roundDays, invited, threshold: state.threshold },
    });
    const row = await q.surveyById(trx, actor.orgId, id);
    return openNow(trx, row!, now);
  });
  if (events.length > 0) {
    await ctx.bus.publish(events).catch((err: unknown) => ctx.log.warn({ err }, 'realtime publish failed'));
  }
  return getSurvey(ctx, actor, id);
}
