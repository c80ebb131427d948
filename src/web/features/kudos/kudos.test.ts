import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import fc from 'fast-check';
import { createInstance } from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api.js';
import { resources } from '../../i18n/resources.js';
import { BADGE_ICONS, BADGE_RULES, RECOGNITION_LIMITS } from '../../../shared/recognition.js';
import { NOTIFICATION_TYPES } from '../../../shared/social.js';
import type { PostView } from '../feed/api.js';
import { notificationLink, sentenceText } from '../notifications/components/NotificationItem.js';
import type { NotificationView } from '../notifications/api.js';
import { BADGE_ICON_MAP } from './components/BadgeCase.js';
import { CelebrationCard } from './components/CelebrationCard.js';
import { KudosPostBody } from './components/KudosCard.js';
import en from './i18n/en.json' with { type: 'json' };
import it_ from './i18n/it.json' with { type: 'json' };
import {
  clampPoints,
  formatBirthday,
  isKnownRule,
  KUDOS_ERROR_CODES,
  kudosErrorKey,
  maxPointsEach,
  newIdempotencyKey,
  parseBirthday,
} from './logic.js';

// The app's language set-up marks the page's language on load; these tests render without a page.
vi.hoisted(() => {
  (globalThis as { document?: unknown }).document ??= { documentElement: { lang: '' } };
});

async function i18nIn(lng: 'en' | 'it') {
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ resources, lng, fallbackLng: 'en', interpolation: { escapeValue: false } });
  return i18n;
}

async function render(node: ReactNode, lng: 'en' | 'it' = 'en'): Promise<string> {
  const i18n = await i18nIn(lng);
  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: new QueryClient() },
      createElement(I18nextProvider, { i18n }, createElement(MantineProvider, null, createElement(MemoryRouter, null, node))),
    ),
  );
}

const person = (id: string, name: string) => ({ id, name, title: null, photoUrl: null });
const ADA = person('0193a0c4-5b6e-7f00-8000-000000000001', 'Ada Rossi');
const BRUNO = person('0193a0c4-5b6e-7f00-8000-000000000002', 'Bruno Bianchi');
const CARLA = person('0193a0c4-5b6e-7f00-8000-000000000003', 'Carla Verdi');

function kudosPost(kudos: NonNullable<PostView['kudos']>, html = '<p>Thanks for the launch</p>'): PostView {
  return {
    id: '0193a0c4-5b6e-7f00-8000-0000000000aa',
    kind: 'kudos',
    author: ADA,
    community: null,
    html,
    body: null,
    lang: 'en',
    hashtags: [],
    attachments: [],
    shared: null,
    reactionCounts: {},
    reactionCount: 0,
    commentCount: 0,
    shareCount: 0,
    myReaction: null,
    bookmarked: false,
    pinned: false,
    createdAt: '2026-11-26T10:00:00.000Z',
    editedAt: null,
    hidden: null,
    abilities: { canEdit: false, canDelete: false, canPin: false, canHide: false, canReport: true, canInteract: true },
    kudos,
    celebration: null,
  };
}

describe('the errors of giving kudos', () => {
  it('have their own sentence for every code the server answers', () => {
    for (const code of KUDOS_ERROR_CODES) {
      expect(kudosErrorKey(new ApiError(422, code, 'x'))).toEqual({ key: `kudos.errors.${code}`, values: {} });
    }
    // what the ledger says when the allowance runs out
    expect(kudosErrorKey(new ApiError(422, 'INSUFFICIENT_ALLOWANCE', 'x', { remaining: 4 }))).toEqual({
      key: 'kudos.errors.allowanceLeft',
      values: { count: 4 },
    });
  });

  it('say how many points are left for a recipient when the server tells', () => {
    expect(
      kudosErrorKey(new ApiError(422, 'RECIPIENT_LIMIT', 'x', { limit: 50, days: 30, recipients: [{ id: 'a', remaining: 7 }] })),
    ).toEqual({
      key: 'kudos.errors.recipientLimitLeft',
      values: { count: 7 },
    });
    expect(
      kudosErrorKey(
        new ApiError(422, 'RECIPIENT_LIMIT', 'x', {
          limit: 50,
          days: 30,
          recipients: [
            { id: 'a', remaining: 0 },
            { id: 'b', remaining: 3 },
          ],
        }),
      ),
    ).toEqual({ key: 'kudos.errors.recipientLimitRule', values: { limit: 50, days: 30 } });
  });

  it('treat an unknown person, team or value as one sentence, and leave other failures to the app', () => {
    expect(kudosErrorKey(new ApiError(404, 'NOT_FOUND', 'x'))?.key).toBe('kudos.errors.notFound');
    expect(kudosErrorKey(new ApiError(0, 'NETWORK', 'x'))).toBeNull();
    expect(kudosErrorKey(new Error('boom'))).toBeNull();
  });

  it('exist in English and Italian', async () => {
    for (const lng of ['en', 'it'] as const) {
      const i18n = await i18nIn(lng);
      for (const code of KUDOS_ERROR_CODES) {
        expect(i18n.exists(`kudos.errors.${code}`), `${lng} ${code}`).toBe(true);
      }
      expect(i18n.t('kudos.errors.recipientLimitLeft', { count: 3 })).toContain('3');
    }
  });
});

