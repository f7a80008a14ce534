import { exp } from '../math/exp.ts';
import { copeland } from './copeland.ts';
import { CellFlag } from './flags.ts';
import { imputeColumn } from './imputeColumn.ts';
import { goalpostValue, normaliseValues } from './normaliseValues.ts';
import { rankScores } from './rankScores.ts';
import { topsis } from './topsis.ts';
import { treatOutliers } from './treatOutliers.ts';
import {
  type IndicatorMatrix,
  type MeanMethod,
  type ScoringOutput,
  type ScoringPlan,
  TerritoryStatus,
} from './types.ts';

const RANKED = TerritoryStatus.ranked;
/** Relative spread below which values are considered equal (sums of floating-point terms differ by ~1e-15). */
const NOISE = 1e-9;
const ARITHMETIC = 0;
const GEOMETRIC = 1;
const HARMONIC = 2;
const MEAN_CODE: Record<MeanMethod, number> = {
  arithmetic: ARITHMETIC,
  geometric: GEOMETRIC,
  harmonic: HARMONIC,
};

/** Allocates the typed arrays of a scoring run; pass the result back to {@link scoreMatrix} to reuse them. */
export function createScoringOutput(n: number, m: number, d: number): ScoringOutput {
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
  m: number;
  d: number;
  gather: Float64Array;
  result: Float64Array;
  order: Int32Array;
  /** Per territory: active indicators without a raw value. */
  absent: Int32Array;
  /** The territories set aside in this run. */
  hidden: Int32Array;
  ones: Float64Array;
  /** Sum, min and max of a gathered column. */
  stats: Float64Array;
  /** Per dimension: running sums of weights (n × d), when the dimensions are too large for tables. */
  wsums: Float64Array;
  /** Per dimension: bits of its indicators without a value (n × d); bit `bit[j]` is indicator j. */
  missing: Int32Array;
  bit: Int32Array;
  /**
   * Per dimension t: `weightSums[tableStart[t] + mask]` is the sum of the weights of the indicators
   * in `mask`, added in column order (2^k entries for k indicators).
   */
  weightSums: Float64Array;
  tableStart: Int32Array;
  /** Per dimension: the mask of all its indicators (scratch). */
  allMask: Int32Array;
  /** Need min, max, potential min, max over ranked territories. */
  pillarRange: Float64Array;
  /** Per dimension: minimum and maximum over ranked territories, and the operand scale ({@link operandScale}). */
  low: Float64Array;
  high: Float64Array;
  scale: Float64Array;
}
let scratch: Scratch | null = null;
function getScratch(n: number, m: number, d: number): Scratch {
  if (!scratch || scratch.n !== n || scratch.d !== d || scratch.m !== m) {
    scratch = {
      n,
      m,
      d,
      gather: new Float64Array(n),
      result: new Float64Array(n),
      order: new Int32Array(n),
      absent: new Int32Array(n),
      hidden: new Int32Array(n),
      ones: new Float64Array(m).fill(1),
      stats: new Float64Array(3),
      wsums: new Float64Array(n * d),
      missing: new Int32Array(n * d),
      bit: new Int32Array(m),
      weightSums: new Float64Array(0),
      tableStart: new Int32Array(d + 1),
      allMask: new Int32Array(d),
      pillarRange: new Float64Array(4),
      low: new Float64Array(d),
      high: new Float64Array(d),
      scale: new Float64Array(d),
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
 * Passes over the matrix: a block copy of the values, and the missing cells (indexed once per
 * matrix) counted per territory (screening); then,
 * per indicator, one to gather the ranked territories' values (their sum, min and max) and one
 * that writes the normalised values (and the treated ones) and adds weight × operand to the
 * dimension's running sum; the outlier rule works on the gathered values. Then one pass over the
 * territories for dimensions, need and potential, one for the score. Territories set aside have
 * their values hidden (NaN) while the columns are processed, so that a pass needs one test per
 * cell. Every weighted mean adds its terms in column (dimension) order, as a running sum would;
 * the sum of the weights present in a dimension is looked up by the set of indicators missing.
 *
 * Complexity: O(n × m) per run — three passes over the matrix, plus the outlier rule on the
 * gathered values — and O(n) for the ranking (O(n² m) for Copeland).
 *
 * @throws {EngineError} `COPELAND_TOO_LARGE`.
 * @example
 * const out = scoreMatrix(matrix, plan);
 * matrix.codes[out.order[0]] // the best territory
 */
export function scoreMatrix(
  matrix: IndicatorMatrix,
  plan: ScoringPlan,
  reuse?: ScoringOutput,
): ScoringOutput {
  const { n, m } = matrix;
  const d = plan.dimensionIds.length;
  const out = reuse && reuse.n === n && reuse.m === m && reuse.d === d ? reuse : createScoringOutput(n, m, d);
  const s = getScratch(n, m, d);
  const { methods } = plan;
  const agg = methods.aggregation;
  const anchored =
    methods.normalisation.method === 'goalposts' || methods.normalisation.method === 'distanceToReference';
  const outliers = methods.outliers.method === 'coinr' && !anchored;
  const minMax = methods.normalisation.method === 'minMax';
  const o: RunOptions = {
    lo: methods.normalisation.range[0],
    hi: methods.normalisation.range[1],
    minMax,
    outliers,
    // Values are gathered for the outlier rule and the methods other than min-max; min-max needs only the range.
    gatherValues: outliers || !minMax,
    mean: MEAN_CODE[agg.method === 'copeland' || agg.method === 'topsis' ? 'arithmetic' : agg.method],
    tabulated: false,
  };

  // 1. Screening.
  const hidden = screen(matrix, plan, out, s);

  // 2-4. Per indicator: imputation, outliers, normalisation, and the dimension's running sums
  // (Σ weight × operand in `dimensionScores`; the weights present are summed at the end).
  out.referenceNormalised.fill(Number.NaN);
  out.dimensionScores.fill(0);
  o.tabulated = weightSumTables(s, plan.indicatorDimension, plan.indicatorWeight, d, m);
  if (o.tabulated) s.missing.fill(0);
  else s.wsums.fill(0);
  for (let j = 0; j < m; j++) {
    out.outliers[j] = null;
    if (plan.indicatorDimension[j]! < 0) out.normalised.fill(Number.NaN, j * n, (j + 1) * n);
    else scoreColumn(matrix, plan, out, s, o, j, hidden);
  }
  // Territories set aside keep their raw values (imputation and treatment concern ranked ones only).
  for (let j = 0; j < m; j++) {
    if (plan.indicatorDimension[j]! < 0) continue;
    const base = j * n;
    for (let k = 0; k < hidden; k++) out.values[base + s.hidden[k]!] = matrix.values[base + s.hidden[k]!]!;
  }

  // 5. Dimensions, need and potential. Arithmetic means of dimensions are finished in the pass
  // over the pillars; the others first need each dimension's range over ranked territories.
  if (o.mean !== ARITHMETIC) for (let t = 0; t < d; t++) finishDimension(s, out, t, o);
  pillars(plan, out, s, o);

  // The score.
  const score = out.score;
  const status = out.status;
  if (agg.method === 'copeland' || agg.method === 'topsis') {
    score.fill(Number.NaN);
    const rows = s.order;
    let r = 0;
    for (let i = 0; i < n; i++) if (status[i] === RANKED) rows[r++] = i;
    if (agg.method === 'copeland') copeland(out.normalised, n, m, plan.effectiveWeight, rows, r, score);
    else topsis(out.normalised, n, m, plan.effectiveWeight, s.ones, rows, r, 'none', score);
  } else if (agg.reading === 'needPotential') {
    combinePillars(plan, out, s, MEAN_CODE[agg.needPotential]);
  } else {
    compositeScores(plan, out, s, o.mean);
  }

  // 6. Ranking.
  for (let i = 0; i < n; i++)
    if (status[i] === RANKED && Number.isNaN(score[i]!)) status[i] = TerritoryStatus.noScore;
  out.ranked = rankScores(score, status, out.order, out.rank);
  return out;
}

/** What a run needs to know besides the plan. */
interface RunOptions {
  /** Target range of min-max normalisation. */
  lo: number;
  hi: number;
  minMax: boolean;
  outliers: boolean;
  gatherValues: boolean;
  /** Mean of indicators into dimensions and of dimensions into pillars ({@link MEAN_CODE}). */
  mean: number;
  /** Whether the weights present are looked up in tables ({@link weightSumTables}) rather than summed. */
  tabulated: boolean;
}

/**
 * Screening, on the raw data (imputed values do not count as data): copies the values and the
 * flags (block copies), counts each territory's missing active indicators from the matrix's index
 * of missing cells ({@link missingCells}), writes status and data coverage. The territories set
 * aside (few) get their values hidden (NaN) in each column once imputed, so that the passes over
 * a column need only test for a value; their list is `s.hidden`, whose length is returned.
 */
function screen(matrix: IndicatorMatrix, plan: ScoringPlan, out: ScoringOutput, s: Scratch): number {
  const { n, m } = matrix;
  const dimOf = plan.indicatorDimension;
  out.values.set(matrix.values);
  out.flags.set(matrix.flags);
  const { offsets, rows } = missingCells(matrix);
  const absent = s.absent;
  absent.fill(0);
  let active = 0;
  for (let j = 0; j < m; j++) {
    if (dimOf[j]! < 0) continue;
    active++;
    for (let k = offsets[j]!; k < offsets[j + 1]!; k++) absent[rows[k]!]!++;
  }
  out.activeIndicators = active;
  const minCoverage = plan.methods.screening.minCoverage;
  const status = out.status;
  let hidden = 0;
  for (let i = 0; i < n; i++) {
    const present = active - absent[i]!;
    const coverage = active > 0 ? present / active : 0;
    out.dataCoverage[i] = coverage;
    let st: number = TerritoryStatus.insufficientData;
    if (plan.eligible && plan.eligible[i] === 0) st = TerritoryStatus.filtered;
    else if (coverage >= minCoverage && present > 0) st = RANKED;
    status[i] = st;
    if (st !== RANKED) s.hidden[hidden++] = i;
  }
  return hidden;
}

/** The rows without a value of each column of a matrix (CSR: column j's are `rows[offsets[j] .. offsets[j + 1] - 1]`). */
interface MissingCells {
  offsets: Int32Array;
  rows: Int32Array;
}

/**
 * A matrix's values are read-only once built (IndicatorMatrix): their missing cells are indexed
 * on the first scoring and kept with the array, so that screening touches only them (a weight
 * moved, thousands of Monte-Carlo replicates) and the values are copied in one block. Keyed by
 * the values array itself, so that a matrix given other values (a copy) gets its own index.
 */
const missingIndex = new WeakMap<Float64Array, MissingCells>();

function missingCells(matrix: IndicatorMatrix): MissingCells {
  const { n, m, values } = matrix;
  const known = missingIndex.get(values);
  if (known && known.offsets.length === m + 1) return known;
  const offsets = new Int32Array(m + 1);
  const found: number[] = [];
  for (let j = 0; j < m; j++) {
    offsets[j] = found.length;
    const base = j * n;
    for (let i = 0; i < n; i++) if (Number.isNaN(values[base + i]!)) found.push(i);
  }
  offsets[m] = found.length;
  const cells = { offsets, rows: Int32Array.from(found) };
  missingIndex.set(values, cells);
  return cells;
}

/**
 * Steps 2-4 for one active indicator: imputation, outliers (over the ranked territories' values),
 * normalisation, and weight × operand added to its dimension's running sums.
 */
function scoreColumn(
  matrix: IndicatorMatrix,
  plan: ScoringPlan,
  out: ScoringOutput,
  s: Scratch,
  o: RunOptions,
  j: number,
  hidden: number,
): void {
  const { n } = matrix;
  const { methods } = plan;
  const base = j * n;
  const values = out.values;
  const norm = out.normalised;
  const gather = s.gather;
  const result = s.result;
  const { lo, hi, minMax, mean, tabulated } = o;
  const off = plan.indicatorDimension[j]! * n;
  const bit = 1 << s.bit[j]!;
  // Imputation first: the values of territories set aside are donors too.
  if (methods.imputation.method !== 'none') imputeColumn(out, base, plan, methods.imputation.method);
  for (let k = 0; k < hidden; k++) values[base + s.hidden[k]!] = Number.NaN;
  const column = values.subarray(base, base + n);

  // Gather the ranked territories' values, with their sum, min and max.
  const stats = s.stats;
  const c = o.gatherValues ? gatherRanked(column, gather, stats) : rankedRange(column, stats);
  const sum = stats[0]!;
  let min = stats[1]!;
  let max = stats[2]!;
  if (c === 0) {
    // No ranked territory has a value: the indicator is missing for all of them.
    norm.fill(Number.NaN, base, base + n);
    for (let i = 0; i < n; i++) s.missing[off + i]! |= bit;
    return;
  }

  let logMin = Number.NaN;
  let logShift = Number.NaN;
  let treated = false;
  if (o.outliers) {
    const r = treatOutliers(gather, c, methods.outliers, { mean: sum / c, min, max });
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
      treated = true;
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

  // Normalisation. Min-max (the default) is applied in the pass below; the other methods write
  // into `result` first.
  const direction = plan.direction[j]!;
  const ref = matrix.reference.values[j]!;
  const refTreated = Number.isNaN(logMin) ? ref : Math.log(ref - logMin + logShift);
  let a = Number.NaN;
  let b = Number.NaN;
  let zMin = lo;
  let zMax = hi;
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
    const ab = normaliseValues(gather, c, result, params);
    a = ab.a;
    b = ab.b;
    zMin = Number.POSITIVE_INFINITY;
    zMax = Number.NEGATIVE_INFINITY;
    for (let q = 0; q < c; q++) {
      const z = result[q]!;
      if (z < zMin) zMin = z;
      if (z > zMax) zMax = z;
    }
    if (methods.normalisation.method === 'goalposts') out.referenceNormalised[j] = goalpostValue(ref, params);
  }
  if (!Number.isNaN(a)) out.referenceNormalised[j] = a * refTreated + b;

  // Write the normalised column (missing where nothing was gathered) and add weight × operand to
  // the dimension's running sum. The common case has its own tight loops.
  const w = plan.indicatorWeight[j]!;
  const dims = out.dimensionScores;
  if (minMax && sc > 0 && mean === ARITHMETIC && tabulated) {
    if (treated) {
      addTreatedMinMaxColumn(
        column,
        out.flags.subarray(base, base + n),
        gather,
        norm.subarray(base, base + n),
        dims.subarray(off, off + n),
        s.missing.subarray(off, off + n),
        lo,
        direction,
        yMin,
        sc,
        w,
        bit,
      );
    } else {
      addMinMaxColumn(
        column,
        norm.subarray(base, base + n),
        dims.subarray(off, off + n),
        s.missing.subarray(off, off + n),
        lo,
        direction,
        yMin,
        sc,
        w,
        bit,
      );
    }
    return;
  }
  if (treated) writeBack(column, out.flags.subarray(base, base + n), gather);
  const spread = zMax - zMin > NOISE * Math.max(1, Math.abs(zMax), Math.abs(zMin));
  const opScale = spread ? 99 / (zMax - zMin) : 0;
  const wsums = s.wsums;
  let q = 0;
  for (let i = 0; i < n; i++) {
    const cell = base + i;
    const v = values[cell]!;
    if (Number.isNaN(v)) {
      norm[cell] = Number.NaN;
      s.missing[off + i]! |= bit;
      continue;
    }
    const z = minMax ? (sc > 0 ? lo + (direction * v - yMin) * sc : b) : result[q]!;
    q++;
    norm[cell] = z;
    if (!tabulated) wsums[off + i]! += w;
    if (mean === ARITHMETIC) dims[off + i]! += w * z;
    else {
      const x = spread ? 1 + (z - zMin) * opScale : 50.5;
      dims[off + i]! += mean === GEOMETRIC ? w * Math.log(x) : w / x;
    }
  }
}

/**
 * Need and potential: weighted means of the dimensions of each pillar (dimensions of weight 0
 * left out), with their ranges over ranked territories in `s.pillarRange` (need min, max,
 * potential min, max). With arithmetic means, the dimension scores are finished here too.
 */
function pillars(plan: ScoringPlan, out: ScoringOutput, s: Scratch, o: RunOptions): void {
  if (o.mean === ARITHMETIC && o.tabulated) {
    arithmeticPillars(plan, out, s);
    return;
  }
  const { n, d, status } = out;
  const dims = out.dimensionScores;
  const need = out.need;
  const potential = out.potential;
  const dimensionWeight = plan.dimensionWeight;
  const pillar = plan.dimensionPillar;
  const { mean, tabulated } = o;
  const fused = mean === ARITHMETIC;
  const dimLow = s.low;
  const dimScale = s.scale;
  for (let t = 0; t < d; t++) dimScale[t] = fused ? 0 : operandScale(dimLow[t]!, s.high[t]!);
  const tableStart = s.tableStart;
  const weightSums = s.weightSums;
  const missing = s.missing;
  const wsums = s.wsums;
  let needLow = Number.POSITIVE_INFINITY;
  let needHigh = Number.NEGATIVE_INFINITY;
  let potLow = Number.POSITIVE_INFINITY;
  let potHigh = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (status[i] !== RANKED) {
      if (fused) for (let t = 0; t < d; t++) dims[t * n + i] = Number.NaN;
      need[i] = Number.NaN;
      potential[i] = Number.NaN;
      continue;
    }
    let accNeed = 0;
    let wNeed = 0;
    let accPot = 0;
    let wPot = 0;
    for (let t = 0; t < d; t++) {
      const cell = t * n + i;
      let v: number;
      if (fused) {
        const t0 = tableStart[t]!;
        const wsum = tabulated
          ? weightSums[t0 + ((tableStart[t + 1]! - t0 - 1) & ~missing[cell]!)]!
          : wsums[cell]!;
        v = wsum > 0 ? dims[cell]! / wsum : Number.NaN;
        dims[cell] = v;
      } else v = dims[cell]!;
      const w = dimensionWeight[t]!;
      if (!(w > 0) || Number.isNaN(v)) continue;
      const term = operand(v, w, mean, dimLow[t]!, dimScale[t]!);
      if (pillar[t] === 0) {
        wNeed += w;
        accNeed += term;
      } else if (pillar[t] === 1) {
        wPot += w;
        accPot += term;
      }
    }
    const x = finish(accNeed, wNeed, mean);
    const y = finish(accPot, wPot, mean);
    need[i] = x;
    potential[i] = y;
    if (x < needLow) needLow = x;
    if (x > needHigh) needHigh = x;
    if (y < potLow) potLow = y;
    if (y > potHigh) potHigh = y;
  }
  s.pillarRange[0] = needLow;
  s.pillarRange[1] = needHigh;
  s.pillarRange[2] = potLow;
  s.pillarRange[3] = potHigh;
}

/** {@link pillars} for arithmetic means and tabulated weight sums (the default methods), in a tight loop. */
function arithmeticPillars(plan: ScoringPlan, out: ScoringOutput, s: Scratch): void {
  const { n, d, status } = out;
  const dims = out.dimensionScores;
  const need = out.need;
  const potential = out.potential;
  const dimensionWeight = plan.dimensionWeight;
  const pillar = plan.dimensionPillar;
  const tableStart = s.tableStart;
  const weightSums = s.weightSums;
  const missing = s.missing;
  // Per dimension: the mask of all its indicators.
  const all = s.allMask;
  for (let t = 0; t < d; t++) all[t] = tableStart[t + 1]! - tableStart[t]! - 1;
  let needLow = Number.POSITIVE_INFINITY;
  let needHigh = Number.NEGATIVE_INFINITY;
  let potLow = Number.POSITIVE_INFINITY;
  let potHigh = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    if (status[i] !== RANKED) {
      for (let t = 0; t < d; t++) dims[t * n + i] = Number.NaN;
      need[i] = Number.NaN;
      potential[i] = Number.NaN;
      continue;
    }
    let accNeed = 0;
    let wNeed = 0;
    let accPot = 0;
    let wPot = 0;
    for (let t = 0; t < d; t++) {
      const cell = t * n + i;
      const wsum = weightSums[tableStart[t]! + (all[t]! & ~missing[cell]!)]!;
      const v = wsum > 0 ? dims[cell]! / wsum : Number.NaN;
      dims[cell] = v;
      const w = dimensionWeight[t]!;
      if (!(w > 0) || Number.isNaN(v)) continue;
      if (pillar[t] === 0) {
        wNeed += w;
        accNeed += w * v;
      } else if (pillar[t] === 1) {
        wPot += w;
        accPot += w * v;
      }
    }
    const x = wNeed > 0 ? accNeed / wNeed : Number.NaN;
    const y = wPot > 0 ? accPot / wPot : Number.NaN;
    need[i] = x;
    potential[i] = y;
    if (x < needLow) needLow = x;
    if (x > needHigh) needHigh = x;
    if (y < potLow) potLow = y;
    if (y > potHigh) potHigh = y;
  }
  s.pillarRange[0] = needLow;
  s.pillarRange[1] = needHigh;
  s.pillarRange[2] = potLow;
  s.pillarRange[3] = potHigh;
}

/**
 * The score in the need × potential reading: the `combine` mean of need and potential, weighted
 * by the pillar weights; both are required (a territory with needs and no actors, or the
 * reverse, gets no score).
 */
function combinePillars(plan: ScoringPlan, out: ScoringOutput, s: Scratch, combine: number): void {
  const { n, status, score, need, potential } = out;
  const w0 = plan.pillarWeight[0]!;
  const w1 = plan.pillarWeight[1]!;
  const needLow = s.pillarRange[0]!;
  const potLow = s.pillarRange[2]!;
  const scaleNeed = operandScale(needLow, s.pillarRange[1]!);
  const scalePot = operandScale(potLow, s.pillarRange[3]!);
  if (combine === GEOMETRIC && w0 > 0 && w1 > 0) {
    // The default, in a loop of its own: the same operations in the same order as below.
    const wsum = 0 + w0 + w1;
    for (let i = 0; i < n; i++) {
      const x = need[i]!;
      const y = potential[i]!;
      if (status[i] !== RANKED || Number.isNaN(x) || Number.isNaN(y)) {
        score[i] = Number.NaN;
        continue;
      }
      const a = w0 * Math.log(scaleNeed > 0 ? 1 + (x - needLow) * scaleNeed : 50.5);
      const b = w1 * Math.log(scalePot > 0 ? 1 + (y - potLow) * scalePot : 50.5);
      score[i] = exp((0 + a + b) / wsum);
    }
    return;
  }
  for (let i = 0; i < n; i++) {
    const x = need[i]!;
    const y = potential[i]!;
    if (status[i] !== RANKED || (w0 > 0 && Number.isNaN(x)) || (w1 > 0 && Number.isNaN(y))) {
      score[i] = Number.NaN;
      continue;
    }
    let acc = 0;
    let wsum = 0;
    if (w0 > 0) {
      wsum += w0;
      acc += operand(x, w0, combine, needLow, scaleNeed);
    }
    if (w1 > 0) {
      wsum += w1;
      acc += operand(y, w1, combine, potLow, scalePot);
    }
    score[i] = finish(acc, wsum, combine);
  }
}

/** The score in the composite reading: the mean of the dimensions (weight 0 left out). */
function compositeScores(plan: ScoringPlan, out: ScoringOutput, s: Scratch, mean: number): void {
  const { n, d, status, score } = out;
  const dims = out.dimensionScores;
  const dimensionWeight = plan.dimensionWeight;
  for (let i = 0; i < n; i++) {
    if (status[i] !== RANKED) {
      score[i] = Number.NaN;
      continue;
    }
    let acc = 0;
    let wsum = 0;
    for (let t = 0; t < d; t++) {
      const w = dimensionWeight[t]!;
      if (!(w > 0)) continue;
      const v = dims[t * n + i]!;
      if (Number.isNaN(v)) continue;
      wsum += w;
      acc += operand(v, w, mean, s.low[t]!, s.scale[t]!);
    }
    score[i] = finish(acc, wsum, mean);
  }
}

/**
 * Finishes the weighted mean of dimension t for every territory (NaN when set aside or without
 * an indicator), in place in `dimensionScores`, and records its range over ranked territories in
 * `s.low`, `s.high`. The sum of the weights present is looked up by the territory's set of missing
 * indicators (the same additions, in the same order, as a running sum).
 */
function finishDimension(s: Scratch, out: ScoringOutput, t: number, o: RunOptions): void {
  const { n, status } = out;
  const dims = out.dimensionScores;
  const off = t * n;
  const t0 = s.tableStart[t]!;
  const all = s.tableStart[t + 1]! - t0 - 1;
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    let v = Number.NaN;
    if (status[i] === RANKED) {
      const wsum = o.tabulated ? s.weightSums[t0 + (all & ~s.missing[off + i]!)]! : s.wsums[off + i]!;
      v = finish(dims[off + i]!, wsum, o.mean);
    }
    dims[off + i] = v;
    if (v < low) low = v;
    if (v > high) high = v;
  }
  s.low[t] = low;
  s.high[t] = high;
}

