import fp from 'fastify-plugin';
import type { AppOptions } from '../app.ts';
import type { Store } from '../store/types.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** Scenarios, shortlists and tokens (SQLite by default, see store/). */
    store: Store;
  }
}

/** Makes the store available as `fastify.store`, and closes it with the app when the app opened it. */
export default fp(
  async (fastify, { store, ownsStore }: AppOptions) => {
    fastify.decorate('store', store);
    if (ownsStore) fastify.addHook('onClose', async () => store.close());
  },
  { name: 'store', fastify: '5.x' },
);