describe('points each', () => {
  it('share what is left of the allowance between the recipients', () => {
    expect(maxPointsEach(60, 1, 50)).toBe(50);
    expect(maxPointsEach(60, 3, 50)).toBe(20);
    expect(maxPointsEach(60, 0, 0)).toBe(60);
    expect(maxPointsEach(0, 2, 50)).toBe(0);
    expect(maxPointsEach(-5, 1, 50)).toBe(0);
    expect(maxPointsEach(100_000, 1, 0)).toBe(RECOGNITION_LIMITS.pointsEach);
  });

  it('never let the total go over the allowance nor one person over the limit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -10, max: 5000 }),
        fc.integer({ min: 0, max: 40 }),
        fc.integer({ min: 0, max: 2000 }),
        (left, n, limit) => {
          const each = maxPointsEach(left, n, limit);
          expect(Number.isInteger(each)).toBe(true);
          expect(each).toBeGreaterThanOrEqual(0);
          expect(each * Math.max(1, n)).toBeLessThanOrEqual(Math.max(0, left));
          if (limit > 0) {
            expect(each).toBeLessThanOrEqual(limit);
          }
        },
      ),
    );
  });

  it('turn whatever is typed into a whole number between 0 and the cap', () => {
    expect(clampPoints(12.7, 50)).toBe(12);
    expect(clampPoints(-3, 50)).toBe(0);
    expect(clampPoints(80, 50)).toBe(50);
    expect(clampPoints('abc', 50)).toBe(0);
    expect(clampPoints('15', 50)).toBe(15);
    expect(clampPoints(10, -1)).toBe(0);
  });
});

describe('birthdays', () => {
  it('read only real days of the year, 29 February included', () => {
    expect(parseBirthday('02-29')).toEqual({ month: 2, day: 29 });
    expect(parseBirthday('12-31')).toEqual({ month: 12, day: 31 });
    expect(parseBirthday('02-30')).toBeNull();
    expect(parseBirthday('04-31')).toBeNull();
    expect(parseBirthday('13-01')).toBeNull();
    expect(parseBirthday('1-1')).toBeNull();
    expect(parseBirthday(null)).toBeNull();
  });

  it('write month and day as the API wants them, and back', () => {
    expect(formatBirthday(3, 7)).toBe('03-07');
    expect(formatBirthday(2, 30)).toBeNull();
    expect(formatBirthday(null, 4)).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (m, d) => {
        const s = formatBirthday(m, d);
        expect(s === null ? null : parseBirthday(s)).toEqual(s === null ? null : { month: m, day: d });
      }),
    );
  });
});

describe('badges', () => {
  it('have a name and a description for every rule, in both languages', () => {
    for (const rule of BADGE_RULES) {
      expect(isKnownRule(rule)).toBe(true);
      for (const tree of [en, it_]) {
        const b = (tree.kudos.badges as Record<string, { name: string; description: string }>)[rule];
        expect(b?.name, rule).toBeTruthy();
        expect(b?.description, rule).toBeTruthy();
      }
    }
    expect(isKnownRule('something_else')).toBe(false);
    expect(isKnownRule(null)).toBe(false);
  });

  it('have an icon for every picture the API accepts', () => {
    for (const icon of BADGE_ICONS) {
      expect(BADGE_ICON_MAP[icon], icon).toBeDefined();
    }
  });
});

describe('the idempotency key', () => {
  it('is new for every dialog and short enough for the API', () => {
    const a = newIdempotencyKey();
    const b = newIdempotencyKey();
    expect(a).not.toBe(b);
    expect(a.length).toBeLessThanOrEqual(RECOGNITION_LIMITS.idempotencyKey);
  });
});

