import { EngineError } from '../errors.ts';
import type { Vintage } from '../vintage/types.ts';
import { type AhpWeights, ahpWeights } from './ahpWeights.ts';
import { effectiveWeights } from './effectiveWeights.ts';
import type {
  AhpReport,
  IndicatorMatrix,
  PairwiseComparisons,
  ResolvedScoreConfig,
  ScoreContext,
  ScoreWarning,
  ScoringPlan,
} from './types.ts';

export interface PlannedScoring {
  plan: ScoringPlan;
  ahp: { dimensions?: AhpReport; indicators?: Record<string, AhpReport> } | null;
  warnings: ScoreWarning[];
}

/**
 * Turns a resolved configuration into the numeric plan the scoring core reads, for a matrix built
 * from the same framework: per-column dimension, direction and weight (framework weights, equal
 * weights, or AHP eigenvector weights with their consistency ratio), nominal effective weights,
 * goalposts, the filter mask, imputation groups and the neighbour structure.
 *
 * Weights: only ratios matter (each level is normalised), so multiplying every weight by a
 * constant changes nothing. An indicator or dimension with weight 0 is inactive in every method
 * (`equal` gives 1 to the active ones). Nominal effective weight of indicator j in dimension d
 * (OECD/JRC Handbook §6, COINr `get_eff_weights`): w_j/Σw_dim × W_d/ΣW_pillar × P_p/ΣP in the need ×
 * potential reading, w_j/Σw_dim × W_d/ΣW in the composite reading.
 *
 * Complexity: O(territories × members + indicators).
 *
 * @throws {EngineError} `DIVISION_BY_ZERO` (an active indicator whose denominator is 0 for every
 *   territory), `AHP_INVALID` (ids that do not match the active items), `AHP_INCONSISTENT`
 *   (CR above the limit with `onInconsistent: 'reject'`), `NEIGHBOURS_REQUIRED`, `INVALID_NEIGHBOURS`,
 *   `REFERENCE_ZERO` (distance to a reference of 0).
 * @example
 * const config = resolveScoreConfig(vintage, { level: 'epci' });
 * const { plan } = planScoring(vintage, buildIndicatorMatrix(vintage, config.framework, 'epci'), config);
 * plan.effectiveWeight.reduce((a, b) => a + b) // 1
 */
