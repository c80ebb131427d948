/**
 * Words that may identify the writer of a survey comment: names of colleagues, the writer's own team,
 * department, location and title. The server lists them; the web app looks for them in a comment
 * while it is written, so the comment itself never leaves the browser before it is submitted.
 */

export type TermKind = 'person' | 'team' | 'department' | 'location' | 'title';

export interface IdentifyingTerm {
  term: string;
  kind: TermKind;
}

/** Lower case without accents or apostrophe variants, so "Niccolò" matches "niccolo" and "D’Amico" "d'amico". */
export function foldText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[’‘`´]/g, "'")
    .toLowerCase();
}

/**
 * Name parts that are ordinary words too (in English or Italian) or particles of names: on their own
 * they would warn about nearly every comment, so only the full name is looked for.
 */
const COMMON = new Set(
  [
    // English words that are also names
    'will',
    'may',
    'mark',
    'bill',
    'rose',
    'grace',
    'hope',
    'joy',
    'june',
    'april',
    'august',
    'art',
    'guy',
    'sue',
    'don',
    'pat',
    'dean',
    'frank',
    'jack',
    'page',
    'summer',
    'faith',
    'sky',
    'river',
    'king',
    'young',
    'long',
    'black',
    'white',
    'brown',
    'green',
    'gray',
    'grey',
    'price',
    'love',
    'hall',
    'hill',
    'wood',
    'stone',
    'rich',
    'bell',
    'lane',
    'ward',
    'cook',
    'baker',
    'miller',
    'smith',
    'north',
    'west',
    'best',
    'well',
    'case',
    'field',
    'ray',
    'sunny',
    'chance',
    'gay',
    'new',
    'kind',
    'good',
    'hunt',
    'law',
    'lord',
    'mason',
    'park',
    'penny',
    'poor',
    'power',
    'sharp',
    'short',
    'strong',
    'swift',
    'wise',
    'house',
    'little',
    'major',
    'small',
    'early',
    'day',
    'star',
    'angel',
    'crystal',
    'dawn',
    'ivy',
    'ruby',
    'pearl',
    'holly',
    'heather',
    'iris',
    'daisy',
    'lily',
    'violet',
    'olive',
    'amber',
    'autumn',
    'robin',
    'carol',
    'gene',
    'max',
    'norm',
    'sterling',
    'victor',
    'sandy',
    'storm',
    'rusty',
    'hardy',
    'cash',
    'noble',
    'moody',
    // Italian words that are also names
    'sole',
    'rosa',
    'bianca',
    'bianco',
    'serena',
    'sereno',
    'franco',
    'felice',
    'viola',
    'gioia',
    'speranza',
    'fortunato',
    'fortunata',
    'bella',
    'bello',
    'leone',
    'rossi',
    'rosso',
    'neri',
    'nero',
    'russo',
    'ricci',
    'conti',
    'costa',
    'fontana',
    'monti',
    'greco',
    'gallo',
    'longo',
    'marino',
    'villa',
    'sala',
    'riva',
    'porta',
    'pace',
    'mele',
    'grande',
    'piccolo',
    'ferro',
    'fiore',
    'mare',
    'vita',
    'stella',
    'luce',
    'aurora',
    'alba',
    'chiara',
    'chiaro',
    'vittoria',
    'gentile',
    'santo',
    'santi',
    'sala',
    'bassi',
    'basso',
    'forte',
    'moro',
    'colombo',
    'caruso',
    'monte',
    'rocca',
    'pizza',
    'lupo',
    'volpe',
    'testa',
    'orlando',
    'amato',
    'amore',
    'benedetto',
    'fedele',
    'onesto',
    'modesto',
    'primo',
    'ultimo',
    'nobile',
    'regina',
    'sposato',
    'donato',
    'lieto',
    'lieta',
    'innocente',
    'maggio',
    'marzo',
    'aprile',
    'agosto',
    'natale',
    'pasqua',
    // particles of names
    'van',
    'von',
    'der',
    'den',
    'del',
    'dei',
    'della',
    'delle',
    'degli',
    'des',
    'the',
    'and',
    'bin',
    'ben',
    'mac',
    'san',
    'jr.',
    'sr.',
  ].map(foldText),
);

/** The longest parts only, at least three letters, that are not ordinary words. */
export function distinctiveNameParts(name: string): string[] {
  return name
    .split(/[\s]+/)
    .map((p) => p.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''))
    .filter((p) => Array.from(p).length >= 3 && !COMMON.has(foldText(p)));
}

const isLetter = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}]/u.test(c);

export interface TermMatch extends IdentifyingTerm {
  /** Where the term starts in the folded text, and how long it is there. */
  at: number;
  length: number;
}

/**
 * The terms a text mentions as whole words, ignoring case and accents; a term found inside a longer
 * one found at the same place ("Marco" inside "Marco Ferrari") is left out, and each term is listed once.
 */
export function findTerms(text: string, terms: readonly IdentifyingTerm[]): TermMatch[] {
  const hay = foldText(text);
  const found: TermMatch[] = [];
  for (const t of terms) {
    const needle = foldText(t.term.trim());
    if (needle.length < 2) {
      continue;
    }
    let from = 0;
    while (from <= hay.length - needle.length) {
      const at = hay.indexOf(needle, from);
      if (at < 0) {
        break;
      }
      if (!isLetter(hay[at - 1]) && !isLetter(hay[at + needle.length])) {
        found.push({ ...t, at, length: needle.length });
        break;
      }
      from = at + 1;
    }
  }
  const kept = found.filter(
    (m) => !found.some((o) => o !== m && o.length > m.length && o.at <= m.at && o.at + o.length >= m.at + m.length),
  );
  const seen = new Set<string>();
  return kept
    .sort((a, b) => a.at - b.at)
    .filter((m) => {
      const key = `${m.kind}:${foldText(m.term)}`;
      if (seen.has(key)) {
        return false;
      }
      seen.add(key);
      return true;
    });
}