describe('the kudos card in the feed', () => {
  it('links every recipient to their profile and shows the value and the points each', async () => {
    const post = kudosPost({
      id: 'k1',
      value: { id: 'v1', name: 'Teamwork', emoji: '🤝' },
      pointsEach: 10,
      recipients: [BRUNO, CARLA],
      team: null,
    });
    const html = await render(createElement(KudosPostBody, { post, kudos: post.kudos! }));
    expect(html).toContain(`href="/people/${BRUNO.id}"`);
    expect(html).toContain(`href="/people/${CARLA.id}"`);
    expect(html).toContain('Teamwork');
    expect(html).toContain('🤝');
    expect(html).toContain('+10 points each');
    expect(html).toContain('Thanks for the launch');
  });

  it('leaves the points out when there are none, and says "+N" alone for one person', async () => {
    const none = kudosPost({ id: 'k2', value: null, pointsEach: 0, recipients: [BRUNO], team: null });
    expect(await render(createElement(KudosPostBody, { post: none, kudos: none.kudos! }))).not.toMatch(/\+\d/);
    const one = kudosPost({ id: 'k3', value: null, pointsEach: 5, recipients: [BRUNO], team: null });
    const html = await render(createElement(KudosPostBody, { post: one, kudos: one.kudos! }), 'it');
    expect(html).toContain('+5 punti');
    expect(html).not.toContain('a testa');
  });

  it('shows the first few of many recipients and offers the rest', async () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      person(`0193a0c4-5b6e-7f00-8000-0000000001${String(i).padStart(2, '0')}`, `Person ${i}`),
    );
    const post = kudosPost({ id: 'k5', value: null, pointsEach: 0, recipients: many, team: { id: 't1', name: 'Design' } });
    const html = await render(createElement(KudosPostBody, { post, kudos: post.kudos! }));
    expect(html.match(/href="\/people\/0193/g)).toHaveLength(6);
    expect(html).toContain('+6 more');
  });

  it('names a thanked team with a link to its people', async () => {
    const post = kudosPost({ id: 'k4', value: null, pointsEach: 0, recipients: [], team: { id: 't1', name: 'Design' } });
    const html = await render(createElement(KudosPostBody, { post, kudos: post.kudos! }));
    expect(html).toContain('href="/people?team=t1"');
    expect(html).toContain('Design team');
  });
});

describe('the celebration card', () => {
  it('says how many years at the company, in the reader language', async () => {
    const en5 = await render(createElement(CelebrationCard, { celebration: { kind: 'anniversary', person: BRUNO, years: 5 } }));
    expect(en5).toContain('5 years at the company');
    expect(en5).toContain(`href="/people/${BRUNO.id}"`);
    const it1 = await render(createElement(CelebrationCard, { celebration: { kind: 'anniversary', person: BRUNO, years: 1 } }), 'it');
    expect(it1).toContain('1 anno in azienda');
  });

  it('wishes a happy birthday', async () => {
    const html = await render(createElement(CelebrationCard, { celebration: { kind: 'birthday', person: CARLA, years: null } }));
    expect(html).toContain('Happy birthday!');
  });
});

describe('recognition notifications', () => {
  const base = (type: string, extra: Partial<NotificationView> = {}): NotificationView => ({
    id: 'n1',
    type,
    actor: { id: ADA.id, name: ADA.name, photoUrl: null },
    post: null,
    comment: null,
    community: null,
    data: {},
    createdAt: '2026-11-26T10:00:00.000Z',
    readAt: null,
    ...extra,
  });
  const me = BRUNO.id;

  it('lead to the post of public kudos, and to one own received kudos for private ones', () => {
    expect(notificationLink(base('kudos', { post: { id: 'p1', excerpt: 'x' } }), me)).toBe('/posts/p1');
    expect(notificationLink(base('kudos'), me)).toBe(`/people/${me}?kudos=received#recognition`);
  });

  it('lead badges to one own profile, rewards and awards to the rewards page, flags to the administration', () => {
    expect(notificationLink(base('badge', { actor: null }), me)).toBe(`/people/${me}#recognition`);
    expect(notificationLink(base('redemption'), me)).toBe('/rewards');
    expect(notificationLink(base('award'), me)).toBe('/rewards');
    expect(notificationLink(base('recognition_flag', { actor: null }), me)).toBe('/admin/flags');
  });

  it('read as sentences with the points, the badge and the reward, in both languages', async () => {
    const en_ = await i18nIn('en');
    const t = en_.t.bind(en_);
    expect(sentenceText(t, base('kudos', { data: { points: 10 } }))).toBe('Ada Rossi gave you kudos and 10 points');
    expect(sentenceText(t, base('kudos', { data: { points: 0 } }))).toBe('Ada Rossi gave you kudos');
    expect(sentenceText(t, base('badge', { actor: null, data: { rule: 'first_post', name: 'Whatever' } }))).toBe(
      'You earned the First post badge',
    );
    expect(sentenceText(t, base('badge', { data: { rule: null, name: 'Night owl' } }))).toBe('Ada Rossi gave you the Night owl badge');
    expect(sentenceText(t, base('redemption', { data: { status: 'refused', rewardName: 'Cinema tickets' } }))).toContain('Cinema tickets');
    expect(sentenceText(t, base('award', { data: { points: 1 } }))).toBe('Ada Rossi awarded you 1 point');
    expect(sentenceText(t, base('recognition_flag', { actor: null, data: { people: 3 } }))).toContain('3 people');

    const it18 = await i18nIn('it');
    const ti = it18.t.bind(it18);
    for (const type of NOTIFICATION_TYPES.filter((x) => ['kudos', 'badge', 'redemption', 'recognition_flag', 'award'].includes(x))) {
      const text = sentenceText(
        ti,
        base(type, { data: { points: 2, people: 2, rule: 'first_post', status: 'approved', rewardName: 'Libro' } }),
      );
      expect(text, type).not.toMatch(/notifications\.|\{\{/);
      expect(text, type).not.toBe(ti('notifications.sentence.other'));
    }
  });
});
