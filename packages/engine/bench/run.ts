/**
 * `pnpm bench` (engine part): the composite, spatial and robustness benchmarks, each in its own
 * process so one's memory and JIT state do not colour another's. Each writes its own entries in
 * bench/results/ at the repository root. Benchmarks never fail the build.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
for (const part of ['composite.ts', 'spatial.ts', 'robustness.ts']) {
  console.log(`\n== engine: ${part}`);
  const run = spawnSync(process.execPath, ['--import', 'tsx/esm', join(here, part)], {
    stdio: 'inherit',
    cwd: join(here, '..'),
  });
  if (run.status !== 0) console.log(`(${part} ended with code ${run.status}: see above)`);
}
