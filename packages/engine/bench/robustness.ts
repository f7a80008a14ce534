/**
 * Benchmark of the robustness module (issue 6), on real vintages:
 *   node --import tsx/esm bench/robustness.ts            (from packages/engine)
 *
 * Vintages: PTCE_BENCH_BAS_RHIN (default datasets/build/bas-rhin-2021) and PTCE_BENCH_FRANCE
 * (default datasets/build/france-2021, then /tmp/ptce-france/france-2021 — build it with
 * `pnpm ptce data build --all --out /tmp/ptce-france`). A missing vintage is reported, not faked.
 * PTCE_BENCH_RUNS (default 3) sets how many times each measurement is repeated (medians).
 * PTCE_BENCH_ONLY (default: all) keeps only the measurements whose id contains one of its
 * comma-separated words, e.g. `PTCE_BENCH_ONLY=france` or `PTCE_BENCH_ONLY=bas-rhin.communes,sobol`
 * (to iterate on one measurement; the report figures are printed with the Sobol one).
 *
 * Each analysis is timed next to its floor, measured in the same run and interleaved with it so
 * that both see the same machine load: the same number of plain scorings of the nominal
 * configuration through the scoring core (`scoreMatrix`, reusing its output), in one thread.
 * Monte-Carlo analyses run as the API's jobs and the command line run them: split between
 * PTCE_BENCH_THREADS worker threads (default: the cores, at most 4; `RobustnessWorkers` of
 * packages/api, each worker building the same model once — done during the warm-up, as a server
 * that already ran an analysis on this vintage has). The same analysis in one thread is measured
 * next to it (`….one-thread`), and the two results are checked identical before timing. Targets (issue 6):
 * 10,000 Monte-Carlo replicates on the Bas-Rhin communes < 1 s, 1,000 on the French communes < 5 s,
 * Sobol with N = 1,000 on the Bas-Rhin EPCIs < 2 s, each at most twice its floor. Results go to
 * bench/results/robustness.json at the repository root (CONVENTIONS.md format). Benchmarks never
 * fail: `pass` only reports the target.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
// The API's worker threads for Monte-Carlo parts (a bench may reach into a sibling package).
import { RobustnessWorkers } from '../../api/src/robustness/robustnessWorkers.ts';
import {
  createRobustnessModel,
  createScoringOutput,
  estimateRuns,
  type RobustnessModel,
  runMonteCarlo,
  runSobol,
  scoreMatrix,
  type Vintage,
} from '../src/index.ts';
import { readVintage } from '../test/robustness/fixtures/readVintage.ts';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const resultsFile = join(repo, 'bench/results/robustness.json');
const RUNS = Number(process.env.PTCE_BENCH_RUNS ?? 3);
const ONLY = (process.env.PTCE_BENCH_ONLY ?? '').split(',').filter((w) => w.length > 0);
/** Whether the measurement `id` was asked for (every one without PTCE_BENCH_ONLY). */
const wanted = (id: string) => ONLY.length === 0 || ONLY.some((w) => id.includes(w));

interface Measurement {
  id: string;
  unit: string;
  median: number;
  p95: number;
  runs: number;
  reference?: { id: string; median: number };
  ratio?: number;
  target: string;
  pass: boolean;
  note?: string;
}

/** The first folder that holds a vintage, with the vintage decoded; null when none does. */
function loadVintage(...dirs: string[]): { dir: string; vintage: Vintage } | null {
  for (const dir of dirs) {
    const vintage = readVintage(dir);
    if (vintage) return { dir: resolve(dir), vintage };
  }
  return null;
}

const THREADS = Number(process.env.PTCE_BENCH_THREADS ?? Math.min(os.availableParallelism(), 4));
const workers = THREADS > 1 ? new RobustnessWorkers({ size: THREADS }) : null;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const p95 = (xs: number[]) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)]!;

/** `count` plain scorings of the nominal configuration through the core, reusing one output. */
function floor(model: RobustnessModel, count: number): void {
  const { matrix, nominal } = model;
  let out = createScoringOutput(matrix.n, matrix.m, nominal.plan.dimensionIds.length);
  for (let k = 0; k < count; k++) out = scoreMatrix(matrix, nominal.plan, out);
}

const measurements: Measurement[] = [];

