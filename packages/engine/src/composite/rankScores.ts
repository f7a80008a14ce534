const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);
let keys = new Uint32Array(0);
let keysTmp = new Uint32Array(0);
let orderTmp = new Int32Array(0);
const counts = new Int32Array(3 * 2048);

/**
 * An unsigned 32-bit key that orders like the score rounded to single precision (Math.fround:
 * monotone, and about 7 significant digits), inverted so that ascending keys mean descending
 * scores: the usual sortable-float transform (positive floats above negative ones).
 */
function descendingKey(score: number): number {
  f32[0] = score;
  const bits = u32[0]!;
  const ascending = bits & 0x80000000 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
  return (0xffffffff - ascending) >>> 0;
}

/**
 * Stable LSD radix sort of `order[0..k-1]` by `key` (3 passes of 11 bits): equal keys keep their
 * order. The three digit histograms are counted in one pass.
 */
function radixSort(order: Int32Array, key: Uint32Array, k: number): void {
  if (keysTmp.length < k) {
    keysTmp = new Uint32Array(Math.max(k, keysTmp.length * 2));
    orderTmp = new Int32Array(keysTmp.length);
  }
  counts.fill(0);
  for (let q = 0; q < k; q++) {
    const x = key[q]!;
    counts[x & 2047]!++;
    counts[2048 + ((x >>> 11) & 2047)]!++;
    counts[4096 + (x >>> 22)]!++;
  }
  for (let b = 0; b < 6144; b += 2048) {
    let sum = 0;
    for (let c = b; c < b + 2048; c++) {
      const v = counts[c]!;
      counts[c] = sum;
      sum += v;
    }
  }
  let srcKey: Uint32Array<ArrayBufferLike> = key;
  let srcOrder: Int32Array<ArrayBufferLike> = order;
  let dstKey: Uint32Array<ArrayBufferLike> = keysTmp;
  let dstOrder: Int32Array<ArrayBufferLike> = orderTmp;
  for (let pass = 0; pass < 3; pass++) {
    const shift = 11 * pass;
    const at0 = 2048 * pass;
    for (let q = 0; q < k; q++) {
      const kq = srcKey[q]!;
      const at = counts[at0 + ((kq >>> shift) & 2047)]!++;
      dstKey[at] = kq;
      dstOrder[at] = srcOrder[q]!;
    }
    const tk = srcKey;
    srcKey = dstKey;
    dstKey = tk;
    const to = srcOrder;
    srcOrder = dstOrder;
    dstOrder = to;
  }
  // Three passes: the sorted data ended in the scratch arrays.
  if (srcOrder !== order) order.set(srcOrder.subarray(0, k));
}

/**
 * Ranks the territories whose `status` is 0 (ranked) and whose score is a number: rank 1 = the
 * highest score. Scores equal once rounded to single precision (about 7 significant digits) are
 * ties — floating-point sums carry noise of about 1e-15, which must not decide a rank — ordered by
 * territory index (territories are sorted by code, so the smaller code comes first). The rounding
 * is monotone and looks at each score alone, so a territory whose score rises never loses rank.
 * Ranks form a permutation of 1..ranked; others get rank 0.
 *
 * Fast: a stable radix sort on 32-bit keys, O(n).
 *
 * Writes `order` (ranked territory indices, best first) and `rank`; returns how many were ranked.
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
): number {
  const n = score.length;
  if (keys.length < n) keys = new Uint32Array(n);
  let k = 0;
  for (let i = 0; i < n; i++) {
    rank[i] = 0;
    const v = score[i]!;
    if (status[i] === 0 && !Number.isNaN(v)) {
      order[k] = i;
      keys[k++] = descendingKey(v);
    }
  }
  // order[] holds increasing indices, and the radix sort is stable: ties stay in index (code) order.
  radixSort(order, keys, k);
  for (let r = 0; r < k; r++) rank[order[r]!] = r + 1;
  return k;
}
