/**
 * Load benchmark of the API (issue 4): the real server on loopback, driven by wrk when it is
 * installed (`apt-get install wrk`; C, 2 threads), else by autocannon (BENCH_TOOL forces one).
 *   pnpm --filter @ptce/api bench          (BENCH_DURATION=5 for a quick run; default 20 s each)
 *
 * Runs, each for BENCH_DURATION seconds at 10 connections, in one server process:
 *   1. GET  /health                                  the ceiling (reference for the others)
 *   2. GET  /api/vintages/<v>/geo/commune            territories GeoJSON, as a browser asks (gzip, br)
 *   3. POST /api/vintages/<v>/score  {}              the default framework on communes, cached
 *   4. POST /api/vintages/<v>/score  varying weights every request has new weights: never cached
 * with memory (heap after a forced GC, through GET /api/status) before, right after, and after
 * 5 s idle. Vintage: BENCH_VINTAGE (default bas-rhin-2021) under PTCE_VINTAGES_DIR (default
 * datasets/build); missing, the benchmark says so and writes nothing.
 *
 * Writes bench/results/api.json at the repository root (CONVENTIONS.md format, plus p99 and
 * errors). Never fails: `pass` only reports the targets.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os, { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createToken } from '../src/auth/tokens.ts';
import { REPO_ROOT } from '../src/config.ts';
import { openStore } from '../src/store/openStore.ts';
import { loadWithAutocannon } from './autocannon.ts';
import type { LoadResult, LoadSpec } from './load.ts';
import { hasWrk, loadWithWrk } from './wrk.ts';

const here = dirname(fileURLToPath(import.meta.url));
const DURATION = Number(process.env.BENCH_DURATION ?? 20);
const CONNECTIONS = 10;
const VINTAGE = process.env.BENCH_VINTAGE ?? 'bas-rhin-2021';
const VINTAGES_DIR = resolve(process.env.PTCE_VINTAGES_DIR ?? join(REPO_ROOT, 'datasets/build'));
const RESULTS = join(REPO_ROOT, 'bench/results/api.json');

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  platform: `${os.platform()} ${os.release()}`,
  date: new Date().toISOString(),
  /** Other work on the machine skews load tests: recorded so that runs can be compared fairly. */
  loadAverage1m: os.loadavg()[0],
};

interface Measurement {
  id: string;
  unit: string;
  median: number;
  p95: number | null;
  p99?: number | null;
  runs: number;
  reference: { id: string; median: number } | null;
  ratio: number | null;
  target: string | null;
  pass: boolean | null;
  errors?: number;
  note?: string;
  machine: typeof machine;
}

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject()));
    });
  });
}

