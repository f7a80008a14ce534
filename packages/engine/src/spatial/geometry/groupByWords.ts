import { mix4 } from './mix4.ts';

/**
 * Items (vertices, edges) grouped by identity, items of group g being positions
 * `starts[g] .. starts[g + 1])` of `order` (original item index) and `owner` (the item's feature).
 */
export interface ItemGroups {
  /** Empty unless asked for with `keepOrder`. */
  order: Int32Array;
  owner: Int32Array;
  starts: Int32Array;
  count: number;
}

/** 512 partitions: about 4,000 vertices each for all of France, a hash table of 32 kB per partition. */
const PARTITION_BITS = 9;

/**
 * Groups items that are identical, each item being described by four 32-bit words (a vertex: the
 * bits of x and y; an edge: its two point ids and two zeros). Radix-partitioned hashing (Manegold,
 * Boncz & Kersten 2002, "Optimizing main-memory join on modern hardware", IEEE TKDE 14(4)): one
 * pass scatters the items into 512 partitions by the top bits of their hash, then each partition
 * — small enough to stay in cache — is grouped with its own little hash table. Much faster than a
 * single hash table over millions of items, whose every probe misses the cache.
 *
 * Exact: items are in the same group only when all four words are equal.
 * Complexity: O(items) expected.
 */
export function groupByWords(words: Uint32Array, owner: Int32Array, keepOrder: boolean): ItemGroups {
  const n = owner.length;
  const partitions = 1 << PARTITION_BITS;
  const shift = 32 - PARTITION_BITS;
  const keys = new Uint32Array(n);
  const start = new Int32Array(partitions + 1);
  for (let i = 0; i < n; i++) {
    const k = mix4(words[4 * i]!, words[4 * i + 1]!, words[4 * i + 2]!, words[4 * i + 3]!);
    keys[i] = k;
    start[(k >>> shift) + 1]!++;
  }
  for (let p = 0; p < partitions; p++) start[p + 1]! += start[p]!;
  // Scatter into partitions, each item as 6 consecutive words (hash, owner, its 4 words): one
  // write stream per partition, and grouping then reads each partition in order.
  const fill = start.slice(0, partitions);
  const packed = new Uint32Array(6 * n);
  const pItem = new Int32Array(keepOrder ? n : 0);
  for (let i = 0; i < n; i++) {
    const k = keys[i]!;
    const at = fill[k >>> shift]!++;
    const o = 6 * at;
    packed[o] = k;
    packed[o + 1] = owner[i]!;
    packed[o + 2] = words[4 * i]!;
    packed[o + 3] = words[4 * i + 1]!;
    packed[o + 4] = words[4 * i + 2]!;
    packed[o + 5] = words[4 * i + 3]!;
    if (keepOrder) pItem[at] = i;
  }
  let largest = 0;
  for (let p = 0; p < partitions; p++) largest = Math.max(largest, start[p + 1]! - start[p]!);
  let size = 16;
  while (size < 2 * largest) size *= 2;
  const table = new Int32Array(size);
  const localGroup = new Int32Array(largest);
  const groupSize = new Int32Array(largest + 1);
  const order = new Int32Array(keepOrder ? n : 0);
  const ownerOut = new Int32Array(n);
  const starts = new Int32Array(n + 1);
  let count = 0;
  for (let p = 0; p < partitions; p++) {
    const s = start[p]!;
    const m = start[p + 1]! - s;
    if (m === 0) continue;
    let tableSize = 16;
    while (tableSize < 2 * m) tableSize *= 2;
    const mask = tableSize - 1;
    table.fill(-1, 0, tableSize);
    let groups = 0;
    for (let i = 0; i < m; i++) {
      const at = 6 * (s + i);
      let slot = packed[at]! & mask;
      for (;;) {
        const first = table[slot]!;
        if (first === -1) {
          table[slot] = i;
          localGroup[i] = groups++;
          break;
        }
        const f = 6 * (s + first);
        if (
          packed[f] === packed[at] &&
          packed[f + 2] === packed[at + 2] &&
          packed[f + 3] === packed[at + 3] &&
          packed[f + 4] === packed[at + 4] &&
          packed[f + 5] === packed[at + 5]
        ) {
          localGroup[i] = localGroup[first]!;
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    // counting sort of the partition's items by local group, written straight to the output
    groupSize.fill(0, 0, groups + 1);
    for (let i = 0; i < m; i++) groupSize[localGroup[i]! + 1]!++;
    for (let g = 0; g < groups; g++) {
      groupSize[g + 1]! += groupSize[g]!;
      starts[count + g] = s + groupSize[g]!;
    }
    for (let i = 0; i < m; i++) {
      const position = s + groupSize[localGroup[i]!]!++;
      ownerOut[position] = packed[6 * (s + i) + 1]!;
      if (keepOrder) order[position] = pItem[s + i]!;
    }
    count += groups;
  }
  starts[count] = n;
  return { order, owner: ownerOut, starts: starts.subarray(0, count + 1), count };
}

/**
 * The four words of each vertex: the bits of x and y. A view on the coordinates when no
 * coordinate is -0 (the usual case); otherwise a copy with -0 folded onto +0, so that equal
 * numbers match.
 */
export function vertexWords(coords: Float64Array): Uint32Array {
  for (let i = 0; i < coords.length; i++) {
    if (coords[i] === 0 && 1 / coords[i]! < 0) {
      const copy = Float64Array.from(coords, (x) => x + 0); // -0 + 0 = +0
      return new Uint32Array(copy.buffer);
    }
  }
  return new Uint32Array(coords.buffer, coords.byteOffset, coords.length * 2);
}
