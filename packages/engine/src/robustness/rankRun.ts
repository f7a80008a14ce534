/** Buffers of {@link rankRun}, reused from run to run. */
export interface RankWork {
  /** Scores rounded to single precision, then (same bytes) their sortable keys. */
  single: Float32Array;
  keys: Uint32Array;
  keysTmp: Uint32Array;
  orderTmp: Int32Array;
  counts: Int32Array;
}

export function createRankWork(n: number): RankWork {
  const single = new Float32Array(n);
  return {
    single,
    keys: new Uint32Array(single.buffer),
    keysTmp: new Uint32Array(n),
    orderTmp: new Int32Array(n),
    counts: new Int32Array(4 * 2048),
  };
}

/**
 * The composite's `rankScores`, rank for rank, in a form cheaper per run of an uncertainty
 * analysis: rank 1 = the highest score among the territories whose `status` is 0 and whose score
 * is a number; scores equal once rounded to single precision are ties, ordered by territory index;
 * the others get rank 0. Same keys (the score rounded to single precision, its bits turned into an
 * unsigned integer that sorts descending scores first) and the same stable LSD radix sort, with
 * three changes that do not change the order: the keys are rounded in bulk through a Float32Array
 * (the same rounding as Math.fround); digits are 8 bits wide up to 4,096 territories (4 passes
 * over 256 buckets rather than 3 over 2,048, whose bucket sweeps cost more than the sort at such
 * sizes), 11 bits above; one sweep counts every digit, and a pass whose digit is the same for all
 * keys is skipped (it would leave the order as it is). A test compares both on random scores.
 *
 * Writes `order` (ranked territory indices, best first) and `rank`; returns how many were ranked.
 * Complexity: O(n).
 */
export function rankRun(
  score: Float64Array,
  status: Uint8Array,
  order: Int32Array,
  rank: Int32Array,
  work: RankWork,
): number {
  const n = score.length;
  const { single, keys } = work;
  let k = 0;
  for (let i = 0; i < n; i++) {
    rank[i] = 0;
    const v = score[i]!;
    if (status[i] === 0 && !Number.isNaN(v)) {
      order[k] = i;
      single[k++] = v;
    }
  }
  const bits = k <= 4096 ? 8 : 11;
  const radix = 1 << bits;
  const mask = radix - 1;
  const passes = Math.ceil(32 / bits);
  const counts = work.counts;
  counts.fill(0, 0, passes * radix);
  for (let q = 0; q < k; q++) {
    // Sortable key, inverted: ascending keys = descending scores (positive floats above negative ones).
    const b = keys[q]!;
    const key = ~(b & 0x80000000 ? ~b : b | 0x80000000) >>> 0;
    keys[q] = key;
    for (let p = 0, shift = 0; p < passes; p++, shift += bits)
      counts[p * radix + ((key >>> shift) & mask)]!++;
  }
  let srcKey = keys;
  let srcOrder = order;
  let dstKey = work.keysTmp;
  let dstOrder = work.orderTmp;
  for (let p = 0, shift = 0; p < passes; p++, shift += bits) {
    const at = p * radix;
    if (k === 0 || counts[at + ((srcKey[0]! >>> shift) & mask)] === k) continue; // one digit: nothing moves
    let sum = 0;
    for (let u = at; u < at + radix; u++) {
      const c = counts[u]!;
      counts[u] = sum;
      sum += c;
    }
    for (let q = 0; q < k; q++) {
      const key = srcKey[q]!;
      const to = counts[at + ((key >>> shift) & mask)]!++;
      dstKey[to] = key;
      dstOrder[to] = srcOrder[q]!;
    }
    const keys2 = srcKey;
    srcKey = dstKey;
    dstKey = keys2;
    const order2 = srcOrder;
    srcOrder = dstOrder;
    dstOrder = order2;
  }
  if (srcOrder !== order) order.set(srcOrder.subarray(0, k));
  for (let r = 0; r < k; r++) rank[order[r]!] = r + 1;
  return k;
}
