/**
 * Vocabulary of employee advocacy, shared by the API and the web app: the networks one shares to,
 * the limits of what communications staff write, the tracked addresses, and the shapes the API
 * answers with (dates as ISO strings).
 */

import type { CommsAudience } from './comms.js';

/** Where a person shares: three networks' own share pages, an e-mail draft, or a copied link. */
export const SHARE_NETWORKS = ['linkedin', 'x', 'facebook', 'email', 'link'] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

/** A suggested text is for one network or for any. */
export const SUGGESTION_NETWORKS = ['any', ...SHARE_NETWORKS] as const;
export type SuggestionNetwork = (typeof SUGGESTION_NETWORKS)[number];

export const SHARE_ITEM_KINDS = ['post', 'article', 'link'] as const;
export type ShareItemKind = (typeof SHARE_ITEM_KINDS)[number];

/** Where an item stands now: not started, open for sharing, past its end, or withdrawn. */
export const SHARE_ITEM_STATES = ['scheduled', 'active', 'expired', 'archived'] as const;
export type ShareItemState = (typeof SHARE_ITEM_STATES)[number];

export const CAMPAIGN_GOAL_METRICS = ['shares', 'clicks'] as const;
export type CampaignGoalMetric = (typeof CAMPAIGN_GOAL_METRICS)[number];

export const ADVOCACY_LIMITS = {
  title: 200,
  summary: 1000,
  url: 2000,
  /** X counts 280 characters; LinkedIn allows 3,000. A suggestion or a person's own text stays under this. */
  shareText: 3000,
  suggestions: 24,
  campaignName: 120,
  campaignDescription: 4000,
  hashtag: 60,
  guidelines: 20_000,
  /** Characters of a tracked code after /s/. */
  codeLength: 10,
  pageSize: 50,
} as const;

export const ADVOCACY_DEFAULTS = {
  pointsPerShare: 5,
  /** Points a person can earn by sharing in one ISO week (Monday to Sunday, UTC). */
  pointsCapPerWeek: 20,
  /** Unique visitors (over all their shares) at which a person earns a reach badge. */
  reachMilestones: [100, 1000] as readonly number[],
} as const;

/** `utm_medium` of every tracked redirect. */
export const UTM_MEDIUM = 'employee_advocacy';

/** What follows the host in a tracked address: `/s/<code>`. */
export const trackedPath = (code: string) => `/s/${code}`;

/** Codes are letters and digits only (no look-alike confusion matters: nobody types them). */
export const TRACKED_CODE = /^[A-Za-z0-9]{10}$/;

/** A suggested text for a network (or any) in a language. */
export interface ShareSuggestion {
  network: SuggestionNetwork;
  lang: 'en' | 'it';
  text: string;
}

export interface PersonRefDto {
  id: string;
  name: string;
  photoUrl: string | null;
}

/** An item as the people who may share it see it (GET /api/advocacy/items, /ready, /items/:id). */
export interface ShareItemDto {
  id: string;
  kind: ShareItemKind;
  /** The post (or article's post) it shares; null for a link. */
  postId: string | null;
  /** For a link, the approved address; for a post or article, its public page on this server. */
  url: string;
  title: string;
  summary: string;
  imageUrl: string | null;
  suggestions: ShareSuggestion[];
  campaign: { id: string; name: string; hashtag: string | null } | null;
  startsAt: string;
  endsAt: string | null;
  state: ShareItemState;
  /** How often it was shared, and how many clicks its tracked links brought, by everyone. */
  shareCount: number;
  clickCount: number;
  /** The networks the reader has already shared it to. */
  mySharedNetworks: ShareNetwork[];
  createdAt: string;
}

/** What communications staff send to create or change an item (POST /api/advocacy/items, PATCH /api/advocacy/items/:id). */
export interface ShareItemInput {
  kind: ShareItemKind;
  /** For 'post' and 'article'. */
  postId?: string;
  /** For 'link': an https (or http) address. */
  url?: string;
  /** Defaults to the article's title or the post's first line. */
  title?: string;
  summary?: string;
  imageUrl?: string | null;
  suggestions?: ShareSuggestion[];
  campaignId?: string | null;
  startsAt?: string;
  endsAt?: string | null;
}

export interface CampaignDto {
  id: string;
  name: string;
  description: string;
  hashtag: string | null;
  goalMetric: CampaignGoalMetric;
  goal: number | null;
  audience: CommsAudience;
  startsAt: string | null;
  endsAt: string | null;
  archivedAt: string | null;
  /** Progress toward the goal: shares and clicks so far, and the number of items. */
  progress: { shares: number; clicks: number; sharers: number; items: number };
  createdAt: string;
}

export interface CampaignInput {
  name: string;
  description?: string;
  hashtag?: string | null;
  goalMetric?: CampaignGoalMetric;
  goal?: number | null;
  audience: CommsAudience;
  startsAt?: string | null;
  endsAt?: string | null;
}

/** What sharing answers (POST /api/advocacy/items/:id/shares). */
export interface ShareResult {
  shareId: string;
  /** The person's tracked address for this item and network, e.g. https://host/s/Ab3dE6gH9k. */
  trackedUrl: string;
  /** The network's own share page, or a mailto: draft; null for 'link' (the web app copies trackedUrl). */
  intentUrl: string | null;
  /** Points this share earned (0 past the weekly cap, for a repeat, or with points off). */
  points: number;
  /** Badges this share earned, by rule. */
  badges: string[];
}

export interface GuidelinesDto {
  /** Sanitised HTML of the company's guidelines; empty when it has written none (the app shows the product's own). */
  html: string;
  markdown: string;
  version: number;
  /** When the reader accepted this version, or null. */
  acceptedAt: string | null;
}

export interface AdvocacySettingsDto {
  guidelines: string;
  guidelinesVersion: number;
  pointsPerShare: number;
  pointsCapPerWeek: number;
}

/** The reader's own advocacy: totals, this week's points against the cap, and whether they left the leaderboard. */
export interface MyAdvocacyDto {
  shares: number;
  clicks: number;
  visitors: number;
  pointsThisWeek: number;
  pointsCapPerWeek: number;
  pointsPerShare: number;
  hideFromLeaderboard: boolean;
  guidelinesAccepted: boolean;
}

export interface LeaderboardRowDto {
  rank: number;
  person: PersonRefDto;
  shares: number;
  clicks: number;
}

/** Insights for communications staff (GET /api/advocacy/insights?from&to&campaignId). */
export interface AdvocacyInsightsDto {
  from: string;
  to: string;
  totals: { shares: number; clicks: number; visitors: number; sharers: number; activePeople: number; participation: number };
  byNetwork: Array<{ network: ShareNetwork; shares: number; clicks: number; clicksPerShare: number }>;
  overTime: Array<{ day: string; shares: number; clicks: number }>;
  topItems: Array<{ id: string; title: string; shares: number; clicks: number }>;
  topCampaigns: Array<{ id: string; name: string; shares: number; clicks: number }>;
  byDepartment: Array<{ id: string | null; name: string; people: number; sharers: number; participation: number }>;
}

/** The public page of a shared post or article, where its tracked links lead (no account needed). */
export const publicItemPath = (itemId: string) => `/shared/${itemId}`;
