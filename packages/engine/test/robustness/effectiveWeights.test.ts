import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { effectiveWeights, planScoring } from '../../src/index.ts';
import { miniVintage } from '../composite/fixtures/miniVintage.ts';
import { syntheticCase } from '../composite/fixtures/syntheticCase.ts';

// The vintage is only read for filters and group imputation, which these cases do not use.
const vintage = miniVintage();

describe('effectiveWeights', () => {
  it('effectiveWeights(plan weights) equals planScoring’s effective weights for any weights and reading', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 10, noNaN: true })), {
          minLength: 2,
          maxLength: 9,
        }),
        fc.array(fc.double({ min: 0.01, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        fc.constantFrom<'needPotential' | 'composite'>('needPotential', 'composite'),
        (weights, dimensionWeights, need, reading) => {
          if (!weights.some((w) => w > 0)) return;
          const rows = [weights.map((_, j) => j + 1), weights.map((_, j) => 2 * j + 3), weights.map(() => 5)];
          const { matrix, config } = syntheticCase(rows, {
            weights,
            dimensionWeights,
            pillars: { need, potential: 1 },
            methods: { aggregation: { reading } },
          });
          const { plan } = planScoring(vintage, matrix, config);
          const ours = effectiveWeights(
            plan.indicatorDimension,
            plan.indicatorWeight,
            plan.dimensionWeight,
            plan.dimensionPillar,
            plan.pillarWeight,
            reading === 'needPotential',
          );
          for (let j = 0; j < ours.length; j++) expect(ours[j]).toBeCloseTo(plan.effectiveWeight[j]!, 14);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('effectiveWeights by hand: need (2 indicators, weights 1 and 3) and potential (1 indicator), pillars 1:1', () => {
    const eff = effectiveWeights(
      Int32Array.of(0, 0, 1),
      Float64Array.of(1, 3, 1),
      Float64Array.of(1, 1),
      Uint8Array.of(0, 1),
      Float64Array.of(1, 1),
      true,
    );
    expect([...eff]).toEqual([0.125, 0.375, 0.5]);
  });
});
