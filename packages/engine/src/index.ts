// Errors
export { EngineError, isEngineError } from './errors.ts';

// Dataset vintage format
export * from './vintage/types.ts';
export { decodeVintage, type VintageFiles } from './vintage/decodeVintage.ts';
export { resolveVariable } from './vintage/resolveVariable.ts';

// Composite index
export type * from './framework/types.ts';
export { defaultFramework } from './framework/defaultFramework.ts';
export { validateFramework } from './framework/validateFramework.ts';
export { applyFrameworkChanges } from './framework/applyFrameworkChanges.ts';
export type { Issue } from './framework/issues.ts';
export * from './composite/types.ts';
export { CellFlag, type CellFlagName, flagNames } from './composite/flags.ts';
export { defaultConfig, defaultMethods } from './composite/defaultConfig.ts';
export { validateScoreConfig } from './composite/validateScoreConfig.ts';
export { resolveScoreConfig } from './composite/resolveScoreConfig.ts';
export { buildTerritories } from './composite/buildTerritories.ts';
export { buildIndicatorMatrix } from './composite/buildIndicatorMatrix.ts';
export { planScoring, type PlannedScoring } from './composite/planScoring.ts';
export { scoreMatrix, createScoringOutput } from './composite/scoreMatrix.ts';
export { explain } from './composite/explain.ts';
export { score } from './composite/score.ts';
export { resultHash, METHOD_VERSION } from './composite/resultHash.ts';
export { canonicalJson } from './composite/canonicalJson.ts';
export { matrixCacheKey } from './composite/matrixCacheKey.ts';
export { ahpWeights, SAATY_RANDOM_INDEX, type AhpWeights } from './composite/ahpWeights.ts';
export { topsis } from './composite/topsis.ts';
export { copeland, COPELAND_MAX_TERRITORIES } from './composite/copeland.ts';
export { skewKurt } from './composite/skewKurt.ts';
export { treatOutliers, type OutlierTreatment } from './composite/treatOutliers.ts';
export { normaliseValues, type NormaliseParams } from './composite/normaliseValues.ts';
export { rankScores } from './composite/rankScores.ts';

// Spatial analysis
export { createRandom, type RandomSource, xoshiroStateFromSeed } from './random/xoshiro128.ts';
export type { NeighbourGraph, SpatialWeights, WeightsKind } from './spatial/weights/types.ts';
export { type ContiguityOptions, contiguityWeights } from './spatial/weights/contiguityWeights.ts';
export { knnWeights } from './spatial/weights/knnWeights.ts';
export { distanceBandWeights } from './spatial/weights/distanceBandWeights.ts';
export type { Points } from './spatial/weights/pointIndex.ts';
export { weightsFromNeighbourLists } from './spatial/weights/weightsFromNeighbourLists.ts';
export { rowStandardize } from './spatial/weights/rowStandardize.ts';
export { connectedComponents } from './spatial/weights/connectedComponents.ts';
export { type PolygonMeasures, polygonMeasures } from './spatial/geometry/polygonMeasures.ts';
export { boundingBoxKm, EARTH_RADIUS_KM, haversineKm } from './spatial/geometry/greatCircle.ts';
export { spatialLag } from './spatial/autocorrelation/spatialLag.ts';
export { type GlobalMoranResult, globalMoran } from './spatial/autocorrelation/globalMoran.ts';
export { type LocalMoranResult, localMoran } from './spatial/autocorrelation/localMoran.ts';
export { type GiStarResult, getisOrdGiStar } from './spatial/autocorrelation/getisOrdGiStar.ts';
export { LOCAL_DEFAULTS, type LocalOptions } from './spatial/autocorrelation/localOptions.ts';
export type { PermutationScheme } from './spatial/autocorrelation/conditionalPermutation.ts';
export { type Correction, significanceCutoff } from './spatial/autocorrelation/multipleTesting.ts';
export {
  CLUSTER,
  GI_STAR_LABELS_EN,
  GI_STAR_LABELS_FR,
  LISA_LABELS_EN,
  LISA_LABELS_FR,
} from './spatial/autocorrelation/clusterLabels.ts';
export { normalTwoSidedP } from './spatial/autocorrelation/normal.ts';
export { type RateInput, rawRate } from './spatial/rates/rawRate.ts';
export { empiricalBayes, type SmoothedRates } from './spatial/rates/empiricalBayes.ts';
export { spatialEmpiricalBayes } from './spatial/rates/spatialEmpiricalBayes.ts';
export { imputeFromNeighbours } from './spatial/imputeFromNeighbours.ts';
export type * from './spatial/zones/types.ts';
export type { ZoneInputs } from './spatial/zones/zoneProblem.ts';
export {
  type CandidateZonesOptions,
  type CandidateZonesResult,
  candidateZones,
} from './spatial/zones/candidateZones.ts';
export { evaluateZoning, type ZoningUnitEvaluation } from './spatial/zones/evaluateZoning.ts';

// Robustness
export { standardNormal } from './random/standardNormal.ts';
export { gammaVariate } from './random/gammaVariate.ts';
export { dirichlet } from './random/dirichlet.ts';
export type * from './robustness/types.ts';
export {
  defaultUncertaintyOptions,
  resolveUncertaintyOptions,
} from './robustness/resolveUncertaintyOptions.ts';
export { createRobustnessModel } from './robustness/createRobustnessModel.ts';
export { estimateRuns } from './robustness/estimateRuns.ts';
export { runMonteCarlo, runMonteCarloShard } from './robustness/runMonteCarlo.ts';
export { runSobol } from './robustness/runSobol.ts';
export { saltelliSample } from './robustness/saltelliSample.ts';
export { type SobolEstimate, sobolIndices } from './robustness/sobolIndices.ts';
export { analyseRedundancy, type RedundancyOptions } from './robustness/analyseRedundancy.ts';
export { compareVintages, type StabilityOptions } from './robustness/compareVintages.ts';
export { pearson } from './robustness/pearson.ts';
export { spearman } from './robustness/spearman.ts';
export { averageRanks } from './robustness/averageRanks.ts';
export { type CronbachAlpha, cronbachAlpha } from './robustness/cronbachAlpha.ts';
export { effectiveWeights } from './composite/effectiveWeights.ts';

// Analyses built on the composite and the spatial module (shared by the API jobs and the command line)
export { territoryValues, type TerritoryValueRef } from './analysis/territoryValues.ts';
export {
  analyseSpatial,
  defaultSpatialAnalysisOptions,
  type SpatialAnalysis,
  type SpatialAnalysisOptions,
} from './analysis/analyseSpatial.ts';
export {
  type CandidateZoneProposal,
  type CandidateZoneRequest,
  type ComparedUnit,
  defaultCandidateZoneRequest,
  type ProposedZone,
  proposeCandidateZones,
  type RankIntervalSummary,
} from './analysis/proposeCandidateZones.ts';
export { addRankIntervals, type RankIntervalOptions } from './analysis/addRankIntervals.ts';
