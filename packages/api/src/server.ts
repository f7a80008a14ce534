/**
 * Starts the API: `pnpm --filter @ptce/api start` (settings from the environment, see config.ts
 * and the README). Serves the default vintage and the built map UI; closes cleanly (stops
 * accepting, finishes requests in flight, cancels jobs, closes the database) on SIGINT/SIGTERM.
 */
import { build } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`Configuration invalide — ${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const app = await build({ config });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // A request that hangs must not keep the process alive forever.
    const timer = setTimeout(() => {
      app.log.error('shutdown timed out after 10 s; exiting');
      process.exit(1);
    }, 10_000);
    timer.unref();
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'error while closing');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  // Decode the default vintage now rather than on the first request; a missing vintage is not
  // fatal (the API lists what exists and /ready says what is missing).
  app.vintages.load(config.defaultVintage).then(
    (loaded) =>
      app.log.info(
        { vintage: loaded.id, communes: loaded.vintage.communes.codes.length },
        'default vintage loaded',
      ),
    (error: unknown) =>
      app.log.warn(
        { vintage: config.defaultVintage, reason: (error as Error).message },
        'default vintage not available: build it with `pnpm ptce data build`',
      ),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`Le serveur n'a pas pu démarrer : ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
