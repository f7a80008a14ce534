import { zoneCompactness } from './zoneCompactness.ts';
import { zoneComponents } from './zoneComponents.ts';
import { type ZoneInputs, zoneProblem } from './zoneProblem.ts';

export interface ZoningUnitEvaluation {
  /** Code of the unit (EPCI SIREN, bassin de vie, canton ...). */
  code: string;
  /** 1 = best objective; units whose objective is NaN come last, unranked (rank 0). */
  rank: number;
  members: Int32Array;
  /** Same objective as candidateZones, over the members with a known score and population. */
  score: number;
  population: number;
  communes: number;
  /** Members without score or population, left out of `score` and `population`. */
  missingMembers: number;
  compactness: number;
  /** Number of contiguous pieces (1 = contiguous). */
  pieces: number;
}

/**
 * Scores the units of an existing zoning (EPCI, bassins de vie, cantons ...) with the objective
 * of candidateZones, so existing territories and candidate zones compare on the same footing.
 * `membership[i]` is the unit code of commune i ('' = in no unit). The default objective uses the
 * members with a known score and population (the others are counted in `missingMembers`); a
 * custom `zoneScore` receives all members. Sorted by score, best first.
 *
 * Complexity: O(n + links) with the default objective.
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`.
 * @example
 * evaluateZoning({ scores, population, weights: w }, vintage.communes.zonings.epci)[0].code;
 */
export function evaluateZoning(inputs: ZoneInputs, membership: readonly string[]): ZoningUnitEvaluation[] {
  const problem = zoneProblem({ ...inputs, epci: membership }, {});
  const units = new Map<string, number[]>();
  for (let i = 0; i < problem.n; i++) {
    const code = membership[i]!;
    if (code === '') continue;
    let list = units.get(code);
    if (!list) units.set(code, (list = []));
    list.push(i);
  }
  const inUnit = new Int32Array(problem.n).fill(-1);
  const evaluations: ZoningUnitEvaluation[] = [];
  let u = 0;
  for (const [code, list] of units) {
    for (const i of list) inUnit[i] = u;
    const has = (i: number) => inUnit[i] === u;
    const valid = list.filter((i) => problem.known[i]);
    let population = 0;
    let weighted = 0;
    for (const i of valid) {
      population += problem.population[i]!;
      weighted += problem.population[i]! * problem.scores[i]!;
    }
    const score = problem.zoneScore ? problem.zoneScore(list) : weighted / population;
    evaluations.push({
      code,
      rank: 0,
      members: Int32Array.from(list),
      score: Number.isFinite(score) ? score : Number.NaN,
      population,
      communes: list.length,
      missingMembers: list.length - valid.length,
      compactness: zoneCompactness(list, has, problem.geometry, problem.weights),
      pieces: zoneComponents(list, has, problem.weights),
    });
    u++;
  }
  evaluations.sort((a, b) => {
    if (Number.isNaN(a.score) !== Number.isNaN(b.score)) return Number.isNaN(a.score) ? 1 : -1;
    return b.score - a.score || b.population - a.population || (a.code < b.code ? -1 : 1);
  });
  evaluations.forEach((e, k) => {
    e.rank = Number.isNaN(e.score) ? 0 : k + 1;
  });
  return evaluations;
}
