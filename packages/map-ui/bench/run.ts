/**
 * UI bench (`pnpm --filter @ptce/map-ui bench`, part of `pnpm bench`), in headless Chromium on
 * the built app served by the API, on the real Bas-Rhin vintage:
 *   - time to the first rendered map (page load to the first choropleth on screen);
 *   - input-to-repaint latency of a weight change (slider input event to the map idle with the
 *     new colours), median and p95 over 50 changes, on communes and on EPCI;
 *   - bundle sizes (raw and gzip) of the app's code, its scoring worker and MapLibre.
 * Each timing sits next to a floor measured in the same run: an empty MapLibre map with the
 * same style, layers and polygons, repainted through feature state (bench/floor).
 * Writes bench/results/ui.json at the repository root (CONVENTIONS format).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { buildUi, launchBrowser, REPO, startApi, UI_DIR } from '../e2e/harness.ts';
import { metrics, waitRepaint } from '../e2e/pageTools.ts';
import { serveFolder } from './staticServer.ts';
import { median, p95 } from './stats.ts';

const LOADS = 5;
const CHANGES = 50;

interface Measurement {
  id: string;
  unit: string;
  median: number;
  p95: number | null;
  runs: number;
  reference: { id: string; median: number } | null;
  ratio: number | null;
  target: number | null;
  pass: boolean | null;
}

const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

/** A size, measured once, with no floor and no target. */
function size(id: string, kib: number): Measurement {
  return {
    id,
    unit: 'KiB',
    median: kib,
    p95: null,
    runs: 1,
    reference: null,
    ratio: null,
    target: null,
    pass: null,
  };
}

function bundleSizes(): Record<string, { raw: number; gzip: number }> {
  const dir = join(UI_DIR, 'dist/assets');
  const out: Record<string, { raw: number; gzip: number }> = {};
  for (const f of readdirSync(dir)) {
    const kind = f.startsWith('maplibre-gl-worker')
      ? 'maplibreWorker'
      : f.startsWith('maplibre')
        ? f.endsWith('.css')
          ? 'maplibreCss'
          : 'maplibre'
        : f.startsWith('scoring.worker')
          ? 'scoringWorker'
          : f.endsWith('.css')
            ? 'appCss'
            : 'app';
    const body = readFileSync(join(dir, f));
    const prev = out[kind] ?? { raw: 0, gzip: 0 };
    out[kind] = {
      raw: prev.raw + statSync(join(dir, f)).size,
      gzip: prev.gzip + gzipSync(body, { level: 9 }).length,
    };
  }
  return out;
}

type Probe = {
  __ptce?: { repaints: number; firstPaintAt: number };
  __floor?: { ready: boolean; firstPaintAt: number };
};

/** Loads a page and returns when its first map was on screen (ms since navigation start). */
async function firstMap(page: Page, url: string, which: 'app' | 'floor'): Promise<number> {
  await page.goto(url);
  // Functions, not strings: the API's Content-Security-Policy forbids eval.
  await page.waitForFunction(
    (w) => {
      const g = globalThis as unknown as Probe;
      return w === 'app' ? (g.__ptce?.repaints ?? 0) > 0 : !!g.__floor?.ready;
    },
    which,
    { timeout: 60_000 },
  );
  return page.evaluate((w) => {
    const g = globalThis as unknown as Probe;
    return w === 'app' ? g.__ptce!.firstPaintAt : g.__floor!.firstPaintAt;
  }, which);
}

/** 50 weight changes, alternating values, each timed from the input event to the repaint. */
async function weightLatencies(page: Page): Promise<number[]> {
  const slider = page.locator('input[data-weight="dim:ess"]');
  for (let k = 0; k < CHANGES; k++) {
    const before = (await metrics(page)).latencies.length;
    await slider.fill(String(k % 2 ? 1.5 : 2.5 + (k % 5) / 10));
    await page.waitForFunction(
      (n) => (globalThis as unknown as { __ptce: { latencies: number[] } }).__ptce.latencies.length > n,
      before,
      {
        timeout: 30_000,
      },
    );
  }
  return (await metrics(page)).latencies.slice(-CHANGES);
}

async function floorLatencies(page: Page): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < CHANGES; k++) {
    out.push(
      await page.evaluate(
        (s) => (globalThis as unknown as { __floorRepaint(s: number): Promise<number> }).__floorRepaint(s),
        k + 1,
      ),
    );
  }
  return out;
}

