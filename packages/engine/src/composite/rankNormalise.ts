/** Scratch of {@link rankNormalise}, grown as needed (one column at a time). */
let values = new Float64Array(0);
let words = new Uint32Array(0);
let keyLow = new Uint32Array(0);
let keyHigh = new Uint32Array(0);
let tmpLow = new Uint32Array(0);
let tmpHigh = new Uint32Array(0);
let index = new Int32Array(0);
let tmpIndex = new Int32Array(0);
const counts = new Int32Array(6 * 2048);
/** Index of the high word of a double in a Uint32Array over its bytes (either byte order). */
const HIGH = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function grow(k: number): void {
  if (values.length >= k) return;
  const size = Math.max(k, 2 * values.length);
  values = new Float64Array(size);
  words = new Uint32Array(values.buffer);
  keyLow = new Uint32Array(size);
  keyHigh = new Uint32Array(size);
  tmpLow = new Uint32Array(size);
  tmpHigh = new Uint32Array(size);
  index = new Int32Array(size);
  tmpIndex = new Int32Array(size);
}

/**
 * The `rank` and `percentile` normalisations of {@link normaliseValues}: the rank of y = direction
 * × x, 1 = worst, ties given their average rank (R `rank`, ties "average"), or (rank − 1) / (k − 1)
 * × 100 (50 for a single value). Values must be numbers (no NaN). Equal values (0 and −0 too) are
 * ties, exactly as with a comparison sort: the ranks are the same to the bit.
 *
 * Sorted by a stable LSD radix sort on the usual order-preserving transform of the 64 bits of y
 * (6 passes of 11 bits; a pass whose digit is the same for every value is skipped), rather than by
 * O(k log k) comparisons through a callback: a scoring of the 34,955 French communes with rank
 * normalisation (19 columns) went from 347 to 136 ms, the same outputs to the bit.
 *
 * Complexity: O(k).
 *
 * @example
 * const out = new Float64Array(4);
 * rankNormalise(Float64Array.of(3, 1, 3, 2), 4, out, 1, false) // out = [3.5, 1, 3.5, 2]
 */
export function rankNormalise(
  x: Float64Array,
  k: number,
  out: Float64Array,
  direction: number,
  percentile: boolean,
): void {
  grow(k);
  for (let i = 0; i < k; i++) values[i] = direction * x[i]! + 0; // + 0: −0 becomes 0, a tie of 0
  counts.fill(0);
  for (let i = 0; i < k; i++) {
    let hi = words[2 * i + HIGH]!;
    let lo = words[2 * i + 1 - HIGH]!;
    // Negative numbers: all bits flipped; others: the sign bit set. Unsigned order = numeric order.
    if (hi & 0x80000000) {
      hi = ~hi >>> 0;
      lo = ~lo >>> 0;
    } else hi = (hi | 0x80000000) >>> 0;
    keyLow[i] = lo;
    keyHigh[i] = hi;
    index[i] = i;
    counts[lo & 2047]!++;
    counts[2048 + ((lo >>> 11) & 2047)]!++;
    counts[4096 + (lo >>> 22)]!++;
    counts[6144 + (hi & 2047)]!++;
    counts[8192 + ((hi >>> 11) & 2047)]!++;
    counts[10240 + (hi >>> 22)]!++;
  }
  let srcLow = keyLow;
  let srcHigh = keyHigh;
  let srcIndex = index;
  let dstLow = tmpLow;
  let dstHigh = tmpHigh;
  let dstIndex = tmpIndex;
  for (let pass = 0; pass < 6; pass++) {
    const at = 2048 * pass;
    const shift = 11 * (pass % 3);
    const digitOfHigh = pass >= 3;
    const first = digitOfHigh ? srcHigh[0]! : srcLow[0]!;
    if (k === 0 || counts[at + ((first >>> shift) & 2047)] === k) continue; // one digit: nothing moves
    let sum = 0;
    for (let c = at; c < at + 2048; c++) {
      const v = counts[c]!;
      counts[c] = sum;
      sum += v;
    }
    for (let q = 0; q < k; q++) {
      const lo = srcLow[q]!;
      const hi = srcHigh[q]!;
      const to = counts[at + (((digitOfHigh ? hi : lo) >>> shift) & 2047)]!++;
      dstLow[to] = lo;
      dstHigh[to] = hi;
      dstIndex[to] = srcIndex[q]!;
    }
    const low = srcLow;
    srcLow = dstLow;
    dstLow = low;
    const high = srcHigh;
    srcHigh = dstHigh;
    dstHigh = high;
    const idx = srcIndex;
    srcIndex = dstIndex;
    dstIndex = idx;
  }
  // Runs of equal keys (= equal values) get the average of their ranks s + 1 .. e.
  let s = 0;
  while (s < k) {
    let e = s + 1;
    while (e < k && srcLow[e] === srcLow[s] && srcHigh[e] === srcHigh[s]) e++;
    const r = (s + 1 + e) / 2;
    const v = percentile ? (k > 1 ? ((r - 1) / (k - 1)) * 100 : 50) : r;
    for (let q = s; q < e; q++) out[srcIndex[q]!] = v;
    s = e;
  }
}
