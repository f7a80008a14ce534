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
  /**
   * Lazily filled, shared with the bases derived by {@link withoutColumn}: ln x (geometric) and x
   * (harmonic), then the dense copies of the operands ({@link denseOperands}).
   */
  cache: {
    log: Float64Array | null;
    x: Float64Array | null;
    dense: { arithmetic: Float64Array | null; geometric: Float64Array | null; harmonic: Float64Array | null };
  };
  /** Per dimension: its active columns, ascending (the core's summation order). */
  columnsOf: Int32Array[];
  /**
   * Per dimension: the ranked territories missing one of its active columns. All the others share
   * one sum of weights per dimension, so a run adds weights per territory only for these.
   */
  incomplete: Int32Array[];
}

/** Active columns of each dimension and, per dimension, the ranked territories missing one of them. */
function dimensionLayout(
  n: number,
  normalised: Float64Array,
  status: Uint8Array,
  active: Int32Array,
  d: number,
): { columnsOf: Int32Array[]; incomplete: Int32Array[] } {
  const columnsOf = Array.from({ length: d }, (_, t) =>
    Int32Array.from(active.keys()).filter((j) => active[j] === t),
  );
  const incomplete = columnsOf.map((cols) => {
    const list: number[] = [];
    for (let i = 0; i < n; i++) {
      if (status[i] !== 0) continue;
      for (const j of cols) {
        const z = normalised[j * n + i]!;
        if (Number.isNaN(z)) {
          list.push(i);
          break;
        }
      }
    }
    return Int32Array.from(list);
  });
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
    cache: { log: null, x: null, dense: { arithmetic: null, geometric: null, harmonic: null } },
    ...layout,
  };
}

/** The same base with column `j` left out (its values are ignored, not copied). */
export function withoutColumn(base: AggregationBase, j: number): AggregationBase {
  const active = base.active.slice();
  active[j] = -1;
  return {
    ...base,
    active,
    ...dimensionLayout(base.n, base.normalised, base.status, active, base.columnsOf.length),
  };
}

/** x operands (harmonic means) or their logarithms (geometric means), NaN where z is NaN; computed once per base. */
export function operands(base: AggregationBase, log: boolean): Float64Array {
  const cached = log ? base.cache.log : base.cache.x;
  if (cached) return cached;
  const { n, m, normalised } = base;
  const out = new Float64Array(n * m);
  for (let j = 0; j < m; j++) {
    const lo = base.zMin[j]!;
    const scale = base.opScale[j]!;
    const spread = base.spread[j] === 1;
    for (let i = 0; i < n; i++) {
      const z = normalised[j * n + i]!;
      const x = spread ? 1 + (z - lo) * scale : Number.isNaN(z) ? Number.NaN : 50.5;
      out[j * n + i] = log ? Math.log(x) : x;
    }
  }
  if (log) base.cache.log = out;
  else base.cache.x = out;
  return out;
}

/**
 * The operands of a mean with no NaN: each missing operand replaced by the one that adds nothing
 * to a weighted sum — 0 for Σ w × x (arithmetic, and ln x for geometric), +∞ for Σ w / x
 * (harmonic: w / ∞ = +0). Adding +0 leaves a sum that starts at +0 unchanged to the bit (such a sum
 * is never −0), so the re-aggregation can add every column without testing each value, and gets
 * the sums of {@link operands} exactly. The weights of the present operands are summed apart.
 * Computed once per base (shared with the bases derived by {@link withoutColumn}).
 */
export function denseOperands(base: AggregationBase, mean: MeanMethod): Float64Array {
  const dense = base.cache.dense;
  const cached = dense[mean];
  if (cached) return cached;
  const ops = mean === 'arithmetic' ? base.normalised : operands(base, mean === 'geometric');
  const missing = mean === 'harmonic' ? Number.POSITIVE_INFINITY : 0;
  const out = new Float64Array(ops.length);
  for (let k = 0; k < ops.length; k++) {
    const x = ops[k]!;
    out[k] = Number.isNaN(x) ? missing : x;
  }
  dense[mean] = out;
  return out;
}
