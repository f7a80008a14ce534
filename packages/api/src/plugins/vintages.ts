import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import { VintageRegistry } from '../vintages/registry.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The dataset vintages of `PTCE_VINTAGES_DIR`, loaded on first use. */
    vintages: VintageRegistry;
  }
}

export default fp(
  async (fastify, { config }: AppOptions) => {
    fastify.decorate('vintages', new VintageRegistry(config.vintagesDir, config.defaultVintage));
  },
  { name: 'vintages', fastify: '5.x' },
);
