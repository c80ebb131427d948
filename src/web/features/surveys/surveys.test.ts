import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance } from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../api.js';
import { resources } from '../../i18n/resources.js';
import { notificationLink, sentenceText } from '../notifications/components/NotificationItem.js';
import type { NotificationView } from '../notifications/api.js';
import type { SurveyDetail, SurveySummary } from './api.js';
import { AnonymityChoice } from './components/AnonymityChoice.js';
import { CheckinNewPage } from './components/CheckinNewPage.js';
import { SurveyEditorPage } from './components/SurveyEditorPage.js';
import { SurveysPage } from './components/SurveysPage.js';
import en from './i18n/en.json' with { type: 'json' };
import {
  bankByDriver,
  editorFromDetail,
  emptyEditor,
  fromLocalInput,
  move,
  questionProblem,
  reminderChoices,
  responseRate,
  toInput,
  toLocalInput,
  type EditorQuestion,
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

const ME_ID = '0193a0c4-5b6e-7f00-8000-000000000001';

function me(abilities: Record<string, boolean>) {
  return {
    user: { id: ME_ID, name: 'Mara Manager', locale: null },
    org: { id: 'o', name: 'Org', defaultLocale: 'en', requireTotp: false },
    csrfToken: null,
    mustEnrollTotp: false,
    abilities,
  };
}

async function render(node: ReactNode, opts: { lng?: 'en' | 'it'; seed?: (qc: QueryClient) => void } = {}): Promise<string> {
  const i18n = await i18nIn(opts.lng ?? 'en');
  const qc = new QueryClient();
  opts.seed?.(qc);
  return renderToStaticMarkup(
    createElement(
      QueryClientProvider,
      { client: qc },
      createElement(I18nextProvider, { i18n }, createElement(MantineProvider, null, createElement(MemoryRouter, null, node))),
    ),
  );
}

const summary = (extra: Partial<SurveySummary> = {}): SurveySummary => ({
  id: '0193a0c4-5b6e-7f00-8000-0000000000aa',
  kind: 'pulse',
  title: 'Spring pulse',
  anonymity: 'anonymous',
  status: 'running',
  recurrence: 'biweekly',
  startsAt: '2026-03-01T08:00:00.000Z',
  endsAt: null,
  threshold: 5,
  commentThreshold: 5,
  createdAt: '2026-02-20T08:00:00.000Z',
  createdBy: { id: ME_ID, name: 'Helga HR', title: null, photoUrl: null },
  currentRound: {
    id: 'r1',
    number: 2,
    opensAt: '2026-03-15T08:00:00.000Z',
    closesAt: '2026-03-20T08:00:00.000Z',
    status: 'open',
    invited: 12,
    responses: 9,
  },
  canEdit: true,
  canSchedule: false,
  canEnd: true,
  canDelete: false,
  canSeeResults: true,
  ...extra,
});

const q = (extra: Partial<EditorQuestion>): EditorQuestion => ({
  key: 'k',
  bankKey: null,
  kind: 'single',
  text: 'Where do you work?',
  options: ['Office', 'Home'],
  driver: null,
  required: true,
  pool: false,
  ...extra,
});

describe('survey editor logic', () => {
  it('sends everything for a draft, and only what may still change once running', () => {
    const s = {
      ...emptyEditor('pulse', 6, 8),
      title: '  Pulse  ',
      audienceMode: 'groups' as const,
      teamIds: ['t1'],
      startsAt: '2026-04-01T09:00',
      reminderDays: [2, 9],
      roundDays: 5,
      rotateCount: 1,
      questions: [
        q({ bankKey: 'growth.career', kind: 'scale5', text: '', options: [], pool: true }),
        q({ options: ['Office', ' Home ', ''] }),
      ],
    };
    const draft = toInput(s, false);
    expect(draft).toMatchObject({
      kind: 'pulse',
      title: 'Pulse',
      threshold: 6,
      commentThreshold: 8,
      audience: { departmentIds: [], teamIds: ['t1'], locationIds: [], lineOf: [] },
      recurrence: 'weekly',
      rotateCount: 1,
      reminderDays: [2],
      questions: [
        { bankKey: 'growth.career', required: true, pool: true },
        { kind: 'single', text: 'Where do you work?', options: ['Office', 'Home'], required: true, pool: false },
      ],
    });
    expect(draft.startsAt).toBe(new Date('2026-04-01T09:00').toISOString());
    expect(Object.keys(toInput(s, true)).sort()).toEqual(['commentThreshold', 'endsAt', 'intro', 'reminderDays', 'threshold', 'title']);
  });

  it('reads a saved survey back into the editor unchanged', () => {
    const detail: SurveyDetail = {
      ...summary({ status: 'draft', recurrence: 'none', startsAt: null }),
      kind: 'survey',
      intro: 'Hello',
      audience: { all: true },
      audienceLabels: { departments: [], teams: [], locations: [], lineOf: [] },
      rotateCount: 0,
      roundDays: 10,
      reminderDays: [3],
      questions: [
        {
          id: 'a',
          position: 0,
          kind: 'scale10',
          driver: 'enps',
          bankKey: 'enps.recommend',
          text: 'Quanto…',
          options: [],
          required: true,
          pool: false,
        },
        {
          id: 'b',
          position: 1,
          kind: 'text',
          driver: null,
          bankKey: null,
          text: 'Anything else?',
          options: [],
          required: false,
          pool: false,
        },
      ],
      questionsLocked: false,
    };
    const e = editorFromDetail(detail);
    expect(e).toMatchObject({ kind: 'survey', audienceMode: 'all', roundDays: 10, reminderDays: [3], startsAt: '' });
    // Bank questions keep no text of their own: the bank's wording shows in the reader's language.
    expect(e.questions.map((x) => [x.bankKey, x.text])).toEqual([
      ['enps.recommend', ''],
      [null, 'Anything else?'],
    ]);
    expect(toInput(e, false).questions).toEqual([
      { bankKey: 'enps.recommend', required: true },
      { kind: 'text', text: 'Anything else?', required: false },
    ]);
  });

  it('converts datetime fields both ways in the browser’s zone', () => {
    const iso = '2026-05-04T07:30:00.000Z';
    expect(fromLocalInput(toLocalInput(iso))).toBe(iso);
    expect(toLocalInput(null)).toBe('');
    expect(fromLocalInput('')).toBeNull();
    expect(fromLocalInput('not a date')).toBeNull();
  });

  it('moves questions, spots unfinished ones, offers reminder days and hides rates it may not show', () => {
    expect(move(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(move(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(questionProblem(q({ text: ' ' }))).toBe('surveys.editor.problem.text');
    expect(questionProblem(q({ options: ['One'] }))).toBe('surveys.editor.problem.options');
    expect(questionProblem(q({ options: ['One', 'one'] }))).toBe('surveys.editor.problem.duplicate');
    expect(questionProblem(q({ kind: 'scale5', options: [] }))).toBeNull();
    expect(reminderChoices(1)).toEqual([]);
    expect(reminderChoices(4)).toEqual([1, 2, 3]);
    expect(reminderChoices(60)).toHaveLength(14);
    expect(responseRate({ invited: 12, responses: 9 })).toBe(75);
    expect(responseRate({ invited: 3, responses: null })).toBeNull();
    const groups = bankByDriver(new Set(['enps.recommend']));
    expect(groups.map((g) => g.driver)).not.toContain('checkin');
    expect(groups.map((g) => g.driver)).not.toContain('enps');
    expect(groups[0]!.questions.length).toBeGreaterThan(0);
  });
});

describe('survey pages', () => {
  it('list surveys with their status, round and response rate, and the actions the viewer may take', async () => {
    const hidden = summary({
      id: '0193a0c4-5b6e-7f00-8000-0000000000bb',
      title: 'Tiny team check-in',
      kind: 'checkin',
      status: 'ended',
      recurrence: 'none',
      canEdit: false,
      canEnd: false,
      currentRound: {
        id: 'r2',
        number: 1,
        opensAt: '2026-03-01T08:00:00.000Z',
        closesAt: '2026-03-03T08:00:00.000Z',
        status: 'closed',
        invited: 3,
        responses: null,
      },
    });
    const html = await render(createElement(SurveysPage), {
      seed: (qc) => {
        qc.setQueryData(['me'], me({ 'listening.manage': true, 'listening.checkin': true, 'listening.results': true }));
        qc.setQueryData(['surveys', 'list', {}], { pages: [{ items: [summary(), hidden], nextCursor: null }], pageParams: [undefined] });
      },
    });
    expect(html).toContain('Surveys and check-ins');
    expect(html).toContain('Spring pulse');
    expect(html).toContain('Running');
    expect(html).toContain('Round 2 is open until');
    expect(html).toContain('9 of 12 answered (75%)');
    expect(html).toContain('How many answered stays hidden: fewer than 5 people were asked.');
    expect(html).toContain('href="/listening/surveys/0193a0c4-5b6e-7f00-8000-0000000000aa/edit"');
    expect(html).toContain('href="/listening/surveys/0193a0c4-5b6e-7f00-8000-0000000000aa/results"');
    expect(html).toContain('New survey');
    expect(html).toContain('aria-label="End Spring pulse"');
    expect(html).not.toContain('aria-label="End Tiny team check-in"');
  });

  it('tell people without access where to go, in Italian too', async () => {
    const html = await render(createElement(SurveysPage), {
      lng: 'it',
      seed: (qc) => qc.setQueryData(['me'], me({})),
    });
    expect(html).toContain('I sondaggi sono gestiti da HR');
    expect(html).toContain('href="/listening"');
  });

  it('show an empty list with a way to start', async () => {
    const html = await render(createElement(SurveysPage), {
      seed: (qc) => {
        qc.setQueryData(['me'], me({ 'listening.checkin': true }));
        qc.setQueryData(['surveys', 'list', {}], { pages: [{ items: [], nextCursor: null }], pageParams: [undefined] });
      },
    });
    expect(html).toContain('Your check-ins');
    expect(html).toContain('Ask your team how they are doing');
    expect(html).toContain('href="/listening/checkins/new"');
    expect(html).not.toContain('New survey');
  });

  it('build a new survey with the organisation’s thresholds and the anonymity modes in plain words', async () => {
    const html = await render(createElement(SurveyEditorPage), {
      seed: (qc) => {
        qc.setQueryData(['me'], me({ 'listening.manage': true, 'listening.checkin': true }));
        qc.setQueryData(['surveys', 'settings'], { threshold: 7, commentThreshold: 9, leadershipIds: [], leadership: [] });
      },
    });
    expect(html).toContain('New survey');
    expect(html).toContain('Add from the bank');
    expect(html).toContain('Write a question');
    expect(html).toContain('Nobody can ever tell who wrote what');
    expect(html).toContain('groups of at least 7 people');
    expect(html).toContain('value="7"');
    expect(html).toContain('value="9"');
    expect(html).toContain('Save and schedule');
  });

  it('let a plain manager start a check-in for their own line only, never with names attached', async () => {
    const html = await render(createElement(CheckinNewPage), {
      seed: (qc) => qc.setQueryData(['me'], me({ 'listening.checkin': true })),
    });
    expect(html).toContain('Everyone who reports to you, directly or through others.');
    expect(html).toContain('How are you doing this week?');
    expect(html).toContain('Anonymous');
    expect(html).toContain('Confidential');
    expect(html).not.toContain('With names');
    expect(html).toContain('Start the check-in');
  });

  it('explain each anonymity mode with the threshold, in both languages', async () => {
    const node = createElement(AnonymityChoice, { value: 'confidential', onChange: () => undefined, threshold: 6 });
    expect(await render(node)).toContain('groups of at least 6 people');
    expect(await render(node, { lng: 'it' })).toContain('gruppi di almeno 6 persone');
  });

  it('have every error code of the API worded in both languages', async () => {
    const codes = Object.keys(en.surveys.errors).map((k) => k.replace(/_(one|other)$/, ''));
    for (const lng of ['en', 'it'] as const) {
      const i18n = await i18nIn(lng);
      for (const code of codes) {
        const text = i18n.t(`surveys.errors.${code}`, { count: 3, threshold: 5, question: 2, minimum: 5, max: 7, limit: 60 });
        expect(text, `${lng} ${code}`).not.toMatch(/surveys\.|\{\{/);
      }
    }
    expect(new ApiError(422, 'AUDIENCE_TOO_SMALL', 'x', { invited: 3, threshold: 5 }).code).toBe('AUDIENCE_TOO_SMALL');
  });
});

describe('listening notifications', () => {
  const base = (type: string, data: Record<string, unknown>): NotificationView => ({
    id: 'n1',
    type,
    actor: null,
    post: null,
    comment: null,
    community: null,
    data,
    createdAt: '2026-11-26T10:00:00.000Z',
    readAt: null,
  });
  const round = '0193a0c4-5b6e-7f00-8000-0000000000cc';
  const thread = '0193a0c4-5b6e-7f00-8000-0000000000dd';

  it('lead to the round to answer, the conversation and the actions', () => {
    expect(notificationLink(base('survey', { roundId: round, surveyId: 'x', title: 'T', kind: 'survey', reminder: false }))).toBe(
      `/listening/answer/${round}`,
    );
    expect(notificationLink(base('feedback', { threadId: thread }))).toBe(`/listening/conversations/${thread}`);
    expect(notificationLink(base('listening_action', { actionId: 'a', title: 'Fewer meetings' }))).toBe('/listening/actions');
  });

  it('read as sentences with the title, for openings and reminders, in both languages', async () => {
    const i18n = await i18nIn('en');
    const t = i18n.t.bind(i18n);
    expect(sentenceText(t, base('survey', { title: 'Spring pulse', kind: 'pulse', reminder: false }))).toBe(
      'A new pulse is open for you: Spring pulse',
    );
    expect(sentenceText(t, base('survey', { title: 'Engagement', kind: 'survey', reminder: true }))).toBe(
      'Reminder: Engagement is still waiting for your answer',
    );
    expect(sentenceText(t, base('survey', { title: 'x', kind: 'checkin', reminder: false }))).toBe(
      'A quick check-in: how are you doing this week?',
    );
    expect(sentenceText(t, base('feedback', {}))).toBe('You have a new message in an anonymous conversation');
    expect(sentenceText(t, base('listening_action', { title: 'Fewer meetings' }))).toBe(
      'An action plan was shared with you: Fewer meetings',
    );

    const it18 = await i18nIn('it');
    const ti = it18.t.bind(it18);
    for (const n of [
      base('survey', { title: 'Clima', kind: 'survey', reminder: true }),
      base('survey', { kind: 'checkin', reminder: true }),
      base('survey', { kind: 'pulse', reminder: false }),
      base('feedback', {}),
      base('listening_action', {}),
    ]) {
      const text = sentenceText(ti, n);
      expect(text).not.toMatch(/notifications\.|\{\{/);
      expect(text).not.toBe(ti('notifications.sentence.other'));
    }
    expect(ti('notifications.settings.type.survey')).not.toMatch(/notifications\./);
  });
});
