import { describe, expect, it } from 'vitest';
import { SOURCES } from './resources.js';

/** Every key path of a resource tree, with the placeholders its text uses. */
function entries(tree: unknown, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree as Record<string, unknown>)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') {
      out.set(path, [...value.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort());
    } else {
      for (const [k, v] of entries(value, path)) {
        out.set(k, v);
      }
    }
  }
  return out;
}

/** Plural forms differ by language (Italian has no "_few"); compare their base keys. */
const base = (key: string) => key.replace(/_(zero|one|two|few|many|other)$/, '');

describe.each(SOURCES)('translations of $name', ({ en, it: it_ }) => {
  it('have the same keys in English and Italian', () => {
    const a = new Set([...entries(en).keys()].map(base));
    const b = new Set([...entries(it_).keys()].map(base));
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    expect([...b].filter((k) => !a.has(k))).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const italian = entries(it_);
    const differing = [...entries(en)].filter(([k, vars]) => italian.has(k) && italian.get(k)!.join() !== vars.join()).map(([k]) => k);
    expect(differing).toEqual([]);
  });
});

describe('translation files', () => {
  it('never define the same top-level key twice', () => {
    const seen = new Map<string, string>();
    const clashes: string[] = [];
    for (const s of SOURCES) {
      for (const key of Object.keys(s.en)) {
        if (seen.has(key)) {
          clashes.push(`${key} (${seen.get(key)} and ${s.name})`);
        }
        seen.set(key, s.name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
