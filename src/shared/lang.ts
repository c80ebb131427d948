import type { ContentLang } from './social.js';

/**
 * Guesses whether a text is English or Italian, so that search stems it in the right language. Short
 * or mixed text, where a wrong guess would stem words badly, stays `simple` (no stemming).
 *
 * Counts function words ("the", "of" / "il", "della"), which make up a large share of any sentence and
 * almost never appear in the other language. Words shared by both ("a", "in", "come") are left out.
 */

const ENGLISH = new Set(
  (
    'the and of to is are was were be been being that this these those with for it its you we they he she ' +
    'have has had not but what which who whom whose our your their my his her will would can could should ' +
    'there here about from at by on or if when how than then them us an all any some just also very into ' +
    'over after before because while where does did done get got am'
  ).split(' '),
);

const ITALIAN = new Set(
  (
    'il lo la gli le di del dello della dei degli delle che e è per con non un una uno sono sia ma anche ' +
    'più questo questa questi queste quello quella nel nello nella nei negli nelle al allo alla ai agli alle ' +
    'dal dallo dalla dai dagli dalle sul sulla sui sulle tra fra ho ha abbiamo avete hanno siamo siete ' +
    'era erano sei perché se ci ti si noi voi loro cosa molto tutti tutto tutte già ancora dove quando ' +
    'ogni essere stato stata fatto grazie oggi domani ieri sempre mai poi però quindi io tu lui lei ' +
    'mio mia nostro nostra vostro vostra l dell all nell dall sull c'
  ).split(' '),
);

const MIN_WORDS = 4;
const MIN_HITS = 2;

/** The language to stem this text in: `english`, `italian`, or `simple` when it is too short or unclear. */
export function detectLang(text: string): ContentLang {
  const plain = text
    .replace(/```[\s\S]*?```|`[^`]*`/g, ' ')
    .replace(/@\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\b(?:https?:\/\/|mailto:|www\.)\S+/gi, ' ')
    .replace(/#[\p{L}\p{N}_-]+/gu, ' ')
    .toLowerCase();
  const words = plain.match(/[\p{L}]+/gu) ?? [];
  if (words.length < MIN_WORDS) {
    return 'simple';
  }
  let en = 0;
  let it = 0;
  for (const w of words) {
    if (ENGLISH.has(w)) {
      en += 1;
    }
    if (ITALIAN.has(w)) {
      it += 1;
    }
  }
  const [best, other, lang] = en >= it ? [en, it, 'english' as const] : [it, en, 'italian' as const];
  if (best < MIN_HITS || best < 2 * other || best - other < 2) {
    return 'simple';
  }
  return lang;
}
