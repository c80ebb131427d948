import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../platform/policy.js';
import type { PollExtra } from '../posts/extras.schemas.js';
import * as q from './polls.queries.js';
import { isClosed } from './polls.rules.js';

type Executor = Kysely<DB> | Transaction<DB>;

/**
 * What an anonymous poll may show: nothing below its threshold; while open, only the last snapshot
 * (taken each time `threshold` more people voted); once closed, the final counts.
 */
export function shownResults(
  poll: q.PollRow,
  options: readonly q.OptionRow[],
  now = new Date(),
): { resultsShown: boolean; voterCount: number; counts: Map<string, number> | null } {
  const live = new Map(options.map((o) => [o.id, o.voteCount]));
  if (!poll.anonymous) {
    return { resultsShown: true, voterCount: poll.voterCount, counts: live };
  }
  if (isClosed(poll.closesAt, now)) {
    const shown = poll.voterCount >= poll.threshold;
    return { resultsShown: shown, voterCount: poll.voterCount, counts: shown ? live : null };
  }
  const snapshot = (poll.shownCounts ?? null) as Record<string, number> | null;
  if (!snapshot || poll.shownVoters < poll.threshold) {
    return { resultsShown: false, voterCount: poll.shownVoters, counts: null };
  }
  return { resultsShown: true, voterCount: poll.shownVoters, counts: new Map(options.map((o) => [o.id, snapshot[o.id] ?? 0])) };
}

/** What poll posts show this viewer: options, counts when they may be shown, their own votes. */
export async function pollExtras(db: Executor, actor: Actor, postIds: string[]): Promise<Map<string, PollExtra>> {
  const polls = await q.pollRows(db, actor.orgId, postIds);
  if (polls.length === 0) {
    return new Map();
  }
  const ids = polls.map((p) => p.postId);
  const options = await q.optionRows(db, actor.orgId, ids);
  const voted = await q.votedIn(db, actor.orgId, actor.userId, ids);
  const mine = await q.myVotes(db, actor.orgId, actor.userId, ids);
  const now = new Date();
  return new Map(
    polls.map((p) => {
      const own = options.filter((o) => o.postId === p.postId);
      const shown = shownResults(p, own, now);
      const extra: PollExtra = {
        multiple: p.multiple,
        anonymous: p.anonymous,
        closesAt: p.closesAt,
        closed: isClosed(p.closesAt, now),
        voterCount: shown.voterCount,
        resultsShown: shown.resultsShown,
        threshold: p.threshold,
        options: own.map((o) => ({ id: o.id, label: o.label, votes: shown.counts?.get(o.id) ?? null })),
        myVotes: p.anonymous ? [] : mine.filter((v) => v.postId === p.postId).map((v) => v.optionId),
        hasVoted: voted.has(p.postId),
      };
      return [p.postId, extra];
    }),
  );
}
