import { MantineProvider } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createInstance, type TFunction } from 'i18next';
import { createElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { MemoryRouter } from 'react-router';
import { describe, expect, it, vi } from 'vitest';
import { resources } from '../../i18n/resources.js';
import type { FeedbackOptions, Person } from './api.js';
import { namesOf, whoReads } from './components/ComposeModal.js';
import { formatDay, MessageList } from './components/parts.js';
import { cleanKey, parseKeys, withKey, withoutKey } from './keys.js';

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

const KEY_A = 'a'.repeat(43);
const KEY_B = 'B_-'.repeat(15);
const person = (name: string): Person => ({ id: crypto.randomUUID(), name, title: null, photoUrl: null });

describe('the keys kept in the browser', () => {
  it('read back only well-formed entries, once each', () => {
    const raw = JSON.stringify([
      { localId: 'x1', key: KEY_A, threadId: 't1' },
      { localId: 'x2', key: KEY_A, threadId: 't1' },
      { localId: 'x3', key: 'short' },
      { key: KEY_B },
      'nonsense',
      { localId: 'x4', key: KEY_B },
    ]);
    expect(parseKeys(raw)).toEqual([
      { localId: 'x1', key: KEY_A, threadId: 't1' },
      { localId: 'x4', key: KEY_B, threadId: null },
    ]);
    expect(parseKeys('{not json')).toEqual([]);
    expect(parseKeys(null)).toEqual([]);
    expect(parseKeys('{"a":1}')).toEqual([]);
  });

  it('add a key first, learn its thread later, and forget it', () => {
    const one = withKey([], KEY_A, null, 'l1');
    const two = withKey(one, KEY_B, 't2', 'l2');
    expect(two.map((k) => k.localId)).toEqual(['l2', 'l1']);
    const learnt = withKey(two, KEY_A, 't1', 'ignored');
    expect(learnt.find((k) => k.key === KEY_A)).toEqual({ localId: 'l1', key: KEY_A, threadId: 't1' });
    expect(withoutKey(learnt, KEY_B).map((k) => k.key)).toEqual([KEY_A]);
  });

  it('accept a pasted recovery key with spaces, breaks and quotes around it', () => {
    expect(cleanKey(`  "${KEY_A.slice(0, 20)}\n${KEY_A.slice(20)}"  `)).toBe(KEY_A);
    expect(cleanKey('not a key!')).toBeNull();
    expect(cleanKey('abc')).toBeNull();
  });
});

describe('who reads a conversation', () => {
  const options: FeedbackOptions = {
    threshold: 5,
    manager: { person: person('Maria Rossi'), reports: 7, allowed: true },
    hr: { people: [person('Hanna'), person('Ivo')], count: 5, administrators: false },
    leadership: { people: [person('Ada Admin')], count: 1, administrators: true },
  };

  it('says the manager will know it comes from one of their people, in both languages', async () => {
    const en = (await i18nIn('en')).t as TFunction;
    const it_ = (await i18nIn('it')).t as TFunction;
    expect(whoReads(en, 'manager', options, 'en')).toEqual({
      text: 'Maria Rossi reads it. They will know it comes from one of the 7 people who report to them, but not which one.',
      available: true,
    });
    expect(whoReads(it_, 'manager', options, 'it').text).toContain('una delle 7 persone');
  });

  it('refuses a manager with too few people or no manager at all, pointing to HR', async () => {
    const t = (await i18nIn('en')).t as TFunction;
    const few = whoReads(t, 'manager', { ...options, manager: { ...options.manager!, reports: 3, allowed: false } }, 'en');
    expect(few.available).toBe(false);
    expect(few.text).toContain('fewer than 5 people');
    expect(whoReads(t, 'manager', { ...options, manager: null }, 'en')).toMatchObject({ available: false });
  });

  it('names HR and the stand-in administrators', async () => {
    const t = (await i18nIn('en')).t as TFunction;
    expect(whoReads(t, 'hr', options, 'en').text).toBe('Everyone in HR reads it: Hanna, Ivo, and 3 more.');
    expect(whoReads(t, 'leadership', options, 'en').text).toContain('administrators read it: Ada Admin');
  });

  it('lists names in the reader’s language', () => {
    const more = (n: number) => `${n} more`;
    expect(namesOf([person('A'), person('B')], 2, 'it', more)).toBe('A e B');
    expect(namesOf([person('A')], 1, 'en', more)).toBe('A');
  });
});

describe('messages', () => {
  it('show days only, in the reader’s language', () => {
    expect(formatDay('2026-03-01', 'en')).toBe('1 Mar 2026');
    expect(formatDay('2026-03-01', 'it')).toBe('1 mar 2026');
  });

  it('put the reader’s own side on the right and the sanitised HTML as sent', async () => {
    const html = await render(
      createElement(MessageList, {
        label: 'Messages',
        messages: [
          { seq: 1, own: true, html: '<p>Mine</p>', sentOn: '2026-03-01', name: '', anonymous: true },
          { seq: 2, own: false, html: '<p><strong>Theirs</strong></p>', sentOn: '2026-03-02', name: 'Maria Rossi', detail: 'your manager' },
        ],
      }),
      'it',
    );
    expect(html).toMatch(/class="conv-message conv-message-own"[^]*Tu[^]*Mine/);
    expect(html).toContain('Maria Rossi');
    expect(html).toContain('<strong>Theirs</strong>');
  });
});
