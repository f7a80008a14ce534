/**
 * Writes every run's ranks and scores and the Monte-Carlo summaries (every territory's nominal rank, median rank, p05, p95, P(top k),
 * P(first)) of the Bas-Rhin communes for a few seeds to a JSON file, to compare two versions of the
 * engine run for run:
 *   node --import tsx/esm bench/compareMonteCarlo.ts out.json [replicates] [seeds...]
 * Run it in two worktrees and diff the files (`cmp a.json b.json`): identical files = identical ranks.
 * The ranks and scores of every run (in row order) go to out.json.<level>.<seed>.ranks / .scores
 * (Int32 / Float64, replicates × n), for `bench/compareRuns.ts`.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRobustnessModel, runMonteCarlo } from '../src/index.ts';
import { createRandom } from '../src/random/xoshiro128.ts';
import { evaluateRuns } from '../src/robustness/evaluateRuns.ts';
import { readVintage } from '../test/robustness/fixtures/readVintage.ts';

const here = dirname(fileURLToPath(import.meta.url));
const [file = 'monteCarlo.json', reps = '2000', ...seedArgs] = process.argv.slice(2);
const seeds = seedArgs.length > 0 ? seedArgs.map(Number) : [1, 7, 42];
const dir = process.env.PTCE_BENCH_BAS_RHIN ?? resolve(here, '../../../datasets/build/bas-rhin-2021');
const vintage = readVintage(dir);
if (!vintage) throw new Error(`no vintage in ${dir}`);
const out: Record<string, unknown> = {};
for (const level of ['commune', 'epci'] as const) {
  const model = createRobustnessModel(vintage, { level });
  for (const seed of seeds) {
    const result = await runMonteCarlo(model, { replicates: Number(reps), seed });
    out[`${level}/${seed}`] = { territories: result.territories, draws: result.draws };
    // Every run, as runMonteCarlo draws it.
    const R = Number(reps);
    const D = model.layout.dimensions;
    const random = createRandom(seed);
    const points = new Float64Array(R * D);
    for (let k = 0; k < points.length; k++) points[k] = random.float();
    const n = model.matrix.n;
    const ranks = new Int32Array(R * n);
    const scores = new Float64Array(R * n);
    await evaluateRuns(
      model,
      points,
      R,
      (row, run) => {
        ranks.set(run.rank, row * n);
        scores.set(run.score, row * n);
      },
      {},
    );
    writeFileSync(`${resolve(file)}.${level}.${seed}.ranks`, ranks);
    writeFileSync(`${resolve(file)}.${level}.${seed}.scores`, scores);
  }
}
writeFileSync(resolve(file), `${JSON.stringify(out)}\n`);
console.log(`${join(file)}: ${Object.keys(out).length} analyses`);
