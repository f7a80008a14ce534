import {
  type IndicatorMatrix,
  type IndicatorSummary,
  type PlannedScoring,
  planScoring,
  type ResolvedScoreConfig,
  resolveScoreConfig,
  resultHash,
  type ScoreConfig,
  type ScoreContext,
  type ScoringOutput,
  scoreMatrix,
  type Vintage,
} from '@ptce/engine';
import { FLAG } from '../lib/choropleth.ts';
import type { ScoreView, VariableSummary } from './scoreView.ts';

/** What the worker keeps of a run, to explain a territory on demand. */
export interface ScoreRun {
  hash: string;
  resolved: ResolvedScoreConfig;
  planned: PlannedScoring;
  out: ScoringOutput;
  matrix: IndicatorMatrix;
}

const LEVEL_LABELS: Record<string, string> = { commune: 'Communes' };

/**
 * Scores on the slider path: the engine's own steps in the order `score()` runs them
 * (`resolveScoreConfig` -> `planScoring` -> `scoreMatrix`, `resultHash`), without `explain` for
 * every territory, which the sheet asks for one territory at a time. Returns the columnar view
 * the page draws. `scoreRun.test.ts` checks it against `score()`.
 *
 * Complexity: O(n × m).
 * @throws {EngineError} every code of `resolveScoreConfig` and `planScoring`.
 */
export function scoreRun(
  vintage: Vintage,
  config: ScoreConfig,
  matrix: IndicatorMatrix,
  variables: { summaries: VariableSummary[]; matrix: IndicatorMatrix },
  context: ScoreContext = {},
): { run: ScoreRun; view: Omit<ScoreView, 'timings'> } {
  const resolved = resolveScoreConfig(vintage, config);
  const planned = planScoring(vintage, matrix, resolved, context);
  const out = scoreMatrix(matrix, planned.plan);
  const hash = resultHash(vintage.manifest, resolved);
  const { n, m } = matrix;
  const framework = resolved.framework;
  const column = <T extends Float64Array | Uint8Array>(a: T, j: number) => a.slice(j * n, (j + 1) * n) as T;

  const indicatorValues: Record<string, Float64Array> = {};
  const indicatorFlags: Record<string, Uint8Array> = {};
  const indicators: IndicatorSummary[] = framework.indicators.map((ind, j) => {
    indicatorValues[ind.id] = column(matrix.values, j);
    // Raw values are drawn; the run adds its imputation mark to the matrix's caveats.
    const flags = column(matrix.flags, j);
    for (let i = 0; i < n; i++) flags[i]! |= out.flags[j * n + i]! & FLAG.imputed;
    indicatorFlags[ind.id] = flags;
    const dim = framework.dimensions.find((d) => d.id === ind.dimension);
    return {
      id: ind.id,
      label: ind.label,
      labelEn: ind.labelEn,
      dimension: ind.dimension,
      pillar: dim?.pillar ?? 'need',
      direction: ind.direction,
      unit: ind.unit,
      weight: planned.plan.indicatorWeight[j]!,
      effectiveWeight: planned.plan.effectiveWeight[j]!,
      correlation: null,
      importance: null,
      variables: matrix.indicators[j]!.variables,
      synthetic: matrix.indicators[j]!.synthetic,
      reference: finiteOrNull(matrix.reference.values[j]!),
      outliers: out.outliers[j] ?? null,
      rationale: ind.rationale,
    };
  });
  const dimensionScores: Record<string, Float64Array> = {};
  const dimensions = framework.dimensions.map((dim, t) => {
    dimensionScores[dim.id] = column(out.dimensionScores, t);
    let effectiveWeight = 0;
    for (let j = 0; j < m; j++)
      if (planned.plan.indicatorDimension[j] === t) effectiveWeight += planned.plan.effectiveWeight[j]!;
    return {
      id: dim.id,
      label: dim.label,
      labelEn: dim.labelEn,
      pillar: dim.pillar,
      weight: planned.plan.dimensionWeight[t]!,
      effectiveWeight,
    };
  });
  const rank = new Float64Array(n);
  for (let i = 0; i < n; i++) rank[i] = out.rank[i]! > 0 ? out.rank[i]! : Number.NaN;

  const vm = variables.matrix;
  const variableValues: Record<string, Float64Array> = {};
  const variableFlags: Record<string, Uint8Array> = {};
  const refVariables: Record<string, number> = {};
  vm.indicators.forEach((ind, j) => {
    variableValues[ind.id] = column(vm.values, j);
    variableFlags[ind.id] = column(vm.flags, j);
    refVariables[ind.id] = vm.reference.values[j]!;
  });
  const refIndicators: Record<string, number> = {};
  framework.indicators.forEach((ind, j) => {
    refIndicators[ind.id] = matrix.reference.values[j]!;
  });
  const zoning = vintage.zonings.find((z) => z.id === resolved.level);
  const synthetic = indicators.some((i) => i.synthetic && i.effectiveWeight > 0);
  return {
    run: { hash, resolved, planned, out, matrix },
    view: {
      hash,
      vintageId: vintage.manifest.id,
      level: { id: resolved.level, label: zoning?.label ?? LEVEL_LABELS[resolved.level] ?? resolved.level },
      synthetic,
      codes: matrix.codes,
      names: matrix.names,
      population: matrix.population,
      rank,
      status: out.status.slice(),
      complete: matrix.complete,
      score: out.score.slice(),
      need: out.need.slice(),
      potential: out.potential.slice(),
      dimensions,
      dimensionScores,
      indicators,
      indicatorValues,
      indicatorFlags,
      variables: variables.summaries,
      variableValues,
      variableFlags,
      reference: { label: matrix.reference.label, indicators: refIndicators, variables: refVariables },
      counts: { territories: n, ranked: out.ranked, setAside: n - out.ranked },
      warnings: planned.warnings,
      ahp: planned.ahp,
    },
  };
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** The buffers of a view that belong to this run alone, to transfer rather than copy. */
export function viewBuffers(view: Omit<ScoreView, 'timings'>): ArrayBuffer[] {
  const arrays: ArrayBufferView[] = [
    view.rank,
    view.status,
    view.score,
    view.need,
    view.potential,
    ...Object.values(view.dimensionScores),
    ...Object.values(view.indicatorValues),
    ...Object.values(view.indicatorFlags),
    ...Object.values(view.variableValues),
    ...Object.values(view.variableFlags),
  ];
  return arrays.map((a) => a.buffer as ArrayBuffer);
}
