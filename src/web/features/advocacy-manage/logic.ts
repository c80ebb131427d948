/**
 * Pure helpers of the communications staff's advocacy screens: the editors' form values and the
 * API inputs they become, the checks done before sending, and the X character count.
 */

import {
  ADVOCACY_LIMITS,
  type CampaignDto,
  type CampaignGoalMetric,
  type CampaignInput,
  type ShareItemDto,
  type ShareItemInput,
  type ShareItemKind,
  type ShareSuggestion,
  type SuggestionNetwork,
} from '../../../shared/advocacy.js';
import type { CommsAudience } from '../../../shared/comms.js';

/** X shortens every address to a t.co link of this many characters. */
export const X_URL_LENGTH = 23;
export const X_LIMIT = 280;

const URL_IN_TEXT = /https?:\/\/\S+/gi;

/**
 * Characters a suggestion takes on a network once the tracked link is added after it: on X every
 * address (and the link itself, after a space) counts as 23; elsewhere the text as written.
 */
export function suggestionLength(network: SuggestionNetwork, text: string): number {
  if (network !== 'x') {
    return [...text].length;
  }
  const withoutUrls = text.replace(URL_IN_TEXT, '');
  const urls = text.match(URL_IN_TEXT)?.length ?? 0;
  return [...withoutUrls].length + urls * X_URL_LENGTH + 1 + X_URL_LENGTH;
}

/** The most characters a suggestion may take on a network. */
export function suggestionLimit(network: SuggestionNetwork): number {
  return network === 'x' ? X_LIMIT : ADVOCACY_LIMITS.shareText;
}

