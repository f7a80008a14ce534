/**
 * Compares two outputs of `bench/compareMonteCarlo.ts` run for run:
 *   node --import tsx/esm bench/compareRuns.ts old.json new.json
 * Prints, per analysis, how many runs have identical ranks, and the largest relative difference
 * between the scores of the same territory in the same run.
 */
import { existsSync, readFileSync } from 'node:fs';

const [a, b] = process.argv.slice(2);
if (!a || !b) throw new Error('usage: compareRuns.ts old.json new.json');
const left = JSON.parse(readFileSync(a, 'utf8')) as Record<string, unknown>;
const right = JSON.parse(readFileSync(b, 'utf8')) as Record<string, unknown>;
let same = true;
for (const key of Object.keys(left)) {
  const [level, seed] = key.split('/');
  const summaries = JSON.stringify(left[key]) === JSON.stringify(right[key]);
  const part = (file: string, kind: string) => `${file}.${level}.${seed}.${kind}`;
  if (!existsSync(part(a, 'ranks'))) continue;
  const ra = new Int32Array(readFileSync(part(a, 'ranks')).buffer.slice(0));
  const rb = new Int32Array(readFileSync(part(b, 'ranks')).buffer.slice(0));
  const sa = new Float64Array(readFileSync(part(a, 'scores')).buffer.slice(0));
  const sb = new Float64Array(readFileSync(part(b, 'scores')).buffer.slice(0));
  let rankDiffs = 0;
  let scoreBits = 0;
  let worst = 0;
  for (let k = 0; k < ra.length; k++) {
    if (ra[k] !== rb[k]) rankDiffs++;
    if (!Object.is(sa[k], sb[k])) {
      scoreBits++;
      worst = Math.max(worst, Math.abs(sa[k]! - sb[k]!) / Math.abs(sa[k]!));
    }
  }
  same &&= summaries && rankDiffs === 0;
  console.log(
    `${key}: summaries ${summaries ? 'identical' : 'DIFFER'}; ranks: ${rankDiffs} of ${ra.length} differ; scores: ${scoreBits} differ in their last bits, largest relative difference ${worst.toExponential(2)}`,
  );
}
console.log(same ? 'ranks identical' : 'RANKS DIFFER');
