/**
 * The explanation as it was before it was built territory by territory in code order with shared
 * caveat lists (commit 5867009), kept verbatim as a second implementation: `explain` must give the
 * same JSON (see explain.equivalence.test.ts). Not exported by the engine.
 */
import { CellFlag, type CellFlagName, flagNames } from '../../../src/composite/flags.ts';
import {
  type Caveat,
  type IndicatorExplanation,
  type IndicatorMatrix,
  type ResolvedScoreConfig,
  type ScoringOutput,
  type ScoringPlan,
  type StrengthOrWeakness,
  type TerritoryResult,
  TerritoryStatus,
} from '../../../src/composite/types.ts';

const num = (v: number): number | null => (Number.isFinite(v) ? v : null);

const CAVEAT_TEXT: Record<CellFlagName, string> = {
  missing: 'Valeur manquante (le poids est reporté sur les autres indicateurs de la dimension)',
  withheld: 'Valeur non diffusée par l’Insee (secret statistique)',
  estimated:
    'Valeur estimée (statistique non additive moyennée sur les communes membres, ou couverture partielle)',
  imputed: 'Valeur imputée par la méthode choisie',
  synthetic: 'Données simulées (couche ESS de démonstration) : ne pas utiliser pour décider',
  treated: 'Valeur extrême écrêtée ou transformée (traitement des valeurs aberrantes)',
};
const CAVEAT_ORDER = Object.keys(CAVEAT_TEXT) as CellFlagName[];

/**
 * Builds the explanation of territories from a scoring run — only when asked (the scoring core
 * allocates nothing per territory): rank, score, need, potential and dimension scores; for each
 * indicator its raw value, the value used (imputed, treated), its normalised value and its
 * contribution; strengths and weaknesses; caveats; why it was set aside. With
 * `explain.detail: 'summary'`, the per-indicator list, strengths and weaknesses are given only
 * for `explain.territories` (the others keep ranks, scores, dimensions and caveats); with
 * `'ranking'`, the others keep ranks, scores and dimensions only (a table that follows a weight
 * slider needs no more: four times smaller than `summary`).
 *
 * - **contribution**: the points the indicator adds to its pillar (need × potential reading) or to
 *   the composite (composite reading): w_j z_j / Σw (available indicators of the dimension) ×
 *   W_d / ΣW (available dimensions of the pillar, or all). Exact for arithmetic aggregation (the
 *   contributions of a pillar add up to it); an arithmetic approximation for geometric and
 *   harmonic means; effective weight × normalised value for Copeland and TOPSIS.
 * - **strengths / weaknesses**: the indicators whose raw value is furthest above / below the
 *   reference territory's (the département), in standard deviations of the ranked territories,
 *   direction applied — "what argues for / against this territory as a PTCE site".
 *
 * Complexity: O(n × m) for the column statistics, then O(m) per explained territory.
 *
 * @example explain(matrix, config, plan, out, [out.order[0]])[0].strengths[0].id // the best territory's top strength
 */
