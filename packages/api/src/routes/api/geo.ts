import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sendPayload } from '../../http/payload.ts';
import { errorResponses, VintageParams } from '../../schemas/common.ts';
import { FeatureCollectionSchema, LevelParams } from '../../schemas/vintages.ts';
import { levelGeometry } from '../../vintages/levels.ts';

const GEOJSON = 'application/geo+json; charset=utf-8';
const schema = {
  tags: ['vintages'],
  response: { 200: FeatureCollectionSchema, ...errorResponses(404, 503) },
};
const config = { access: 'vintages' } as const;

/**
 * Geometries of a vintage as GeoJSON (WGS84, simplified for the web by `ptce data build`),
 * sent as written with an ETag and precompressed bodies.
 */
const geo: FastifyPluginAsyncTypebox = async (fastify) => {
  for (const [name, summary] of [
    ['context', 'Contours des départements (propriété inScope)'],
    ['places', 'Principales villes (points, propriété population)'],
  ] as const) {
    fastify.get(
      `/vintages/:vid/geo/${name}`,
      { schema: { ...schema, summary, params: VintageParams }, config },
      async (request, reply) =>
        sendPayload(
          request,
          reply,
          await fastify.vintages.file(request.params.vid, `geo/${name}.geojson`, GEOJSON),
        ),
    );
  }

  fastify.get(
    '/vintages/:vid/geo/:level',
    {
      schema: {
        ...schema,
        summary: "Territoires d'un niveau (commune, epci, ...) en GeoJSON",
        params: LevelParams,
      },
      config,
    },
    async (request, reply) => {
      const { vid, level } = request.params;
      const path = levelGeometry(await fastify.vintages.load(vid), level);
      return sendPayload(request, reply, await fastify.vintages.file(vid, path, GEOJSON));
    },
  );
};

export default geo;
