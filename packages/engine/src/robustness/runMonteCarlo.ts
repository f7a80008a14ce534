import { createRandom } from '../random/xoshiro128.ts';
import { checkCount } from './checkCount.ts';
import { discreteLevel } from './discreteLevel.ts';
import { evaluateRuns } from './evaluateRuns.ts';
import { factorSummaries } from './factorSummaries.ts';
import { groupKeys, planShards } from './groupKeys.ts';
import { type RankTally, rankTally } from './rankTally.ts';
import type {
  MonteCarloOptions,
  MonteCarloParallel,
  MonteCarloShard,
  MonteCarloShardResult,
  RobustnessModel,
  RobustnessProgress,
  RunControl,
  UncertaintyResult,
} from './types.ts';

/** Most replicates accepted in one call. */
const MAX_REPLICATES = 1_000_000;

/**
 * Uncertainty analysis of the ranking (OECD/JRC Handbook 2008, §7; Saisana, Saltelli & Tarantola
 * 2005): `replicates` Monte-Carlo runs, each drawing every uncertain input of the model — weights
 * (uniform noise or Dirichlet), normalisation, aggregation, imputation, the indicator left out —
 * independently and with equal probability among the levels of a discrete input, then re-scoring.
 * For every territory: its nominal rank, the median and the 5th–95th percentile interval of its
 * rank over the runs where it is ranked (inverse empirical CDF, Hyndman & Fan type 1, so ranks stay
 * whole numbers), the probability of being in the top k and of being first.
 *
 * With no uncertainty (noise 0, one level per input) every run is the nominal scoring and the
 * intervals collapse onto the nominal ranks. The same model, seed and replicates give the same
 * figures on every machine; progress is reported and the run can be cancelled (see `RunControl`).
 *
 * Complexity: one full scoring per drawn combination of normalisation, imputation and left-out
 * indicator, then O(n × m) per replicate (re-aggregation and the core's ranking, see `rankScores`); memory
 * O(n²) up to 2,048 territories, O(replicates × n) above (see `rankTally`).
 *
 * @throws {EngineError} `INVALID_ROBUSTNESS_OPTIONS` (replicates, topK), `ABORTED`.
 * @example
 * const result = await runMonteCarlo(model, { replicates: 1000, seed: 7, topK: 5 });
 * result.territories[0] // { code: '246700488', nominalRank: 1, medianRank: 1, p05: 1, p95: 3, pTopK: 0.97, pFirst: 0.62, ... }
 */
export async function runMonteCarlo(
  model: RobustnessModel,
  options: MonteCarloOptions = {},
): Promise<UncertaintyResult> {
  const replicates = options.replicates ?? 1000;
  const seed = options.seed ?? 1;
  const topK = options.topK ?? 5;
  checkCount('replicates', replicates, 1, MAX_REPLICATES);
  checkCount('topK', topK, 1, Number.MAX_SAFE_INTEGER);
  const points = drawPoints(model, replicates, seed);
  const tally = rankTally(model, replicates, topK);
  const fullScorings =
    options.parallel && options.strategy !== 'direct'
      ? await runShards(model, points, { seed, replicates, topK }, tally, options.parallel, options)
      : await evaluateRuns(model, points, replicates, (row, run) => tally.add(row, run.rank), options);

  return {
    analysis: 'monteCarlo',
    vintageId: model.vintageId,
    level: model.level,
    seed,
    replicates,
    topK,
    factors: factorSummaries(model),
    options: model.options,
    territories: await tally.summarise(options),
    draws: countDraws(model, points, replicates),
    fullScorings,
  };
}

/** The sample points of the replicates: `replicates` rows of uniform draws, from the seed. */
function drawPoints(model: RobustnessModel, replicates: number, seed: number): Float64Array {
  const random = createRandom(seed);
  const points = new Float64Array(replicates * model.layout.dimensions);
  for (let k = 0; k < points.length; k++) points[k] = random.float();
  return points;
}

/**
 * The replicates split by groups ({@link planShards}) and run by the host, all parts at once; their
 * ranks merged into `tally`. Progress adds up the parts'; returns the full scorings of all parts.
 */
async function runShards(
  model: RobustnessModel,
  points: Float64Array,
  run: Omit<MonteCarloShard, 'groups'>,
  tally: RankTally,
  parallel: MonteCarloParallel,
  control: RunControl,
): Promise<number> {
  const parts = planShards(model, groupKeys(model, points, run.replicates), parallel.shards);
  const done = new Array<number>(parts.length).fill(0);
  const report = (k: number, progress: RobustnessProgress) => {
    if (progress.phase !== 'scoring') return;
    done[k] = progress.done;
    control.onProgress?.({ phase: 'scoring', done: done.reduce((a, b) => a + b, 0), total: run.replicates });
  };
  const results = await Promise.all(
    parts.map((groups, k) =>
      parallel.run(
        { ...run, groups },
        {
          signal: control.signal,
          yieldEveryMs: control.yieldEveryMs,
          onProgress: (progress) => report(k, progress),
          strategy: 'cached',
        },
      ),
    ),
  );
  let full = 0;
  for (const result of results) {
    tally.merge(result.tally);
    full += result.fullScorings;
  }
  return full;
}

/**
 * One part of a Monte-Carlo analysis (see {@link MonteCarloParallel}), as a worker runs it: the
 * replicates of `shard.groups`, scored as {@link runMonteCarlo} scores them, and their ranks.
 * Progress counts the part's replicates.
 *
 * @throws {EngineError} `INVALID_ROBUSTNESS_OPTIONS`, `ABORTED`.
 */
export async function runMonteCarloShard(
  model: RobustnessModel,
  shard: MonteCarloShard,
  control: RunControl = {},
): Promise<MonteCarloShardResult> {
  checkCount('replicates', shard.replicates, 1, MAX_REPLICATES);
  const D = model.layout.dimensions;
  const points = drawPoints(model, shard.replicates, shard.seed);
  const keys = groupKeys(model, points, shard.replicates);
  const wanted = new Set(shard.groups);
  let count = 0;
  for (let r = 0; r < shard.replicates; r++) if (wanted.has(keys[r]!)) count++;
  const rows = new Int32Array(count);
  const mine = new Float64Array(count * D);
  count = 0;
  for (let r = 0; r < shard.replicates; r++) {
    if (!wanted.has(keys[r]!)) continue;
    mine.set(points.subarray(r * D, (r + 1) * D), count * D);
    rows[count++] = r;
  }
  const tally = rankTally(model, shard.replicates, shard.topK, undefined, rows);
  const fullScorings = await evaluateRuns(model, mine, count, (k, run) => tally.add(rows[k]!, run.rank), {
    signal: control.signal,
    yieldEveryMs: control.yieldEveryMs,
    onProgress: control.onProgress,
  });
  return { tally: tally.part(), fullScorings };
}

/** How many replicates drew each level of each discrete factor. */
function countDraws(
  model: RobustnessModel,
  points: Float64Array,
  replicates: number,
): Record<string, number[]> {
  const D = model.layout.dimensions;
  const out: Record<string, number[]> = {};
  for (const f of model.factors) {
    if (!f.levels) continue;
    const K = f.levels.length;
    const counts = new Array<number>(K).fill(0);
    const at = f.coordinates[0]!;
    for (let r = 0; r < replicates; r++) counts[discreteLevel(points[r * D + at]!, K)]!++;
    out[f.id] = counts;
  }
  return out;
}