const noBuild = process.argv.includes('--no-build');
if (!noBuild) buildUi();
const floorDir = mkdtempSync(join(tmpdir(), 'ptce-floor-'));
const fb = spawnSync(
  join(UI_DIR, 'node_modules/.bin/vite'),
  ['build', '--config', join(UI_DIR, 'bench/floor/vite.config.ts'), '--outDir', floorDir],
  {
    cwd: UI_DIR,
    stdio: 'inherit',
  },
);
if (fb.status !== 0) throw new Error('floor build failed');
const api = await startApi();
const floor = await serveFolder(floorDir, api.baseUrl);
const browser = await launchBrowser();
const page = browser.pages()[0] ?? (await browser.newPage());
await page.addInitScript((t) => localStorage.setItem('ptce.token', t), api.tokens.analyst);
const results: Measurement[] = [];
try {
  // Warm the HTTP caches and the API's decoded vintage once, then time loads.
  await firstMap(page, `${api.baseUrl}/?l=commune`, 'app');
  await firstMap(page, `${floor.url}/?l=commune`, 'floor');
  const appLoads: number[] = [];
  const floorLoads: number[] = [];
  for (let k = 0; k < LOADS; k++) {
    appLoads.push(await firstMap(page, `${api.baseUrl}/?l=commune`, 'app'));
    floorLoads.push(await firstMap(page, `${floor.url}/?l=commune`, 'floor'));
  }
  results.push({
    id: 'ui.firstMap.commune',
    unit: 'ms',
    median: round(median(appLoads)),
    p95: round(p95(appLoads)),
    runs: LOADS,
    reference: { id: 'floor.firstMap.commune', median: round(median(floorLoads)) },
    ratio: round(median(appLoads) / median(floorLoads), 2),
    target: null,
    pass: null,
  });

  for (const level of ['commune', 'epci']) {
    await page.goto(`${api.baseUrl}/?l=${level}`);
    await waitRepaint(page, 0, 60_000);
    const app = await weightLatencies(page);
    const scoreMs = (await metrics(page)).lastScoreMs;
    await firstMap(page, `${floor.url}/?l=${level}`, 'floor');
    const ref = await floorLatencies(page);
    results.push({
      id: `ui.weightChange.${level}`,
      unit: 'ms',
      median: round(median(app)),
      p95: round(p95(app)),
      runs: CHANGES,
      reference: { id: `floor.repaint.${level}`, median: round(median(ref)) },
      ratio: round(median(app) / median(ref), 2),
      target: 100,
      pass: p95(app) < 100,
    });
    console.log(`${level}: worker scoring of the last change ${round(scoreMs)} ms`);
  }

  const sizes = bundleSizes();
  const kb = (b: number) => round(b / 1024, 1);
  const own = sizes.app!.gzip + (sizes.scoringWorker?.gzip ?? 0) + (sizes.appCss?.gzip ?? 0);
  results.push({
    id: 'bundle.own.gzip',
    unit: 'KiB',
    median: kb(own),
    p95: null,
    runs: 1,
    reference: { id: 'bundle.maplibre.gzip', median: kb(sizes.maplibre!.gzip + sizes.maplibreWorker!.gzip) },
    ratio: round(own / (sizes.maplibre!.gzip + sizes.maplibreWorker!.gzip), 3),
    target: 150,
    pass: kb(own) < 150,
  });
  for (const [kind, s] of Object.entries(sizes)) {
    results.push(size(`bundle.${kind}.raw`, kb(s.raw)), size(`bundle.${kind}.gzip`, kb(s.gzip)));
  }
} finally {
  await browser.close();
  floor.server.close();
  await api.close();
  rmSync(floorDir, { recursive: true, force: true });
}

const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? '',
  node: process.version,
  browser: 'chromium (SwiftShader WebGL, headless)',
};
mkdirSync(join(REPO, 'bench/results'), { recursive: true });
writeFileSync(
  join(REPO, 'bench/results/ui.json'),
  `${JSON.stringify({ part: 'ui', machine, date: new Date().toISOString(), measurements: results }, null, 2)}\n`,
);
for (const r of results) {
  const ref = r.reference ? ` (floor ${r.reference.id} ${r.reference.median})` : '';
  const p = r.p95 === null ? '' : ` p95 ${r.p95}`;
  const pass = r.pass === null ? '' : r.pass ? ' PASS' : ' FAIL';
  console.log(
    `${r.id.padEnd(28)} median ${r.median} ${r.unit}${p}${ref}${r.target ? ` target < ${r.target}` : ''}${pass}`,
  );
}
console.log(`written: ${join(REPO, 'bench/results/ui.json')}`);
