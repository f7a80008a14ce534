import { describe, expect, it } from 'vitest';
import { LruCache } from './lruCache.ts';

describe('LruCache(capacity)', () => {
  it('LruCache.set() drops the least recently used entry beyond capacity; get() refreshes', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1); // a is now the most recent
    cache.set('c', 3); // drops b
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.size).toBe(2);
    // values(): least recently used first, without refreshing anything.
    expect([...cache.values()]).toEqual([1, 3]);
    cache.set('d', 4);
    expect(cache.get('a')).toBeUndefined();
  });

  it('LruCache(0) keeps nothing', () => {
    const cache = new LruCache<string, number>(0);
    cache.set('a', 1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.size).toBe(0);
  });
});

describe('LruCache(capacity, { maxWeight, weigh })', () => {
  it('LruCache.set() drops the oldest entries until the total weight fits, and refuses an entry heavier than the budget', () => {
    const cache = new LruCache<string, string>(100, { maxWeight: 10, weigh: (s) => s.length });
    cache.set('a', 'xxxx'); // 4
    cache.set('b', 'xxxx'); // 8
    cache.set('c', 'xxxx'); // 12 > 10: drops a
    expect([cache.get('a'), cache.size, cache.weight]).toEqual([undefined, 2, 8]);
    cache.set('big', 'x'.repeat(11));
    expect(cache.get('big')).toBeUndefined();
    expect(cache.weight).toBe(8);
    cache.set('b', 'xx'); // replacing an entry updates the total
    expect(cache.weight).toBe(6);
    cache.clear();
    expect([cache.size, cache.weight]).toEqual([0, 0]);
  });
});
