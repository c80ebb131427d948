import { describe, expect, it } from 'vitest';
import type { CampaignDto, ShareItemDto } from '../../../shared/advocacy.js';
import {
  audienceOf,
  campaignFormOf,
  campaignInputOf,
  campaignProgress,
  EMPTY_CAMPAIGN,
  emptyItemForm,
  fieldOfError,
  fromLocalInput,
  isShareableUrl,
  itemFormOf,
  itemInputOf,
  itemPatchOf,
  normaliseHashtag,
  postIdFromInput,
  suggestionLength,
  suggestionLimit,
  toLocalInput,
  validateCampaignForm,
  validateItemForm,
} from './logic.js';

const POST = '0194f5b2-8c1e-7a3b-9d4e-5f6a7b8c9d0e';

const item: ShareItemDto = {
  id: 'i1',
  kind: 'link',
  postId: null,
  url: 'https://example.com/press',
  title: 'Press release',
  summary: 'We opened an office',
  imageUrl: null,
  suggestions: [{ network: 'linkedin', lang: 'en', text: 'Proud of this' }],
  campaign: { id: 'c1', name: 'Launch', hashtag: 'launch' },
  startsAt: '2026-12-01T09:00:00.000Z',
  endsAt: '2026-12-31T09:00:00.000Z',
  state: 'scheduled',
  shareCount: 0,
  clickCount: 0,
  mySharedNetworks: [],
  createdAt: '2026-11-27T09:00:00.000Z',
};

describe('the X character count', () => {
  it('counts the tracked link as 23 characters after a space on X', () => {
    expect(suggestionLength('x', 'Hello')).toBe(5 + 1 + 23);
    expect(suggestionLength('x', 'See https://example.com/a/very/long/path/indeed')).toBe(4 + 23 + 1 + 23);
  });

  it('counts text as written elsewhere, emoji as one', () => {
    expect(suggestionLength('linkedin', 'Ciao 👋')).toBe(6);
    expect(suggestionLimit('x')).toBe(280);
    expect(suggestionLimit('linkedin')).toBe(3000);
  });
});

describe('links and dates', () => {
  it('reads a post id from a pasted link or a bare id, and nothing else', () => {
    expect(postIdFromInput(`https://tessuto.example/posts/${POST}`)).toBe(POST);
    expect(postIdFromInput(`  ${POST.toUpperCase()} `)).toBe(POST);
    expect(postIdFromInput(`/posts/${POST}?comment=1`)).toBe(POST);
    expect(postIdFromInput('https://tessuto.example/people/me')).toBeNull();
    expect(postIdFromInput('')).toBeNull();
  });

  it('accepts only http(s) addresses without credentials', () => {
    expect(isShareableUrl('https://example.com/jobs')).toBe(true);
    expect(isShareableUrl('http://example.com')).toBe(true);
    expect(isShareableUrl('javascript:alert(1)')).toBe(false);
    expect(isShareableUrl('https://user:pw@example.com')).toBe(false);
    expect(isShareableUrl('ftp://example.com')).toBe(false);
    expect(isShareableUrl('example.com')).toBe(false);
  });

  it('turns a date-time field into an instant and back', () => {
    const iso = fromLocalInput('2026-12-01T10:30');
    expect(iso).not.toBeNull();
    expect(toLocalInput(iso)).toBe('2026-12-01T10:30');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('tomorrow')).toBeNull();
    expect(toLocalInput(null)).toBe('');
  });
});

