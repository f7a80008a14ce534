import type { FactorSummary, RobustnessModel } from './types.ts';

/** The model's factors without their coordinates, for a result. */
export function factorSummaries(model: RobustnessModel): FactorSummary[] {
  return model.factors.map(({ id, label, labelEn, levels }) =>
    levels ? { id, label, labelEn, levels } : { id, label, labelEn },
  );
}
