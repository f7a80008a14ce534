import type { JsonObject } from '../store/types.ts';
import type { LoadedVintage } from '../vintages/registry.ts';
import type { JobTask } from './runner.ts';

/** The long computations the API runs as jobs (`POST /api/vintages/:vid/jobs/:kind`). */
export const JOB_KINDS = ['robustness', 'spatial', 'candidates'] as const;
export type JobKind = (typeof JOB_KINDS)[number];

/**
 * How one kind of job is started. `prepare` runs before the job is queued: it checks the
 * request body against the vintage and throws a coded error (EngineError or ApiError, answered
 * as a 4xx) for bad input, then returns the computation to run.
 */
export interface JobKindHandler {
  prepare(loaded: LoadedVintage, body: JsonObject): JobTask;
}

export type JobHandlers = Partial<Record<JobKind, JobKindHandler>>;
