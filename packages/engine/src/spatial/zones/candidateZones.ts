import { EngineError } from '../../errors.ts';
import { createRandom } from '../../random/xoshiro128.ts';
import { explainStop } from './explainStop.ts';
import { growZone, improveZone } from './growZone.ts';
import type { CandidateZone, ZoneConstraints } from './types.ts';
import { zoneCompactness } from './zoneCompactness.ts';
import { type ZoneInputs, type ZoneProblem, zoneProblem } from './zoneProblem.ts';
import type { ZoneState } from './zoneState.ts';

export interface CandidateZonesOptions {
  /** Number of candidates to return. Default 10. */
  count: number;
  /** Allow candidates to share communes. Default false (disjoint); forced true with `mustInclude`. */
  overlap: boolean;
  /** Randomised restarts per seed commune, on top of the greedy growth. Default 2. */
  restarts: number;
  /** Seed of the random restarts. Default 1. */
  seed: number;
  /**
   * Grow from at most this many seed communes, the best-scoring first. Default: all of them (use
   * a limit with an expensive `zoneScore`).
   */
  maxSeeds: number;
}

export interface CandidateZonesResult {
  candidates: CandidateZone[];
  constraints: ZoneConstraints;
  objective: 'populationWeightedMean' | 'custom';
  /** How much of the search space was explored. */
  explored: { seeds: number; runs: number; feasible: number; distinct: number };
  /** French explanation when no zone satisfies the constraints, else ''. */
  message: string;
}

const DEFAULTS: CandidateZonesOptions = {
  count: 10,
  overlap: false,
  restarts: 2,
  seed: 1,
  maxSeeds: Number.POSITIVE_INFINITY,
};

/**
 * Candidate PTCE zones: contiguous groups of communes that satisfy the user's constraints
 * (population and number of communes between bounds, inside one EPCI or not, communes excluded,
 * a commune that must be included) and score best on the objective — by default the
 * population-weighted mean of the member scores, or the caller's `zoneScore` (e.g. the composite
 * index re-computed on the group).
 *
 * Method: a documented region-growing heuristic in the spirit of AZP (Openshaw 1977; Openshaw &
 * Rao 1995, "Algorithms for reengineering 1991 census geography", Environment and Planning A
 * 27(3)): from every eligible seed commune (or only from the commune that must be included), a
 * greedy growth, then `restarts` randomised (GRASP) growths, each followed by local improvement
 * (single additions and removals that keep the zone contiguous and feasible). Zones are ranked by
 * objective (ties: larger population, then lower member indices). Unless `overlap`, candidates
 * are disjoint and chosen in turn: the best zone is taken, its communes become unavailable, the
 * seeds whose search met them grow again, and so on — so the second candidate is the best zone
 * that does not use the first one's communes. Each candidate says why it stopped growing.
 *
 * Communes without score or population never join a zone (they are reported in `stop.blocked`).
 * Reproducible: same inputs and `seed`, same candidates.
 *
 * Complexity: O(seeds × (1 + restarts) × steps × frontier) objective evaluations; the Bas-Rhin
 * (514 communes) takes well under a second with the default objective.
 * @throws EngineError `SPATIAL_LENGTH_MISMATCH`, `ZONES_BAD_CONSTRAINTS`, `ZONES_BAD_MUST_INCLUDE`,
 * `ZONES_BAD_OPTION`.
 * @example
 * const w = contiguityWeights(features, { borderLengths: true });
 * const { candidates } = candidateZones(
 *   { scores, population, weights: w, epci, names, geometry: polygonMeasures(features) },
 *   { minPopulation: 15000, maxPopulation: 60000, sameEpci: true },
 *   { count: 5, seed: 42 },
 * );
 * candidates[0].stop.message; // "Arrêt : aucune commune voisine ne relèverait le score."
 */
