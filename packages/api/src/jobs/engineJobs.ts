import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  addRankIntervals,
  analyseRedundancy,
  analyseSpatial,
  createRobustnessModel,
  defaultCandidateZoneRequest,
  defaultSpatialAnalysisOptions,
  proposeCandidateZones,
  type RobustnessOptions,
  runMonteCarlo,
  runSobol,
  type ScoreConfig,
  validateScoreConfig,
} from '@ptce/engine';
import type { Feature } from 'geojson';
import { ApiError } from '../errors.ts';
import type { RobustnessWorkers } from '../robustness/robustnessWorkers.ts';
import type { JsonObject } from '../store/types.ts';
import { levelGeometry } from '../vintages/levels.ts';
import type { LoadedVintage } from '../vintages/registry.ts';
import type { JobHandlers } from './kinds.ts';

type Check = (value: unknown) => string | null;

const integer =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
      ? null
      : `entier de ${min} à ${max} attendu`;
const number =
  (min: number, max: number): Check =>
  (v) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max
      ? null
      : `nombre de ${min} à ${max} attendu`;
const oneOf =
  (values: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && values.includes(v) ? null : `une valeur parmi ${values.join(', ')} attendue`;
const codes: Check = (v) =>
  Array.isArray(v) && v.length <= 40_000 && v.every((c) => typeof c === 'string' && /^[0-9AB]{5}$/.test(c))
    ? null
    : 'liste de codes commune (5 caractères) attendue';
const levels: Check = (v) =>
  Array.isArray(v) && v.every((c) => typeof c === 'string' && /^[a-z][a-z0-9]{0,31}$/.test(c))
    ? null
    : 'liste de niveaux attendue';
const text =
  (max: number): Check =>
  (v) =>
    typeof v === 'string' && v.length <= max ? null : `texte de ${max} caractères au plus attendu`;

/**
 * Checks a job body field by field (unknown fields refused, like the score route), the scoring
 * configuration with the engine's validator. @throws {ApiError} 400 `INVALID_JOB`.
 */
function checkBody(
  kind: string,
  body: JsonObject,
  fields: Record<string, Check>,
): { config: ScoreConfig } & JsonObject {
  for (const [field, value] of Object.entries(body)) {
    if (field === 'config') continue;
    const check = fields[field];
    const problem = check
      ? value === null && field === 'mustInclude'
        ? null
        : check(value)
      : 'champ inconnu';
    if (problem) {
      throw new ApiError(400, 'INVALID_JOB', `${kind} : ${field} : ${problem}.`, { field, value });
    }
  }
  const config = validateScoreConfig(body.config ?? {});
  return { ...body, config };
}

const geometryCache = new WeakMap<LoadedVintage, Map<string, Promise<Feature[]>>>();

/** The level's polygons, read once per loaded vintage. */
function levelFeatures(loaded: LoadedVintage, level: string): Promise<Feature[]> {
  let byLevel = geometryCache.get(loaded);
  if (!byLevel) geometryCache.set(loaded, (byLevel = new Map()));
  let features = byLevel.get(level);
  if (!features) {
    features = readFile(join(loaded.dir, levelGeometry(loaded, level)), 'utf8').then(
      (t) => (JSON.parse(t) as { features: Feature[] }).features,
    );
    byLevel.set(level, features);
  }
  return features;
}

/** The fields of a robustness request, checked before queuing (the model is built in the job). */
export const ROBUSTNESS_FIELDS: Record<string, Check> = {
  analysis: oneOf(['monteCarlo', 'sobol', 'redundancy']),
  replicates: integer(1, 20_000),
  baseSamples: integer(10, 5_000),
  bootstrap: integer(0, 5_000),
  topK: integer(1, 100),
  seed: integer(0, 2 ** 31),
  uncertainty: (v) =>
    typeof v === 'object' && v !== null && !Array.isArray(v)
      ? null
      : 'objet attendu (poids, normalisations…)',
};

/** The robustness request of a body: its scoring configuration and uncertainty options. */
export function robustnessRequest(body: JsonObject) {
  const request = checkBody('robustness', body, ROBUSTNESS_FIELDS);
  return {
    config: request.config,
    analysis: (request.analysis as 'monteCarlo' | 'sobol' | 'redundancy' | undefined) ?? 'monteCarlo',
    uncertainty: (request.uncertainty as RobustnessOptions | undefined) ?? {},
    replicates: request.replicates as number | undefined,
    baseSamples: request.baseSamples as number | undefined,
    bootstrap: request.bootstrap as number | undefined,
    topK: request.topK as number | undefined,
    seed: request.seed as number | undefined,
  };
}

/**
 * The engine's long computations as API jobs: `robustness` (Monte-Carlo rank intervals, Sobol
 * indices, redundancy), `spatial` (Moran's I, LISA, Gi* of a scoring's values over its level) and
 * `candidates` (candidate PTCE zones compared with the existing zonings). Bodies are checked
 * before queuing; the work runs in the job, with progress and cancellation. With
 * `robustnessWorkers`, a Monte-Carlo analysis runs in those threads, in parts at once (the same
 * figures as in one thread), off the event loop.
 */
export function engineJobHandlers(
  options: { robustnessWorkers?: RobustnessWorkers | null } = {},
): JobHandlers {
  const workers = options.robustnessWorkers ?? null;
  return {
    robustness: {
      prepare(loaded, body) {
        const r = robustnessRequest(body);
        // Configuration and uncertainty options are checked now (4xx), not in the job.
        const model = createRobustnessModel(loaded.vintage, r.config, r.uncertainty);
        return async (context) => {
          const control = {
            signal: context.signal,
            onProgress: (p: { done: number; total: number }) => {
              void context.checkpoint(p.total > 0 ? Math.min(0.99, p.done / p.total) : 0).catch(() => {});
            },
          };
          const seed = r.seed === undefined ? {} : { seed: r.seed };
          if (r.analysis === 'redundancy') return analyseRedundancy(model);
          if (r.analysis === 'sobol') {
            return runSobol(model, {
              ...control,
              ...seed,
              ...(r.baseSamples ? { baseSamples: r.baseSamples } : {}),
              ...(r.bootstrap !== undefined ? { bootstrap: r.bootstrap } : {}),
            });
          }
          return runMonteCarlo(model, {
            ...control,
            ...seed,
            ...(workers
              ? {
                  parallel: workers.parallel({
                    vintageDir: loaded.dir,
                    fingerprint: loaded.fingerprint,
                    config: r.config,
                    uncertainty: r.uncertainty,
                  }),
                }
              : {}),
            ...(r.replicates ? { replicates: r.replicates } : {}),
            ...(r.topK ? { topK: r.topK } : {}),
          });
        };
      },
    },
    spatial: {
      prepare(loaded, body) {
        const request = checkBody('spatial', body, {
          value: text(80),
          contiguity: oneOf(['queen', 'rook']),
          permutations: integer(0, 9999),
          alpha: number(1e-6, 0.5),
          correction: oneOf(['none', 'bonferroni', 'fdr']),
          seed: integer(0, 2 ** 31),
        });
        const level = request.config.level ?? 'commune';
        levelGeometry(loaded, level); // 404 now rather than in the job
        return async (context) => {
          const features = await levelFeatures(loaded, level);
          await context.checkpoint(0.2);
          const result = analyseSpatial(loaded.vintage, features, {
            ...defaultSpatialAnalysisOptions,
            ...request,
          });
          await context.checkpoint(1);
          return result;
        };
      },
    },
    candidates: {
      prepare(loaded, body) {
        const request = checkBody('candidates', body, {
          objective: oneOf(['score', 'need', 'potential']),
          minPopulation: number(0, 1e8),
          maxPopulation: number(0, 1e8),
          minCommunes: integer(1, 40_000),
          maxCommunes: integer(1, 40_000),
          sameEpci: (v) => (typeof v === 'boolean' ? null : 'booléen attendu'),
          excluded: codes,
          mustInclude: (v) =>
            typeof v === 'string' && /^[0-9AB]{5}$/.test(v) ? null : 'code commune attendu',
          count: integer(1, 20),
          seed: integer(0, 2 ** 31),
          restarts: integer(0, 10),
          compare: levels,
          intervals: integer(0, 5000),
        });
        const { intervals, ...zoneRequest } = request;
        return async (context) => {
          const features = await levelFeatures(loaded, 'commune');
          await context.checkpoint(0.1);
          const result = proposeCandidateZones(loaded.vintage, features, {
            ...defaultCandidateZoneRequest,
            ...(zoneRequest as Partial<typeof defaultCandidateZoneRequest>),
          });
          await context.checkpoint(0.5);
          if (!intervals) return result;
          // Rank intervals of every zone and unit under the robustness module's perturbations.
          return addRankIntervals(loaded.vintage, result, {
            replicates: intervals as number,
            signal: context.signal,
            onProgress: (p) => {
              void context.checkpoint(0.5 + 0.49 * (p.total > 0 ? p.done / p.total : 0)).catch(() => {});
            },
          });
        };
      },
    },
  };
}
