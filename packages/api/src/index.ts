/**
 * Public surface of @ptce/api (exports kept in path order by Biome):
 *   - `build`, `app`, `loadConfig`: the Fastify application, for tests and embedders;
 *   - `openStore`, `createToken`: persistence and tokens (the `ptce token` command line);
 *   - `createEngineScorer`, `JobKindHandler`: extension points (scoring, long computations);
 *   - `RobustnessWorkers`: worker threads for Monte-Carlo parts (the `ptce robustness` command line).
 */
export { type AppOptions, app, type BuildOptions, build } from './app.ts';
export { type Access, type Principal, ROLES, type Role } from './auth/roles.ts';
export { type CreatedToken, createToken, hashToken } from './auth/tokens.ts';
export { type ApiConfig, ConfigError, loadConfig } from './config.ts';
export { ApiError, type ErrorBody, isApiError } from './errors.ts';
export { JOB_KINDS, type JobHandlers, type JobKind, type JobKindHandler } from './jobs/kinds.ts';
export type { JobContext, JobSnapshot, JobStatus, JobTask } from './jobs/runner.ts';
export type { ModelSource } from './robustness/protocol.ts';
export { RobustnessWorkers } from './robustness/robustnessWorkers.ts';
export { createEngineScorer, type ScoreOutput, type Scorer } from './scoring/scorer.ts';
export { DATABASE_FILE, openStore } from './store/openStore.ts';
export type * from './store/types.ts';
export { StoreError } from './store/types.ts';
export type { LoadedVintage } from './vintages/registry.ts';