/** Times `analysis` and its floor, interleaved, RUNS times each; records both. */
async function compare(
  id: string,
  floorId: string,
  targetMs: number,
  model: RobustnessModel,
  scorings: number,
  analysis: (run: number) => Promise<unknown>,
  note: () => string,
): Promise<void> {
  const tA: number[] = [];
  const tF: number[] = [];
  floor(model, Math.min(scorings, 20)); // warm-up
  await analysis(-1);
  for (let r = 0; r < RUNS; r++) {
    let t = performance.now();
    floor(model, scorings);
    tF.push(performance.now() - t);
    t = performance.now();
    await analysis(r);
    tA.push(performance.now() - t);
  }
  const reference = { id: floorId, median: median(tF) };
  measurements.push({
    id: floorId,
    unit: 'ms',
    median: reference.median,
    p95: p95(tF),
    runs: RUNS,
    target: 'reference',
    pass: true,
    note: `${scorings} plain scorings of the nominal configuration (scoreMatrix), n = ${model.matrix.n}`,
  });
  const m = median(tA);
  const ratio = m / reference.median;
  const pass = m < targetMs && ratio <= 2;
  measurements.push({
    id,
    unit: 'ms',
    median: m,
    p95: p95(tA),
    runs: RUNS,
    reference,
    ratio,
    target: `< ${targetMs} ms and ≤ 2× floor`,
    pass,
    note: note(),
  });
  console.log(
    `${id.padEnd(46)} median ${m.toFixed(0)} ms (p95 ${p95(tA).toFixed(0)}), floor ${reference.median.toFixed(0)} ms, ratio ${ratio.toFixed(2)} — target < ${targetMs} ms and ≤ 2×: ${pass ? 'ok' : 'MISSED'}`,
  );
}

/**
 * Times `replicates` Monte-Carlo replicates on a model's communes next to as many plain scorings:
 * split between the worker threads (the measurement), then in one thread (for reference).
 */
async function benchMonteCarlo(
  name: string,
  model: RobustnessModel,
  replicates: number,
  targetMs: number,
  seed: number,
  vintageDir: string,
) {
  let full = 0;
  const parallel = workers?.parallel({ vintageDir, config: { level: 'commune' }, uncertainty: {} });
  if (parallel) {
    // The same figures either way (checked here on the real vintage, outside the timings).
    const [split, one] = [
      await runMonteCarlo(model, { replicates, seed, parallel }),
      await runMonteCarlo(model, { replicates, seed }),
    ];
    const same = JSON.stringify(split.territories) === JSON.stringify(one.territories);
    console.log(
      `${name}: ${THREADS} threads vs one thread, seed ${seed}: ${same ? 'identical' : 'DIFFERENT'} territories`,
    );
    if (!same) throw new Error(`parallel Monte-Carlo differs from one thread on ${name}`);
  }
  const threads = parallel ? THREADS : 1;
  await compare(
    `robustness.monteCarlo.${name}.communes`,
    `robustness.floor.${name}.communes.${replicates}`,
    targetMs,
    model,
    replicates,
    async (r) => {
      full = (await runMonteCarlo(model, { replicates, seed: seed + r, parallel })).fullScorings;
    },
    () =>
      `${replicates} replicates, default uncertain inputs, ${threads} thread(s); ${full} full scorings, the others re-aggregated`,
  );
  if (!parallel) return;
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t = performance.now();
    await runMonteCarlo(model, { replicates, seed: seed + r });
    times.push(performance.now() - t);
  }
  measurements.push({
    id: `robustness.monteCarlo.${name}.communes.one-thread`,
    unit: 'ms',
    median: median(times),
    p95: p95(times),
    runs: RUNS,
    target: 'reference',
    pass: true,
    note: `the same analysis in one thread (what ${THREADS} threads are compared with)`,
  });
  console.log(
    `${`robustness.monteCarlo.${name}.communes.one-thread`.padEnd(46)} median ${median(times).toFixed(0)} ms`,
  );
}

function skipped(id: string, what: string): void {
  console.log(`${id}: ${what} — skipped.`);
  measurements.push({
    id,
    unit: 'ms',
    median: Number.NaN,
    p95: Number.NaN,
    runs: 0,
    target: 'skipped',
    pass: false,
    note: what,
  });
}

const basRhinFound = loadVintage(
  process.env.PTCE_BENCH_BAS_RHIN ?? join(repo, 'datasets/build/bas-rhin-2021'),
);
const basRhin = basRhinFound?.vintage ?? null;
const france = !wanted('robustness.monteCarlo.france.communes')
  ? null
  : loadVintage(
      process.env.PTCE_BENCH_FRANCE ?? join(repo, 'datasets/build/france-2021'),
      '/tmp/ptce-france/france-2021',
    );
console.log(
  `robustness bench: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load ${os
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}, ${RUNS} runs`,
);

