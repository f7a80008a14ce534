import type { RandomSource } from '../../random/xoshiro128.ts';
import { cutVertices } from './cutVertices.ts';
import type { ZoneProblem } from './zoneProblem.ts';
import { blockOf, ZoneState } from './zoneState.ts';

/** Size of the restricted candidate list of the randomised (GRASP) growth. */
const RCL_SIZE = 3;

function improves(value: number, current: number): boolean {
  return value > current + 1e-12 * Math.max(1, Math.abs(current));
}

/**
 * Grows a zone from one commune by region growing (the construction phase of AZP, Openshaw
 * 1977, "A geographical solution to scale and aggregation problems in region-building",
 * Environment and Planning A 9(2)): at each step the neighbour that may join (constraints) and
 * gives the best objective is added; while the zone is below its minimum population or number of
 * communes it must grow even if the score drops, afterwards it grows only while the score rises.
 * With `rng`, each step picks at random among the 3 best neighbours instead (GRASP, Feo & Resende
 * 1995, "Greedy randomized adaptive search procedures", J. Global Optimization 6), which lets
 * restarts explore other zones.
 *
 * Returns null when the zone cannot reach its lower bounds. `touched` collects every commune
 * looked at (see ZoneState). Complexity: O(steps × frontier) objective evaluations.
 */
export function growZone(
  problem: ZoneProblem,
  seed: number,
  rng: RandomSource | null,
  touched: Uint8Array | null = null,
): ZoneState | null {
  const zone = new ZoneState(problem, seed, touched);
  const c = problem.constraints;
  if (zone.population > c.maxPopulation) return null;
  const keep = rng ? RCL_SIZE : 1;
  const topJ = new Int32Array(RCL_SIZE);
  const topValue = new Float64Array(RCL_SIZE);
  for (;;) {
    const current = zone.score();
    const mustGrow = !zone.feasible();
    // the `keep` best neighbours that may join (ties: lower index first)
    let count = 0;
    for (const j of zone.frontier()) {
      if (blockOf(problem, zone, j) !== null) continue;
      const value = zone.score(j);
      if (value === Number.NEGATIVE_INFINITY || !(mustGrow || improves(value, current))) continue;
      let at = count < keep ? count++ : keep;
      while (at > 0 && (topValue[at - 1]! < value || (topValue[at - 1] === value && topJ[at - 1]! > j))) {
        if (at < keep) {
          topValue[at] = topValue[at - 1]!;
          topJ[at] = topJ[at - 1]!;
        }
        at--;
      }
      if (at < keep) {
        topValue[at] = value;
        topJ[at] = j;
      }
    }
    if (count === 0) break;
    zone.add(topJ[rng ? rng.int(count) : 0]!);
  }
  return zone.feasible() ? zone : null;
}

/**
 * Local improvement of a grown zone (the optimisation phase of AZP, Openshaw 1977): repeatedly
 * applies the single move — adding a neighbour that may join, or removing a member whose removal
 * keeps the zone contiguous and within its bounds — that raises the objective most, until no move
 * does. The commune that must be included is never removed. Terminates because every move
 * strictly raises the objective.
 *
 * Complexity: O(moves × (frontier + members × zone links)) objective evaluations.
 */
export function improveZone(problem: ZoneProblem, zone: ZoneState): void {
  const c = problem.constraints;
  for (;;) {
    const current = zone.score();
    let best = { value: current, add: -1, remove: -1 };
    for (const j of zone.frontier()) {
      if (blockOf(problem, zone, j) !== null) continue;
      const value = zone.score(j);
      if (improves(value, best.value)) best = { value, add: j, remove: -1 };
    }
    if (zone.members.length > Math.max(1, c.minCommunes)) {
      let cut: Set<number> | null = null; // computed only when a removal would help
      for (const i of zone.members) {
        if (i === c.mustInclude) continue;
        if (zone.population - problem.population[i]! < c.minPopulation) continue;
        const value = zone.score(-1, i);
        if (!improves(value, best.value)) continue;
        cut ??= cutVertices(zone.members, zone.inZone, problem.weights, problem.dfs);
        if (cut.has(i)) continue;
        best = { value, add: -1, remove: i };
      }
    }
    if (best.add >= 0) zone.add(best.add);
    else if (best.remove >= 0) zone.remove(best.remove);
    else return;
  }
}
