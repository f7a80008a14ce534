import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sendPayload } from '../../http/payload.ts';
import { errorResponses, OpenObjectSchema, VintageParams } from '../../schemas/common.ts';
import { VintageSummarySchema } from '../../schemas/vintages.ts';

const read = { access: 'vintages' } as const;

/** Dataset vintages: the list, each one's manifest (provenance), build report, files and catalogue. */
const vintages: FastifyPluginAsyncTypebox = async (fastify) => {
  fastify.get(
    '/vintages',
    {
      schema: {
        tags: ['vintages'],
        summary: 'Millésimes disponibles',
        response: { 200: Type.Array(VintageSummarySchema), ...errorResponses() },
      },
      config: read,
    },
    async () => fastify.vintages.list(),
  );

  /** One file of the vintage folder, sent as written (cached, compressed once, ETag). */
  const file = (suffix: string, name: string, summary: string, contentType?: string) =>
    fastify.get(
      `/vintages/:vid${suffix}`,
      {
        schema: {
          tags: ['vintages'],
          summary,
          params: VintageParams,
          response: { 200: OpenObjectSchema, ...errorResponses(404, 503) },
        },
        config: read,
      },
      async (request, reply) =>
        sendPayload(request, reply, await fastify.vintages.file(request.params.vid, name, contentType)),
    );
  file('', 'manifest.json', 'Manifeste du millésime (provenance, comptes, avertissements)');
  file(
    '/report',
    'report.md',
    'Rapport de construction (Markdown, français)',
    'text/markdown; charset=utf-8',
  );
  file('/variables', 'variables.json', 'Catalogue des variables');
  file('/zonings', 'zonings.json', 'Zonages et leurs unités');

  fastify.get(
    '/vintages/:vid/data',
    {
      schema: {
        tags: ['vintages'],
        summary: 'Les quatre fichiers JSON du millésime, pour le calcul dans le navigateur',
        description: '`{ manifest, variables, communes, zonings }`, tels qu’écrits par `ptce data build`.',
        params: VintageParams,
        response: { 200: OpenObjectSchema, ...errorResponses(404, 503) },
      },
      config: read,
    },
    async (request, reply) => sendPayload(request, reply, await fastify.vintages.bundle(request.params.vid)),
  );

  fastify.post(
    '/vintages/:vid/reload',
    {
      schema: {
        tags: ['vintages'],
        summary: 'Relire le millésime depuis le disque et vider le cache des scores (admin)',
        params: VintageParams,
        response: {
          200: Type.Object({ id: Type.String(), communes: Type.Integer() }),
          ...errorResponses(404, 503),
        },
      },
      config: { access: 'admin' },
    },
    async (request) => {
      const { vid } = request.params;
      fastify.vintages.evict(vid);
      fastify.scoring.clear(vid);
      const loaded = await fastify.vintages.load(vid);
      request.log.info({ vintage: vid, by: request.principal?.name }, 'vintage reloaded');
      return { id: vid, communes: loaded.vintage.communes.codes.length };
    },
  );
};

export default vintages;