export function planScoring(
  vintage: Vintage,
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  context: ScoreContext = {},
): PlannedScoring {
  const { framework, methods } = config;
  const warnings: ScoreWarning[] = [];
  const m = matrix.m;
  if (
    m !== framework.indicators.length ||
    framework.indicators.some((ind, j) => ind.id !== matrix.indicators[j]!.id)
  ) {
    throw new EngineError(
      'MATRIX_MISMATCH',
      'La matrice d’indicateurs ne correspond pas au cadre : reconstruisez-la.',
      {
        level: matrix.level,
      },
    );
  }
  // A formula that divides by zero everywhere is a mistake in the formula, not missing data.
  framework.indicators.forEach((ind, j) => {
    const zeros = matrix.indicators[j]!.zeroDenominators;
    if (ind.weight > 0 && matrix.n > 0 && zeros === matrix.n) {
      throw new EngineError(
        'DIVISION_BY_ZERO',
        `Indicateur « ${ind.id} » : le dénominateur de la formule vaut 0 pour tous les territoires (${matrix.n}) ; corrigez la formule (indicators[${j}].formula) ou retirez l’indicateur.`,
        { path: `framework.indicators[${j}].formula`, indicator: ind.id },
      );
    }
  });
  const dimensionIds = framework.dimensions.map((d) => d.id);
  const equal = methods.weighting.method === 'equal';
  const dimensionWeight = Float64Array.from(framework.dimensions, (dim) =>
    equal && dim.weight > 0 ? 1 : dim.weight,
  );
  const dimensionPillar = Uint8Array.from(framework.dimensions, (dim) => (dim.pillar === 'need' ? 0 : 1));
  const pillarWeight = Float64Array.of(framework.pillars.need, framework.pillars.potential);
  if (equal) for (let p = 0; p < 2; p++) pillarWeight[p] = pillarWeight[p]! > 0 ? 1 : 0;
  const indicatorDimension = new Int32Array(m);
  const indicatorWeight = new Float64Array(m);
  const direction = new Float64Array(m);
  const goalpostLower = new Float64Array(m);
  const goalpostUpper = new Float64Array(m);
  framework.indicators.forEach((ind, j) => {
    const dim = dimensionIds.indexOf(ind.dimension);
    const active = ind.weight > 0 && dimensionWeight[dim]! > 0;
    indicatorDimension[j] = active ? dim : -1;
    indicatorWeight[j] = active ? (equal ? 1 : ind.weight) : 0;
    direction[j] = ind.direction;
    const gp = methods.normalisation.goalposts[ind.id] ?? ind.goalposts;
    goalpostLower[j] = gp ? gp[0] : Number.NaN;
    goalpostUpper[j] = gp ? gp[1] : Number.NaN;
  });

  let ahp: PlannedScoring['ahp'] = null;
  if (methods.weighting.method === 'ahp') {
    ahp = {};
    const spec = methods.weighting.ahp;
    const check = (what: string, pc: PairwiseComparisons, expected: string[]): AhpReport => {
      const same = pc.ids.length === expected.length && expected.every((id) => pc.ids.includes(id));
      if (!same) {
        throw new EngineError(
          'AHP_INVALID',
          `${what} : la matrice AHP doit comparer exactement ${expected.join(', ')} (reçu ${pc.ids.join(', ')}).`,
          { path: what, expected, received: pc.ids },
        );
      }
      const r: AhpWeights = ahpWeights(pc.matrix);
      const report: AhpReport = {
        ids: pc.ids,
        weights: r.weights,
        lambdaMax: r.lambdaMax,
        consistencyIndex: r.consistencyIndex,
        randomIndex: r.randomIndex,
        consistencyRatio: r.consistencyRatio,
        acceptable: r.consistencyRatio <= methods.weighting.maxConsistencyRatio,
      };
      if (!report.acceptable) {
        const message = `${what} : ratio de cohérence AHP ${r.consistencyRatio.toFixed(3)} > ${methods.weighting.maxConsistencyRatio} — les comparaisons se contredisent ; revoyez les jugements les plus extrêmes.`;
        if (methods.weighting.onInconsistent === 'reject') {
          throw new EngineError('AHP_INCONSISTENT', message, {
            path: what,
            consistencyRatio: r.consistencyRatio,
          });
        }
        warnings.push({
          code: 'AHP_INCONSISTENT',
          message,
          details: { path: what, consistencyRatio: r.consistencyRatio },
        });
      }
      return report;
    };
    if (spec.dimensions) {
      const activeDims = dimensionIds.filter((_, t) => dimensionWeight[t]! > 0);
      ahp.dimensions = check('methods.weighting.ahp.dimensions', spec.dimensions, activeDims);
      const w = ahp.dimensions;
      pillarWeight.fill(0);
      dimensionIds.forEach((id, t) => {
        const at = w.ids.indexOf(id);
        dimensionWeight[t] = at < 0 ? 0 : w.weights[at]!;
        pillarWeight[dimensionPillar[t]!]! += dimensionWeight[t]!;
      });
    }
    for (const [dimId, pc] of Object.entries(spec.indicators ?? {})) {
      const t = dimensionIds.indexOf(dimId);
      if (t < 0) {
        throw new EngineError(
          'UNKNOWN_DIMENSION',
          `methods.weighting.ahp.indicators.${dimId} : dimension inconnue.`,
          {
            path: `methods.weighting.ahp.indicators.${dimId}`,
          },
        );
      }
      const ids = framework.indicators
        .filter((ind, j) => indicatorDimension[j] === t && ind.weight > 0)
        .map((i) => i.id);
      const report = check(`methods.weighting.ahp.indicators.${dimId}`, pc, ids);
      ahp.indicators = { ...ahp.indicators, [dimId]: report };
      framework.indicators.forEach((ind, j) => {
        const at = report.ids.indexOf(ind.id);
        if (at >= 0) indicatorWeight[j] = report.weights[at]!;
      });
    }
  }

  const effectiveWeight = effectiveWeights(
    indicatorDimension,
    indicatorWeight,
    dimensionWeight,
    dimensionPillar,
    pillarWeight,
    methods.aggregation.reading === 'needPotential',
  );

  if (methods.normalisation.method === 'distanceToReference') {
    framework.indicators.forEach((ind, j) => {
      const ref = matrix.reference.values[j]!;
      if (indicatorDimension[j]! >= 0 && !(Math.abs(ref) > 0)) {
        throw new EngineError(
          'REFERENCE_ZERO',
          `Indicateur « ${ind.id} » : la valeur de référence (${matrix.reference.label}) est ${Number.isNaN(ref) ? 'manquante' : 'nulle'} ; la distance à la référence n’est pas définie. Choisissez une autre normalisation ou retirez l’indicateur.`,
          { indicator: ind.id, reference: Number.isNaN(ref) ? null : ref },
        );
      }
    });
  }

  return {
    plan: {
      dimensionIds,
      indicatorDimension,
      direction,
      indicatorWeight,
      dimensionWeight,
      dimensionPillar,
      pillarWeight,
      goalpostLower,
      goalpostUpper,
      eligible: eligibility(vintage, matrix, config),
      imputationGroups:
        methods.imputation.method === 'groupMean' || methods.imputation.method === 'groupMedian'
          ? imputationGroups(vintage, matrix, methods.imputation.groupLevel)
          : null,
      neighbours: methods.imputation.method === 'neighbours' ? neighbourStructure(matrix, context) : null,
      effectiveWeight,
      methods,
    },
    ahp,
    warnings,
  };
}

