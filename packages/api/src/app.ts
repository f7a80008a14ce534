import { randomUUID } from 'node:crypto';
import { type TypeBoxTypeProvider, TypeBoxValidatorCompiler } from '@fastify/type-provider-typebox';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { type ApiConfig, loadConfig } from './config.ts';
import { errorReply } from './http/errorReply.ts';
import { engineJobHandlers } from './jobs/engineJobs.ts';
import type { JobHandlers } from './jobs/kinds.ts';
import { plugins } from './plugins/index.ts';
import { RobustnessWorkers } from './robustness/robustnessWorkers.ts';
import { apiRoutes, rootRoutes } from './routes/index.ts';
import { createEngineScorer, type Scorer } from './scoring/scorer.ts';
import { openStore } from './store/openStore.ts';
import type { Store } from './store/types.ts';

/** What every plugin and route of the app receives. */
export interface AppOptions {
  config: ApiConfig;
  store: Store;
  /** Close the store when the app closes (true when the app opened it). */
  ownsStore: boolean;
  jobs: JobHandlers;
  /**
   * How scorings run: `'workers'` in a pool of `config.scoreWorkers` worker threads, a function
   * on the event loop, `null` not at all (the score route then answers 501 `SCORING_UNAVAILABLE`).
   */
  scorer: Scorer | 'workers' | null;
}

export interface BuildOptions {
  /** Settings; the ones left out come from the environment (see config.ts for variables and defaults). */
  config?: Partial<ApiConfig>;
  /** Environment to read the settings from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** A store to use instead of opening the SQLite file in `config.dataDir` (the app will not close it). */
  store?: Store;
  /**
   * Computations behind `POST /api/vintages/:vid/jobs/:kind` (default: the engine's,
   * `engineJobHandlers()`, with `config.robustnessWorkers` threads); kinds left out answer 501.
   */
  jobs?: JobHandlers;
  /**
   * The scoring function, run on the event loop; default: the engine's, in `config.scoreWorkers`
   * worker threads, or on the event loop (`createEngineScorer()`, one per app) when that is 0.
   */
  scorer?: Scorer | null;
  /** Fastify logger option; default: JSON logs at `config.logLevel`. */
  logger?: FastifyServerOptions['logger'];
}

/** A request id: the caller's `x-request-id` when it looks sane, else a new UUID. */
function requestId(header: string | string[] | undefined): string {
  return typeof header === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(header) ? header : randomUUID();
}

/**
 * The application as a Fastify plugin: infrastructure plugins (`plugins/`), then routes
 * (`routes/`; those of `routes/api/` under `/api`). Registered from the static lists of
 * `plugins/index.ts` and `routes/index.ts` rather than with @fastify/autoload, which cannot
 * tell that tsx is loaded through `node --import` and refuses `.ts` files there.
 */
export const app = fp(
  async (fastify: FastifyInstance, options: AppOptions): Promise<void> => {
    for (const plugin of plugins) await fastify.register(plugin, options);
    for (const route of rootRoutes) await fastify.register(route, options);
    for (const route of apiRoutes) await fastify.register(route, { ...options, prefix: '/api' });
  },
  // Not encapsulated: the decorations (store, vintages...) are visible on the instance `build` returns.
  { name: 'ptce-api', fastify: '5.x' },
);

/**
 * Builds the Fastify instance (not listening): tests use it with `inject()`, `server.ts`
 * makes it listen.
 */
export async function build(options: BuildOptions = {}) {
  const config: ApiConfig = { ...loadConfig(options.env), ...options.config };
  const store = options.store ?? (await openStore(config.dataDir));
  const fastify = Fastify({
    logger: options.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    genReqId: (req) => requestId(req.headers['x-request-id']),
    return503OnClosing: true,
    routerOptions: { maxParamLength: 256 },
    // Malformed URLs (bad percent-encoding) get the same error body as everything else.
    frameworkErrors: (error, _request, reply) => {
      const { status, body } = errorReply(error);
      void (reply as FastifyReply).code(status).send(body);
    },
  })
    .withTypeProvider<TypeBoxTypeProvider>()
    .setValidatorCompiler(TypeBoxValidatorCompiler);
  try {
    const scorer =
      options.scorer !== undefined
        ? options.scorer
        : config.scoreWorkers > 0
          ? 'workers'
          : createEngineScorer();
    let jobs = options.jobs;
    if (!jobs) {
      const workers =
        config.robustnessWorkers > 0 ? new RobustnessWorkers({ size: config.robustnessWorkers }) : null;
      if (workers) fastify.addHook('onClose', async () => workers.close());
      jobs = engineJobHandlers({ robustnessWorkers: workers });
    }
    await fastify.register(app, { config, store, ownsStore: options.store === undefined, jobs, scorer });
  } catch (error) {
    if (options.store === undefined) await store.close();
    throw error;
  }
  return fastify;
}
