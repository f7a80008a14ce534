import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Measurement, median, p95, writeResults } from '../src/bench/results.ts';

/**
 * `pnpm bench` (data part): `ptce data build` for the Bas-Rhin and for France, each run in a
 * fresh process, next to a floor measured in the same run (reading and parsing the same raw
 * files, nothing else). Targets (issue 2): Bas-Rhin < 5 s; France < 60 s and < 2 GiB peak;
 * each build at most 4 × its floor.
 */
const here = new URL('.', import.meta.url).pathname;
const out = mkdtempSync(join(tmpdir(), 'ptce-bench-'));
const run = (args: string[]) =>
  JSON.parse(
    execFileSync(process.execPath, ['--import', 'tsx/esm', join(here, 'child.ts'), ...args], {
      encoding: 'utf8',
    }),
  ) as {
    ms: number;
    maxRssMiB: number;
  };

const measurements: Measurement[] = [];
for (const [scope, runs, limitMs] of [
  ['bas-rhin', 5, 5_000],
  ['france', 3, 60_000],
] as const) {
  // Build and floor alternate, so that both see the same machine (its speed drifts over minutes).
  const manifest = join(out, `bench-${scope}`, 'manifest.json');
  const builds: ReturnType<typeof run>[] = [];
  const floors: ReturnType<typeof run>[] = [];
  for (let r = 0; r < runs; r++) {
    builds.push(run(['build', scope, out]));
    floors.push(run(['floor', manifest]));
  }
  const buildMs = builds.map((b) => b.ms);
  const floorMs = floors.map((f) => f.ms);
  const ratio = median(buildMs) / median(floorMs);
  measurements.push({
    id: `data.floor.${scope}`,
    unit: 'ms',
    median: median(floorMs),
    p95: p95(floorMs),
    runs,
    target: 'reference (read + parse the raw files)',
    pass: true,
  });
  measurements.push({
    id: `data.build.${scope}`,
    unit: 'ms',
    median: median(buildMs),
    p95: p95(buildMs),
    runs,
    reference: { id: `data.floor.${scope}`, median: median(floorMs) },
    ratio,
    target: `< ${limitMs / 1000} s and ≤ 4 × floor`,
    pass: median(buildMs) < limitMs && ratio <= 4,
  });
  const rss = builds.map((b) => b.maxRssMiB);
  const floorRss = floors.map((f) => f.maxRssMiB);
  measurements.push({
    id: `data.peakMemory.${scope}`,
    unit: 'MiB',
    median: median(rss),
    p95: p95(rss),
    runs,
    reference: { id: `data.floor.peakMemory.${scope}`, median: median(floorRss) },
    ratio: median(rss) / median(floorRss),
    target: scope === 'france' ? '< 2048 MiB' : 'report only',
    pass: scope === 'france' ? p95(rss) < 2048 : true,
  });
  console.log(
    `${scope}: build ${Math.round(median(buildMs))} ms (floor ${Math.round(median(floorMs))} ms, ×${ratio.toFixed(2)}), peak ${Math.round(median(rss))} MiB`,
  );
}
console.log(`écrit : ${writeResults('data', measurements)}`);
