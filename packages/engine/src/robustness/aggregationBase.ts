import {
  type MeanMethod,
  type NormalisationMethod,
  type ScoringOutput,
  TerritoryStatus,
} from '../composite/types.ts';

/** Relative spread below which values are equal — the scoring core's constant. */
const NOISE = 1e-9;

/**
 * One scoring of the core reduced to what a re-aggregation reads: the normalised matrix, which
 * territories were still ranked when aggregation began, and the operand mapping of each column
 * for geometric and harmonic means (onto [1, 100], as the core does). Everything before
 * aggregation — screening, imputation, outliers, normalisation — does not depend on the weights
 * or on the aggregation method, so one base serves every run that shares them.
 */
export interface AggregationBase {
  n: number;
  m: number;
  /** Normalised values, n × m column-major, NaN where the core left none. */
  normalised: Float64Array;
  /** 0 = ranked when aggregation began (the core's `ranked` status, before `noScore`); 1 = not. */
  status: Uint8Array;
  /** Per column: dimension index, −1 = inactive (left out). */
  active: Int32Array;
  /** Per column: operand x = spread ? 1 + (z − zMin) × opScale : 50.5. */
  zMin: Float64Array;
  opScale: Float64Array;
  spread: Uint8Array;
  /** The operands of each mean ({@link denseOperands}), lazily filled, shared with the bases derived by {@link withoutColumn}. */
  cache: { arithmetic: Float64Array | null; geometric: Float64Array | null; harmonic: Float64Array | null };
  /** Free n × m buffers that {@link denseOperands} fills before allocating (see {@link releaseOperands}). */
  spare: Float64Array[];
  /** Per dimension: its active columns, ascending (the core's summation order). */
  columnsOf: Int32Array[];
  /**
   * Per dimension: the ranked territories missing one of its active columns. All the others share
   * one sum of weights per dimension, so a run adds weights per territory only for these, and once
   * per pattern of present columns.
   */
  incomplete: Incomplete[];
}

/** The ranked territories missing one of a dimension's active columns, grouped by what they have. */
export interface Incomplete {
  /** Ascending. */
  territories: Int32Array;
  /** Per listed territory: the index of its pattern in `present`. */
  pattern: Int32Array;
  /** Per pattern: the columns present, ascending (the core's summation order). */
  present: Int32Array[];
}

/**
 * The incomplete territories of a dimension with columns `cols`, among `candidates` (ascending;
 * every ranked territory when null).
 */
function incompleteOf(
  n: number,
  normalised: Float64Array,
  status: Uint8Array,
  cols: Int32Array,
  candidates: Int32Array | null,
): Incomplete {
  const territories: number[] = [];
  const pattern: number[] = [];
  const present: Int32Array[] = [];
  const patterns = new Map<number | string, number>();
  // Pattern index + 1 by bit set, 0 = not seen yet: a table when a dimension has few columns.
  const table = cols.length <= 16 ? new Int32Array(1 << cols.length) : null;
  const add = (i: number, key: number | string) => {
    let p = table && typeof key === 'number' ? table[key]! - 1 : (patterns.get(key) ?? -1);
    if (p < 0) {
      p = present.length;
      if (table && typeof key === 'number') table[key] = p + 1;
      else patterns.set(key, p);
      present.push(
        cols.filter((_, q) => (typeof key === 'number' ? (key & (1 << q)) === 0 : key[q] === '1')),
      );
    }
    territories.push(i);
    pattern.push(p);
  };
  if (cols.length > 30) {
    // Too many columns for a bit set: the pattern is a string of the present columns.
    const count = candidates ? candidates.length : n;
    for (let k = 0; k < count; k++) {
      const i = candidates ? candidates[k]! : k;
      if (status[i] !== 0) continue;
      const key = Array.from(cols, (j) => (Number.isNaN(normalised[j * n + i]!) ? '0' : '1')).join('');
      if (key.includes('0')) add(i, key);
    }
  } else if (candidates) {
    // A few territories: the bit set of each one's missing columns, read territory by territory.
    for (let k = 0; k < candidates.length; k++) {
      const i = candidates[k]!;
      if (status[i] !== 0) continue;
      let bits = 0;
      for (let q = 0; q < cols.length; q++) if (Number.isNaN(normalised[cols[q]! * n + i]!)) bits |= 1 << q;
      if (bits !== 0) add(i, bits);
    }
  } else {
    // Every territory: the bit sets of missing columns, built column by column (sequential reads).
    const missing = new Int32Array(n);
    for (let q = 0; q < cols.length; q++) {
      const col = cols[q]! * n;
      for (let i = 0; i < n; i++) if (Number.isNaN(normalised[col + i]!)) missing[i]! |= 1 << q;
    }
    for (let i = 0; i < n; i++) if (status[i] === 0 && missing[i] !== 0) add(i, missing[i]!);
  }
  return { territories: Int32Array.from(territories), pattern: Int32Array.from(pattern), present };
}