if (basRhin) {
  const t = performance.now();
  const communes = createRobustnessModel(basRhin, { level: 'commune' });
  console.log(
    `model bas-rhin communes: ${(performance.now() - t).toFixed(0)} ms; factors ${communes.factors.map((f) => f.id).join(', ')}`,
  );
  if (wanted('robustness.monteCarlo.bas-rhin.communes'))
    await benchMonteCarlo('bas-rhin', communes, 10_000, 1000, 100, basRhinFound!.dir);

  if (wanted('robustness.sobol.bas-rhin.epci')) await benchSobol(basRhin);
} else {
  skipped('robustness.monteCarlo.bas-rhin.communes', 'no Bas-Rhin vintage (pnpm ptce data build)');
}

/** The Sobol measurement on the Bas-Rhin EPCIs, then figures for the report (not timed). */
async function benchSobol(basRhin: Vintage): Promise<void> {
  const t = performance.now();
  const epci = createRobustnessModel(basRhin, { level: 'epci' });
  console.log(`model bas-rhin epci: ${(performance.now() - t).toFixed(0)} ms`);
  const estimate = estimateRuns(epci, { analysis: 'sobol', baseSamples: 1000 });
  console.log(estimate.message);
  await compare(
    'robustness.sobol.bas-rhin.epci',
    `robustness.floor.bas-rhin.epci.${estimate.runs}`,
    2000,
    epci,
    estimate.runs,
    (r) => runSobol(epci, { baseSamples: 1000, seed: 200 + r, bootstrap: 1000 }),
    () => `N = 1,000, k = ${estimate.factors}: ${estimate.runs} runs, 1,000 bootstrap resamples`,
  );

  // Figures for the report (not timed).
  const mc = await runMonteCarlo(epci, { replicates: 10_000, seed: 1, topK: 5 });
  console.log('EPCI, 10,000 replicates, seed 1 — top 5: P(top 5), rank interval p05–p95');
  for (const x of mc.territories.slice(0, 5)) {
    console.log(
      `  ${x.nominalRank}. ${x.name}: P(top 5) ${x.pTopK.toFixed(3)}, P(1st) ${x.pFirst.toFixed(3)}, median ${x.medianRank}, ${x.p05}–${x.p95}`,
    );
  }
  const s = await runSobol(epci, { baseSamples: 1000, seed: 1 });
  console.log(
    `EPCI Sobol (mean rank shift, N = 1,000, seed 1): variance ${s.variance?.toFixed(3)}, ΣS ${s.sumFirst?.toFixed(3)}`,
  );
  for (const i of s.indices) {
    console.log(
      `  ${i.id.padEnd(14)} S ${i.first?.toFixed(3)} [${i.firstLow?.toFixed(3)}, ${i.firstHigh?.toFixed(3)}]  ST ${i.total?.toFixed(3)} [${i.totalLow?.toFixed(3)}, ${i.totalHigh?.toFixed(3)}]`,
    );
  }
}

if (!wanted('robustness.monteCarlo.france.communes')) {
  // Not asked for (PTCE_BENCH_ONLY): neither loaded nor reported.
} else if (france) {
  const t = performance.now();
  const model = createRobustnessModel(france.vintage, { level: 'commune' });
  console.log(`model france communes: ${(performance.now() - t).toFixed(0)} ms (n = ${model.matrix.n})`);
  await benchMonteCarlo('france', model, 1000, 5000, 300, france.dir);
} else {
  skipped(
    'robustness.monteCarlo.france.communes',
    'no France vintage (pnpm ptce data build --all --out /tmp/ptce-france)',
  );
}

mkdirSync(dirname(resultsFile), { recursive: true });
const machine = {
  node: process.version,
  cpus: os.cpus().length,
  cpu: os.cpus()[0]?.model ?? '',
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  loadAverage: os.loadavg(),
};
// A filtered run (PTCE_BENCH_ONLY) replaces only what it measured: the file's other entries stay.
const kept: { id: string }[] =
  ONLY.length > 0 && existsSync(resultsFile)
    ? (JSON.parse(readFileSync(resultsFile, 'utf8')).measurements ?? []).filter(
        (m: { id: string }) => !measurements.some((n) => n.id === m.id),
      )
    : [];
writeFileSync(
  resultsFile,
  `${JSON.stringify({ part: 'robustness', date: new Date().toISOString(), machine, measurements: [...kept, ...measurements] }, null, 2)}\n`,
);
console.log(`→ ${resultsFile}`);
await workers?.close();
