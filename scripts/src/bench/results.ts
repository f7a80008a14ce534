import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../lib/repoRoot.ts';

/** One measurement, in the format every part of `pnpm bench` writes (see CONVENTIONS.md). */
export interface Measurement {
  id: string;
  unit: string;
  median: number;
  p95: number;
  runs: number;
  reference?: { id: string; median: number };
  ratio?: number;
  target: string;
  pass: boolean;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Nearest-rank 95th percentile. */
export function p95(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)];
}

export function machine() {
  return {
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? '',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

/** Writes bench/results/<part>.json at the repository root. */
export function writeResults(part: string, measurements: Measurement[]): string {
  const dir = join(repoRoot(), 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${part}.json`);
  writeFileSync(
    file,
    `${JSON.stringify({ part, date: new Date().toISOString(), machine: machine(), measurements }, null, 2)}\n`,
  );
  return file;
}
