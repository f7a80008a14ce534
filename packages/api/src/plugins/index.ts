import auth from './auth.ts';
import errors from './errors.ts';
import security from './security.ts';
import services from './services.ts';
import store from './store.ts';
import swagger from './swagger.ts';
import ui from './ui.ts';
import vintages from './vintages.ts';

/** Infrastructure plugins, in registration order (each is wrapped by fastify-plugin: what it adds is app-wide). */
export const plugins = [errors, security, store, vintages, auth, services, swagger, ui];
