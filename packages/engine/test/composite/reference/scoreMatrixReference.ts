/**
 * The scoring core as it was before it was fused into fewer passes (commit 5867009), kept verbatim
 * as a second implementation: the optimised `scoreMatrix` must give the same outputs, bit for bit
 * (see scoreMatrix.equivalence.test.ts). Not exported by the engine.
 */
import { copeland } from '../../../src/composite/copeland.ts';
import { CellFlag } from '../../../src/composite/flags.ts';
import { imputeColumn } from '../../../src/composite/imputeColumn.ts';
import { goalpostValue, normaliseValues } from '../../../src/composite/normaliseValues.ts';
import { rankScores } from '../../../src/composite/rankScores.ts';
import { topsis } from '../../../src/composite/topsis.ts';
import { treatOutliers } from '../../../src/composite/treatOutliers.ts';
import {
  type IndicatorMatrix,
  type MeanMethod,
  type ScoringOutput,
  type ScoringPlan,
  TerritoryStatus,
} from '../../../src/composite/types.ts';
import { exp } from '../../../src/math/exp.ts';

const RANKED = TerritoryStatus.ranked;
/** Relative spread below which values are considered equal (sums of floating-point terms differ by ~1e-15). */
const NOISE = 1e-9;

/** Allocates the typed arrays of a scoring run; pass the result back to {@link scoreMatrix} to reuse them. */
function createScoringOutput(n: number, m: number, d: number): ScoringOutput {
  return {
    n,
    m,
    d,
    values: new Float64Array(n * m),
    flags: new Uint8Array(n * m),
    normalised: new Float64Array(n * m),
    referenceNormalised: new Float64Array(m),
    dimensionScores: new Float64Array(n * d),
    need: new Float64Array(n),
    potential: new Float64Array(n),
    score: new Float64Array(n),
    rank: new Int32Array(n),
    order: new Int32Array(n),
    ranked: 0,
    status: new Uint8Array(n),
    dataCoverage: new Float64Array(n),
    activeIndicators: 0,
    outliers: new Array(m).fill(null),
  };
}

/** Scratch buffers kept between runs of the same shape (no allocation in a Monte-Carlo loop). */
interface Scratch {
  n: number;
  d: number;
  gather: Float64Array;
  result: Float64Array;
  order: Int32Array;
  positions: Int32Array;
  present: Int32Array;
  acc: Float64Array;
  wsum: Float64Array;
  /** Per dimension: weight sums (n × d). */
  dimWeight: Float64Array;
  ones: Float64Array;
}
let scratch: Scratch | null = null;
function getScratch(n: number, m: number, d: number): Scratch {
  if (!scratch || scratch.n !== n || scratch.d !== d || scratch.ones.length !== m) {
    scratch = {
      n,
      d,
      gather: new Float64Array(n),
      result: new Float64Array(n),
      order: new Int32Array(n),
      positions: new Int32Array(n),
      present: new Int32Array(n),
      acc: new Float64Array(n),
      wsum: new Float64Array(n),
      dimWeight: new Float64Array(n * d),
      ones: new Float64Array(m).fill(1),
    };
  }
  return scratch;
}

/**
 * The scoring core: from an indicator matrix and a numeric plan to scores and ranks, in typed
 * arrays, with no per-territory allocation — cheap enough to run thousands of times (robustness).
 * Steps (OECD/JRC Handbook 2008, §§3-6; COINr's pipeline):
 *
 * 1. **screening**: a territory filtered out is set aside (`filtered`); one with fewer than
 *    `minCoverage` of the active indicators is set aside (`insufficientData`);
 * 2. **imputation** (ranked territories' missing cells only, flagged `imputed`): mean or median of
 *    the group's observed values, or mean of the observed values of the neighbours (CSR);
 * 3. **outliers**: the COINr rule per indicator ({@link treatOutliers}), over ranked territories;
 *    skipped for `goalposts` and `distanceToReference`, whose anchors are in the raw unit;
 * 4. **normalisation** per indicator over ranked territories, direction applied ({@link normaliseValues});
 * 5. **aggregation**: weighted means of available indicators into dimensions, of dimensions into
 *    need and potential, then the score — need × potential reading: the `needPotential` mean of
 *    need and potential, both required; composite reading: the mean of the dimensions. Geometric and
 *    harmonic means need positive operands: each operand is first mapped onto [1, 100] by min-max
 *    over the ranked territories (the worst gets 1, not 0, which would annul a geometric mean).
 *    `copeland` and `topsis` score the normalised indicators with the effective weights instead
 *    (dimensions, need and potential are then arithmetic, for the explanation);
 * 6. **ranking**: 1 = best, ties broken by code ({@link rankScores}).
 *
 * Complexity: O(n × m) per run — about five passes over the matrix — plus O(n log n) for the
 * ranking (O(n² m) for Copeland).
 *
 * @throws {EngineError} `COPELAND_TOO_LARGE`.
 * @example
 * const out = scoreMatrix(matrix, plan);
 * matrix.codes[out.order[0]] // the best territory
 */
