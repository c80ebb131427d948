import type { Ctx } from '../../platform/context.js';
import { conflict, notFound } from '../../platform/errors.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { BANK_BY_KEY, type Dimension } from '../../../shared/listening.js';
import { distinctiveNameParts, foldText, type IdentifyingTerm, type TermKind } from '../../../shared/identifying-terms.js';
import * as q from './answers.queries.js';
import type { IdentifyingTerms, MyOpen, NewAnswers, RoundView } from './answers.schemas.js';
import { checkAnswers, type AskedQuestion } from './answers.validate.js';
import { recordSheet } from './sheets.js';

/** How many colleagues' names the comment check looks for, at most. */
const NEARBY_PEOPLE = 3000;

const optionsOf = (raw: unknown): string[] => {
  const v = typeof raw === 'string' ? (JSON.parse(raw) as unknown) : raw;
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};

const isClosed = (r: { status: string; closesAt: Date }, now: Date) => r.status !== 'open' || r.closesAt.getTime() <= now.getTime();

/** What is open for me to answer, and what I answered in rounds still open. */
export async function myOpen(ctx: Ctx, actor: Actor): Promise<MyOpen> {
  requireAction(actor, 'listening.respond');
  const { todo, done } = await q.openRoundsOf(ctx.db, actor.orgId, actor.userId, new Date());
  return {
    items: todo.map((r) => ({ ...r, questions: Number(r.questions) })),
    answered: done.map((r) => ({ roundId: r.roundId, surveyId: r.surveyId, kind: r.kind, title: r.title, closesAt: r.closesAt })),
  };
}

async function invitedRound(ctx: Ctx, actor: Actor, roundId: string) {
  const round = await q.roundForRespondent(ctx.db, actor.orgId, roundId, actor.userId);
  if (!round) {
    throw notFound('survey round');
  }
  return round;
}

/**
 * A round as its respondent sees it: the survey, how anonymous it is, its questions in the viewer's
 * language (the one their screen shows when given, else their own, else the organisation's), whether
 * they answered, and the group their answer is counted in. 404 for people who were not invited.
 */
export async function roundView(ctx: Ctx, actor: Actor, roundId: string, lang?: 'en' | 'it'): Promise<RoundView> {
  requireAction(actor, 'listening.respond');
  const r = await invitedRound(ctx, actor, roundId);
  const italian = (lang ?? r.locale ?? r.defaultLocale).startsWith('it');
  const [questions, names] = await Promise.all([q.questionsByIds(ctx.db, r.surveyId, r.questionIds), q.groupNames(ctx.db, actor.orgId, r)]);
  const byId = new Map(questions.map((x) => [x.id, x]));
  const labels: { dimension: Dimension; name: string }[] = [];
  for (const dimension of ['department', 'team', 'line', 'location'] as const) {
    const name = names[dimension];
    if (name) {
      labels.push({ dimension, name });
    }
  }
  return {
    round: {
      id: r.id,
      number: r.number,
      opensAt: r.opensAt,
      closesAt: r.closesAt,
      status: isClosed(r, new Date()) ? 'closed' : 'open',
    },
    survey: { id: r.surveyId, kind: r.kind, title: r.title, intro: r.intro, anonymity: r.anonymity, threshold: r.threshold },
    questions: r.questionIds
      .map((id) => byId.get(id))
      .filter((x) => x !== undefined)
      .map((x) => {
        const bank = x.bankKey ? BANK_BY_KEY.get(x.bankKey) : undefined;
        return {
          id: x.id,
          kind: x.kind,
          driver: x.driver,
          text: bank ? (italian ? bank.it : bank.en) : x.text,
          options: optionsOf(x.options),
          required: x.required,
        };
      }),
    group: { size: r.groupSize, labels },
    answered: r.answered === true,
  };
}

/**
 * Words a comment could identify its writer by: the names of the people around them (department,
 * team, manager, direct reports), as full names and as their distinctive parts, and the writer's own
 * team, department, location and title. Only for people invited to the round.
 */
export async function identifyingTerms(ctx: Ctx, actor: Actor, roundId: string): Promise<IdentifyingTerms> {
  requireAction(actor, 'listening.respond');
  await invitedRound(ctx, actor, roundId);
  const me = await q.ownPlace(ctx.db, actor.orgId, actor.userId);
  if (!me) {
    throw notFound('person');
  }
  const names = await q.nearbyNames(
    ctx.db,
    actor.orgId,
    { userId: actor.userId, departmentId: me.departmentId, teamId: me.teamId, managerId: me.managerId },
    NEARBY_PEOPLE,
  );
  const terms: IdentifyingTerm[] = [];
  const seen = new Set<string>();
  const add = (term: string | null | undefined, kind: TermKind) => {
    const clean = term?.trim().replace(/\s+/g, ' ');
    if (!clean || Array.from(clean).length < 2) {
      return;
    }
    const key = foldText(clean);
    if (!seen.has(key)) {
      seen.add(key);
      terms.push({ term: clean, kind });
    }
  };
  add(me.teamName, 'team');
  add(me.departmentName, 'department');
  add(me.locationName, 'location');
  add(me.title, 'title');
  for (const name of [me.name, ...names]) {
    add(name, 'person');
  }
  for (const name of [me.name, ...names]) {
    distinctiveNameParts(name).forEach((p) => add(p, 'person'));
  }
  return { terms };
}

/**
 * Stores one invited person's answers to an open round. The sheet carries no person, session or
 * time (see `recordSheet`); the person is kept apart only to avoid asking twice, and with the sheet
 * only for confidential and attributed surveys. Nothing here logs, audits, queues or publishes
 * anything about who answered.
 */
export async function submitAnswers(ctx: Ctx, actor: Actor, roundId: string, input: NewAnswers): Promise<{ ok: true }> {
  requireAction(actor, 'listening.respond');
  const r = await invitedRound(ctx, actor, roundId);
  if (isClosed(r, new Date())) {
    throw conflict('ROUND_CLOSED', 'This round is closed and no longer takes answers.');
  }
  if (r.answered === true) {
    throw conflict('ALREADY_ANSWERED', 'You have already answered this round.');
  }
  const rows = await q.questionsByIds(ctx.db, r.surveyId, r.questionIds);
  const asked: AskedQuestion[] = rows.map((x) => ({ id: x.id, kind: x.kind, options: optionsOf(x.options), required: x.required }));
  const answers = checkAnswers(asked, input.answers);
  await ctx.db.transaction().execute(async (trx) => {
    // Holds off the round's closing until this answer is in (or refuses it when it closed meanwhile).
    const locked = await q.lockRound(trx, actor.orgId, roundId);
    if (!locked || isClosed(locked, new Date())) {
      throw conflict('ROUND_CLOSED', 'This round is closed and no longer takes answers.');
    }
    await recordSheet(trx, roundId, actor.userId, answers, r.anonymity !== 'anonymous');
  });
  return { ok: true };
}
