import { discreteLevel } from './discreteLevel.ts';
import type { RobustnessModel } from './types.ts';

/**
 * The group of each sample point (rows of `points`, `model.layout.dimensions` wide): which
 * combination of normalisation a, imputation b and left-out indicator e (0 = none) it draws, as
 * the key (a × B + b) × E + e. Runs of one group share a scoring through the core (see
 * `evaluateRuns`); a Monte-Carlo analysis is split between threads by groups.
 *
 * Complexity: O(count).
 */
export function groupKeys(model: RobustnessModel, points: Float64Array, count: number): Int32Array {
  const { layout } = model;
  const D = layout.dimensions;
  const A = model.normalisations.length;
  const B = model.imputations.length;
  const E = model.excludable.length + 1;
  const level = (at: number, coordinate: number, levels: number) =>
    coordinate < 0 ? 0 : discreteLevel(points[at + coordinate]!, levels);
  const keys = new Int32Array(count);
  for (let r = 0; r < count; r++) {
    const at = r * D;
    keys[r] =
      (level(at, layout.normalisation, A) * B + level(at, layout.imputation, B)) * E +
      level(at, layout.exclusion, E);
  }
  return keys;
}

/** Runs a full scoring is worth when groups are balanced between threads (measured: 3 to 6). */
const SCORING_COST = 5;

/**
 * Splits the groups of a Monte-Carlo analysis into at most `shards` parts of about equal cost
 * (runs, plus a full scoring per group), largest first onto the least loaded part (LPT). The
 * groups of one normalisation × imputation stay together when there are at least as many of
 * those as parts (leaving an indicator out reuses their scoring); else groups are split one by
 * one. Deterministic; parts come in ascending order of their first group, empty ones left out.
 */
export function planShards(model: RobustnessModel, keys: Int32Array, shards: number): number[][] {
  const E = model.excludable.length + 1;
  const runs = new Map<number, number>();
  for (const key of keys) runs.set(key, (runs.get(key) ?? 0) + 1);
  const groups = [...runs.keys()].sort((a, b) => a - b);
  const plans = new Map<number, number[]>();
  for (const key of groups) {
    const plan = Math.floor(key / E);
    plans.set(plan, [...(plans.get(plan) ?? []), key]);
  }
  const cost = (members: number[]) => members.reduce((sum, key) => sum + runs.get(key)! + SCORING_COST, 0);
  const items = plans.size >= shards ? [...plans.values()] : groups.map((key) => [key]);
  const order = items.map((members, k) => ({ members, cost: cost(members), k }));
  order.sort((x, y) => y.cost - x.cost || x.k - y.k);
  const parts = Array.from({ length: Math.max(1, shards) }, () => ({ load: 0, groups: [] as number[] }));
  for (const item of order) {
    let best = parts[0]!;
    for (const part of parts) if (part.load < best.load) best = part;
    best.load += item.cost;
    best.groups.push(...item.members);
  }
  return parts
    .filter((p) => p.groups.length > 0)
    .map((p) => p.groups.sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
}