async function main(): Promise<void> {
  if (!existsSync(join(VINTAGES_DIR, VINTAGE, 'manifest.json'))) {
    console.log(
      `bench api: vintage ${VINTAGE} absent from ${VINTAGES_DIR} — build it with \`pnpm ptce data build\`; nothing measured.`,
    );
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'ptce-bench-'));
  const store = await openStore(dataDir);
  const admin = (await createToken(store, { role: 'admin', name: 'bench' })).token;
  await store.close();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(
    process.execPath,
    ['--expose-gc', '--import', 'tsx/esm', join(here, '../src/server.ts')],
    {
      cwd: join(here, '..'),
      env: {
        ...process.env,
        PTCE_HOST: '127.0.0.1',
        PTCE_PORT: String(port),
        PTCE_DATA_DIR: dataDir,
        PTCE_VINTAGES_DIR: VINTAGES_DIR,
        PTCE_DEFAULT_VINTAGE: VINTAGE,
        // The benchmark is one client hammering the server: no rate limit, and no log line per request.
        PTCE_RATE_LIMIT: '0',
        PTCE_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'inherit', 'inherit'],
    },
  );
  try {
    for (let i = 0; ; i++) {
      const ready = await fetch(`${base}/ready`).catch(() => null);
      if (ready?.status === 200) break;
      if (i > 600) throw new Error('server not ready after 60 s');
      await new Promise((r) => setTimeout(r, 100));
    }
    const auth = { authorization: `Bearer ${admin}` };
    const heap = async (gc: boolean) => {
      const status = (await (
        await fetch(`${base}/api/status${gc ? '?gc=true' : ''}`, { headers: auth })
      ).json()) as {
        memory: { heapUsed: number; external: number; rss: number };
        scoreCache: { bytes: number; hits: number; misses: number };
      };
      // The score cache holds Buffers, outside the V8 heap: count both.
      const { heapUsed, external, rss } = status.memory;
      return {
        heap: (heapUsed + external) / 2 ** 20,
        rss: rss / 2 ** 20,
        cache: status.scoreCache.bytes / 2 ** 20,
        hits: status.scoreCache.hits,
        misses: status.scoreCache.misses,
      };
    };
    const geoUrl = `${base}/api/vintages/${VINTAGE}/geo/commune`;
    const scoreUrl = `${base}/api/vintages/${VINTAGE}/score`;
    const json = { 'content-type': 'application/json' };
    // Warm-up: decode, read and compress once, fill the matrix cache and the default result.
    await (await fetch(geoUrl, { headers: { 'accept-encoding': 'gzip, deflate, br' } })).arrayBuffer();
    await (
      await fetch(scoreUrl, { method: 'POST', headers: { ...json, 'accept-encoding': 'gzip' }, body: '{}' })
    ).arrayBuffer();

    const tool = process.env.BENCH_TOOL ?? ((await hasWrk()) ? 'wrk' : 'autocannon');
    const load = (spec: Omit<LoadSpec, 'connections' | 'seconds'>) =>
      (tool === 'wrk' ? loadWithWrk : loadWithAutocannon)({
        ...spec,
        connections: CONNECTIONS,
        seconds: DURATION,
      });
    /** A load run with the server's score-cache hits and misses during it (from its own counters). */
    const measured = async (spec: Omit<LoadSpec, 'connections' | 'seconds'>) => {
      const start = await heap(false);
      const run = await load(spec);
      const end = await heap(false);
      return { ...run, hits: end.hits - start.hits, misses: end.misses - start.misses };
    };
    const before = await heap(true);
    console.log(`bench api: ${VINTAGE}, ${tool}, ${DURATION} s per run, ${CONNECTIONS} connections`);
    const health = await load({ url: `${base}/health` });
    const geo = await load({ url: geoUrl, headers: { 'accept-encoding': 'gzip, deflate, br' } });
    // Scoring clients ask for compression as browsers and fetch() do: the result is 2.7 MB raw, 0.5 MB gzipped.
    const scoreHeaders = { ...json, 'accept-encoding': 'gzip, deflate, br' };
    const cached = await measured({
      url: scoreUrl,
      method: 'POST',
      headers: scoreHeaders,
      body: { constant: '{}' },
    });
    // Every request gets weights never seen before: the cache cannot answer.
    const varying = await measured({
      url: scoreUrl,
      method: 'POST',
      headers: scoreHeaders,
      body: 'varying-weights',
    });
    const after = await heap(false);
    await new Promise((r) => setTimeout(r, 5000));
    const settled = await heap(true);

    const rps = (run: LoadResult) => run.requests / run.seconds;
    const ceiling = { id: 'api.health.rps', median: rps(health) };
    const measurements: Measurement[] = [];
    const add = (m: Omit<Measurement, 'machine'>) => measurements.push({ ...m, machine });
    const runs: [string, LoadResult, string][] = [
      ['health', health, 'GET /health'],
      ['geo.commune', geo, `GET geo/commune (${VINTAGE}), accept-encoding gzip, br`],
      [
        'score.cached',
        cached,
        `POST score {} (${VINTAGE}, communes, default framework), cache hits ${cached.hits}, misses ${cached.misses}`,
      ],
      [
        'score.varying',
        varying,
        `POST score, new weights every request (${VINTAGE}, communes), cache hits ${varying.hits}, misses ${varying.misses}`,
      ],
    ];
    for (const [name, run, note] of runs) {
      const isVarying = name === 'score.varying';
      const { p50, p95, p99 } = run.latencyMs;
      add({
        id: `api.${name}.latency`,
        unit: 'ms',
        median: p50,
        p95,
        p99,
        runs: run.requests,
        reference: null,
        ratio: null,
        target: isVarying ? 'p99 < 50 ms at 10 connections' : null,
        pass: isVarying ? p99 < 50 : null,
        errors: run.errors,
        note: `${note}; ${run.tool}`,
      });
      const ratio = rps(run) / ceiling.median;
      add({
        id: `api.${name}.rps`,
        unit: 'req/s',
        median: rps(run),
        p95: null,
        runs: run.requests,
        reference: name === 'health' ? null : ceiling,
        ratio: name === 'health' ? null : ratio,
        target: name === 'score.cached' ? '≥ 20 % of /health' : null,
        pass: name === 'score.cached' ? ratio >= 0.2 : null,
        errors: run.errors,
        note,
      });
      add({
        id: `api.${name}.errors`,
        unit: 'count',
        median: run.errors,
        p95: null,
        runs: run.requests,
        reference: null,
        ratio: null,
        target: '0',
        pass: run.errors === 0,
      });
    }
    // The score cache legitimately keeps results after the run (up to PTCE_SCORE_CACHE_MB): compare without it.
    const withoutCache = (m: { heap: number; cache: number }) => m.heap - m.cache;
    add({
      id: 'api.memory.afterRun',
      unit: 'MiB',
      median: withoutCache(settled),
      p95: null,
      runs: 1,
      reference: { id: 'api.memory.beforeRun', median: withoutCache(before) },
      ratio: withoutCache(settled) / withoutCache(before),
      target: 'heap + external after GC, minus the score cache, within 10 % of before',
      pass: withoutCache(settled) <= withoutCache(before) * 1.1,
      note: `before ${before.heap.toFixed(1)} MiB (rss ${before.rss.toFixed(0)}), right after ${after.heap.toFixed(1)} MiB (rss ${after.rss.toFixed(0)}), after 5 s idle + GC ${settled.heap.toFixed(1)} MiB (rss ${settled.rss.toFixed(0)}), of which score cache ${settled.cache.toFixed(1)} MiB`,
    });
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(
      RESULTS,
      `${JSON.stringify({ part: 'api', date: new Date().toISOString(), machine: { node: process.version, cpus: os.cpus().length }, measurements }, null, 2)}\n`,
    );
    for (const m of measurements) {
      const value =
        m.unit === 'ms'
          ? `p50 ${m.median.toFixed(1)} p95 ${m.p95?.toFixed(1)} p99 ${m.p99?.toFixed(1)}`
          : m.median.toFixed(1);
      const verdict = m.pass === null ? '' : m.pass ? ' PASS' : ' FAIL';
      console.log(
        `${m.id.padEnd(28)} ${value} ${m.unit}${m.ratio === null ? '' : ` (ratio ${m.ratio.toFixed(3)})`}${verdict}`,
      );
    }
    console.log(`written ${RESULTS}`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
