import { checkCount } from './checkCount.ts';
import type { RobustnessModel, RunEstimate, RunRequest } from './types.ts';

/**
 * How many model runs an analysis will cost, to show before running it (a confirmation dialog,
 * `ptce robustness --dry-run`): R for a Monte-Carlo of R replicates, N × (k + 2) for Sobol indices
 * of k factors with N base samples (Saltelli et al. 2010). `fullScorings` bounds the runs that go
 * through the whole scoring core — one per combination of normalisation, imputation and left-out
 * indicator — the others only re-aggregate and re-rank.
 *
 * Complexity: O(1).
 * @throws {EngineError} `INVALID_ROBUSTNESS_OPTIONS` for a count that is not a positive integer.
 * @example
 * estimateRuns(model, { analysis: 'sobol', baseSamples: 1000 }) // { runs: 7000, factors: 5, fullScorings: 126, message: '…' }
 */
export function estimateRuns(model: RobustnessModel, request: RunRequest): RunEstimate {
  const k = model.factors.length;
  const combinations = model.normalisations.length * model.imputations.length * (model.excludable.length + 1);
  const n = model.matrix.n;
  if (request.analysis === 'monteCarlo') {
    const runs = request.replicates ?? 1000;
    checkCount('replicates', runs, 1, 1_000_000);
    return {
      analysis: 'monteCarlo',
      runs,
      factors: k,
      fullScorings: Math.min(runs, combinations),
      message: `Analyse d’incertitude : ${runs} tirages de ${k} entrée(s) incertaine(s), soit ${runs} classements de ${n} territoires.`,
    };
  }
  const N = request.baseSamples ?? 1000;
  checkCount('baseSamples', N, 2, 10_000_000);
  const runs = N * (k + 2);
  return {
    analysis: 'sobol',
    runs,
    factors: k,
    fullScorings: Math.min(runs, combinations),
    message: `Analyse de sensibilité : ${N} échantillons de base × (${k} facteurs + 2) = ${runs} classements de ${n} territoires.`,
  };
}