export function candidateZones(
  inputs: ZoneInputs,
  constraints: Partial<ZoneConstraints> = {},
  options: Partial<CandidateZonesOptions> = {},
): CandidateZonesResult {
  const opts = { ...DEFAULTS, ...options };
  for (const field of ['count', 'restarts', 'maxSeeds'] as const) {
    const value = opts[field];
    if (!(value >= (field === 'restarts' ? 0 : 1)) || (Number.isFinite(value) && !Number.isInteger(value))) {
      throw new EngineError(
        'ZONES_BAD_OPTION',
        `L'option « ${field} » doit être un entier positif (reçu : ${value}).`,
        {
          option: field,
          value,
        },
      );
    }
  }
  const problem = zoneProblem(inputs, constraints);
  const overlap = opts.overlap || problem.constraints.mustInclude !== null;
  const seeds = seedOrder(problem, opts.maxSeeds);
  const explored = { seeds: seeds.length, runs: 0, feasible: 0, distinct: 0 };
  const bySeed = new Map<number, SeedResult>();
  const grow = (seed: number) => {
    const result = growFromSeed(problem, seed, opts);
    explored.runs += result.runs;
    explored.feasible += result.zones.length;
    bySeed.set(seed, result);
  };
  for (const seed of seeds) grow(seed);
  explored.distinct = distinctZones(bySeed).length;

  const candidates: CandidateZone[] = [];
  if (overlap) {
    for (const found of distinctZones(bySeed).slice(0, opts.count))
      candidates.push(toCandidate(problem, found, candidates.length + 1));
  } else {
    // Disjoint candidates: take the best zone, mark its communes as taken, grow again only the
    // seeds whose search looked at one of them (the others would find the same zones), repeat.
    while (candidates.length < opts.count) {
      const best = distinctZones(bySeed)[0];
      if (!best) break;
      const candidate = toCandidate(problem, best, candidates.length + 1);
      candidates.push(candidate);
      if (candidates.length === opts.count) break;
      for (const i of candidate.members) problem.taken[i] = candidate.rank;
      for (const [seed, result] of bySeed) {
        if (problem.taken[seed]) bySeed.delete(seed);
        else if (candidate.members.some((i) => result.touched[i])) grow(seed);
      }
    }
  }
  return {
    candidates,
    constraints: problem.constraints,
    objective: problem.zoneScore ? 'custom' : 'populationWeightedMean',
    explored,
    message: candidates.length > 0 ? '' : noZoneMessage(seeds.length),
  };
}

interface FoundZone {
  zone: ZoneState;
  seed: number;
  score: number;
  members: Int32Array;
}

interface SeedResult {
  zones: FoundZone[];
  /** Communes looked at by any run from this seed. */
  touched: Uint8Array;
  runs: number;
}

/**
 * Greedy growth then `restarts` randomised ones from one seed, each improved locally. The random
 * stream depends only on the options' seed and the seed commune, so a seed grown again after other
 * seeds gives the same zones.
 */
function growFromSeed(problem: ZoneProblem, seed: number, opts: CandidateZonesOptions): SeedResult {
  const touched = new Uint8Array(problem.n);
  const rng = createRandom((Math.imul(opts.seed, 0x9e3779b1) ^ Math.imul(seed + 1, 0x85ebca77)) >>> 0);
  const zones: FoundZone[] = [];
  for (let run = 0; run <= opts.restarts; run++) {
    const zone = growZone(problem, seed, run === 0 ? null : rng, touched);
    if (!zone) continue;
    improveZone(problem, zone);
    zones.push({ zone, seed, score: zone.score(), members: Int32Array.from(zone.members).sort() });
  }
  return { zones, touched, runs: opts.restarts + 1 };
}

/** Distinct zones over all seeds, best first (score, then population, then member indices). */
function distinctZones(bySeed: Map<number, SeedResult>): FoundZone[] {
  const unique = new Map<string, FoundZone>();
  for (const result of bySeed.values()) {
    for (const found of result.zones) {
      const key = found.members.join(',');
      if (!unique.has(key)) unique.set(key, found);
    }
  }
  return [...unique.values()].sort(
    (a, b) =>
      b.score - a.score || b.zone.population - a.zone.population || compareMembers(a.members, b.members),
  );
}

function toCandidate(problem: ZoneProblem, found: FoundZone, rank: number): CandidateZone {
  return {
    rank,
    members: found.members,
    seed: found.seed,
    score: found.score,
    population: found.zone.population,
    communes: found.members.length,
    compactness: zoneCompactness(found.members, found.zone.has, problem.geometry, problem.weights),
    stop: explainStop(problem, found.zone),
  };
}

/** Seed communes: the one that must be included, else every eligible commune, best score first. */
function seedOrder(problem: ZoneProblem, maxSeeds: number): number[] {
  const m = problem.constraints.mustInclude;
  if (m !== null) return [m];
  const eligible: number[] = [];
  for (let i = 0; i < problem.n; i++) if (problem.known[i] && !problem.excluded[i]) eligible.push(i);
  eligible.sort((a, b) => problem.scores[b]! - problem.scores[a]! || a - b);
  return eligible.slice(0, Math.min(eligible.length, maxSeeds));
}

function compareMembers(a: Int32Array, b: Int32Array): number {
  for (let k = 0; k < Math.min(a.length, b.length); k++) if (a[k] !== b[k]) return a[k]! - b[k]!;
  return a.length - b.length;
}

function noZoneMessage(seeds: number): string {
  if (seeds === 0) return "Aucune commune n'est éligible (toutes exclues ou sans score ni population).";
  return 'Aucune zone contiguë ne respecte toutes les contraintes : assouplissez la population minimale, le nombre de communes ou la règle « un seul EPCI ».';
}
