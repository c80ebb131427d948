/**
 * How "top" feeds and Discover rank posts: engagement that fades with age, so that a lively post of
 * this morning beats a quiet one of last week, and a very popular post still holds its place for a
 * few days. The SQL of the feed queries is built from these same numbers.
 */
export const RANKING = {
  reactionWeight: 1,
  /** A comment costs more effort than a reaction, and a share carries the post further still. */
  commentWeight: 2,
  shareWeight: 3,
  /** Every post starts with this much, so that new posts without engagement are ordered by age. */
  base: 1,
  /** Hours added to the age, so the first minutes do not dominate (and age zero never divides by zero). */
  ageOffsetHours: 2,
  /** How fast scores fade: the score falls with (age + offset) to this power. */
  gravity: 1.5,
  /** How far back the home feed's "top" sort looks. */
  homeWindowDays: 14,
  /** How far back Discover looks. */
  discoverWindowDays: 7,
} as const;

export interface Engagement {
  reactions: number;
  comments: number;
  shares: number;
}

/** Engagement weighted by effort, plus the base every post starts with. */
export function engagementPoints(e: Engagement): number {
  return RANKING.reactionWeight * e.reactions + RANKING.commentWeight * e.comments + RANKING.shareWeight * e.shares + RANKING.base;
}

/**
 * The score of a post at `asOf`: (reactions + 2·comments + 3·shares + 1) / (age in hours + 2)^1.5.
 * A post dated after `asOf` (clocks differ a little between nodes) counts as brand new.
 */
export function engagementScore(e: Engagement & { createdAt: Date }, asOf: Date): number {
  const ageHours = Math.max(0, (asOf.getTime() - e.createdAt.getTime()) / 3_600_000);
  return engagementPoints(e) / Math.pow(ageHours + RANKING.ageOffsetHours, RANKING.gravity);
}