/** Weight × operand of a weighted mean; geometric and harmonic operands are first mapped onto [1, 100]. */
function operand(v: number, w: number, mean: number, low: number, scale: number): number {
  if (mean === ARITHMETIC) return w * v;
  const x = scale > 0 ? 1 + (v - low) * scale : 50.5;
  return mean === GEOMETRIC ? w * Math.log(x) : w / x;
}

/**
 * A weighted mean from its running sums: arithmetic Σwz/Σw, geometric exp(Σw ln z / Σw),
 * harmonic Σw / Σ(w/z); NaN when no operand was present.
 */
function finish(acc: number, wsum: number, mean: number): number {
  if (!(wsum > 0)) return Number.NaN;
  return mean === ARITHMETIC ? acc / wsum : mean === GEOMETRIC ? exp(acc / wsum) : wsum / acc;
}

/**
 * 99 / (max − min) for the mapping onto [1, 100] of a series whose ranked values span
 * [low, high]; 0 when the spread is at rounding-noise level (a tie, not a 1-to-100 difference).
 */
function operandScale(low: number, high: number): number {
  return high - low > NOISE * Math.max(1, Math.abs(high), Math.abs(low)) ? 99 / (high - low) : 0;
}

/** Largest number of indicators in a dimension for which weight sums are tabulated (2^k entries). */
const MAX_TABULATED = 12;

