import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { VintageManifest } from '@ptce/engine';
import { buildVintage } from '../src/data/buildVintage.ts';
import { readCsv } from '../src/lib/csv.ts';
import { decodeText } from '../src/lib/decodeText.ts';
import { readInput } from '../src/lib/readInput.ts';

/**
 * One measured run in its own process (so peak memory is the run's own): `build <scope> <out>`
 * builds a vintage; `floor <manifest>` reads and parses the raw files that vintage was built from
 * and nothing else (gunzip/unzip, decoding, CSV and JSON parsing). Prints { ms, maxRssMiB }.
 */
const [mode, arg, out] = process.argv.slice(2);
const started = performance.now();
if (mode === 'build') {
  await buildVintage({ all: arg === 'france', outDir: out, id: `bench-${arg}`, download: false });
} else {
  const manifest = JSON.parse(readFileSync(arg, 'utf8')) as VintageManifest;
  for (const input of manifest.inputs) {
    if (input.origin === 'package') continue;
    const path = input.path.split('!')[0];
    const bytes = readInput(path, (names) => names.find((n) => n === input.path.split('!')[1])).bytes;
    if (/\.geojson(\.gz)?$/.test(path)) JSON.parse(decodeText(bytes, path).text);
    else if (path.endsWith('.xlsx')) continue;
    else
      readCsv(decodeText(bytes, path).text, {
        file: basename(path),
        isHeader: (c) => c.includes('CODGEO') || c.includes('COD_VAR'),
      });
  }
}
const ms = performance.now() - started;
process.stdout.write(`${JSON.stringify({ ms, maxRssMiB: process.resourceUsage().maxRSS / 1024 })}\n`);
