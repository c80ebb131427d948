import type { CampaignDto, ShareNetwork, ShareSuggestion } from '../../../shared/advocacy.js';
import { ADVOCACY_LIMITS } from '../../../shared/advocacy.js';

export type Lang = 'en' | 'it';

/** The order the share dialog offers the networks in. */
export const NETWORK_ORDER: readonly ShareNetwork[] = ['linkedin', 'x', 'facebook', 'email', 'link'];

/**
 * The text to start from for a network: the suggestion for that network in the reader's language,
 * then one for any network, then the same two in the other language, then the item's title.
 */
export function pickSuggestion(suggestions: readonly ShareSuggestion[], network: ShareNetwork, lang: Lang, title: string): string {
  const other: Lang = lang === 'en' ? 'it' : 'en';
  const order: Array<[ShareSuggestion['network'], Lang]> = [
    [network, lang],
    ['any', lang],
    [network, other],
    ['any', other],
  ];
  for (const [n, l] of order) {
    const hit = suggestions.find((s) => s.network === n && s.lang === l && s.text.trim() !== '');
    if (hit) {
      return hit.text;
    }
  }
  return title;
}

/** X shortens every address to t.co, which always counts as 23 characters. */
export const X_URL_LENGTH = 23;
export const X_LIMIT = 280;

const URL_IN_TEXT = /\bhttps?:\/\/[^\s]+/gi;

/**
 * How many characters X counts for a post made of this text plus the tracked link it appends:
 * each address (in the text, and the link) as 23, the rest by Unicode code point, and the space
 * before the link. (X weighs some scripts and emoji double; this errs on the short side for them.)
 */
export function xLength(text: string): number {
  let rest = text.trim();
  let urls = 0;
  rest = rest.replace(URL_IN_TEXT, () => {
    urls++;
    return '';
  });
  const chars = [...rest].length;
  const body = chars + urls * X_URL_LENGTH;
  return (body > 0 ? body + 1 : 0) + X_URL_LENGTH;
}

/** The counter under the text: what counts and up to how much, per network. */
export function textBudget(network: ShareNetwork, text: string): { used: number; max: number; over: boolean } {
  if (network === 'x') {
    const used = xLength(text);
    return { used, max: X_LIMIT, over: used > X_LIMIT };
  }
  const used = [...text].length;
  return { used, max: ADVOCACY_LIMITS.shareText, over: used > ADVOCACY_LIMITS.shareText };
}

/** What "Copy link" puts on the clipboard: the person's words, then their tracked link. */
export function clipboardText(text: string, trackedUrl: string): string {
  const t = text.trim();
  return t ? `${t}\n${trackedUrl}` : trackedUrl;
}

/** How a share is carried out in the browser once the API has answered. */
export type ShareAction = 'window' | 'mailto' | 'copy';

export function shareAction(network: ShareNetwork): ShareAction {
  switch (network) {
    case 'linkedin':
    case 'x':
    case 'facebook':
      return 'window';
    case 'email':
      return 'mailto';
    case 'link':
      return 'copy';
  }
}

/**
 * Only the networks' own share pages and mail drafts may be opened from an API answer: anything
 * else (a broken or hostile answer) is refused rather than navigated to.
 */
export function isSafeIntentUrl(url: string | null, network: ShareNetwork): url is string {
  if (!url) {
    return false;
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return false;
  }
  if (network === 'email') {
    return u.protocol === 'mailto:';
  }
  if (u.protocol !== 'https:') {
    return false;
  }
  const hosts: Record<string, string[]> = {
    linkedin: ['www.linkedin.com', 'linkedin.com'],
    x: ['x.com', 'twitter.com', 'www.twitter.com'],
    facebook: ['www.facebook.com', 'facebook.com', 'm.facebook.com'],
  };
  return (hosts[network] ?? []).includes(u.hostname);
}

/** A campaign's progress toward its goal: the number that counts, the goal, and a percentage (0–100) when there is a goal. */
export function campaignProgress(c: Pick<CampaignDto, 'goal' | 'goalMetric' | 'progress'>): {
  value: number;
  goal: number | null;
  percent: number | null;
} {
  const value = c.goalMetric === 'clicks' ? c.progress.clicks : c.progress.shares;
  if (!c.goal || c.goal <= 0) {
    return { value, goal: null, percent: null };
  }
  return { value, goal: c.goal, percent: Math.min(100, Math.round((value / c.goal) * 100)) };
}

/** Whether a share would still earn points this week. */
export function pointsLeft(me: { pointsThisWeek: number; pointsCapPerWeek: number }): number {
  return Math.max(0, me.pointsCapPerWeek - me.pointsThisWeek);
}

/** Percent of the weekly cap reached, 0–100 (100 when there is no cap worth showing). */
export function capPercent(me: { pointsThisWeek: number; pointsCapPerWeek: number }): number {
  if (me.pointsCapPerWeek <= 0) {
    return 100;
  }
  return Math.min(100, Math.round((me.pointsThisWeek / me.pointsCapPerWeek) * 100));
}

/** Badge rules the app has words for; others are announced with a generic sentence. */
const KNOWN_BADGES = new Set(['first_share', 'reach_100', 'reach_1000']);

export function badgeKey(rule: string): string {
  if (KNOWN_BADGES.has(rule)) {
    return `advocacy.badges.${rule}`;
  }
  const reach = /^reach_(\d+)$/.exec(rule);
  if (reach) {
    return 'advocacy.badges.reach';
  }
  return 'advocacy.badges.other';
}

/** The number of a reach badge's milestone, when its rule names one. */
export function badgeMilestone(rule: string): number | null {
  const m = /(\d+)$/.exec(rule);
  return m ? Number(m[1]) : null;
}
