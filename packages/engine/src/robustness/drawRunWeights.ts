import { dirichlet } from '../random/dirichlet.ts';
import { createRandom } from '../random/xoshiro128.ts';
import type { RunWeights } from './aggregateBase.ts';
import type { RobustnessModel } from './types.ts';

const TWO_POW_32 = 4294967296;

export function createRunWeights(model: RobustnessModel): RunWeights {
  const plan = model.nominal.plan;
  return {
    indicatorWeight: plan.indicatorWeight.slice(),
    dimensionWeight: plan.dimensionWeight.slice(),
    pillarWeight: plan.pillarWeight.slice(),
    effectiveWeight: plan.effectiveWeight.slice(),
  };
}

/**
 * The weights of the run at sample point `point[offset ..]`: the nominal weights, each multiplied
 * by 1 + noise × (2u − 1) (uniform), or each sibling group redrawn from Dirichlet(concentration ×
 * nominal shares) with a generator seeded by the weights' single coordinate (so that the weights
 * are a function of the point, as Sobol sampling requires), rescaled to the group's nominal sum.
 */
export function drawRunWeights(
  model: RobustnessModel,
  point: Float64Array,
  offset: number,
  out: RunWeights,
): RunWeights {
  const plan = model.nominal.plan;
  out.indicatorWeight.set(plan.indicatorWeight);
  out.dimensionWeight.set(plan.dimensionWeight);
  out.pillarWeight.set(plan.pillarWeight);
  const { weights } = model.options;
  const { weightCoordinates, weightTargets } = model.layout;
  if (weightCoordinates.length === 0) return out;
  const target = (level: string) =>
    level === 'indicators'
      ? out.indicatorWeight
      : level === 'dimensions'
        ? out.dimensionWeight
        : out.pillarWeight;
  if (weights.distribution === 'uniform') {
    for (let k = 0; k < weightTargets.length; k++) {
      const t = weightTargets[k]!;
      const u = point[offset + weightCoordinates[k]!]!;
      target(t.level)[t.index]! *= 1 + weights.noise * (2 * u - 1);
    }
    return out;
  }
  const random = createRandom(Math.floor(point[offset + weightCoordinates[0]!]! * TWO_POW_32));
  for (const group of model.weightGroups) {
    const w = target(group.level);
    let sum = 0;
    for (const k of group.members) sum += w[k]!;
    const shares = dirichlet(
      random,
      group.members.map((k) => (weights.concentration * w[k]!) / sum),
    );
    group.members.forEach((k, q) => {
      w[k] = shares[q]! * sum;
    });
  }
  return out;
}
