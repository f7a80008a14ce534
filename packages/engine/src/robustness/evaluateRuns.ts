import { effectiveWeights } from '../composite/effectiveWeights.ts';
import { createRankWork, rankScores } from '../composite/rankScores.ts';
import { scoreMatrix } from '../composite/scoreMatrix.ts';
import type { ScoringOutput, ScoringPlan } from '../composite/types.ts';
import { aggregateBase, createAggregationWork } from './aggregateBase.ts';
import { type AggregationBase, aggregationBase, releaseOperands, withoutColumn } from './aggregationBase.ts';
import { discreteLevel } from './discreteLevel.ts';
import { createRunWeights, drawRunWeights } from './drawRunWeights.ts';
import { groupKeys } from './groupKeys.ts';
import { runTicker } from './runTicker.ts';
import type { RobustnessModel, RobustnessProgress, RunControl } from './types.ts';

/** What one run produced: ranks (0 = set aside), scores (NaN = none), and how many were ranked. */
export interface RunResult {
  rank: Int32Array;
  score: Float64Array;
  ranked: number;
}

/** Receives each run's result; the object and its arrays are reused by the next run (copy what you keep). */
export type RunSink = (row: number, run: RunResult) => void;

/** Level index of a discrete input (0 when it has a single level: no coordinate). */
function level(point: Float64Array, at: number, coordinate: number, count: number): number {
  return coordinate < 0 ? 0 : discreteLevel(point[at + coordinate]!, count);
}

/**
 * Runs the model at `count` sample points (rows of `points`, `model.layout.dimensions` wide) and
 * hands each result to `sink`, in an order of its choosing: rows are grouped by their discrete
 * levels so that, with the `cached` strategy, each combination of normalisation, imputation and
 * left-out indicator goes once through the scoring core and every run of the group only
 * re-aggregates ({@link aggregateBase}) and re-ranks ({@link rankScores}, the core's ranking). Leaving an indicator
 * out reuses the scoring without it when no territory crosses the screening threshold. Results do
 * not depend on the order: the same points give the same figures.
 *
 * Returns the number of runs that went through the whole core.
 */
