/**
 * A map that keeps the most recently used entries within a budget: at most `capacity` entries
 * and, when `weigh` is given, at most `maxWeight` in total (bytes, typically). A `Map` keeps
 * insertion order: reading an entry re-inserts it at the end, so the first entry is the least
 * recently used and is dropped first. An entry heavier than the whole budget is not kept.
 */
export class LruCache<K, V> {
  private readonly map = new Map<K, { value: V; weight: number }>();
  readonly capacity: number;
  readonly maxWeight: number;
  private readonly weigh: (value: V) => number;
  private total = 0;

  constructor(capacity: number, options: { maxWeight?: number; weigh?: (value: V) => number } = {}) {
    this.capacity = capacity;
    this.maxWeight = options.maxWeight ?? Number.POSITIVE_INFINITY;
    this.weigh = options.weigh ?? (() => 0);
  }

  get(key: K): V | undefined {
    const entry = this.map.get(key);
    if (entry === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, entry);
    return entry.value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    const weight = this.weigh(value);
    if (this.capacity === 0 || weight > this.maxWeight) return;
    this.map.set(key, { value, weight });
    this.total += weight;
    while (this.map.size > this.capacity || this.total > this.maxWeight) {
      this.delete(this.map.keys().next().value as K);
    }
  }

  delete(key: K): boolean {
    const entry = this.map.get(key);
    if (entry === undefined) return false;
    this.map.delete(key);
    this.total -= entry.weight;
    return true;
  }

  get size(): number {
    return this.map.size;
  }

  /** The values, least recently used first (reading them does not count as a use). */
  *values(): IterableIterator<V> {
    for (const entry of this.map.values()) yield entry.value;
  }

  /** Sum of the entries' weights. */
  get weight(): number {
    return this.total;
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