/**
 * Numbers the active indicators within their dimension (`s.bit`) and tabulates, per dimension,
 * the sum of the weights of every subset of its indicators — each sum built by adding the weights
 * in column order, as a running sum over the columns would. False (nothing tabulated) when a
 * dimension has more than {@link MAX_TABULATED} indicators.
 */
function weightSumTables(s: Scratch, dimOf: Int32Array, weight: Float64Array, d: number, m: number): boolean {
  const count = s.tableStart; // used as a counter first
  count.fill(0);
  for (let j = 0; j < m; j++) {
    const t = dimOf[j]!;
    if (t >= 0) s.bit[j] = count[t]!++;
  }
  let size = 0;
  for (let t = 0; t < d; t++) {
    if (count[t]! > MAX_TABULATED) return false;
    size += 2 ** count[t]!;
  }
  if (s.weightSums.length !== size) s.weightSums = new Float64Array(size);
  const sums = s.weightSums;
  let start = 0;
  for (let t = 0; t < d; t++) {
    const k = count[t]!;
    count[t] = start;
    sums[start] = 0;
    for (let j = 0; j < m; j++) {
      if (dimOf[j] !== t) continue;
      // Masks whose highest bit is this indicator's: the sum without it, plus its weight.
      const b = 1 << s.bit[j]!;
      for (let mask = b; mask < 2 * b; mask++) sums[start + mask] = sums[start + (mask ^ b)]! + weight[j]!;
    }
    start += 2 ** k;
  }
  count[d] = start;
  return true;
}

