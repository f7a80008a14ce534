import type { Framework } from '../framework/types.ts';
import type { Vintage } from '../vintage/types.ts';
import { buildTerritories } from './buildTerritories.ts';
import { type Cell, createIndicatorEvaluator } from './createIndicatorEvaluator.ts';
import type { CommuneGroup, IndicatorMatrix, MatrixIndicator } from './types.ts';

/**
 * Computes the raw value of every indicator of a framework for every territory of a level, and
 * for the reference territory (every commune in scope: the département) — the expensive part of
 * a scoring, done once per (vintage, framework formulas, level) and reused by every re-scoring
 * (weights, methods, Monte-Carlo). Values are recomputed from the member communes' variables with
 * the rules of {@link createIndicatorEvaluator} (sums for ratios, weighted means for medians and
 * rates, flagged), with each cell's caveats and population coverage.
 *
 * Directions and weights are not used here: a matrix serves any weighting of the same formulas.
 *
 * Complexity: O(indicators × member rows × terms); memory O(territories × indicators).
 *
 * @throws {EngineError} `UNKNOWN_LEVEL`, `UNKNOWN_COMMUNE`, `UNKNOWN_VARIABLE`.
 * @example
 * const mx = buildIndicatorMatrix(vintage, defaultFramework, 'epci');
 * mx.values[j * mx.n + i] // indicator j of the i-th EPCI (sorted by code)
 */
export function buildIndicatorMatrix(
  vintage: Vintage,
  framework: Framework,
  level: string,
  groups: CommuneGroup[] = [],
): IndicatorMatrix {
  const territories = buildTerritories(vintage, level, groups);
  const n = territories.codes.length;
  const m = framework.indicators.length;
  const values = new Float64Array(n * m);
  const flags = new Uint8Array(n * m);
  const coverage = new Float64Array(n * m);
  const refValues = new Float64Array(m);
  const refFlags = new Uint8Array(m);
  const refCoverage = new Float64Array(m);
  const c = vintage.communes;
  const scope: number[] = [];
  for (let i = 0; i < c.codes.length; i++) if (c.inScope[i] === 1) scope.push(i);
  const scopeRows = Int32Array.from(scope);
  const cell: Cell = { value: Number.NaN, flags: 0, coverage: 0, zeroDenominator: false };
  const { memberOffsets, memberIndex } = territories;

  const indicators: MatrixIndicator[] = framework.indicators.map((ind, j) => {
    const ev = createIndicatorEvaluator(vintage, ind.formula, framework.withheldStems ?? []);
    let zeroDenominators = 0;
    const base = j * n;
    for (let t = 0; t < n; t++) {
      ev.evaluate(memberIndex, memberOffsets[t]!, memberOffsets[t + 1]!, cell);
      values[base + t] = cell.value;
      flags[base + t] = cell.flags;
      coverage[base + t] = cell.coverage;
      if (cell.zeroDenominator) zeroDenominators++;
    }
    ev.evaluate(scopeRows, 0, scopeRows.length, cell);
    refValues[j] = cell.value;
    refFlags[j] = cell.flags;
    refCoverage[j] = cell.coverage;
    return {
      id: ind.id,
      formula: ind.formula,
      variables: ev.variables,
      synthetic: ev.synthetic,
      zeroDenominators,
    };
  });

  const population = new Float64Array(n).fill(Number.NaN);
  const popId = vintage.aliases.latest.POP;
  const pop = popId ? c.columns[popId] : undefined;
  if (pop) {
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let k = memberOffsets[t]!; k < memberOffsets[t + 1]!; k++) s += pop[memberIndex[k]!]!;
      population[t] = s;
    }
  }

  return {
    ...territories,
    vintageId: vintage.manifest.id,
    n,
    m,
    population,
    indicators,
    values,
    flags,
    coverage,
    reference: {
      label: vintage.manifest.scope.label,
      values: refValues,
      flags: refFlags,
      coverage: refCoverage,
    },
  };
}