export function scoreMatrixReference(
  matrix: IndicatorMatrix,
  plan: ScoringPlan,
  reuse?: ScoringOutput,
): ScoringOutput {
  const { n, m } = matrix;
  const d = plan.dimensionIds.length;
  const out = reuse && reuse.n === n && reuse.m === m && reuse.d === d ? reuse : createScoringOutput(n, m, d);
  const s = getScratch(n, m, d);
  const { methods } = plan;
  const dimOf = plan.indicatorDimension;
  const raw = matrix.values;
  const status = out.status;

  // 1. Screening on the raw data (imputed values do not count as data), column by column.
  const present = s.present;
  present.fill(0);
  let active = 0;
  for (let j = 0; j < m; j++) {
    if (dimOf[j]! < 0) continue;
    active++;
    const base = j * n;
    for (let i = 0; i < n; i++) {
      const v = raw[base + i]!;
      if (!Number.isNaN(v)) present[i]!++;
    }
  }
  out.activeIndicators = active;
  const minCoverage = methods.screening.minCoverage;
  for (let i = 0; i < n; i++) {
    const coverage = active > 0 ? present[i]! / active : 0;
    out.dataCoverage[i] = coverage;
    let st: number = TerritoryStatus.insufficientData;
    if (plan.eligible && plan.eligible[i] === 0) st = TerritoryStatus.filtered;
    else if (coverage >= minCoverage && present[i]! > 0) st = RANKED;
    status[i] = st;
  }

  // 2-4. Per indicator: imputation, outliers, normalisation, and accumulation into its dimension.
  out.values.set(raw);
  out.flags.set(matrix.flags);
  out.referenceNormalised.fill(Number.NaN);
  out.dimensionScores.fill(0);
  s.dimWeight.fill(0);
  const agg = methods.aggregation;
  const mean: MeanMethod = agg.method === 'copeland' || agg.method === 'topsis' ? 'arithmetic' : agg.method;
  const [lo, hi] = methods.normalisation.range;
  const anchored =
    methods.normalisation.method === 'goalposts' || methods.normalisation.method === 'distanceToReference';
  const outliers = methods.outliers.method === 'coinr' && !anchored;

  for (let j = 0; j < m; j++) {
    out.outliers[j] = null;
    const t = dimOf[j]!;
    const base = j * n;
    if (t < 0) {
      out.normalised.fill(Number.NaN, base, base + n);
      continue;
    }
    if (methods.imputation.method !== 'none') imputeColumn(out, base, plan, methods.imputation.method);
    // Gather the ranked territories' values (sequential scan), with their sum, min and max.
    let c = 0;
    let sum = 0;
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    const values = out.values;
    const norm = out.normalised;
    // Every cell starts missing; the scatter below fills the ranked territories' values.
    norm.fill(Number.NaN, base, base + n);
    for (let i = 0; i < n; i++) {
      const v = values[base + i]!;
      if (!Number.isNaN(v) && status[i] === RANKED) {
        s.gather[c] = v;
        s.positions[c] = i;
        c++;
        sum += v;
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
    if (c === 0) continue;
    const positions = s.positions;

    let logMin = Number.NaN;
    let logShift = Number.NaN;
    if (outliers) {
      const r = treatOutliers(s.gather, c, methods.outliers, { mean: sum / c, min, max });
      out.outliers[j] = {
        id: matrix.indicators[j]!.id,
        skewness: r.skewness,
        kurtosis: r.kurtosis,
        treatment: r.treatment,
        winsorised: r.winsorised,
        skewnessAfter: r.skewnessAfter,
        kurtosisAfter: r.kurtosisAfter,
        stillOutside: r.stillOutside,
      };
      if (r.treatment !== 'none') {
        for (let q = 0; q < c; q++) {
          const cell = base + positions[q]!;
          if (values[cell] !== s.gather[q]) {
            values[cell] = s.gather[q]!;
            out.flags[cell]! |= CellFlag.treated;
          }
        }
        // The treated range is known without another pass: caps, or the log of the ends.
        if (r.treatment === 'winsorised') {
          if (r.capLow > min) min = r.capLow;
          if (r.capHigh < max) max = r.capHigh;
        } else {
          logMin = r.logMin;
          logShift = r.logShift;
          max = Math.log(max - logMin + logShift);
          min = Math.log(logShift);
        }
      }
    }

    // Normalisation. Min-max (the default) is applied in the scatter loop below; the other
    // methods write into s.result first.
    const direction = plan.direction[j]!;
    const ref = matrix.reference.values[j]!;
    const refTreated = Number.isNaN(logMin) ? ref : Math.log(ref - logMin + logShift);
    let a = Number.NaN;
    let b = Number.NaN;
    let zMin = lo;
    let zMax = hi;
    const minMax = methods.normalisation.method === 'minMax';
    // Min-max as lo + (y − yMin)·sc with y = direction × x: exact at the minimum (see normaliseValues).
    let sc = 0;
    let yMin = 0;
    if (minMax) {
      yMin = direction > 0 ? min : -max;
      const yMax = direction > 0 ? max : -min;
      if (yMax - yMin > NOISE * Math.max(1, Math.abs(yMax), Math.abs(yMin))) {
        sc = (hi - lo) / (yMax - yMin);
        a = sc * direction;
        b = lo - sc * yMin;
      } else {
        a = 0;
        b = (lo + hi) / 2;
        zMin = zMax = b;
      }
    } else {
      const params = {
        method: methods.normalisation.method,
        direction,
        lo,
        hi,
        goalLower: plan.goalpostLower[j]!,
        goalUpper: plan.goalpostUpper[j]!,
        reference: ref,
      };
      const ab = normaliseValues(s.gather, c, s.result, params);
      a = ab.a;
      b = ab.b;
      zMin = Number.POSITIVE_INFINITY;
      zMax = Number.NEGATIVE_INFINITY;
      for (let q = 0; q < c; q++) {
        const z = s.result[q]!;
        if (z < zMin) zMin = z;
        if (z > zMax) zMax = z;
      }
      if (methods.normalisation.method === 'goalposts')
        out.referenceNormalised[j] = goalpostValue(ref, params);
    }
    if (!Number.isNaN(a)) out.referenceNormalised[j] = a * refTreated + b;

    // Scatter the normalised values and add weight × operand to the dimension's sums.
    const w = plan.indicatorWeight[j]!;
    const dimSum = out.dimensionScores;
    const dimW = s.dimWeight;
    const off = t * n;
    const spread = zMax - zMin > NOISE * Math.max(1, Math.abs(zMax), Math.abs(zMin));
    const opScale = spread ? 99 / (zMax - zMin) : 0;
    for (let q = 0; q < c; q++) {
      const i = positions[q]!;
      const z = minMax ? (sc > 0 ? lo + (direction * s.gather[q]! - yMin) * sc : b) : s.result[q]!;
      norm[base + i] = z;
      dimW[off + i]! += w;
      if (mean === 'arithmetic') dimSum[off + i]! += w * z;
      else {
        const x = spread ? 1 + (z - zMin) * opScale : 50.5;
        dimSum[off + i]! += mean === 'geometric' ? w * Math.log(x) : w / x;
      }
    }
  }

  // 5. Dimensions, pillars, score.
  for (let t = 0; t < d; t++) finishMean(out.dimensionScores, s.dimWeight, t * n, n, status, mean);
  for (let p = 0; p < 2; p++) {
    s.acc.fill(0);
    s.wsum.fill(0);
    for (let t = 0; t < d; t++) {
      if (plan.dimensionPillar[t] !== p || !(plan.dimensionWeight[t]! > 0)) continue;
      accumulate(out.dimensionScores, t * n, plan.dimensionWeight[t]!, n, status, mean, s);
    }
    finishMean(p === 0 ? out.need : out.potential, s.wsum, 0, n, status, mean, s.acc);
  }
  out.score.fill(Number.NaN);
  if (agg.method === 'copeland' || agg.method === 'topsis') {
    const rows = s.order;
    let r = 0;
    for (let i = 0; i < n; i++) if (status[i] === RANKED) rows[r++] = i;
    if (agg.method === 'copeland') copeland(out.normalised, n, m, plan.effectiveWeight, rows, r, out.score);
    else topsis(out.normalised, n, m, plan.effectiveWeight, s.ones, rows, r, 'none', out.score);
  } else if (agg.reading === 'needPotential') {
    const combine = agg.needPotential;
    const weights = plan.pillarWeight;
    s.acc.fill(0);
    s.wsum.fill(0);
    if (weights[0]! > 0) accumulate(out.need, 0, weights[0]!, n, status, combine, s);
    if (weights[1]! > 0) accumulate(out.potential, 0, weights[1]!, n, status, combine, s);
    finishMean(out.score, s.wsum, 0, n, status, combine, s.acc);
    // Both pillars are required: a territory with needs and no actors (or the reverse) gets no score.
    for (let i = 0; i < n; i++) {
      if (
        (weights[0]! > 0 && Number.isNaN(out.need[i]!)) ||
        (weights[1]! > 0 && Number.isNaN(out.potential[i]!))
      ) {
        out.score[i] = Number.NaN;
      }
    }
  } else {
    s.acc.fill(0);
    s.wsum.fill(0);
    for (let t = 0; t < d; t++) {
      if (!(plan.dimensionWeight[t]! > 0)) continue;
      accumulate(out.dimensionScores, t * n, plan.dimensionWeight[t]!, n, status, mean, s);
    }
    finishMean(out.score, s.wsum, 0, n, status, mean, s.acc);
  }

  // 6. Ranking.
  for (let i = 0; i < n; i++)
    if (status[i] === RANKED && Number.isNaN(out.score[i]!)) status[i] = TerritoryStatus.noScore;
  out.ranked = rankScores(out.score, status, out.order, out.rank);
  return out;
}

/**
 * Adds weight × operand of `src[base .. base+n-1]` to the running sums of the ranked rows,
 * skipping missing operands (their weight is re-spread over the others). Geometric and harmonic
 * operands are mapped onto [1, 100] by min-max over the ranked rows first.
 */
function accumulate(
  src: Float64Array,
  base: number,
  w: number,
  n: number,
  status: Uint8Array,
  mean: MeanMethod,
  s: Scratch,
): void {
  let lo = 0;
  let scale = 1;
  if (mean !== 'arithmetic') {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      if (status[i] !== RANKED) continue;
      const v = src[base + i]!;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    lo = min;
    // A spread at rounding-noise level is a tie, not a 1-to-100 difference.
    scale = max - min > NOISE * Math.max(1, Math.abs(max), Math.abs(min)) ? 99 / (max - min) : 0;
  }
  for (let i = 0; i < n; i++) {
    const v = src[base + i]!;
    if (status[i] !== RANKED || Number.isNaN(v)) continue;
    s.wsum[i]! += w;
    if (mean === 'arithmetic') s.acc[i]! += w * v;
    else {
      const x = scale > 0 ? 1 + (v - lo) * scale : 50.5;
      s.acc[i]! += mean === 'geometric' ? w * Math.log(x) : w / x;
    }
  }
}

/**
 * Turns running sums into means, in place in `dst[base..]` (or from `acc` when given): arithmetic
 * Σwz/Σw, geometric exp(Σw ln z / Σw), harmonic Σw / Σ(w/z). NaN where no operand was present or
 * the territory is not ranked.
 */
function finishMean(
  dst: Float64Array,
  wsum: Float64Array,
  base: number,
  n: number,
  status: Uint8Array,
  mean: MeanMethod,
  acc: Float64Array = dst,
): void {
  const accBase = acc === dst ? base : 0;
  const wBase = wsum.length === n ? 0 : base;
  for (let i = 0; i < n; i++) {
    const w = wsum[wBase + i]!;
    if (status[i] !== RANKED || !(w > 0)) {
      dst[base + i] = Number.NaN;
      continue;
    }
    const a = acc[accBase + i]!;
    dst[base + i] = mean === 'arithmetic' ? a / w : mean === 'geometric' ? exp(a / w) : w / a;
  }
}