describe('the item form', () => {
  it('starts as a post when the address names one, as an article when asked', () => {
    expect(emptyItemForm({ postId: POST })).toMatchObject({ kind: 'post', postId: POST });
    expect(emptyItemForm({ postId: POST, kind: 'article' })).toMatchObject({ kind: 'article', postId: POST });
    expect(emptyItemForm({})).toMatchObject({ kind: 'link', postId: '' });
    expect(emptyItemForm({ postId: 'not-an-id' }).postId).toBe('');
  });

  it('maps an item to the form and back without losing anything', () => {
    const form = itemFormOf(item);
    expect(form.url).toBe(item.url);
    expect(form.campaignId).toBe('c1');
    expect(itemInputOf(form)).toEqual({
      kind: 'link',
      url: item.url,
      title: 'Press release',
      summary: 'We opened an office',
      imageUrl: null,
      suggestions: [{ network: 'linkedin', lang: 'en', text: 'Proud of this' }],
      campaignId: 'c1',
      startsAt: item.startsAt,
      endsAt: item.endsAt,
    });
  });

  it('sends the post for a post item, and never the kind or post in a change', () => {
    const form = { ...emptyItemForm({ postId: POST }), title: '' };
    const input = itemInputOf(form);
    expect(input.kind).toBe('post');
    expect(input.postId).toBe(POST);
    expect(input.url).toBeUndefined();
    expect(input.title).toBeUndefined();
    expect(input.endsAt).toBeNull();
    const patch = itemPatchOf(itemFormOf(item));
    expect(patch).not.toHaveProperty('kind');
    expect(patch).not.toHaveProperty('postId');
  });

  it('finds what is wrong before sending', () => {
    const bad = {
      ...emptyItemForm({}),
      url: 'javascript:alert(1)',
      imageUrl: 'data:image/png;base64,xx',
      startsAt: '2026-12-02T10:00',
      endsAt: '2026-12-01T10:00',
      suggestions: [{ network: 'x' as const, lang: 'en' as const, text: 'a'.repeat(260) }],
    };
    expect(validateItemForm(bad)).toEqual({
      url: 'INVALID_URL',
      title: 'required',
      imageUrl: 'INVALID_IMAGE_URL',
      suggestions: 'suggestionBad',
      endsAt: 'INVALID_DATES',
    });
    expect(validateItemForm({ ...emptyItemForm({ kind: 'post' }) })).toEqual({ postId: 'postRequired' });
    expect(validateItemForm(itemFormOf(item))).toEqual({});
    expect(validateItemForm({ ...itemFormOf(item), imageUrl: 'http://example.com/a.png' })).toEqual({ imageUrl: 'INVALID_IMAGE_URL' });
    expect(validateItemForm({ ...itemFormOf(item), suggestions: [{ network: 'any', lang: 'it', text: '  ' }] })).toEqual({
      suggestions: 'suggestionBad',
    });
  });

  it('places a server error next to its field', () => {
    expect(fieldOfError('INTERNAL_ONLY')).toBe('postId');
    expect(fieldOfError('ALREADY_SHAREABLE')).toBe('postId');
    expect(fieldOfError('INVALID_URL')).toBe('url');
    expect(fieldOfError('INVALID_DATES')).toBe('endsAt');
    expect(fieldOfError('KIND_MISMATCH')).toBe('postId');
    expect(fieldOfError('INVALID_HASHTAG')).toBe('hashtag');
    expect(fieldOfError('AUDIENCE_EMPTY')).toBe('audience');
    expect(fieldOfError('FORBIDDEN')).toBeNull();
  });
});

const campaign: CampaignDto = {
  id: 'c1',
  name: 'Launch',
  description: 'The new office',
  hashtag: 'launch',
  goalMetric: 'clicks',
  goal: 200,
  audience: { departmentIds: ['d1'], communityIds: ['m1'] },
  startsAt: null,
  endsAt: '2026-12-31T09:00:00.000Z',
  archivedAt: null,
  progress: { shares: 10, clicks: 50, sharers: 4, items: 3 },
  createdAt: '2026-11-27T09:00:00.000Z',
};

describe('the campaign form', () => {
  it('maps a campaign to the form and back', () => {
    const f = campaignFormOf(campaign);
    expect(f.everyone).toBe(false);
    expect(campaignInputOf(f)).toEqual({
      name: 'Launch',
      description: 'The new office',
      hashtag: 'launch',
      goalMetric: 'clicks',
      goal: 200,
      audience: { departmentIds: ['d1'], communityIds: ['m1'] },
      startsAt: null,
      endsAt: campaign.endsAt,
    });
  });

  it('sends everyone as all, and only the groups chosen otherwise', () => {
    expect(audienceOf(EMPTY_CAMPAIGN)).toEqual({ all: true });
    expect(audienceOf({ ...EMPTY_CAMPAIGN, everyone: false, teamIds: ['t1'] })).toEqual({ teamIds: ['t1'] });
  });

  it('keeps one word as the hashtag, without the #', () => {
    expect(normaliseHashtag(' #Launch2026 ')).toBe('Launch2026');
    expect(normaliseHashtag('#')).toBeNull();
    expect(validateCampaignForm({ ...EMPTY_CAMPAIGN, name: 'x', hashtag: 'two words' })).toEqual({ hashtag: 'badHashtag' });
    expect(validateCampaignForm({ ...EMPTY_CAMPAIGN, name: 'x', hashtag: '#PiùBello_2' })).toEqual({});
  });

  it('asks for a name, an audience, a whole goal and dates in order', () => {
    expect(
      validateCampaignForm({ ...EMPTY_CAMPAIGN, everyone: false, goal: 1.5, startsAt: '2026-12-02T10:00', endsAt: '2026-12-02T10:00' }),
    ).toEqual({ name: 'required', goal: 'badGoal', endsAt: 'INVALID_DATES', audience: 'audienceRequired' });
    expect(validateCampaignForm({ ...EMPTY_CAMPAIGN, name: 'ok', goal: '' })).toEqual({});
  });

  it('measures progress toward the goal by its metric, capped at 100%', () => {
    expect(campaignProgress(campaign)).toEqual({ value: 50, percent: 25 });
    expect(campaignProgress({ ...campaign, goalMetric: 'shares', goal: 5 })).toEqual({ value: 10, percent: 100 });
    expect(campaignProgress({ ...campaign, goal: null })).toEqual({ value: 50, percent: null });
  });
});
