import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { LoadResult, LoadSpec } from './load.ts';

const run = promisify(execFile);

/** True when `wrk` (a load generator in C) is on the PATH. */
export async function hasWrk(): Promise<boolean> {
  try {
    await run('wrk', ['--version']).catch((error: { stdout?: string }) => {
      if (!error.stdout?.includes('wrk')) throw error;
    });
    return true;
  } catch {
    return false;
  }
}

const lua = (spec: LoadSpec) => {
  const headers = Object.entries(spec.headers ?? {})
    .map(([k, v]) => `wrk.headers[${JSON.stringify(k)}] = ${JSON.stringify(v)}`)
    .join('\n');
  const body =
    spec.body === undefined
      ? ''
      : spec.body === 'varying-weights'
        ? `
request = function()
  n = n + 1
  local ess = 1 + (id * 1000000 + n) / 10000000
  local precarity = 1 + (n % 7) / 10
  return wrk.format(nil, nil, nil, string.format('{"changes":{"dimensions":{"ess":{"weight":%.7f},"precarity":{"weight":%.1f}}},"explain":{"detail":"ranking"}}', ess, precarity))
end`
        : `wrk.body = ${JSON.stringify(spec.body.constant)}`;
  return `
wrk.method = "${spec.method ?? 'GET'}"
${headers}
local threads = {}
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end
function init(args)
  n = 0
end
${body}
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('WRK_JSON {"requests":%d,"micros":%d,"errors":%d,"p50":%d,"p95":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.status + e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
`;
};

/** One load run with wrk (2 threads), its percentiles from wrk's own histogram. */
export async function loadWithWrk(spec: LoadSpec): Promise<LoadResult> {
  const dir = mkdtempSync(join(tmpdir(), 'ptce-wrk-'));
  try {
    const script = join(dir, 'run.lua');
    writeFileSync(script, lua(spec));
    const { stdout } = await run(
      'wrk',
      ['-t2', `-c${spec.connections}`, `-d${spec.seconds}s`, '--timeout', '30s', '-s', script, spec.url],
      { maxBuffer: 1 << 20 },
    );
    const line = stdout.split('\n').find((l) => l.startsWith('WRK_JSON '));
    if (!line) throw new Error(`wrk printed no result:\n${stdout}`);
    const r = JSON.parse(line.slice('WRK_JSON '.length));
    return {
      tool: 'wrk',
      requests: r.requests,
      seconds: r.micros / 1e6,
      errors: r.errors,
      latencyMs: { p50: r.p50 / 1000, p95: r.p95 / 1000, p99: r.p99 / 1000 },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