export function explainReference(
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  plan: ScoringPlan,
  out: ScoringOutput,
  territories?: readonly number[],
): TerritoryResult[] {
  const { n, m } = matrix;
  const d = plan.dimensionIds.length;
  const indicators = config.framework.indicators;
  const byPillar = config.methods.aggregation.reading === 'needPotential';
  const linear =
    config.methods.aggregation.method === 'copeland' || config.methods.aggregation.method === 'topsis';
  const sd = rankedStandardDeviations(matrix, out);
  const count = config.explain.strengths;
  const full = config.explain.detail === 'full';
  const ranking = config.explain.detail === 'ranking';
  const always = new Set(config.explain.territories);

  // Per-territory scratch, reused.
  const dimAvail = new Float64Array(d);
  const groupAvail = new Float64Array(2);
  const gap = new Float64Array(m);

  const dimTemplate: Record<string, number | null> = {};
  for (const id of plan.dimensionIds) dimTemplate[id] = null;
  const shared = new SharedCaveats();

  const list = territories ?? defaultOrder(out);
  const results: TerritoryResult[] = new Array(list.length);
  for (let r = 0; r < list.length; r++) {
    const i = list[r]!;
    const status = out.status[i]!;
    const ranked = status === TerritoryStatus.ranked;
    const listed = always.has(matrix.codes[i]!);
    const detailed = full || listed;
    // Available weights per dimension and per pillar for this territory (re-spread over what exists).
    dimAvail.fill(0);
    groupAvail.fill(0);
    for (let j = 0; detailed && j < m; j++) {
      const t = plan.indicatorDimension[j]!;
      if (t >= 0 && !Number.isNaN(out.normalised[j * n + i]!)) dimAvail[t]! += plan.indicatorWeight[j]!;
    }
    for (let t = 0; t < d; t++) {
      if (dimAvail[t]! > 0 && plan.dimensionWeight[t]! > 0) {
        groupAvail[byPillar ? plan.dimensionPillar[t]! : 0]! += plan.dimensionWeight[t]!;
      }
    }
    const explained: IndicatorExplanation[] = detailed ? new Array(m) : [];
    for (let j = 0; detailed && j < m; j++) {
      const cell = j * n + i;
      const t = plan.indicatorDimension[j]!;
      // Gap to the reference in standard deviations, direction applied (NaN when not comparable).
      const v = matrix.values[cell]!;
      const ref = matrix.reference.values[j]!;
      gap[j] = t >= 0 && sd[j]! > 0 ? (plan.direction[j]! * (v - ref)) / sd[j]! : Number.NaN;
      const z = out.normalised[cell]!;
      let contribution: number | null = null;
      if (ranked && t >= 0 && !Number.isNaN(z)) {
        contribution = linear
          ? plan.effectiveWeight[j]! * z
          : ((plan.indicatorWeight[j]! * z) / dimAvail[t]!) *
            (plan.dimensionWeight[t]! / groupAvail[byPillar ? plan.dimensionPillar[t]! : 0]!);
      }
      explained[j] = {
        id: indicators[j]!.id,
        raw: num(matrix.values[cell]!),
        value: num(out.values[cell]!),
        normalised: num(z),
        contribution: contribution === null ? null : num(contribution),
        coverage: num(matrix.coverage[cell]!),
        flags: flagNames(out.flags[cell]!),
      };
    }

    // Same keys in the same order for every territory: one object shape.
    const dimensions = { ...dimTemplate };
    for (let t = 0; t < d; t++) dimensions[plan.dimensionIds[t]!] = num(out.dimensionScores[t * n + i]!);
    results[r] = {
      code: matrix.codes[i]!,
      name: matrix.names[i]!,
      rank: out.rank[i]! > 0 ? out.rank[i]! : null,
      score: ranked ? num(out.score[i]!) : null,
      need: num(out.need[i]!),
      potential: num(out.potential[i]!),
      dimensions,
      setAside: setAside(status, i, matrix, out, config),
      dataCoverage: out.dataCoverage[i]!,
      population: num(matrix.population[i]!),
      members: matrix.memberOffsets[i + 1]! - matrix.memberOffsets[i]!,
      membersInScope: matrix.membersInScope[i]!,
      complete: matrix.complete[i] === 1,
      includesOutsideScope: matrix.includesOutsideScope[i] === 1,
      indicators: explained,
      strengths: detailed ? extremeGaps(gap, 1, count, matrix, config, i) : [],
      weaknesses: detailed ? extremeGaps(gap, -1, count, matrix, config, i) : [],
      caveats: ranking && !listed ? [] : caveats(i, matrix, plan, out, config, shared),
    };
  }
  return results;
}

/** Sample standard deviation of each raw column over the ranked territories (Welford). */
function rankedStandardDeviations(matrix: IndicatorMatrix, out: ScoringOutput): Float64Array {
  const { n, m } = matrix;
  const sd = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let c = 0;
    let mean = 0;
    let m2 = 0;
    for (let i = 0; i < n; i++) {
      if (out.status[i] !== TerritoryStatus.ranked) continue;
      const v = matrix.values[j * n + i]!;
      if (Number.isNaN(v)) continue;
      c++;
      const delta = v - mean;
      mean += delta / c;
      m2 += delta * (v - mean);
    }
    sd[j] = c > 1 ? Math.sqrt(m2 / (c - 1)) : Number.NaN;
  }
  return sd;
}

/** The `count` largest gaps of the given sign (strengths: +1, weaknesses: −1), largest first. */
function extremeGaps(
  gap: Float64Array,
  sign: 1 | -1,
  count: number,
  matrix: IndicatorMatrix,
  config: ResolvedScoreConfig,
  i: number,
): StrengthOrWeakness[] {
  const picked: number[] = [];
  for (let j = 0; j < gap.length; j++) {
    const g = sign * gap[j]!;
    if (!(g > 0)) continue;
    let p = picked.length;
    while (p > 0 && sign * gap[picked[p - 1]!]! < g) p--;
    if (p < count) {
      picked.splice(p, 0, j);
      if (picked.length > count) picked.pop();
    }
  }
  return picked.map((j) => ({
    id: config.framework.indicators[j]!.id,
    label: config.framework.indicators[j]!.label,
    gap: gap[j]!,
    value: matrix.values[j * matrix.n + i]!,
    reference: matrix.reference.values[j]!,
  }));
}

/** Ranked territories by rank, then the others by code. */
function defaultOrder(out: ScoringOutput): number[] {
  const list = Array.from(out.order.subarray(0, out.ranked));
  for (let i = 0; i < out.n; i++) if (out.rank[i] === 0) list.push(i);
  return list;
}

