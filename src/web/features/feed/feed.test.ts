import fc from 'fast-check';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { REACTIONS, type Reaction } from '../../../shared/social.js';
import { findTrigger, rankByName } from './components/editorText.js';
import MarkdownRender from './components/MarkdownRender.js';
import { relativeTime } from './components/time.js';
import { withReaction } from './hooks/usePosts.js';

const preview = (source: string) => renderToStaticMarkup(createElement(MarkdownRender, { source }));

describe('the composer preview', () => {
  it('renders bold, italics, lists, quotes and code as elements', () => {
    const html = preview('**bold** _it_\n\n- a\n- b\n\n> said\n\n`x`');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('<em>it</em>');
    expect(html).toContain('<li>a</li>');
    expect(html).toContain('<blockquote>');
    expect(html).toContain('<code>x</code>');
  });

  it('never turns typed HTML into markup', () => {
    const html = preview('<img src=x onerror=alert(1)> <script>alert(2)</script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;img');
  });

  it('links only web and mail addresses', () => {
    expect(preview('[site](https://example.com)')).toContain('href="https://example.com"');
    const bad = preview('[click](javascript:alert(1))');
    expect(bad).not.toContain('href=');
    expect(bad).not.toContain('javascript:alert(1)"');
  });

  it('shows mentions and hashtags the way the post will', () => {
    const html = preview('Thanks @[Ada Rossi](person:0193a0c4-5b6e-7f00-8000-000000000001) #launch');
    expect(html).toContain('<span class="md-mention">@Ada Rossi</span>');
    expect(html).toContain('<span class="md-hashtag">#launch</span>');
    expect(html).not.toContain('person:');
  });
});

describe('mention and hashtag suggestions', () => {
  it('finds a mention being typed and where its @ is', () => {
    expect(findTrigger('Thanks @mar', 11)).toEqual({ kind: 'mention', query: 'mar', start: 7 });
    expect(findTrigger('@Ada Ro', 7)).toEqual({ kind: 'mention', query: 'Ada Ro', start: 0 });
  });

  it('finds a hashtag being typed', () => {
    expect(findTrigger('ship it #lau', 12)).toEqual({ kind: 'hashtag', query: 'lau', start: 8 });
  });

  it('ignores e-mail addresses, issue numbers inside words and finished mentions', () => {
    expect(findTrigger('mail ada@aurora', 15)).toBeNull();
    expect(findTrigger('abc#def', 7)).toBeNull();
    expect(findTrigger('@[Ada](person:1) ', 17)).toBeNull();
  });

  it('puts names that start with what was typed first', () => {
    const people = [{ name: 'Alberto Martini' }, { name: 'Alice Brown' }, { name: 'Marco Ferrari' }];
    expect(rankByName(people, 'mar').map((p) => p.name)).toEqual(['Marco Ferrari', 'Alberto Martini', 'Alice Brown']);
  });
});

describe('reaction counts', () => {
  it('moves one reaction from one kind to another', () => {
    const start = { reactionCounts: { like: 2, love: 1 }, reactionCount: 3, myReaction: 'like' as Reaction | null };
    expect(withReaction(start, 'love')).toEqual({ reactionCounts: { like: 1, love: 2 }, reactionCount: 3, myReaction: 'love' });
    expect(withReaction(start, null)).toEqual({ reactionCounts: { like: 1, love: 1 }, reactionCount: 2, myReaction: null });
  });

  it('keeps the total equal to the sum of the kinds, whatever the viewer does', () => {
    const kind = fc.constantFrom<Reaction | null>(null, ...REACTIONS);
    fc.assert(
      fc.property(fc.array(kind, { maxLength: 30 }), (steps) => {
        let item = { reactionCounts: {} as Partial<Record<Reaction, number>>, reactionCount: 0, myReaction: null as Reaction | null };
        for (const next of steps) {
          item = withReaction(item, next);
          const sum = Object.values(item.reactionCounts).reduce((a, b) => a + (b ?? 0), 0);
          expect(item.reactionCount).toBe(sum);
          expect(item.reactionCount).toBe(item.myReaction ? 1 : 0);
        }
      }),
    );
  });
});

describe('relative times', () => {
  const now = Date.parse('2026-03-18T12:00:00Z');
  it('says "just now", minutes, hours and days, then the date', () => {
    expect(relativeTime('2026-03-18T11:59:40Z', 'en', now, 'just now')).toBe('just now');
    expect(relativeTime('2026-03-18T11:55:00Z', 'en', now, 'just now')).toBe('5 min ago');
    expect(relativeTime('2026-03-18T09:00:00Z', 'en', now, 'just now')).toBe('3 hr ago');
    expect(relativeTime('2026-03-17T12:00:00Z', 'en', now, 'just now')).toBe('yesterday');
    expect(relativeTime('2026-03-01T12:00:00Z', 'en', now, 'just now')).toBe('1 Mar 2026');
    expect(relativeTime('2026-03-18T11:55:00Z', 'it', now, 'adesso')).toBe('5 min fa');
  });
});
