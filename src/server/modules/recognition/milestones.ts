import type { Kysely, Transaction } from 'kysely';
import type { ContentLang, DB } from '../../db/schema.js';
import { recordEvents, type RealtimeEvent } from '../../platform/events.js';
import { newId } from '../../platform/ids.js';
import { enqueue, type Handlers } from '../../platform/jobs.js';
import { renderMarkdown } from '../../platform/markdown.js';
import type { CelebrationKind } from '../../../shared/recognition.js';
import { ensureAllCompany } from '../communities/communities.sync.js';
import { postChannel } from '../posts/posts.content.js';
import * as q from './badges.queries.js';

/**
 * Work anniversaries and (for those who opt in) birthdays, posted as celebrations in All company.
 *
 * One `milestones.schedule` job a day celebrates the day's milestones of every organisation and queues
 * the next day's run. Each celebration is recorded under the primary key (person, kind, year), so a
 * second run on the same day (a retry, a second node, a restart) posts nothing twice. The chain is
 * started by `ensureMilestoneSchedule` when a node starts its job worker, under an advisory lock so
 * that several nodes starting together queue one run.
 */

/**
 * The hour (UTC) of the daily run: early morning in Europe, and the same calendar day from the
 * American east coast to East Asia, so that a celebration lands on the day it celebrates.
 */
export const MILESTONE_HOUR_UTC = 5;

/** The next daily run strictly after `now`. */
export function nextMilestoneRun(now: Date): Date {
  const next = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate(), MILESTONE_HOUR_UTC));
  if (next.getTime() <= now.getTime()) {
    next.setUTCDate(next.getUTCDate() + 1);
  }
  return next;
}

const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The year and the month-days ('MM-DD') celebrated on `today` (its UTC date): the day itself, and on
 * 28 February of a year without 29 February, also 29 February — people who started or were born on
 * a leap day celebrate on the 28th in other years.
 */
export function celebrationDays(today: Date): { year: number; days: string[] } {
  const year = today.getUTCFullYear();
  const day = `${pad(today.getUTCMonth() + 1)}-${pad(today.getUTCDate())}`;
  return { year, days: day === '02-28' && !isLeapYear(year) ? [day, '02-29'] : [day] };
}

/** Markdown that shows the text as written (an organisation's or person's name may hold `*`, `#`, `@`…). */
const literal = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>~&@]/g, '\\$&');

/** A celebration's text, in the organisation's default language (English or Italian). */
export function celebrationText(
  kind: CelebrationKind,
  c: { name: string; orgName: string; defaultLocale: string; years: number | null },
): { body: string; lang: ContentLang } {
  const italian = c.defaultLocale.toLowerCase().startsWith('it');
  const name = literal(c.name);
  const org = literal(c.orgName);
  const years = c.years ?? 1;
  if (kind === 'anniversary') {
    const body = italian
      ? `🎉 ${years} ${years === 1 ? 'anno' : 'anni'} in ${org}!`
      : `🎉 ${years} ${years === 1 ? 'year' : 'years'} at ${org}!`;
    return { body, lang: italian ? 'italian' : 'english' };
  }
  return {
    body: italian ? `🎂 Oggi è il compleanno di ${name}!` : `🎂 Today is ${name}’s birthday!`,
    lang: italian ? 'italian' : 'english',
  };
}

/**
 * Celebrates the milestones of `today` (its UTC date) in every organisation that has them switched on:
 * work anniversaries of active people who started on this day at least a year before, and birthdays of
 * active people who asked for theirs to be celebrated. Each becomes a post of kind 'celebration' in All
 * company, authored by the person celebrated, recorded once per person, kind and year. Runs in the
 * caller's transaction; returns the `post.created` events to publish once it has committed.
 */
export async function celebrateMilestones(trx: Transaction<DB>, today: Date): Promise<RealtimeEvent[]> {
  const { year, days } = celebrationDays(today);
  const due = [
    ...(await q.anniversariesDue(trx, days, year)).map((c) => ({ ...c, kind: 'anniversary' as const })),
    ...(await q.birthdaysDue(trx, days, year)).map((c) => ({ ...c, kind: 'birthday' as const })),
  ];
  const recorded = new Set(
    (
      await q.insertCelebrations(
        trx,
        due.map((c) => ({ orgId: c.orgId, userId: c.userId, kind: c.kind, year, years: c.kind === 'anniversary' ? c.years : null })),
      )
    ).map((r) => `${r.userId}:${r.kind}`),
  );
  const fresh = due.filter((c) => recorded.has(`${c.userId}:${c.kind}`));
  if (fresh.length === 0) {
    return [];
  }
  const allCompany = new Map<string, string>();
  for (const orgId of new Set(fresh.map((c) => c.orgId))) {
    allCompany.set(orgId, await ensureAllCompany(trx, orgId));
  }
  const posts = fresh.map((c) => {
    const text = celebrationText(c.kind, c);
    return {
      id: newId(),
      orgId: c.orgId,
      authorId: c.userId,
      communityId: allCompany.get(c.orgId)!,
      body: text.body,
      bodyHtml: renderMarkdown(text.body).html,
      lang: text.lang,
      kind: c.kind,
    };
  });
  await q.insertCelebrationPosts(
    trx,
    posts.map(({ kind: _kind, ...p }) => p),
  );
  await q.linkCelebrationPosts(
    trx,
    year,
    posts.map((p) => ({ userId: p.authorId, kind: p.kind, postId: p.id })),
  );
  return recordEvents(
    trx,
    posts.map((p) => ({
      orgId: p.orgId,
      channel: postChannel(p),
      type: 'post.created' as const,
      payload: { postId: p.id, communityId: p.communityId, authorId: p.authorId, tags: [] },
    })),
  );
}

/** Queues the next daily run unless one is already waiting (several nodes, or a retried run, never fork the chain). */
export async function scheduleNextMilestoneRun(trx: Transaction<DB>, now: Date): Promise<void> {
  await q.lockMilestoneScheduling(trx);
  if (!(await q.hasPendingMilestoneRun(trx, true))) {
    await enqueue(trx, null, 'milestones.schedule', {}, nextMilestoneRun(now));
  }
}

/** Makes sure the daily milestones job is queued (once, whatever the number of nodes starting). */
export async function ensureMilestoneSchedule(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await q.lockMilestoneScheduling(trx);
    // Due now: a node starting after the day's hour (a new installation, or after a stop) still celebrates today.
    if (!(await q.hasPendingMilestoneRun(trx, false))) {
      await enqueue(trx, null, 'milestones.schedule', {});
    }
  });
}

/** The job handler of milestones, for the worker, which publishes the returned events once the run has committed. */
export function milestoneHandlers(): Pick<Handlers, 'milestones.schedule'> {
  return {
    'milestones.schedule': async (_payload, trx) => {
      const now = new Date();
      await scheduleNextMilestoneRun(trx, now);
      return celebrateMilestones(trx, now);
    },
  };
}
