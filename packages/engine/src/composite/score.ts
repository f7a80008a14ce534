import type { Vintage } from '../vintage/types.ts';
import { buildIndicatorMatrix } from './buildIndicatorMatrix.ts';
import { explain } from './explain.ts';
import { matrixMatches } from './matrixMatches.ts';
import { planScoring } from './planScoring.ts';
import { resolveScoreConfig } from './resolveScoreConfig.ts';
import { METHOD_VERSION, resultHash } from './resultHash.ts';
import { scoreMatrix } from './scoreMatrix.ts';
import {
  type DimensionSummary,
  type IndicatorMatrix,
  type IndicatorSummary,
  type ResolvedScoreConfig,
  type ScoreConfig,
  type ScoreContext,
  type ScoreResult,
  type ScoreWarning,
  type ScoringOutput,
  type ScoringPlan,
  TerritoryStatus,
} from './types.ts';

/** The typed arrays of the previous run, reused when the next one has the same shape. */
let lastOutput: ScoringOutput | null = null;

const LEVEL_LABELS: Record<string, [string, string]> = {
  commune: ['Communes', 'Municipalities'],
  groups: ['Groupes de communes', 'Groups of municipalities'],
};

/**
 * Scores the territories of a vintage for a PTCE — the engine's entry point, used by the API, the
 * command line and the UI's Web Worker. Does the three steps in order:
 *
 * 1. {@link resolveScoreConfig}: `config` merged over the documented defaults (`defaultConfig`,
 *    `{ ...defaults, ...options }` per method group), framework changes applied, everything checked;
 * 2. {@link buildIndicatorMatrix} (skipped when `context.matrix` was built for the same vintage,
 *    level and formulas), then {@link planScoring} and the scoring core {@link scoreMatrix};
 * 3. {@link explain} for every territory.
 *
 * The result carries the resolved configuration, the vintage id and `hash`
 * ({@link resultHash}); the same inputs give the same output, bit for bit.
 *
 * Complexity: O(member rows × terms) for the matrix, O(n × m) for scoring and explanation.
 *
 * @throws {EngineError} every code of {@link resolveScoreConfig} and {@link planScoring}, and
 *   `COPELAND_TOO_LARGE`.
 * @example
 * const result = score(vintage, { level: 'epci' });
 * result.territories[0] // { code: '2467…', name: 'CC …', rank: 1, score: 71.3, need: …, potential: …, … }
 */
export function score(vintage: Vintage, config: ScoreConfig = {}, context: ScoreContext = {}): ScoreResult {
  const resolved = resolveScoreConfig(vintage, config);
  const matrix =
    context.matrix && matrixMatches(context.matrix, vintage, resolved)
      ? context.matrix
      : buildIndicatorMatrix(vintage, resolved.framework, resolved.level, resolved.groups);
  const { plan, ahp, warnings } = planScoring(vintage, matrix, resolved, context);
  // The run's typed arrays (11 MB for all French communes) are reused from one call to the next:
  // nothing in the result refers to them (the explanation copies numbers out of them).
  const out = scoreMatrix(matrix, plan, lastOutput ?? undefined);
  lastOutput = out;
  const territories = explain(matrix, resolved, plan, out);
  const level = vintage.zonings.find((z) => z.id === resolved.level);
  const [label, labelEn] = level ? [level.label, level.labelEn] : (LEVEL_LABELS[resolved.level] ?? ['', '']);
  const indicators = summariseIndicators(matrix, resolved, plan, out);
  return {
    hash: resultHash(vintage.manifest, resolved),
    vintageId: vintage.manifest.id,
    engine: { name: '@ptce/engine', methodVersion: METHOD_VERSION },
    config: resolved,
    level: { id: resolved.level, label, labelEn },
    synthetic: indicators.some((i) => i.synthetic && i.effectiveWeight > 0),
    counts: { territories: matrix.n, ranked: out.ranked, setAside: matrix.n - out.ranked },
    dimensions: summariseDimensions(resolved, plan),
    indicators,
    ahp,
    territories,
    warnings: [...warnings, ...runWarnings(matrix, resolved, plan, out)],
  };
}

function summariseDimensions(config: ResolvedScoreConfig, plan: ScoringPlan): DimensionSummary[] {
  return config.framework.dimensions.map((dim, t) => {
    let eff = 0;
    for (let j = 0; j < plan.indicatorDimension.length; j++) {
      if (plan.indicatorDimension[j] === t) eff += plan.effectiveWeight[j]!;
    }
    return {
      id: dim.id,
      label: dim.label,
      labelEn: dim.labelEn,
      pillar: dim.pillar,
      weight: plan.dimensionWeight[t]!,
      effectiveWeight: eff,
    };
  });
}

/**
 * Per-indicator summary, with COINr's correlation-based view of effective importance: the Pearson
 * correlation of the normalised indicator with the score over ranked territories, and its share
 * r² / Σr² (Paruolo, Saisana & Saltelli 2013 use the squared correlation ratio; r² is its linear
 * version). A nominal weight far from the importance share means the indicator weighs more (or
 * less) than intended.
 */
