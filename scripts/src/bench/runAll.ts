/**
 * `pnpm bench`: makes sure the real vintages the benchmarks read exist (the Bas-Rhin default and
 * all of France, built from ../shared/datasets/raw), then runs every package's `bench` script one
 * after the other (they measure time: never two at once), then prints one table of
 * bench/results/*.json. Benchmarks never fail: the exit code is 0 whatever the figures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/repoRoot.ts';

const root = repoRoot();
const run = (command: string, args: string[]) =>
  spawnSync(command, args, { cwd: root, stdio: 'inherit' }).status;
for (const [id, args] of [
  ['bas-rhin-2021', []],
  ['france-2021', ['--all']],
] as const) {
  if (!existsSync(join(root, 'datasets', 'build', id, 'manifest.json'))) {
    console.log(`Construction du millésime ${id} pour les bancs d'essai…`);
    run('pnpm', ['ptce', 'data', 'build', ...args]);
  }
}
run('pnpm', ['-r', '--workspace-concurrency=1', 'bench']);
run(process.execPath, ['--import', 'tsx/esm', join(root, 'scripts', 'src', 'bench', 'summary.ts')]);