/** Active columns of each dimension and, per dimension, the ranked territories missing one of them. */
function dimensionLayout(
  n: number,
  normalised: Float64Array,
  status: Uint8Array,
  active: Int32Array,
  d: number,
): { columnsOf: Int32Array[]; incomplete: Incomplete[] } {
  const columnsOf = Array.from({ length: d }, (_, t) =>
    Int32Array.from(active.keys()).filter((j) => active[j] === t),
  );
  const incomplete = columnsOf.map((cols) => incompleteOf(n, normalised, status, cols, null));
  return { columnsOf, incomplete };
}

/**
 * Builds a base from a scoring output of the core (or a matrix shaped like one). `active` is the plan's `indicatorDimension`;
 * `method` and `range` the plan's normalisation (min-max operands are anchored on the range, not
 * on the data, exactly as in the core).
 */
export function aggregationBase(
  out: Pick<ScoringOutput, 'n' | 'm' | 'normalised' | 'status'>,
  active: Int32Array,
  dimensions: number,
  method: NormalisationMethod,
  range: readonly [number, number],
  spare: Float64Array[] = [],
): AggregationBase {
  const { n, m } = out;
  const status = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = out.status[i];
    status[i] = s === TerritoryStatus.ranked || s === TerritoryStatus.noScore ? 0 : 1;
  }
  const zMin = new Float64Array(m);
  const opScale = new Float64Array(m);
  const spread = new Uint8Array(m);
  const z = out.normalised;
  for (let j = 0; j < m; j++) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = z[j * n + i]!;
      if (!Number.isNaN(v) && status[i] === 0) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (lo > hi) continue; // no value: the core skips the column
    if (method === 'minMax' && lo < hi) {
      lo = range[0];
      hi = range[1];
    }
    const s = hi - lo > NOISE * Math.max(1, Math.abs(hi), Math.abs(lo));
    zMin[j] = lo;
    spread[j] = s ? 1 : 0;
    opScale[j] = s ? 99 / (hi - lo) : 0;
  }
  const layout = dimensionLayout(n, z, status, active, dimensions);
  return {
    n,
    m,
    normalised: z,
    status,
    active,
    zMin,
    opScale,
    spread,
    cache: { arithmetic: null, geometric: null, harmonic: null },
    spare,
    ...layout,
  };
}

/**
 * The same base with column `j` left out (its values are ignored, not copied). Only the layout of
 * j's dimension changes; the other dimensions keep theirs.
 */
export function withoutColumn(base: AggregationBase, j: number): AggregationBase {
  const active = base.active.slice();
  const t = active[j]!;
  active[j] = -1;
  if (t < 0) return { ...base, active };
  const { n, normalised } = base;
  const cols = base.columnsOf[t]!.filter((c) => c !== j);
  const columnsOf = base.columnsOf.slice();
  const incomplete = base.incomplete.slice();
  columnsOf[t] = cols;
  // Territories that missed only column j are complete now: the list shrinks, never grows.
  incomplete[t] = incompleteOf(n, normalised, base.status, cols, base.incomplete[t]!.territories);
  return { ...base, active, columnsOf, incomplete };
}

/**
 * The operands of a mean, n × m column-major, with no NaN: z (arithmetic), ln x (geometric) or x
 * (harmonic), x = the core's mapping of z onto [1, 100] (see `zMin`), and where z is missing the
 * operand that adds nothing to a weighted sum — 0 for Σ w × operand, +∞ for Σ w / x (w / ∞ = +0).
 * Adding +0 leaves a sum that starts at +0 unchanged to the bit (such a sum is never −0), so the
 * re-aggregation adds every column without testing each value and gets the core's sums exactly;
 * the weights of the present operands are summed apart (`incomplete`). For a ranked territory z
 * ≥ `zMin`, so x ≥ 1 and an operand is missing exactly where z is. Computed once per base, shared
 * with the bases derived by {@link withoutColumn}.
 */
export function denseOperands(base: AggregationBase, mean: MeanMethod): Float64Array {
  const cached = base.cache[mean];
  if (cached) return cached;
  const { n, m, normalised } = base;
  const out = base.spare.pop() ?? new Float64Array(n * m);
  const missing = mean === 'harmonic' ? Number.POSITIVE_INFINITY : 0;
  for (let j = 0; j < m; j++) {
    const lo = base.zMin[j]!;
    const scale = base.opScale[j]!;
    const spread = base.spread[j] === 1;
    for (let i = 0; i < n; i++) {
      const z = normalised[j * n + i]!;
      if (Number.isNaN(z)) out[j * n + i] = missing;
      else if (mean === 'arithmetic') out[j * n + i] = z;
      else {
        const x = spread ? 1 + (z - lo) * scale : 50.5;
        out[j * n + i] = mean === 'geometric' ? Math.log(x) : x;
      }
    }
  }
  base.cache[mean] = out;
  return out;
}

/**
 * Gives the operand buffers of a base (and of the bases derived from it) back to its spare list,
 * for the next base to fill: a Monte-Carlo run on the French communes goes through some sixty bases
 * of 5 MB per mean, one after the other. The base must not be used afterwards.
 */
export function releaseOperands(base: AggregationBase): void {
  for (const mean of ['arithmetic', 'geometric', 'harmonic'] as const) {
    const buffer = base.cache[mean];
    if (buffer && buffer.length === base.n * base.m) base.spare.push(buffer);
    base.cache[mean] = null;
  }
}
