import { describe, expect, it } from 'vitest';
import { parseHighlight, unescapeText } from './highlight.js';

describe('search highlights', () => {
  it('splits a snippet into plain and marked text', () => {
    expect(parseHighlight('Our <mark>customer</mark> stories from <mark>Milano</mark>')).toEqual([
      { text: 'Our ', mark: false },
      { text: 'customer', mark: true },
      { text: ' stories from ', mark: false },
      { text: 'Milano', mark: true },
    ]);
  });

  it('turns escaped characters back into the text that was written', () => {
    expect(parseHighlight('R&amp;D says &lt;b&gt;hi&lt;/b&gt; &quot;ok&quot; &#39;fine&#39;')).toEqual([
      { text: 'R&D says <b>hi</b> "ok" \'fine\'', mark: false },
    ]);
  });

  it('keeps any other tag as visible text, never as markup', () => {
    const segments = parseHighlight('<img src=x onerror=alert(1)><mark>hit</mark>');
    expect(segments).toEqual([
      { text: '<img src=x onerror=alert(1)>', mark: false },
      { text: 'hit', mark: true },
    ]);
  });

  it('treats an unclosed mark as marked to the end and ignores a stray closing one', () => {
    expect(parseHighlight('a</mark>b<mark>c')).toEqual([
      { text: 'ab', mark: false },
      { text: 'c', mark: true },
    ]);
  });

  it('leaves unknown entities as they are', () => {
    expect(unescapeText('&copy; &amp;amp;')).toBe('&copy; &amp;');
  });

  it('answers nothing for an empty snippet', () => {
    expect(parseHighlight('')).toEqual([]);
  });
});
