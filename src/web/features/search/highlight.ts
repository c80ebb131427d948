/** A piece of a highlighted snippet: plain text, marked or not. */
export interface Segment {
  text: string;
  mark: boolean;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" };

/** Undoes the escaping of the five HTML special characters; anything else stays exactly as written. */
export function unescapeText(s: string): string {
  return s.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (_, e: string) => ENTITIES[e] ?? '');
}

/**
 * Reads the server's highlighted snippet (escaped text, matches in `<mark>…</mark>`) into text
 * segments. Nothing becomes markup: the only tags understood are `<mark>` and `</mark>`, everything
 * else is text, and the result is rendered as React text nodes.
 */
export function parseHighlight(html: string): Segment[] {
  const out: Segment[] = [];
  let mark = false;
  for (const piece of html.split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') {
      mark = true;
    } else if (piece === '</mark>') {
      mark = false;
    } else if (piece) {
      const text = unescapeText(piece);
      const last = out.at(-1);
      if (last && last.mark === mark) {
        last.text += text;
      } else {
        out.push({ text, mark });
      }
    }
  }
  return out;
}
