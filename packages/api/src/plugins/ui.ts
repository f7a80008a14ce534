import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import type { ErrorBody } from '../errors.ts';

/**
 * What the paths outside the API serve: the built map UI (`PTCE_UI_DIST`, checked at start),
 * with `index.html` for unknown paths (the UI routes itself); a JSON 503 saying how to build it
 * when it is absent. Unknown `/api` paths and non-GET requests get a JSON 404.
 */
export default fp(
  async (fastify, { config }: AppOptions) => {
    const hasUi = existsSync(join(config.uiDist, 'index.html'));
    if (hasUi) {
      await fastify.register(fastifyStatic, {
        root: config.uiDist,
        wildcard: false,
        setHeaders: (reply, path) => {
          // Vite fingerprints everything under assets/: it can be kept forever.
          const immutable = path.includes(`${join(config.uiDist, 'assets')}`);
          reply.header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        },
      });
    } else {
      fastify.log.warn(
        { uiDist: config.uiDist },
        'map UI not built: run `pnpm --filter @ptce/map-ui build`, then restart (the API works meanwhile)',
      );
    }
    fastify.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const isPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api');
      if (!isPage) {
        const body: ErrorBody = {
          code: 'NOT_FOUND',
          message: `Aucune route ${request.method} ${path}. La liste des routes est sur /docs.`,
          details: { method: request.method, path },
        };
        return reply.code(404).send(body);
      }
      if (hasUi) return reply.header('cache-control', 'no-cache').sendFile('index.html');
      const body: ErrorBody = {
        code: 'UI_NOT_BUILT',
        message: `La carte n'est pas construite (${config.uiDist} absent) : lancez « pnpm --filter @ptce/map-ui build » puis redémarrez le serveur. L'API répond sous /api (documentation : /docs).`,
        details: { uiDist: config.uiDist },
      };
      return reply.code(503).send(body);
    });
  },
  { name: 'ui', fastify: '5.x' },
);
