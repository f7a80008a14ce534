import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { defaultConfig, defaultFramework } from '@ptce/engine';
import { CachedPayload, sendPayload } from '../../http/payload.ts';
import { errorResponses, OpenObjectSchema } from '../../schemas/common.ts';

/** The engine's defaults, as JSON: the default PTCE framework and the full default scoring configuration. */
const frameworks: FastifyPluginAsyncTypebox = async (fastify) => {
  const json = 'application/json; charset=utf-8';
  const framework = new CachedPayload(JSON.stringify(defaultFramework), json);
  const config = new CachedPayload(JSON.stringify(defaultConfig), json);

  fastify.get(
    '/frameworks/default',
    {
      schema: {
        tags: ['score'],
        summary: 'Le cadre PTCE par défaut du moteur (dimensions, indicateurs, formules, justifications)',
        response: { 200: OpenObjectSchema, ...errorResponses() },
      },
      config: { access: 'vintages' },
    },
    async (request, reply) => sendPayload(request, reply, framework),
  );

  fastify.get(
    '/config/default',
    {
      schema: {
        tags: ['score'],
        summary: 'La configuration de score par défaut (niveau, cadre, méthodes documentées, filtres)',
        response: { 200: OpenObjectSchema, ...errorResponses() },
      },
      config: { access: 'vintages' },
    },
    async (request, reply) => sendPayload(request, reply, config),
  );
};

export default frameworks;