export async function evaluateRuns(
  model: RobustnessModel,
  points: Float64Array,
  count: number,
  sink: RunSink,
  control: RunControl,
  phase: RobustnessProgress['phase'] = 'scoring',
): Promise<number> {
  const { matrix, layout, plans } = model;
  const { n, m } = matrix;
  const d = model.nominal.plan.dimensionIds.length;
  const D = layout.dimensions;
  const A = model.normalisations.length;
  const B = model.imputations.length;
  const E = model.excludable.length + 1;
  const C = model.aggregations.length;

  // Group the rows by (normalisation, imputation, exclusion): a counting sort keeps row order within a group.
  const keys = groupKeys(model, points, count);
  const groupSize = new Int32Array(A * B * E + 1);
  for (let r = 0; r < count; r++) groupSize[keys[r]! + 1]!++;
  for (let g = 1; g < groupSize.length; g++) groupSize[g]! += groupSize[g - 1]!;
  const sorted = new Int32Array(count);
  const cursor = groupSize.slice(0, -1);
  for (let r = 0; r < count; r++) sorted[cursor[keys[r]!]!++] = r;

  const weights = createRunWeights(model);
  const work = createAggregationWork(n, m, d);
  const order = new Int32Array(n);
  const rank = new Int32Array(n);
  const active = new Int32Array(m);
  const rankWork = createRankWork(n);
  let parentOut: ScoringOutput | null = null;
  let childOut: ScoringOutput | null = null;
  let parentKey = -1;
  let parentBase: AggregationBase | null = null;
  let groupKey = -1;
  let base: AggregationBase | null = null;
  let full = 0;
  const ticker = runTicker(control, phase, count);
  const direct = control.strategy === 'direct';
  const screeningMoves = screeningChanges(model);
  // The aggregation options of each (normalisation × imputation plan, aggregation method), made
  // once rather than per run.
  const aggregationOf = plans.flatMap((plan) =>
    model.aggregations.map((method) => ({ ...plan.methods.aggregation, method })),
  );
  const result: RunResult = { rank, score: work.score, ranked: 0 };
  // Operand buffers of the bases no longer needed (groups come one after the other).
  const spare: Float64Array[] = [];
  let childBase: AggregationBase | null = null;

  for (let q = 0; q < count; q++) {
    const row = sorted[q]!;
    const key = keys[row]!;
    const e = key % E;
    const ab = (key - e) / E;
    const plan = plans[ab]!;
    const column = e === 0 ? -1 : model.excludable[e - 1]!;
    const at = row * D;
    const aggregation = aggregationOf[ab * C + level(points, at, layout.aggregation, C)]!;
    drawRunWeights(model, points, at, weights);
    active.set(plan.indicatorDimension);
    if (column >= 0) {
      active[column] = -1;
      weights.indicatorWeight[column] = 0;
    }
    if (direct || aggregation.method === 'copeland' || aggregation.method === 'topsis') {
      effectiveWeights(
        active,
        weights.indicatorWeight,
        weights.dimensionWeight,
        plan.dimensionPillar,
        weights.pillarWeight,
        aggregation.reading === 'needPotential',
        weights.effectiveWeight,
      );
    }
    if (direct) {
      const variant: ScoringPlan = {
        ...plan,
        indicatorDimension: active,
        ...weights,
        methods: { ...plan.methods, aggregation },
      };
      childOut = scoreMatrix(matrix, variant, childOut ?? undefined);
      full++;
      sink(row, { rank: childOut.rank, score: childOut.score, ranked: childOut.ranked });
    } else {
      if (key !== groupKey) {
        // Rows are sorted by key: a new group starts here, and the previous group's bases are done.
        const { method, range } = plan.methods.normalisation;
        if (childBase) releaseOperands(childBase);
        childBase = null;
        if (ab !== parentKey) {
          if (parentBase) releaseOperands(parentBase);
          parentOut = scoreMatrix(matrix, plan, parentOut ?? undefined);
          parentBase = aggregationBase(parentOut, plan.indicatorDimension, d, method, range, spare);
          parentKey = ab;
          full++;
        }
        if (column < 0) base = parentBase!;
        else if (screeningMoves[e - 1]) {
          // A territory crosses the screening threshold without this indicator: score it for real.
          childOut = scoreMatrix(
            matrix,
            { ...plan, indicatorDimension: active.slice() },
            childOut ?? undefined,
          );
          childBase = aggregationBase(childOut, active.slice(), d, method, range, spare);
          base = childBase;
          full++;
        } else base = withoutColumn(parentBase!, column);
        groupKey = key;
      }
      result.score = aggregateBase(base!, plan.dimensionPillar, weights, aggregation, work);
      result.ranked = rankScores(result.score, base!.status, order, rank, rankWork);
      sink(row, result);
    }
    if ((q & 7) === 7 && ticker.due()) await ticker.pause(q + 1);
  }
  ticker.finish();
  return full;
}

/**
 * For each left-out indicator: 1 when leaving it out moves a territory across the screening
 * threshold (then the run needs a scoring of its own), computed with the core's rule — ranked when
 * eligible, with a share ≥ minCoverage of the active indicators, and at least one.
 */
function screeningChanges(model: RobustnessModel): Uint8Array {
  const { matrix, nominal, excludable } = model;
  const { n, values } = matrix;
  const plan = nominal.plan;
  const minCoverage = plan.methods.screening.minCoverage;
  const present = new Int32Array(n);
  let active = 0;
  for (let j = 0; j < matrix.m; j++) {
    if (plan.indicatorDimension[j]! < 0) continue;
    active++;
    for (let i = 0; i < n; i++) if (!Number.isNaN(values[j * n + i]!)) present[i]!++;
  }
  const screenedIn = (i: number, count: number, of: number) =>
    !(plan.eligible && plan.eligible[i] === 0) && (of > 0 ? count / of : 0) >= minCoverage && count > 0;
  const moves = new Uint8Array(excludable.length);
  excludable.forEach((j, k) => {
    for (let i = 0; i < n; i++) {
      const has = Number.isNaN(values[j * n + i]!) ? 0 : 1;
      if (screenedIn(i, present[i]!, active) !== screenedIn(i, present[i]! - has, active - 1)) {
        moves[k] = 1;
        break;
      }
    }
  });
  return moves;
}
