import { describe, expect, it } from 'vitest';
import { ScopedCache } from './cache.js';

const ann = { orgId: 'org-1', userId: 'ann' };
const bob = { orgId: 'org-1', userId: 'bob' };
const eve = { orgId: 'org-2', userId: 'eve' };

function filled(now = () => 0) {
  const cache = new ScopedCache<string>(10, 1000, now);
  cache.store(ann, 'ann-page', cache.begin('org-1'), 'A', ['post-1', 'post-2']);
  cache.store(bob, 'bob-page', cache.begin('org-1'), 'B', ['post-2']);
  cache.store(eve, 'eve-page', cache.begin('org-2'), 'E', ['post-9']);
  return cache;
}

describe('ScopedCache', () => {
  it('drops by tag, by person and by organisation, and nothing else', () => {
    const byTag = filled();
    byTag.dropTag('org-1', 'post-1');
    expect([byTag.get('ann-page'), byTag.get('bob-page'), byTag.get('eve-page')]).toEqual([undefined, 'B', 'E']);

    const byUser = filled();
    byUser.dropUser('org-1', 'bob');
    expect([byUser.get('ann-page'), byUser.get('bob-page'), byUser.get('eve-page')]).toEqual(['A', undefined, 'E']);

    const byOrg = filled();
    byOrg.onNotice({ topic: 'stale', orgId: 'org-1' });
    expect([byOrg.get('ann-page'), byOrg.get('bob-page'), byOrg.get('eve-page')]).toEqual([undefined, undefined, 'E']);
    byOrg.onNotice({ topic: 'stale', orgId: 'org-2', userId: 'eve' });
    expect(byOrg.size).toBe(0);
  });

  it('does not keep a value computed while its organisation became stale', () => {
    const cache = new ScopedCache<string>(10, 1000);
    const generation = cache.begin('org-1');
    cache.dropTag('org-1', 'post-that-is-not-cached');
    cache.store(ann, 'ann-page', generation, 'computed before the change');
    expect(cache.get('ann-page')).toBeUndefined();
    // Another organisation's changes do not matter.
    const next = cache.begin('org-1');
    cache.dropOrg('org-2');
    cache.store(ann, 'ann-page', next, 'fresh');
    expect(cache.get('ann-page')).toBe('fresh');
    // Nor does a clear let a value computed before it in.
    const before = cache.begin('org-1');
    cache.clear();
    cache.store(ann, 'ann-page', before, 'stale');
    expect(cache.get('ann-page')).toBeUndefined();
  });

  it('expires entries and evicts the least recently used', () => {
    let now = 0;
    const cache = new ScopedCache<string>(2, 1000, () => now);
    cache.store(ann, 'a', 0, 'A');
    cache.store(ann, 'b', 0, 'B');
    expect(cache.get('a')).toBe('A');
    cache.store(ann, 'c', 0, 'C');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', undefined, 'C']);
    now = 999;
    expect(cache.get('a')).toBe('A');
    now = 1000;
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(1);
  });

  it('updates a value in place, and stores nothing when turned off', () => {
    const cache = filled();
    cache.update('ann-page', (v) => `${v}!`);
    cache.update('missing', () => 'never');
    expect(cache.get('ann-page')).toBe('A!');
    expect(cache.get('missing')).toBeUndefined();
    cache.delete('ann-page');
    expect(cache.get('ann-page')).toBeUndefined();

    const off = new ScopedCache<string>(0, 1000);
    off.store(ann, 'a', 0, 'A');
    expect(off.enabled).toBe(false);
    expect(off.get('a')).toBeUndefined();
  });
});
