import { join } from 'node:path';
import {
  createRobustnessModel,
  isEngineError,
  type RobustnessProgress,
  runMonteCarlo,
  type ScoreConfig,
} from '@ptce/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { miniConfig } from '../../test/fixtures/miniFramework.ts';
import { FIXTURES_DIR } from '../../test/helpers.ts';
import { isApiError } from '../errors.ts';
import { type LoadedVintage, VintageRegistry } from '../vintages/registry.ts';
import type { ModelSource } from './protocol.ts';
import { RobustnessWorkers } from './robustnessWorkers.ts';

const CRASHING = new URL('../../test/fixtures/crashingRobustnessWorker.mjs', import.meta.url);
/** The fixture framework, typed as the engine takes it (its JSON literal widens `pillar` to string). */
const config = miniConfig as unknown as ScoreConfig;
const uncertainty = { normalisation: ['minMax' as const, 'rank' as const, 'zScore' as const] };

describe('RobustnessWorkers (real worker threads on the fixture vintage)', () => {
  let workers: RobustnessWorkers;
  let loaded: LoadedVintage;
  let source: ModelSource;

  beforeAll(async () => {
    loaded = await new VintageRegistry(FIXTURES_DIR, 'vintage-mini').load('vintage-mini');
    source = {
      vintageDir: join(FIXTURES_DIR, 'vintage-mini'),
      fingerprint: loaded.fingerprint,
      config,
      uncertainty,
    };
    workers = new RobustnessWorkers({ size: 2, entry: CRASHING });
  });
  afterAll(async () => workers.close());

  it('runMonteCarlo(model, { parallel: workers.parallel(source) }) gives the figures of the analysis in this thread', async () => {
    const model = createRobustnessModel(loaded.vintage, config, uncertainty);
    const here = await runMonteCarlo(model, { replicates: 400, seed: 3, topK: 2 });
    const progress: RobustnessProgress[] = [];
    const there = await runMonteCarlo(model, {
      replicates: 400,
      seed: 3,
      topK: 2,
      yieldEveryMs: 0,
      onProgress: (p) => progress.push(p),
      parallel: workers.parallel(source),
    });
    expect(there.territories).toEqual(here.territories);
    expect(there.draws).toEqual(here.draws);
    // Both workers took a part, and the progress of both adds up to every replicate.
    expect(workers.running).toBe(2);
    expect(progress.filter((p) => p.phase === 'scoring').at(-1)).toEqual({
      phase: 'scoring',
      done: 400,
      total: 400,
    });
  });

  it('an AbortSignal that fires cancels the parts in the workers: the analysis rejects with ABORTED', async () => {
    const model = createRobustnessModel(loaded.vintage, config, uncertainty);
    const controller = new AbortController();
    const error = await runMonteCarlo(model, {
      replicates: 200_000,
      seed: 4,
      yieldEveryMs: 5,
      signal: controller.signal,
      onProgress: () => controller.abort(),
      parallel: workers.parallel(source),
    }).catch((e: unknown) => e);
    expect(isEngineError(error) && error.code).toBe('ABORTED');
  });

  it('an engine error in a worker comes back as the same EngineError; a worker that dies fails its part with a 503, and the next analysis runs', async () => {
    const bad = await workers
      .run({ ...source, config: { level: 'nowhere' } }, { seed: 1, replicates: 10, topK: 1, groups: [0] })
      .catch((e: unknown) => e);
    expect(isEngineError(bad) && bad.code).toBe('UNKNOWN_LEVEL');
    const dead = await workers
      .run(source, { seed: 666, replicates: 10, topK: 1, groups: [0] })
      .catch((e: unknown) => e);
    expect(isApiError(dead) && dead.code).toBe('ROBUSTNESS_WORKER_CRASHED');
    const model = createRobustnessModel(loaded.vintage, config, uncertainty);
    const again = await runMonteCarlo(model, { replicates: 50, seed: 5, parallel: workers.parallel(source) });
    expect(again.territories).toEqual((await runMonteCarlo(model, { replicates: 50, seed: 5 })).territories);
  });

  it('workers with nothing to do stop after idleMs', async () => {
    const quick = new RobustnessWorkers({ size: 1, idleMs: 50 });
    try {
      await quick.run(source, { seed: 1, replicates: 20, topK: 1, groups: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] });
      expect(quick.running).toBe(1);
      await new Promise((r) => setTimeout(r, 400));
      expect(quick.running).toBe(0);
    } finally {
      await quick.close();
    }
  });
});