/** Replaces the ranked values of a column by their treated values (in gather order), flagged `treated`. */
function writeBack(values: Float64Array, flags: Uint8Array, gather: Float64Array): void {
  let q = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (Number.isNaN(v)) continue;
    const x = gather[q++]!;
    if (v !== x) {
      values[i] = x;
      flags[i]! |= CellFlag.treated;
    }
  }
}

/**
 * The common case, in its own tight loop: min-max normalisation (a spread column) and an
 * arithmetic mean. Writes z = lo + (direction × x − yMin) × sc for the ranked territories with a
 * value (NaN for the others), adds w × z to their dimension's sum, marks missing values.
 */
function addMinMaxColumn(
  values: Float64Array,
  norm: Float64Array,
  dims: Float64Array,
  missing: Int32Array,
  lo: number,
  direction: number,
  yMin: number,
  sc: number,
  w: number,
  bit: number,
): void {
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      const z = lo + (direction * v - yMin) * sc;
      norm[i] = z;
      dims[i]! += w * z;
    } else {
      norm[i] = Number.NaN;
      missing[i]! |= bit;
    }
  }
}

/**
 * Copies the values of the ranked territories that have one into `gather` (in territory order),
 * with their sum, min and max in `stats`; returns how many.
 */
function gatherRanked(values: Float64Array, gather: Float64Array, stats: Float64Array): number {
  let c = 0;
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      gather[c++] = v;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  stats[0] = sum;
  stats[1] = min;
  stats[2] = max;
  return c;
}

/** Min and max (in `stats[1]`, `stats[2]`) of the values of the ranked territories that have one; returns how many. */
function rankedRange(values: Float64Array, stats: Float64Array): number {
  let c = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      c++;
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  stats[0] = Number.NaN;
  stats[1] = min;
  stats[2] = max;
  return c;
}

/** {@link addMinMaxColumn} for a treated column: the treated values (in gather order) are written back, flagged. */
function addTreatedMinMaxColumn(
  values: Float64Array,
  flags: Uint8Array,
  gather: Float64Array,
  norm: Float64Array,
  dims: Float64Array,
  missing: Int32Array,
  lo: number,
  direction: number,
  yMin: number,
  sc: number,
  w: number,
  bit: number,
): void {
  let q = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isNaN(v)) {
      const x = gather[q++]!;
      if (v !== x) {
        values[i] = x;
        flags[i]! |= CellFlag.treated;
      }
      const z = lo + (direction * x - yMin) * sc;
      norm[i] = z;
      dims[i]! += w * z;
    } else {
      norm[i] = Number.NaN;
      missing[i]! |= bit;
    }
  }
}
