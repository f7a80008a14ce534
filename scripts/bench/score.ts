import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Measurement, median, p95, writeResults } from '../src/bench/results.ts';
import { repoRoot } from '../src/lib/repoRoot.ts';

/**
 * `pnpm bench` (outputs part): `ptce score` end to end from the command line — start-up, reading
 * the vintage, scoring with the full explanation, writing the CSV — on the Bas-Rhin communes and
 * on all French communes, next to the command line's own start-up (`ptce --help`) measured in the
 * same run. No target in the issue: reported for comparison across runs and machines.
 */
const cli = join(repoRoot(), 'scripts', 'src', 'cli.ts');
const out = mkdtempSync(join(tmpdir(), 'ptce-bench-score-'));
const time = (args: string[]) => {
  const started = performance.now();
  const run = spawnSync(process.execPath, ['--import', 'tsx/esm', cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  if (run.status !== 0) throw new Error(`ptce ${args.join(' ')} failed: ${run.stderr}`);
  return performance.now() - started;
};
const runs = 5;
const floor = Array.from({ length: runs }, () => time(['--help']));
const measurements: Measurement[] = [
  {
    id: 'cli.startup',
    unit: 'ms',
    median: median(floor),
    p95: p95(floor),
    runs,
    target: 'reference (ptce --help)',
    pass: true,
  },
];
for (const [id, vintage, n] of [
  ['bas-rhin', 'bas-rhin-2021', runs],
  ['france', 'france-2021', 3],
] as const) {
  if (!existsSync(join(repoRoot(), 'datasets', 'build', vintage, 'manifest.json'))) {
    console.log(`${vintage} absent: run pnpm ptce data build${id === 'france' ? ' --all' : ''}; skipped.`);
    continue;
  }
  const times = Array.from({ length: n }, () =>
    time(['score', '--vintage', vintage, '--out', join(out, `${id}.csv`)]),
  );
  measurements.push({
    id: `cli.score.${id}.communes.csv`,
    unit: 'ms',
    median: median(times),
    p95: p95(times),
    runs: n,
    reference: { id: 'cli.startup', median: median(floor) },
    ratio: median(times) / median(floor),
    target: 'report only',
    pass: true,
  });
  console.log(`score ${id}: ${Math.round(median(times))} ms (start-up ${Math.round(median(floor))} ms)`);
}
console.log(`écrit : ${writeResults('outputs-score', measurements)}`);
