/**
 * What the search box understands, turned into PostgreSQL `to_tsquery` syntax, and the highlighted
 * snippets turned into safe HTML. Pure functions: no database, no request.
 *
 * The box accepts plain words (all must match), "quoted phrases", `-word` to exclude and `or` between
 * two words. Each word or phrase reaches `to_tsquery` as one quoted string, which the text search
 * parser then splits exactly as it split the stored text (an e-mail address, `e-mail`, `v2.5` stay
 * what they are). Only letters, digits, spaces and `@ . _ -` are kept inside the quotes, so nothing
 * typed can close a quote or add an operator; the operators are ours.
 */

/** Most clauses (words, phrases) one search may hold: each is another GIN lookup. */
const MAX_CLAUSES = 8;
const MAX_PHRASE_WORDS = 8;
/**
 * As-you-type prefix matching applies to the last word from this length on: one- and two-letter
 * prefixes match a large share of every index and make the search slow for no useful result.
 */
export const MIN_PREFIX = 3;

interface Clause {
  /** What goes between the quotes. */
  text: string;
  /** Its runs of letters and digits. */
  words: string[];
  negated: boolean;
  /** Typed as a bare word (not in quotes), so it may be a prefix of what the person means. */
  bare: boolean;
}

/** A parsed search: groups that must all match, each a list of alternatives joined by `or`. */
export interface ParsedQuery {
  groups: Clause[][];
}

const TOKEN = /(-?)"([^"]*)"?|(\S+)/gu;
const WORD = /[\p{L}\p{N}]+/gu;

function clauseOf(raw: string, negated: boolean, bare: boolean): Clause | null {
  const text = raw
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}@._-]+/gu, ' ')
    .split(' ')
    .map((t) => t.replace(/^[@._-]+|[@._-]+$/g, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t))
    .slice(0, MAX_PHRASE_WORDS)
    .join(' ');
  const words = text.match(WORD) ?? [];
  return words.length > 0 ? { text, words, negated, bare } : null;
}

/**
 * Parses what was typed; null when nothing searchable is left (no word of two or more characters to
 * look for, only exclusions, or only punctuation).
 */
export function parseSearchQuery(input: string): ParsedQuery | null {
  const groups: Clause[][] = [];
  let orPending = false;
  for (const m of input.matchAll(TOKEN)) {
    if (groups.flat().length >= MAX_CLAUSES) {
      break;
    }
    const [, minus, quoted, raw] = m;
    let clause: Clause | null;
    if (quoted !== undefined) {
      clause = clauseOf(quoted, minus === '-', false);
    } else {
      const token = raw ?? '';
      if (token.toLowerCase() === 'or') {
        orPending = groups.length > 0;
        continue;
      }
      const negated = token.length > 1 && token.startsWith('-');
      clause = clauseOf(negated ? token.slice(1) : token, negated, true);
    }
    if (!clause) {
      continue;
    }
    const last = groups.at(-1);
    // "or" only joins two positive clauses; anywhere else it is dropped, as a stop word would be.
    if (orPending && last && !clause.negated && !last.some((c) => c.negated)) {
      last.push(clause);
    } else {
      groups.push([clause]);
    }
    orPending = false;
  }
  const searchable = groups.some((g) => g.every((c) => !c.negated && c.words.some((w) => w.length >= 2)));
  return searchable ? { groups } : null;
}

/** Which words get a `:*` prefix match: only the last typed word, or every word (short names). */
export type PrefixMode = 'last' | 'all' | 'none';

/** The parsed search as `to_tsquery` text, e.g. `'team' & ('sales' | 'marketing') & !'first draft' & 'upd':*`. */
export function toTsquery(parsed: ParsedQuery, prefix: PrefixMode): string {
  const lastClause = parsed.groups.at(-1)?.at(-1);
  const render = (c: Clause) => {
    const wantsPrefix = c.bare && !c.negated && (prefix === 'all' || (prefix === 'last' && c === lastClause));
    const body = `'${c.text}'${wantsPrefix && (c.words.at(-1)?.length ?? 0) >= MIN_PREFIX ? ':*' : ''}`;
    return c.negated ? `!${body}` : body;
  };
  return parsed.groups.map((g) => (g.length > 1 ? `(${g.map(render).join(' | ')})` : render(g[0]!))).join(' & ');
}

/**
 * Markers PostgreSQL's `ts_headline` puts around matches. Private-use characters: they are removed
 * from the text before highlighting, so only the database can place them.
 */
export const MARK_START = '\uE000';
export const MARK_STOP = '\uE001';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/**
 * A `ts_headline` snippet as HTML: every character of the text escaped, matches wrapped in `<mark>`.
 * The snippet is user content and is never trusted as HTML; unbalanced markers are dropped.
 */
export function highlightHtml(snippet: string): string {
  let html = '';
  let open = false;
  let text = '';
  const flush = () => {
    if (text) {
      html += open ? `<mark>${escapeHtml(text)}</mark>` : escapeHtml(text);
      text = '';
    }
  };
  for (const ch of snippet) {
    if (ch === MARK_START || ch === MARK_STOP) {
      flush();
      open = ch === MARK_START;
    } else {
      text += ch;
    }
  }
  flush();
  return html.trim();
}
