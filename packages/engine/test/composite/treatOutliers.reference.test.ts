import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type OutlierOptions, skewKurt, treatOutliers } from '../../src/index.ts';

/**
 * A line-by-line transcription of COINr's R code (R/treat.R: `Treat.numeric` with f1 = winsorise,
 * f2 = log_CT, f_pass = check_SkewKurt, combine_treat = FALSE) — the second implementation the
 * engine's single-pass version is checked against.
 */
function coinrTreat(input: number[], o: OutlierOptions): { x: number[]; treatment: string; nwin: number } {
  const check = (x: number[]) => {
    const { skewness, kurtosis } = skewKurt(Float64Array.from(x), x.length);
    return Math.abs(skewness) < o.skewness || kurtosis < o.kurtosis;
  };
  if (check(input)) return { x: input, treatment: 'none', nwin: 0 };
  // winsorise()
  const x = [...input];
  let passing = false;
  let nwin = 0;
  let imax: number[] = [];
  let imin: number[] = [];
  while (!passing && nwin < o.maxWinsorised) {
    const { skewness } = skewKurt(Float64Array.from(x), x.length);
    if (skewness >= 0) {
      const max = Math.max(...x);
      imax = x.flatMap((v, i) => (v === max ? [i] : []));
      const rest = x.filter((_, i) => !imax.includes(i));
      const next = Math.max(...rest);
      for (const i of imax) x[i] = next;
    } else {
      const min = Math.min(...x);
      imin = x.flatMap((v, i) => (v === min ? [i] : []));
      const rest = x.filter((_, i) => !imin.includes(i));
      const next = Math.min(...rest);
      for (const i of imin) x[i] = next;
    }
    nwin = imax.length + imin.length;
    passing = check(x);
  }
  if (passing) return { x, treatment: 'winsorised', nwin };
  // log_CT(x) on the original vector
  const min = Math.min(...input);
  const max = Math.max(...input);
  return { x: input.map((v) => Math.log(v - min + 0.01 * (max - min))), treatment: 'log', nwin: 0 };
}

const options: OutlierOptions = { method: 'coinr', skewness: 2, kurtosis: 3.5, maxWinsorised: 5 };

/**
 * Heavy-tailed samples: a body of moderate values plus outliers spread on a log scale (10^3.5 to
 * 10^6) at the top — few (winsorising suffices) or many (it does not: log) — and a few low ones;
 * ties allowed.
 */
const sample = fc
  .tuple(
    fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 8, maxLength: 80 }),
    fc.array(fc.double({ min: 3.5, max: 6, noNaN: true }), { maxLength: 12 }),
    fc.array(fc.integer({ min: -1_000_000, max: -5_000 }), { maxLength: 3 }),
    fc.integer({ min: 0, max: 3 }),
  )
  .map(([body, high, low, dup]) => {
    const x = [...body.map((v) => v / 7), ...high.map((e) => Math.round(10 ** e)), ...low];
    for (let i = 0; i < dup && high.length > 0; i++) x.push(Math.round(10 ** high[0]!));
    return x;
  });

describe('treatOutliers against a transcription of COINr', () => {
  it('treatOutliers makes the same decision, the same count and the same values as COINr’s R code', () => {
    fc.assert(
      fc.property(sample, (input) => {
        // The engine works on the maxWinsorised + 1 extreme distinct values of each end: with fewer
        // distinct values than that on both sides, the ends could meet (not a case of real indicators).
        fc.pre(new Set(input).size >= 2 * (options.maxWinsorised + 1) + 1);
        const expected = coinrTreat(input, options);
        const x = Float64Array.from(input);
        const r = treatOutliers(x, x.length, options);
        expect(r.treatment).toBe(expected.treatment);
        expect(r.winsorised).toBe(expected.nwin);
        for (const [i, v] of Array.from(x).entries()) expect(v).toBeCloseTo(expected.x[i]!, 9);
      }),
      { numRuns: 1000 },
    );
    // The generator reaches every branch: untouched, winsorised, log-transformed.
    const seen = new Set(
      fc.sample(sample, { numRuns: 400, seed: 7 }).map((x) => coinrTreat(x, options).treatment),
    );
    expect([...seen].sort()).toEqual(['log', 'none', 'winsorised']);
  });
});
