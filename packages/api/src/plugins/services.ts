import { isEngineError } from '@ptce/engine';
import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import { errorReply } from '../http/errorReply.ts';
import type { JobHandlers } from '../jobs/kinds.ts';
import { JobRunner } from '../jobs/runner.ts';
import { ScorePool } from '../scoring/scorePool.ts';
import { ScoreService } from '../scoring/scoreService.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Scoring (in worker threads unless PTCE_SCORE_WORKERS=0) with its cache by hash of (vintage, configuration). */
    scoring: ScoreService;
    /** The long computations running in the process. */
    jobs: JobRunner;
    /** How each kind of job is started (robustness, spatial, candidates). */
    jobHandlers: JobHandlers;
  }
}

/** The computing services: scoring (cached; its workers stopped when the app closes) and the job runner (cancelled then). */
export default fp(
  async (fastify, { config, scorer, jobs }: AppOptions) => {
    const backend =
      scorer === 'workers'
        ? new ScorePool({
            size: config.scoreWorkers,
            data: { vintagesDir: config.vintagesDir, defaultVintage: config.defaultVintage },
            onExit: (exit) =>
              fastify.log.error(
                {
                  threadId: exit.threadId,
                  exitCode: exit.exitCode,
                  err: exit.error,
                  wasReady: exit.wasReady,
                },
                'score worker ended unexpectedly; starting another',
              ),
          })
        : scorer;
    const scoring = new ScoreService(backend, {
      entries: config.scoreCacheEntries,
      megabytes: config.scoreCacheMegabytes,
    });
    fastify.decorate('scoring', scoring);
    fastify.addHook('onClose', async () => scoring.close());
    const runner = new JobRunner({
      ttlMs: config.jobTtlSeconds * 1000,
      describeError: (error) => {
        const { body, fault } = errorReply(error);
        if (fault && !isEngineError(error)) fastify.log.error({ err: error }, 'job failed');
        return body;
      },
    });
    fastify.decorate('jobs', runner);
    fastify.decorate('jobHandlers', jobs);
    fastify.addHook('onClose', async () => runner.close());
  },
  { name: 'services', fastify: '5.x' },
);