/** 1 = passes the filters. */
function eligibility(
  vintage: Vintage,
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
): Uint8Array | null {
  const { minPopulation, maxPopulation, departements } = config.filters;
  if (minPopulation === undefined && maxPopulation === undefined && !departements?.length) return null;
  const deps = departements?.length ? new Set(departements) : null;
  const out = new Uint8Array(matrix.n);
  for (let t = 0; t < matrix.n; t++) {
    const pop = matrix.population[t]!;
    let ok = true;
    if (minPopulation !== undefined && !(pop >= minPopulation)) ok = false;
    if (maxPopulation !== undefined && !(pop <= maxPopulation)) ok = false;
    if (ok && deps) {
      ok = false;
      for (let k = matrix.memberOffsets[t]!; k < matrix.memberOffsets[t + 1]!; k++) {
        const row = matrix.memberIndex[k]!;
        if (vintage.communes.inScope[row] === 1 && deps.has(vintage.communes.dep[row]!)) ok = true;
      }
    }
    out[t] = ok ? 1 : 0;
  }
  return out;
}

/**
 * Group of each territory for group imputation: the unit of `groupLevel` its members belong to;
 * for a territory spread over several units, the unit holding most of its in-scope members (ties:
 * the smaller code). −1 when none.
 */
function imputationGroups(vintage: Vintage, matrix: IndicatorMatrix, groupLevel: string): Int32Array {
  const membership = vintage.communes.zonings[groupLevel] ?? [];
  const ids = new Map<string, number>();
  const out = new Int32Array(matrix.n).fill(-1);
  const counts = new Map<string, number>();
  for (let t = 0; t < matrix.n; t++) {
    counts.clear();
    for (let k = matrix.memberOffsets[t]!; k < matrix.memberOffsets[t + 1]!; k++) {
      const row = matrix.memberIndex[k]!;
      const code = membership[row];
      if (code && vintage.communes.inScope[row] === 1) counts.set(code, (counts.get(code) ?? 0) + 1);
    }
    let best = '';
    let bestCount = 0;
    for (const [code, c] of counts) {
      if (c > bestCount || (c === bestCount && code < best)) {
        best = code;
        bestCount = c;
      }
    }
    if (bestCount > 0) {
      if (!ids.has(best)) ids.set(best, ids.size);
      out[t] = ids.get(best)!;
    }
  }
  return out;
}

/** The caller's CSR contiguity, checked and re-indexed to the matrix's territories when it names them. */
function neighbourStructure(
  matrix: IndicatorMatrix,
  context: ScoreContext,
): { offsets: Int32Array; neighbours: Int32Array } {
  const w = context.neighbours;
  if (!w) {
    throw new EngineError(
      'NEIGHBOURS_REQUIRED',
      'L’imputation par les voisins demande la contiguïté des territoires (context.neighbours, au format CSR) ; fournissez-la ou choisissez une autre imputation.',
      { path: 'methods.imputation.method' },
    );
  }
  const n = matrix.n;
  const size = w.codes ? w.codes.length : n;
  const valid =
    w.offsets.length === size + 1 &&
    w.offsets[0] === 0 &&
    w.offsets[size] === w.neighbours.length &&
    w.neighbours.every((v) => v >= 0 && v < size);
  if (!valid) {
    throw new EngineError(
      'INVALID_NEIGHBOURS',
      `La contiguïté fournie n’est pas un CSR valide sur ${size} territoires (offsets de longueur ${size + 1}, voisins dans [0, ${size - 1}]).`,
      { territories: size, offsets: w.offsets.length },
    );
  }
  if (!w.codes) return { offsets: w.offsets, neighbours: w.neighbours };
  const codes = w.codes;
  const toMatrix = new Map(matrix.codes.map((code, i) => [code, i]));
  const fromCodes = new Map(codes.map((code, i) => [code, i]));
  const offsets = new Int32Array(n + 1);
  const list: number[] = [];
  for (let i = 0; i < n; i++) {
    const src = fromCodes.get(matrix.codes[i]!);
    if (src !== undefined) {
      for (let k = w.offsets[src]!; k < w.offsets[src + 1]!; k++) {
        const target = toMatrix.get(codes[w.neighbours[k]!]!);
        if (target !== undefined) list.push(target);
      }
    }
    offsets[i + 1] = list.length;
  }
  return { offsets, neighbours: Int32Array.from(list) };
}
