import type { MonteCarloShard, MonteCarloShardResult, RobustnessOptions, ScoreConfig } from '@ptce/engine';
import type { SerializedError } from '../scoring/workerProtocol.ts';

/** What a robustness part needs to rebuild the analysis' model in a worker: plain data. */
export interface ModelSource {
  /** The vintage folder (absolute), read by a VintageRegistry on its parent folder. */
  vintageDir: string;
  /** The vintage's fingerprint as the caller read it: the worker re-reads until it has the same one. */
  fingerprint?: string;
  config: ScoreConfig;
  uncertainty: RobustnessOptions;
}

/** Main thread -> robustness worker. */
export type ToRobustnessWorker =
  | { type: 'shard'; id: number; source: ModelSource; shard: MonteCarloShard; yieldEveryMs?: number }
  | { type: 'abort'; id: number };

/** Robustness worker -> main thread. Tally buffers travel transferred. */
export type FromRobustnessWorker =
  /** Listening: the worker takes parts (a message sent before could reach another listener). */
  | { type: 'ready' }
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; result: MonteCarloShardResult }
  | { type: 'error'; id: number; error: SerializedError };