function setAside(
  status: number,
  i: number,
  matrix: IndicatorMatrix,
  out: ScoringOutput,
  config: ResolvedScoreConfig,
): TerritoryResult['setAside'] {
  if (status === TerritoryStatus.ranked) return null;
  if (status === TerritoryStatus.filtered) {
    const f = config.filters;
    const pop = matrix.population[i]!;
    const parts = [];
    if (f.minPopulation !== undefined || f.maxPopulation !== undefined) {
      parts.push(
        `population ${Number.isNaN(pop) ? 'inconnue' : Math.round(pop)} (bornes ${f.minPopulation ?? 0} – ${f.maxPopulation ?? '∞'})`,
      );
    }
    if (f.departements?.length) parts.push(`départements retenus : ${f.departements.join(', ')}`);
    return { reason: 'filtered', message: `Écarté par les filtres : ${parts.join(' ; ')}.` };
  }
  if (status === TerritoryStatus.insufficientData) {
    const share = out.dataCoverage[i]!;
    const have = Math.round(share * out.activeIndicators);
    return {
      reason: 'insufficientData',
      message: `Données insuffisantes : ${have} indicateurs renseignés sur ${out.activeIndicators} (${Math.round(share * 100)} %), sous le seuil de ${Math.round(config.methods.screening.minCoverage * 100)} %.`,
    };
  }
  return {
    reason: 'noScore',
    message:
      'Pas de score : les besoins ou le potentiel ne peuvent pas être calculés (aucun indicateur renseigné dans l’un des deux piliers).',
  };
}

/**
 * Caveats repeat across territories (the synthetic ESS layer concerns every one of them): equal
 * caveats are one frozen object, shared — a result for 35,000 communes does not hold 35,000 copies.
 */
class SharedCaveats {
  private readonly byKey = new Map<string | number, Caveat>();

  /** The caveat under `key`, built (and frozen) the first time only. */
  get(key: string | number, build: () => Caveat): Caveat {
    let c = this.byKey.get(key);
    if (!c) {
      c = build();
      Object.freeze(c.indicators);
      Object.freeze(c);
      this.byKey.set(key, c);
    }
    return c;
  }
}

function caveats(
  i: number,
  matrix: IndicatorMatrix,
  plan: ScoringPlan,
  out: ScoringOutput,
  config: ResolvedScoreConfig,
  shared: SharedCaveats,
): Caveat[] {
  const n = matrix.n;
  const result: Caveat[] = [];
  // Which bits occur at all for this territory (most territories have two or three).
  let seen = 0;
  for (let j = 0; j < matrix.m; j++) if (plan.indicatorDimension[j]! >= 0) seen |= out.flags[j * n + i]!;
  // Per caveat, the set of indicators it concerns, as a bit mask (indicators 0..29) or a list.
  const small = matrix.m <= 30;
  for (let f = 0; seen !== 0 && f < CAVEAT_ORDER.length; f++) {
    const name = CAVEAT_ORDER[f]!;
    const bit = CellFlag[name];
    if (!(seen & bit)) continue;
    let mask = 0;
    let list = '';
    for (let j = 0; j < matrix.m; j++) {
      if (plan.indicatorDimension[j]! < 0) continue;
      const flags = out.flags[j * n + i]!;
      // An imputed cell is reported as imputed, not as missing.
      if (!(flags & bit) || (name === 'missing' && flags & CellFlag.imputed)) continue;
      if (small) mask |= 1 << j;
      else list += `,${j}`;
    }
    if (mask === 0 && list === '') continue;
    const key = small ? mask * 8 + f : `${name}${list}`;
    result.push(
      shared.get(key, () => {
        const ids: string[] = [];
        const listed = list.split(',');
        for (let j = 0; j < matrix.m; j++) {
          if (small ? mask & (1 << j) : listed.includes(String(j)))
            ids.push(config.framework.indicators[j]!.id);
        }
        return { code: name, message: CAVEAT_TEXT[name], indicators: ids };
      }),
    );
  }
  if (matrix.complete[i] === 0) {
    result.push(
      shared.get('incomplete', () => ({
        code: 'incomplete',
        message:
          'Toutes les communes membres ne sont pas dans le millésime : les totaux de ce territoire sont incomplets.',
        indicators: [],
      })),
    );
  }
  if (matrix.includesOutsideScope[i] === 1) {
    const outside = matrix.memberOffsets[i + 1]! - matrix.memberOffsets[i]! - matrix.membersInScope[i]!;
    result.push(
      shared.get(`outsideScope:${outside}`, () => ({
        code: 'outsideScope',
        message: `Comprend ${outside} commune(s) hors du périmètre étudié, comptées pour que les totaux soient complets.`,
        indicators: [],
      })),
    );
  }
  if (out.dataCoverage[i]! < 1 && out.status[i] !== TerritoryStatus.filtered) {
    const percent = Math.round(out.dataCoverage[i]! * 100);
    result.push(
      shared.get(-1 - percent, () => ({
        code: 'partialData',
        message: `Score calculé sur ${percent} % des indicateurs.`,
        indicators: [],
      })),
    );
  }
  return result;
}
