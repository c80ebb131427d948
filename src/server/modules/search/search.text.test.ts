import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MARK_START, MARK_STOP, highlightHtml, parseSearchQuery, toTsquery } from './search.text.js';

const tsquery = (input: string, prefix: 'last' | 'all' | 'none' = 'last') => {
  const parsed = parseSearchQuery(input);
  return parsed ? toTsquery(parsed, prefix) : null;
};

describe('search query', () => {
  it('requires every word and treats the last one as the start of a word', () => {
    expect(tsquery('Quarterly Budget rev')).toBe("'quarterly' & 'budget' & 'rev':*");
    expect(tsquery('budget review', 'none')).toBe("'budget' & 'review'");
    expect(tsquery('eng tea', 'all')).toBe("'eng':* & 'tea':*");
  });

  it('does not look up one- and two-letter prefixes', () => {
    expect(tsquery('budget q1')).toBe("'budget' & 'q1'");
    expect(tsquery('ab')).toBe("'ab'");
  });

  it('reads phrases, exclusions and "or"', () => {
    expect(tsquery('"customer feedback" -draft')).toBe("'customer feedback' & !'draft'");
    expect(tsquery('survey friday OR monday')).toBe("'survey' & ('friday' | 'monday':*)");
    expect(tsquery('or survey')).toBe("'survey':*");
    expect(tsquery('survey or -draft')).toBe("'survey' & !'draft'");
    expect(tsquery('"unfinished phrase')).toBe("'unfinished phrase'");
    expect(tsquery('-"first draft" plan')).toBe("!'first draft' & 'plan':*");
  });

  it('keeps words as the text search parser reads them: any language, addresses, versions', () => {
    expect(tsquery("dell'azienda perché")).toBe("'dell azienda' & 'perché':*");
    expect(tsquery('e-mail ada@example.com v2.5')).toBe("'e-mail' & 'ada@example.com' & 'v2.5'");
    expect(tsquery('(c++) "*bold*"')).toBe("'c' & 'bold'");
  });

  it('refuses what leaves nothing to look for', () => {
    for (const input of ['', '   ', 'a', 'a b c', '-budget', '!!! ???', '""', '-"x y"', '... --- @@']) {
      expect(parseSearchQuery(input), input).toBeNull();
    }
  });

  it('never lets typed text close a quote or become an operator', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (input) => {
        const text = tsquery(input);
        if (text === null) {
          return;
        }
        // Inside quotes only letters, digits, spaces and @ . _ -; outside only our operators.
        const outside = text.replace(/'[\p{L}\p{M}\p{N}@._ -]+'(:\*)?/gu, '');
        expect(outside).toMatch(/^[&|!()\s]*$/);
      }),
    );
  });
});

describe('highlights', () => {
  it('escapes the text and marks the matches', () => {
    expect(highlightHtml(`a <b>${MARK_START}team${MARK_STOP}</b> & "co"`)).toBe(
      'a &lt;b&gt;<mark>team</mark>&lt;/b&gt; &amp; &quot;co&quot;',
    );
  });

  it('drops stray markers', () => {
    expect(highlightHtml(`${MARK_STOP}one ${MARK_START}two`)).toBe('one <mark>two</mark>');
  });

  it('never produces markup other than <mark>, whatever the text', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant(MARK_START), fc.constant(MARK_STOP), fc.constant('<mark>'))), (parts) => {
        const html = highlightHtml(parts.join(''));
        expect(html.replace(/<mark>|<\/mark>/g, '')).not.toMatch(/[<>"']/);
        expect(html.match(/<mark>/g)?.length ?? 0).toBe(html.match(/<\/mark>/g)?.length ?? 0);
      }),
    );
  });
});
