import { describe, expect, it } from 'vitest';
import type { ShareSuggestion } from '../../../shared/advocacy.js';
import {
  badgeKey,
  badgeMilestone,
  campaignProgress,
  capPercent,
  clipboardText,
  isSafeIntentUrl,
  pickSuggestion,
  pointsLeft,
  shareAction,
  textBudget,
  xLength,
} from './logic.js';

const s = (network: ShareSuggestion['network'], lang: 'en' | 'it', text: string): ShareSuggestion => ({ network, lang, text });

describe('choosing the suggested text', () => {
  const all = [s('any', 'en', 'Any EN'), s('linkedin', 'en', 'LinkedIn EN'), s('any', 'it', 'Any IT'), s('x', 'it', 'X IT')];

  it('prefers the network in the reader’s language', () => {
    expect(pickSuggestion(all, 'linkedin', 'en', 'Title')).toBe('LinkedIn EN');
    expect(pickSuggestion(all, 'x', 'it', 'Title')).toBe('X IT');
  });

  it('falls back to any network in the reader’s language before the other language', () => {
    expect(pickSuggestion(all, 'x', 'en', 'Title')).toBe('Any EN');
    expect(pickSuggestion(all, 'facebook', 'it', 'Title')).toBe('Any IT');
  });

  it('falls back to the other language, network first, then any', () => {
    expect(pickSuggestion([s('x', 'it', 'X IT'), s('any', 'it', 'Any IT')], 'x', 'en', 'T')).toBe('X IT');
    expect(pickSuggestion([s('any', 'it', 'Any IT')], 'linkedin', 'en', 'T')).toBe('Any IT');
  });

  it('uses the title when there is no suggestion, or only blank ones', () => {
    expect(pickSuggestion([], 'email', 'en', 'Our new office')).toBe('Our new office');
    expect(pickSuggestion([s('email', 'en', '   ')], 'email', 'en', 'Our new office')).toBe('Our new office');
  });
});

describe('the X counter', () => {
  it('counts the appended link as 23 and a space before it', () => {
    expect(xLength('')).toBe(23);
    expect(xLength('Hello')).toBe(5 + 1 + 23);
  });

  it('counts every address in the text as 23, however long', () => {
    const long = `See https://example.com/${'a'.repeat(200)} now`;
    expect(xLength(long)).toBe('See  now'.length + 23 + 1 + 23);
  });

  it('counts by code point, so an emoji is one character, not two UTF-16 units', () => {
    expect(xLength('🎉')).toBe(1 + 1 + 23);
  });

  it('flags a text over 280 for X but not for LinkedIn', () => {
    const text = 'a'.repeat(260);
    expect(textBudget('x', text)).toEqual({ used: 284, max: 280, over: true });
    expect(textBudget('linkedin', text)).toEqual({ used: 260, max: 3000, over: false });
    expect(textBudget('x', 'a'.repeat(256)).over).toBe(false);
  });
});

describe('carrying out a share', () => {
  it('opens a window for the networks, a mail draft for e-mail, copies for link', () => {
    expect(shareAction('linkedin')).toBe('window');
    expect(shareAction('x')).toBe('window');
    expect(shareAction('facebook')).toBe('window');
    expect(shareAction('email')).toBe('mailto');
    expect(shareAction('link')).toBe('copy');
  });

  it('copies the person’s words followed by their link, or the link alone', () => {
    expect(clipboardText(' Proud of this! ', 'https://h/s/Ab3dE6gH9k')).toBe('Proud of this!\nhttps://h/s/Ab3dE6gH9k');
    expect(clipboardText('  ', 'https://h/s/Ab3dE6gH9k')).toBe('https://h/s/Ab3dE6gH9k');
  });

  it('opens only the networks’ own https pages and mailto drafts', () => {
    expect(isSafeIntentUrl('https://www.linkedin.com/sharing/share-offsite/?url=x', 'linkedin')).toBe(true);
    expect(isSafeIntentUrl('https://x.com/intent/post?text=a', 'x')).toBe(true);
    expect(isSafeIntentUrl('https://twitter.com/intent/tweet?text=a', 'x')).toBe(true);
    expect(isSafeIntentUrl('https://www.facebook.com/sharer/sharer.php?u=x', 'facebook')).toBe(true);
    expect(isSafeIntentUrl('mailto:?subject=a&body=b', 'email')).toBe(true);
    expect(isSafeIntentUrl('javascript:alert(1)', 'linkedin')).toBe(false);
    expect(isSafeIntentUrl('https://evil.example/?www.linkedin.com', 'linkedin')).toBe(false);
    expect(isSafeIntentUrl('https://www.linkedin.com.evil.example/', 'linkedin')).toBe(false);
    expect(isSafeIntentUrl('http://www.facebook.com/sharer', 'facebook')).toBe(false);
    expect(isSafeIntentUrl('https://x.com/intent', 'facebook')).toBe(false);
    expect(isSafeIntentUrl('https://mail.example/', 'email')).toBe(false);
    expect(isSafeIntentUrl(null, 'x')).toBe(false);
    expect(isSafeIntentUrl('not a url', 'x')).toBe(false);
  });
});

describe('progress and points', () => {
  const progress = { shares: 30, clicks: 450, sharers: 12, items: 3 };

  it('measures progress by the campaign’s metric and caps the bar at 100', () => {
    expect(campaignProgress({ goal: 60, goalMetric: 'shares', progress })).toEqual({ value: 30, goal: 60, percent: 50 });
    expect(campaignProgress({ goal: 300, goalMetric: 'clicks', progress })).toEqual({ value: 450, goal: 300, percent: 100 });
  });

  it('has no percentage without a goal', () => {
    expect(campaignProgress({ goal: null, goalMetric: 'clicks', progress })).toEqual({ value: 450, goal: null, percent: null });
    expect(campaignProgress({ goal: 0, goalMetric: 'shares', progress }).percent).toBeNull();
  });

  it('tells the points left this week and how much of the cap is used', () => {
    expect(pointsLeft({ pointsThisWeek: 15, pointsCapPerWeek: 20 })).toBe(5);
    expect(pointsLeft({ pointsThisWeek: 25, pointsCapPerWeek: 20 })).toBe(0);
    expect(capPercent({ pointsThisWeek: 15, pointsCapPerWeek: 20 })).toBe(75);
    expect(capPercent({ pointsThisWeek: 30, pointsCapPerWeek: 20 })).toBe(100);
    expect(capPercent({ pointsThisWeek: 0, pointsCapPerWeek: 0 })).toBe(100);
  });

  it('names the badges it knows and reads a reach milestone from others', () => {
    expect(badgeKey('first_share')).toBe('advocacy.badges.first_share');
    expect(badgeKey('reach_1000')).toBe('advocacy.badges.reach_1000');
    expect(badgeKey('reach_5000')).toBe('advocacy.badges.reach');
    expect(badgeMilestone('reach_5000')).toBe(5000);
    expect(badgeKey('something_else')).toBe('advocacy.badges.other');
  });
});