/** A date-time field's value (`YYYY-MM-DDTHH:mm`, the browser's zone) for an instant; empty for none. */
export function toLocalInput(iso: string | null | undefined): string {
  if (!iso) {
    return '';
  }
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) {
    return '';
  }
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The instant a date-time field means in the browser's zone; null when empty or broken. */
export function fromLocalInput(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) {
    return null;
  }
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The post a pasted link (`…/posts/<id>`) or a bare id names; null when it names none. */
export function postIdFromInput(text: string): string | null {
  const s = text.trim();
  const inPath = /\/posts\/([0-9a-f-]{36})(?:[/?#]|$)/i.exec(s);
  if (inPath?.[1] && UUID.test(inPath[1])) {
    return inPath[1].toLowerCase();
  }
  return new RegExp(`^${UUID.source}$`, 'i').test(s) ? s.toLowerCase() : null;
}

/** True for an http(s) address without credentials, as the server accepts. */
export function isShareableUrl(text: string): boolean {
  try {
    const u = new URL(text.trim());
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.username === '' && u.password === '' && u.hostname !== '';
  } catch {
    return false;
  }
}

export interface ItemForm {
  kind: ShareItemKind;
  postId: string;
  url: string;
  title: string;
  summary: string;
  imageUrl: string;
  suggestions: ShareSuggestion[];
  campaignId: string;
  startsAt: string;
  endsAt: string;
}

/** A new item's form; a post named in the address fills it (an article when asked for). */
export function emptyItemForm(
  params: { postId?: string | null; kind?: string | null; campaignId?: string | null },
  now = new Date(),
): ItemForm {
  const postId = params.postId ? (postIdFromInput(params.postId) ?? '') : '';
  const kind: ShareItemKind = params.kind === 'article' ? 'article' : postId || params.kind === 'post' ? 'post' : 'link';
  return {
    kind,
    postId,
    url: '',
    title: '',
    summary: '',
    imageUrl: '',
    suggestions: [],
    campaignId: params.campaignId ?? '',
    startsAt: toLocalInput(now.toISOString()),
    endsAt: '',
  };
}

export function itemFormOf(item: ShareItemDto): ItemForm {
  return {
    kind: item.kind,
    postId: item.postId ?? '',
    url: item.kind === 'link' ? item.url : '',
    title: item.title,
    summary: item.summary,
    imageUrl: item.imageUrl ?? '',
    suggestions: item.suggestions.map((s) => ({ ...s })),
    campaignId: item.campaign?.id ?? '',
    startsAt: toLocalInput(item.startsAt),
    endsAt: toLocalInput(item.endsAt),
  };
}

/** Field → message key; only the fields with a problem are present. */
export type FormErrors<K extends string> = Partial<Record<K, string>>;

export type ItemField = 'postId' | 'url' | 'title' | 'summary' | 'imageUrl' | 'suggestions' | 'campaignId' | 'startsAt' | 'endsAt';

/** What is wrong with an item's form before it is sent (keys under advocacyManage.errors). */
export function validateItemForm(f: ItemForm, editing = false): FormErrors<ItemField> {
  const e: FormErrors<ItemField> = {};
  if (!editing && f.kind !== 'link' && !postIdFromInput(f.postId)) {
    e.postId = 'postRequired';
  }
  if (f.kind === 'link') {
    if (!isShareableUrl(f.url)) {
      e.url = 'INVALID_URL';
    }
    if (!f.title.trim()) {
      e.title = 'required';
    }
  }
  if (f.title.length > ADVOCACY_LIMITS.title) {
    e.title = 'tooLong';
  }
  if (f.summary.length > ADVOCACY_LIMITS.summary) {
    e.summary = 'tooLong';
  }
  // pictures are fetched by networks' previewers, which want https
  if (f.imageUrl.trim() && !(isShareableUrl(f.imageUrl) && f.imageUrl.trim().toLowerCase().startsWith('https://'))) {
    e.imageUrl = 'INVALID_IMAGE_URL';
  }
  if (
    f.suggestions.length > ADVOCACY_LIMITS.suggestions ||
    f.suggestions.some((s) => !s.text.trim() || suggestionLength(s.network, s.text) > suggestionLimit(s.network))
  ) {
    e.suggestions = 'suggestionBad';
  }
  const starts = fromLocalInput(f.startsAt);
  if (!starts) {
    e.startsAt = 'badDate';
  }
  if (f.endsAt) {
    const ends = fromLocalInput(f.endsAt);
    if (!ends) {
      e.endsAt = 'badDate';
    } else if (starts && ends <= starts) {
      e.endsAt = 'INVALID_DATES';
    }
  }
  return e;
}

function commonItemFields(f: ItemForm): Omit<ShareItemInput, 'kind' | 'postId'> {
  return {
    ...(f.kind === 'link' ? { url: f.url.trim() } : {}),
    ...(f.title.trim() ? { title: f.title.trim() } : {}),
    summary: f.summary.trim(),
    imageUrl: f.imageUrl.trim() || null,
    suggestions: f.suggestions.map((s) => ({ network: s.network, lang: s.lang, text: s.text.trim() })),
    campaignId: f.campaignId || null,
    startsAt: fromLocalInput(f.startsAt) ?? undefined,
    endsAt: f.endsAt ? fromLocalInput(f.endsAt) : null,
  };
}

/** The body of POST /api/advocacy/items. */
export function itemInputOf(f: ItemForm): ShareItemInput {
  const base = commonItemFields(f);
  return f.kind === 'link' ? { kind: 'link', ...base } : { kind: f.kind, postId: postIdFromInput(f.postId) ?? f.postId, ...base };
}

/** The body of PATCH /api/advocacy/items/:id: everything but the kind and the post. */
export function itemPatchOf(f: ItemForm): Omit<ShareItemInput, 'kind' | 'postId'> {
  return commonItemFields(f);
}

/** The field next to which a server error code belongs; null for one shown above the buttons. */
export function fieldOfError(code: string): ItemField | CampaignField | null {
  switch (code) {
    case 'INTERNAL_ONLY':
    case 'ALREADY_SHAREABLE':
    case 'POST_REQUIRED':
    case 'POST_HIDDEN':
    case 'KIND_MISMATCH':
    case 'ARTICLE_NOT_PUBLISHED':
      return 'postId';
    case 'INVALID_URL':
      return 'url';
    case 'INVALID_IMAGE_URL':
      return 'imageUrl';
    case 'TITLE_REQUIRED':
      return 'title';
    case 'CAMPAIGN_ARCHIVED':
      return 'campaignId';
    case 'INVALID_DATES':
      return 'endsAt';
    case 'NAME_REQUIRED':
      return 'name';
    case 'INVALID_HASHTAG':
      return 'hashtag';
    case 'AUDIENCE_EMPTY':
    case 'AUDIENCE_UNKNOWN':
      return 'audience';
    default:
      return null;
  }
}

export interface CampaignForm {
  name: string;
  description: string;
  hashtag: string;
  goalMetric: CampaignGoalMetric;
  goal: number | string;
  startsAt: string;
  endsAt: string;
  everyone: boolean;
  departmentIds: string[];
  teamIds: string[];
  locationIds: string[];
  communityIds: string[];
  userIds: string[];
}

export const EMPTY_CAMPAIGN: CampaignForm = {
  name: '',
  description: '',
  hashtag: '',
  goalMetric: 'shares',
  goal: '',
  startsAt: '',
  endsAt: '',
  everyone: true,
  departmentIds: [],
  teamIds: [],
  locationIds: [],
  communityIds: [],
  userIds: [],
};

export function campaignFormOf(c: CampaignDto): CampaignForm {
  const au = c.audience;
  return {
    name: c.name,
    description: c.description,
    hashtag: c.hashtag ?? '',
    goalMetric: c.goalMetric,
    goal: c.goal ?? '',
    startsAt: toLocalInput(c.startsAt),
    endsAt: toLocalInput(c.endsAt),
    everyone: au.all === true,
    departmentIds: au.departmentIds ?? [],
    teamIds: au.teamIds ?? [],
    locationIds: au.locationIds ?? [],
    communityIds: au.communityIds ?? [],
    userIds: au.userIds ?? [],
  };
}

/** The audience the pickers describe: everyone, or only the groups that were chosen. */
export function audienceOf(
  f: Pick<CampaignForm, 'everyone' | 'departmentIds' | 'teamIds' | 'locationIds' | 'communityIds' | 'userIds'>,
): CommsAudience {
  if (f.everyone) {
    return { all: true };
  }
  const out: CommsAudience = {};
  for (const k of ['departmentIds', 'teamIds', 'locationIds', 'communityIds', 'userIds'] as const) {
    if (f[k].length > 0) {
      out[k] = [...f[k]];
    }
  }
  return out;
}

/** A hashtag as stored: one word, without the leading #; null when empty. */
export function normaliseHashtag(text: string): string | null {
  const s = text.trim().replace(/^#+/, '');
  return s === '' ? null : s;
}

export type CampaignField = 'name' | 'description' | 'hashtag' | 'goal' | 'startsAt' | 'endsAt' | 'audience';

export function validateCampaignForm(f: CampaignForm): FormErrors<CampaignField> {
  const e: FormErrors<CampaignField> = {};
  if (!f.name.trim()) {
    e.name = 'required';
  } else if (f.name.length > ADVOCACY_LIMITS.campaignName) {
    e.name = 'tooLong';
  }
  if (f.description.length > ADVOCACY_LIMITS.campaignDescription) {
    e.description = 'tooLong';
  }
  const tag = normaliseHashtag(f.hashtag);
  if (tag !== null && (tag.length > ADVOCACY_LIMITS.hashtag || !/^[\p{L}\p{N}_]+$/u.test(tag))) {
    e.hashtag = 'badHashtag';
  }
  if (f.goal !== '' && (typeof f.goal !== 'number' || !Number.isInteger(f.goal) || f.goal < 1)) {
    e.goal = 'badGoal';
  }
  const starts = f.startsAt ? fromLocalInput(f.startsAt) : null;
  if (f.startsAt && !starts) {
    e.startsAt = 'badDate';
  }
  if (f.endsAt) {
    const ends = fromLocalInput(f.endsAt);
    if (!ends) {
      e.endsAt = 'badDate';
    } else if (starts && ends <= starts) {
      e.endsAt = 'INVALID_DATES';
    }
  }
  if (Object.keys(audienceOf(f)).length === 0) {
    e.audience = 'audienceRequired';
  }
  return e;
}

/** The body of POST /api/advocacy/campaigns (and of its PATCH). */
export function campaignInputOf(f: CampaignForm): CampaignInput {
  return {
    name: f.name.trim(),
    description: f.description.trim(),
    hashtag: normaliseHashtag(f.hashtag),
    goalMetric: f.goalMetric,
    goal: typeof f.goal === 'number' && f.goal > 0 ? f.goal : null,
    audience: audienceOf(f),
    startsAt: f.startsAt ? fromLocalInput(f.startsAt) : null,
    endsAt: f.endsAt ? fromLocalInput(f.endsAt) : null,
  };
}

/** How far a campaign is toward its goal: the count so far, and a percentage (capped at 100) when it has a goal. */
export function campaignProgress(c: Pick<CampaignDto, 'goal' | 'goalMetric' | 'progress'>): { value: number; percent: number | null } {
  const value = c.goalMetric === 'clicks' ? c.progress.clicks : c.progress.shares;
  if (!c.goal || c.goal <= 0) {
    return { value, percent: null };
  }
  return { value, percent: Math.min(100, Math.round((value / c.goal) * 100)) };
}
