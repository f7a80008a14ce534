import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../lib/repoRoot.ts';
import type { Measurement } from './results.ts';

/** Prints every part's results (bench/results/*.json) as one table. Benchmarks never fail: exit 0. */
const dir = join(repoRoot(), 'bench', 'results');
const rows: string[][] = [['part', 'id', 'median', 'p95', 'runs', 'reference', 'ratio', 'target', 'pass']];
if (existsSync(dir)) {
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    // Either { part, measurements } or a bare array of measurements.
    const raw = JSON.parse(readFileSync(join(dir, file), 'utf8')) as
      | { part: string; measurements: Measurement[] }
      | Measurement[];
    const data = Array.isArray(raw) ? { part: file.replace(/\.json$/, ''), measurements: raw } : raw;
    for (const m of data.measurements) {
      const fmt = (x: number | null) =>
        x === null || x === undefined ? '' : `${Number(x.toPrecision(4))} ${m.unit}`;
      rows.push([
        data.part,
        m.id,
        fmt(m.median),
        fmt(m.p95),
        String(m.runs ?? ''),
        m.reference ? `${m.reference.id} = ${Number(m.reference.median?.toPrecision(4))}` : '',
        m.ratio === undefined || m.ratio === null ? '' : m.ratio.toFixed(2),
        String(m.target ?? ''),
        m.pass === null || m.pass === undefined ? '' : m.pass ? 'yes' : 'NO',
      ]);
    }
  }
}
const widths = rows[0].map((_, k) => Math.max(...rows.map((r) => r[k].length)));
for (const row of rows) console.log(row.map((c, k) => c.padEnd(widths[k])).join('  '));