function summariseIndicators(
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  plan: ScoringPlan,
  out: ScoringOutput,
): IndicatorSummary[] {
  const { n } = matrix;
  const dims = config.framework.dimensions;
  // The ranked territories with a score, in territory order, and their scores: found once, then
  // each indicator's pairs (normalised value, score) are gathered from them alone, and the
  // second pass (deviations from the means) runs on the pairs.
  const rows = new Int32Array(n);
  const scores = new Float64Array(n);
  let ranked = 0;
  for (let i = 0; i < n; i++) {
    const y = out.score[i]!;
    if (out.status[i] !== TerritoryStatus.ranked || Number.isNaN(y)) continue;
    rows[ranked] = i;
    scores[ranked++] = y;
  }
  const xs = new Float64Array(ranked);
  const ys = new Float64Array(ranked);
  const correlations = config.framework.indicators.map((_, j) =>
    plan.indicatorDimension[j]! < 0
      ? Number.NaN
      : scoreCorrelation(out.normalised.subarray(j * n, (j + 1) * n), rows, scores, ranked, xs, ys),
  );
  let r2sum = 0;
  for (const r of correlations) if (!Number.isNaN(r)) r2sum += r * r;
  const dimSum = new Float64Array(dims.length);
  plan.indicatorDimension.forEach((t, j) => {
    if (t >= 0) dimSum[t]! += plan.indicatorWeight[j]!;
  });
  return config.framework.indicators.map((ind, j) => {
    const t = plan.indicatorDimension[j]!;
    const r = correlations[j]!;
    const dim = dims.find((x) => x.id === ind.dimension)!;
    const ref = matrix.reference.values[j]!;
    return {
      id: ind.id,
      label: ind.label,
      labelEn: ind.labelEn,
      dimension: ind.dimension,
      pillar: dim.pillar,
      direction: ind.direction,
      unit: ind.unit,
      weight: t >= 0 && dimSum[t]! > 0 ? plan.indicatorWeight[j]! / dimSum[t]! : 0,
      effectiveWeight: plan.effectiveWeight[j]!,
      correlation: Number.isNaN(r) ? null : r,
      importance: Number.isNaN(r) || !(r2sum > 0) ? null : (r * r) / r2sum,
      variables: matrix.indicators[j]!.variables,
      synthetic: matrix.indicators[j]!.synthetic,
      reference: Number.isFinite(ref) ? ref : null,
      outliers: out.outliers[j] ?? null,
      rationale: ind.rationale,
    };
  });
}

/**
 * Pearson correlation of an indicator's normalised values (`column`) with the score over the
 * ranked territories with a score (`rows[0 .. count-1]`, their scores in `scores`), in two passes:
 * means, then deviations; NaN for fewer than 3 territories or no spread.
 */
function scoreCorrelation(
  column: Float64Array,
  rows: Int32Array,
  scores: Float64Array,
  count: number,
  xs: Float64Array,
  ys: Float64Array,
): number {
  let c = 0;
  let mx = 0;
  let my = 0;
  for (let k = 0; k < count; k++) {
    const x = column[rows[k]!]!;
    if (Number.isNaN(x)) continue;
    const y = scores[k]!;
    xs[c] = x;
    ys[c] = y;
    c++;
    mx += x;
    my += y;
  }
  if (c < 3) return Number.NaN;
  mx /= c;
  my /= c;
  return deviationCorrelation(xs.subarray(0, c), ys.subarray(0, c), mx, my);
}

/** Σ(x − mx)(y − my) / √(Σ(x − mx)² Σ(y − my)²) over the pairs; NaN without spread. */
function deviationCorrelation(xs: Float64Array, ys: Float64Array, mx: number, my: number): number {
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let k = 0; k < xs.length; k++) {
    const x = xs[k]!;
    const y = ys[k]!;
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  }
  return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : Number.NaN;
}

function runWarnings(
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  plan: ScoringPlan,
  out: ScoringOutput,
): ScoreWarning[] {
  const warnings: ScoreWarning[] = [];
  matrix.indicators.forEach((ind, j) => {
    if (plan.indicatorDimension[j]! < 0) return;
    if (ind.zeroDenominators > 0) {
      warnings.push({
        code: 'DIVISION_BY_ZERO',
        message: `Indicateur « ${ind.id} » : dénominateur nul pour ${ind.zeroDenominators} territoire(s) ; leur valeur est manquante.`,
        details: { indicator: ind.id, territories: ind.zeroDenominators },
      });
    }
    const o = out.outliers[j];
    if (o?.stillOutside) {
      warnings.push({
        code: 'OUTLIERS_REMAIN',
        message: `Indicateur « ${ind.id} » : la distribution reste très asymétrique après traitement (asymétrie ${o.skewnessAfter.toFixed(2)}, aplatissement ${o.kurtosisAfter.toFixed(2)}).`,
        details: { indicator: ind.id },
      });
    }
  });
  if (matrix.indicators.some((ind, j) => ind.synthetic && plan.indicatorDimension[j]! >= 0)) {
    warnings.push({
      code: 'SYNTHETIC_DATA',
      message: 'DÉMONSTRATION – données ESS simulées : ce classement ne doit pas servir à décider.',
    });
  }
  if (out.ranked === 0) {
    warnings.push({
      code: 'NOTHING_RANKED',
      message: `Aucun territoire classé au niveau « ${config.level} » : assouplissez les filtres ou le seuil de données (methods.screening.minCoverage).`,
    });
  }
  return warnings;
}
