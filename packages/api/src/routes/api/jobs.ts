import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { createRobustnessModel, estimateRuns } from '@ptce/engine';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../../errors.ts';
import { robustnessRequest } from '../../jobs/engineJobs.ts';
import { TooManyJobsError } from '../../jobs/runner.ts';
import { errorResponses, JsonObjectSchema, VintageParams } from '../../schemas/common.ts';
import {
  JobAcceptedSchema,
  JobIdParams,
  JobKindParams,
  JobSchema,
  RunEstimateSchema,
} from '../../schemas/jobs.ts';

const tags = ['score'];

/** Jobs belong to the token that started them (admins see all); anonymous jobs are reachable by their random id. */
function owner(request: FastifyRequest): { owner: string | null; isAdmin: boolean } {
  return { owner: request.principal?.tokenId ?? null, isAdmin: request.principal?.role === 'admin' };
}

function notFound(id: string): ApiError {
  return new ApiError(
    404,
    'JOB_NOT_FOUND',
    `Calcul ${id} introuvable (inconnu, expiré, ou lancé par un autre jeton).`,
    {
      id,
    },
  );
}

/** Long computations (robustness, spatial statistics, candidate zones): start, follow, cancel. */
const jobs: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.post(
    '/vintages/:vid/jobs/:kind',
    {
      schema: {
        tags,
        summary: 'Lancer un calcul long (robustness, spatial, candidates) : 202 { jobId }',
        params: JobKindParams,
        body: JsonObjectSchema,
        response: { 202: JobAcceptedSchema, ...errorResponses(404, 501, 503) },
      },
      config: { access: 'score' },
    },
    async (request, reply) => {
      const { vid, kind } = request.params;
      const handler = fastify.jobHandlers[kind];
      if (!handler) {
        throw new ApiError(
          501,
          'JOB_KIND_UNAVAILABLE',
          `Le calcul « ${kind} » n'est pas encore disponible dans ce serveur.`,
          {
            kind,
          },
        );
      }
      const loaded = await fastify.vintages.load(vid);
      const task = handler.prepare(loaded, request.body);
      try {
        const jobId = fastify.jobs.submit(kind, vid, owner(request).owner, task);
        return reply.code(202).header('location', `/api/jobs/${jobId}`).send({ jobId });
      } catch (error) {
        if (error instanceof TooManyJobsError) {
          throw new ApiError(
            429,
            'TOO_MANY_JOBS',
            `Déjà ${error.limit} calculs en cours ou en attente pour vous : attendez leur fin ou annulez-en un.`,
            { limit: error.limit },
          );
        }
        throw error;
      }
    },
  );

  fastify.post(
    '/vintages/:vid/robustness/estimate',
    {
      schema: {
        tags,
        summary: "Coût d'une analyse de robustesse avant de la lancer : nombre de calculs du modèle",
        params: VintageParams,
        body: JsonObjectSchema,
        response: { 200: RunEstimateSchema, ...errorResponses(404) },
      },
      config: { access: 'score' },
    },
    async (request) => {
      const loaded = await fastify.vintages.load(request.params.vid);
      const r = robustnessRequest(request.body);
      const model = createRobustnessModel(loaded.vintage, r.config, r.uncertainty);
      if (r.analysis === 'redundancy') {
        return {
          analysis: 'redundancy' as const,
          runs: 0,
          factors: 0,
          fullScorings: 0,
          message: 'Corrélations et alpha de Cronbach : aucun calcul supplémentaire du modèle.',
        };
      }
      return estimateRuns(
        model,
        r.analysis === 'sobol'
          ? { analysis: 'sobol', baseSamples: r.baseSamples }
          : { analysis: 'monteCarlo', replicates: r.replicates },
      );
    },
  );

  fastify.get(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: "État d'un calcul : status, progress (0..1), result ou error",
        params: JobIdParams,
        response: { 200: JobSchema, ...errorResponses(404) },
      },
      config: { access: 'score' },
    },
    async (request) => {
      const { owner: who, isAdmin } = owner(request);
      const job = fastify.jobs.get(request.params.id, who, isAdmin);
      if (!job) throw notFound(request.params.id);
      return job;
    },
  );

  fastify.delete(
    '/jobs/:id',
    {
      schema: {
        tags,
        summary: 'Annuler un calcul',
        params: JobIdParams,
        response: { 200: JobSchema, ...errorResponses(404) },
      },
      config: { access: 'score' },
    },
    async (request) => {
      const { owner: who, isAdmin } = owner(request);
      if (!fastify.jobs.cancel(request.params.id, who, isAdmin)) throw notFound(request.params.id);
      return fastify.jobs.get(request.params.id, who, isAdmin)!;
    },
  );
};

export default jobs;
