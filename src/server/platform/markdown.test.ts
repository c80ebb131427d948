import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeHashtag, renderMarkdown } from './markdown.js';

const PERSON = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b';
const COMMUNITY = '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5c';
const html = (md: string) => renderMarkdown(md).html;

/** The markup of the output (tags and their attributes), where text that merely reads "javascript:" cannot hide. */
const tagsOf = (out: string) => out.match(/<[^>]*>/g) ?? [];
const hrefsOf = (out: string) => tagsOf(out).flatMap((tag) => [...tag.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!));

function expectHarmless(out: string) {
  expect(out).not.toMatch(/<script/i);
  for (const tag of tagsOf(out)) {
    expect(tag).not.toMatch(/\son\w+\s*=/i);
    // A web address may carry "javascript:" in its path harmlessly; anywhere else in the markup it may not.
    expect(tag.replace(/href="(https?|mailto):[^"]*"/gi, '')).not.toMatch(/javascript:|vbscript:|data:/i);
    expect(tag).toMatch(/^<\/?(p|br|strong|em|a|ul|ol|li|blockquote|code|pre)[\s/>]/);
  }
  for (const href of hrefsOf(out)) {
    expect(href).toMatch(/^(https?:|mailto:|\/(people|communities|hashtags)\/)/i);
  }
}

describe('renderMarkdown', () => {
  it('renders the supported subset', () => {
    expect(html('**bold** and _italics_')).toBe('<p><strong>bold</strong> and <em>italics</em></p>');
    expect(html('- one\n- two')).toBe('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(html('3. three\n4. four')).toBe('<ol start="3">\n<li>three</li>\n<li>four</li>\n</ol>');
    expect(html('> a quote')).toBe('<blockquote>\n<p>a quote</p>\n</blockquote>');
    expect(html('use `npm ci`')).toBe('<p>use <code>npm ci</code></p>');
    expect(html('```ts\nconst a = 1 < 2;\n```')).toBe('<pre><code class="language-ts">const a = 1 &lt; 2;\n</code></pre>');
    expect(html('first line\nsecond line')).toBe('<p>first line<br />\nsecond line</p>');
  });

  it('opens links in a new tab without passing the referrer or ranking', () => {
    expect(html('[docs](https://example.com/docs)')).toBe(
      '<p><a href="https://example.com/docs" rel="noopener noreferrer nofollow" target="_blank">docs</a></p>',
    );
    expect(html('see https://example.com')).toContain('<a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">');
    expect(html('write to team@example.com')).toContain('href="mailto:team@example.com"');
  });

  it('leaves headings, images, tables and rules as plain text', () => {
    const out = html('# Title\n\n![x](https://example.com/x.png)\n\n| a | b |\n|---|---|\n\n---');
    expect(out).not.toMatch(/<(h1|img|table|hr)/);
    expect(out).toContain('# Title');
  });

  it('escapes script tags and raw HTML instead of rendering them', () => {
    expect(html('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html('<b onclick="x()">hi</b>')).toBe('<p>&lt;b onclick="x()"&gt;hi&lt;/b&gt;</p>');
    expect(html('<img src=x onerror=alert(1)>')).not.toContain('<img');
    expect(html('<div>\n<iframe src="https://evil.example"></iframe>\n</div>')).not.toMatch(/<(div|iframe)/);
    expect(html('<svg><script>alert(1)</script></svg>')).not.toMatch(/<(svg|script)/);
    expect(html('<a href="javascript:alert(1)">x</a>')).not.toContain('<a');
  });

  it('refuses javascript:, data: and other dangerous links, however they are disguised', () => {
    for (const md of [
      '[x](javascript:alert(1))',
      '[x](JavaScript:alert(1))',
      '[x](  javascript:alert(1))',
      '[x](java\tscript:alert(1))',
      '[x](jav&#x61;script:alert(1))',
      '[x](&#106;avascript:alert(1))',
      '[x](javascript&colon;alert(1))',
      '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
      '[x](data:image/png;base64,iVBORw0KGgo=)',
      '[x](vbscript:msgbox(1))',
      '[x](file:///etc/passwd)',
      '<javascript:alert(1)>',
      '[x](//evil.example)',
      '[x](/admin)',
      '[x][ref]\n\n[ref]: javascript:alert(1)',
    ]) {
      const out = html(md);
      expectHarmless(out);
      expect(out, md).not.toContain('<a');
    }
  });

  it('keeps no attribute a link title could smuggle in', () => {
    expect(html('[x](https://example.com "title\\" onmouseover=\\"alert(1)")')).toBe(
      '<p><a href="https://example.com" rel="noopener noreferrer nofollow" target="_blank">x</a></p>',
    );
  });

  it('turns mentions into links and lists them', () => {
    const r = renderMarkdown(`Hi @[Ada Lovelace](person:${PERSON}), see @[Design](community:${COMMUNITY}) and @[Ada](person:${PERSON})`);
    expect(r.html).toBe(
      `<p>Hi <a href="/people/${PERSON}" class="mention">@Ada Lovelace</a>, see <a href="/communities/${COMMUNITY}" class="mention">@Design</a> and <a href="/people/${PERSON}" class="mention">@Ada</a></p>`,
    );
    expect(r.mentions).toEqual({ people: [PERSON], communities: [COMMUNITY] });
  });

  it('escapes what a mention displays', () => {
    const r = renderMarkdown(`@[<img src=x onerror=alert(1)>](person:${PERSON})`);
    expect(r.html).toContain('@&lt;img src=x onerror=alert(1)&gt;</a>');
    expectHarmless(r.html);
  });

  it('does not treat a malformed mention as one', () => {
    const r = renderMarkdown('@[Someone](person:not-a-uuid) @[x](javascript:alert(1)) @[y](group:0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b)');
    expect(r.mentions).toEqual({ people: [], communities: [] });
    expect(r.html).not.toContain('<a');
  });

  it('links hashtags and lists them lower-cased, once each', () => {
    const r = renderMarkdown('Shipping #Release-2026 today! #release-2026 #team_spirit (#inbox)');
    expect(r.hashtags).toEqual(['release-2026', 'team_spirit', 'inbox']);
    expect(r.html).toContain('<a href="/hashtags/release-2026" class="hashtag">#Release-2026</a>');
    expect(renderMarkdown('Ciao #caffè').html).toContain('href="/hashtags/caff%C3%A8"');
  });

  it('does not find hashtags in code, links, numbers or the middle of words', () => {
    const r = renderMarkdown(
      'issue #42 and C# and a#b and `#code` and [#linked](https://example.com) and https://example.com/#anchor\n\n```\n#block\n```',
    );
    expect(r.hashtags).toEqual([]);
    expect(r.html).not.toContain('class="hashtag"');
  });

  it('ignores hashtags that are too short or too long', () => {
    expect(renderMarkdown(`#a #${'x'.repeat(51)}`).hashtags).toEqual([]);
    expect(renderMarkdown(`#ok #${'y'.repeat(50)}`).hashtags).toEqual(['ok', 'y'.repeat(50)]);
  });

  it('normalises hashtags the same way everywhere', () => {
    expect(normalizeHashtag('#Team_Spirit')).toBe('team_spirit');
    expect(normalizeHashtag('42')).toBeNull();
    expect(normalizeHashtag('a')).toBeNull();
    expect(normalizeHashtag('no spaces')).toBeNull();
  });

  it('never produces scripts, event handlers or dangerous links, whatever it is given', () => {
    const hostile = fc.constantFrom(
      '<script>',
      '</script>',
      '<img src=x onerror=alert(1)>',
      ' onload=',
      ' onclick="',
      'javascript:',
      'JaVaScRiPt:',
      'data:text/html,',
      '&#106;',
      '&colon;',
      '<a href="',
      '">',
      '[x](',
      ')',
      '](',
      '@[',
      '](person:',
      PERSON,
      '#tag',
      '`',
      '```\n',
      '**',
      '_',
      '> ',
      '- ',
      '\n',
      '<',
      '>',
      '"',
      "'",
      '\\',
      '<svg/onload=alert(1)>',
      '<iframe src=x>',
      '<style>',
      '&lt;script&gt;',
      'https://example.com/',
      '<https://example.com>',
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(hostile, fc.string({ maxLength: 8 })), { maxLength: 40 }), (parts) => {
        expectHarmless(html(parts.join('')));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('long-form text (articles)', () => {
  const rich = (md: string) => renderMarkdown(md, { rich: true }).html;
  const IMAGE = `/api/attachments/${PERSON}`;
  const KEPT = `/api/articles/${PERSON}/images/${COMMUNITY}`;

  it('renders headings from level 2, with the title of the page as the only level 1', () => {
    expect(rich('# Big\n\n## Part\n\n### Detail')).toBe('<h2>Big</h2>\n<h2>Part</h2>\n<h3>Detail</h3>');
  });

  it('keeps pictures uploaded here, lazily loaded, with their description', () => {
    expect(rich(`![A team photo](${IMAGE})`)).toBe(`<p><img src="${IMAGE}" alt="A team photo" loading="lazy" /></p>`);
    expect(rich(`![](${KEPT})`)).toContain(`<img src="${KEPT}"`);
  });

  it('drops pictures from anywhere else and look-alike addresses', () => {
    for (const src of [
      'https://tracker.example/pixel.png',
      '//tracker.example/pixel.png',
      '/api/attachments/not-an-id',
      `/api/attachments/${PERSON}/../../admin`,
      `/api/attachments/${PERSON}?x=1`,
      'javascript:alert(1)',
      'data:image/png;base64,AAAA',
    ]) {
      const out = rich(`![x](${src})`);
      expect(out).not.toContain('<img');
      expectHarmless(out);
    }
  });

  it('leaves posts as they were: no headings, no pictures', () => {
    expect(html('## Part')).toBe('<p>## Part</p>');
    expect(html(`![x](${IMAGE})`)).not.toContain('<img');
  });

  it('never lets raw HTML through, headings and pictures included', () => {
    const out = rich(`<img src="${IMAGE}" onerror="alert(1)"><h2 onclick="x">t</h2>`);
    expect(out).not.toContain('<img');
    expect(out).not.toContain('<h2');
  });
});
