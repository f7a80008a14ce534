/** Buffers of {@link rankScores}, reused from run to run. */
export interface RankWork {
  /** Scores rounded to single precision, then (same bytes) their sortable keys. */
  single: Float32Array;
  keys: Uint32Array;
  keysTmp: Uint32Array;
  orderTmp: Int32Array;
  counts: Int32Array;
}

/** Buffers for up to `n` territories: a loop that ranks many runs (robustness) keeps its own. */
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

let shared = createRankWork(0);
/** The buffers of calls that bring none (the scoring core), grown as needed. */
function sharedWork(n: number): RankWork {
  if (shared.single.length < n) shared = createRankWork(n);
  return shared;
}

/**
 * Ranks the territories whose `status` is 0 (ranked) and whose score is a number: rank 1 = the
 * highest score. Scores equal once rounded to single precision (about 7 significant digits) are
 * ties — floating-point sums carry noise of about 1e-15, which must not decide a rank — ordered by
 * territory index (territories are sorted by code, so the smaller code comes first). The rounding
 * is monotone and looks at each score alone, so a territory whose score rises never loses rank.
 * Ranks form a permutation of 1..ranked; others get rank 0.
 *
 * Fast, for the scoring core and for the thousands of runs of an uncertainty analysis: the scores
 * are rounded in bulk through a Float32Array (the rounding of Math.fround), their bits turned into
 * unsigned keys that sort descending scores first (the usual sortable-float transform, inverted),
 * and sorted by a stable LSD radix sort — 8-bit digits up to 4,096 territories (4 passes over 256
 * buckets: at such sizes the sweeps of 2,048 buckets would cost more than the sort), 11-bit above;
 * one sweep counts every digit, and a pass whose digit is the same for all keys is skipped (it
 * would leave the order as it is). A test compares it with a comparison sort on random scores.
 *
 * Writes `order` (ranked territory indices, best first) and `rank`; returns how many were ranked.
 * `work` holds the buffers (default: shared ones, grown as needed).
 *
 * Complexity: O(n).
 *
 * @example rankScores(Float64Array.of(5, 9, 5), Uint8Array.of(0, 0, 0), order, rank) // 3; rank = [2, 1, 3]
 */
export function rankScores(
  score: Float64Array,
  status: Uint8Array,
  order: Int32Array,
  rank: Int32Array,
  work: RankWork = sharedWork(score.length),
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
