/** Pure text helpers of the post editor: where a mention or hashtag is being typed, and how to rank suggestions. */

export interface Trigger {
  kind: 'mention' | 'hashtag';
  /** What was typed after the @ or #. */
  query: string;
  /** Where the @ or # is. */
  start: number;
}

const MENTION = /(?:^|[\s(])@([^\s@#[\]()]{1,40}(?: [^\s@#[\]()]{0,40})?)$/u;
const HASHTAG = /(?:^|[\s(])#([\p{L}\p{N}_-]{1,50})$/u;

/** The mention or hashtag being typed right before the caret, if any. */
export function findTrigger(text: string, caret: number): Trigger | null {
  const before = text.slice(Math.max(0, caret - 90), caret);
  const offset = Math.max(0, caret - 90);
  const m = MENTION.exec(before);
  if (m) {
    return { kind: 'mention', query: m[1]!, start: offset + m.index + m[0].length - m[1]!.length - 1 };
  }
  const h = HASHTAG.exec(before);
  if (h) {
    return { kind: 'hashtag', query: h[1]!, start: offset + h.index + h[0].length - h[1]!.length - 1 };
  }
  return null;
}

/** Names that start with what was typed first, then names with a word that does, then the rest. */
export function rankByName<T extends { name: string }>(items: T[], q: string): T[] {
  const needle = q.toLocaleLowerCase();
  const score = (name: string) => {
    const n = name.toLocaleLowerCase();
    if (n.startsWith(needle)) {
      return 0;
    }
    return n.split(/\s+/).some((w) => w.startsWith(needle)) ? 1 : 2;
  };
  return items
    .map((item, i) => ({ item, i, s: score(item.name) }))
    .sort((a, b) => a.s - b.s || a.i - b.i)
    .map((x) => x.item);
}

/** A name as Markdown link text: brackets would end the link early. */
export const linkText = (name: string) => name.replace(/[[\]]/g, '');
