import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { contiguity, lisa, zones } from './spatial.ts';

/** A 4 × 4 grid of unit squares, code `r<row>c<col>`, listed in a shuffled order. */
function grid(): FeatureCollection {
  const features: Feature[] = [];
  for (let r = 0; r < 4; r++) {
    for (let c = 0; c < 4; c++) {
      features.push({
        type: 'Feature',
        properties: { code: `r${r}c${c}` },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [c * 0.01, r * 0.01],
              [(c + 1) * 0.01, r * 0.01],
              [(c + 1) * 0.01, (r + 1) * 0.01],
              [c * 0.01, (r + 1) * 0.01],
              [c * 0.01, r * 0.01],
            ],
          ],
        },
      });
    }
  }
  return { type: 'FeatureCollection', features: features.reverse() };
}

const codes = Array.from({ length: 16 }, (_, i) => `r${i >> 2}c${i & 3}`);

describe('spatial', () => {
  it('contiguity(fc, codes) indexes territories in the order of codes, not of the file', () => {
    const c = contiguity(grid(), codes);
    const neighbours = (i: number) =>
      Array.from(c.weights.neighbours.slice(c.weights.offsets[i]!, c.weights.offsets[i + 1]!));
    // Queen neighbours of the corner r0c0 (index 0): r0c1 (1), r1c0 (4), r1c1 (5).
    expect(neighbours(0)).toEqual([1, 4, 5]);
    // An inner square has 8.
    expect(neighbours(5)).toHaveLength(8);
    expect(c.missingPolygons).toBe(0);
  });

  it('lisa(values, contiguity) finds the high-high block where the high values are', () => {
    // High values in the top-left 2 × 2 block, low elsewhere.
    const values = Float64Array.from(codes, (code) => (/r[01]c[01]/.test(code) ? 100 : 1));
    const r = lisa(values, contiguity(grid(), codes), { alpha: 0.05, correction: 'none', permutations: 999 });
    expect(r.clusters[0]).toBe(1); // r0c0: high-high
    expect(r.clusters[15]).not.toBe(1); // r3c3: far from the block
    expect(r.moran.I).toBeGreaterThan(0);
    expect(r.counts.reduce((a, b) => a + b, 0)).toBe(16);
  });

  it('contiguity(fc, codes) gives no neighbour to a code without polygon', () => {
    const c = contiguity(grid(), [...codes, 'nowhere']);
    expect(c.missingPolygons).toBe(1);
    expect(c.weights.offsets[17]! - c.weights.offsets[16]!).toBe(0);
  });

  it('zones(contiguity, inputs, constraints) returns contiguous candidates within the bounds', () => {
    const values = Float64Array.from(codes, (code) => (/r[01]c[01]/.test(code) ? 90 : 10));
    const population = new Float64Array(16).fill(1000);
    const r = zones(
      contiguity(grid(), codes),
      { codes, names: codes, scores: values, population, epci: codes.map(() => 'E1') },
      { minPopulation: 2000, maxPopulation: 4000 },
      2,
    );
    // The best zone lies inside the high block (the growth stops when no neighbour raises the mean).
    for (const m of r.candidates[0]!.members) expect(m).toMatch(/r[01]c[01]/);
    expect(r.candidates[0]!.score).toBeCloseTo(90, 9);
    for (const z of r.candidates) {
      expect(z.population).toBeGreaterThanOrEqual(2000);
      expect(z.population).toBeLessThanOrEqual(4000);
    }
  });
});
