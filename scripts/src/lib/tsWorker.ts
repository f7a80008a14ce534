import { Worker, type WorkerOptions } from 'node:worker_threads';

/**
 * Starts a worker thread on a TypeScript module of this package. Node does not start a worker
 * from a .ts file, even under tsx: a small script loads it through tsx's API. The worker is
 * unref'd (it never keeps the process alive by itself): ref it while waiting for its messages.
 * Throws when no worker can be created; a module that fails to load reports it by an `error`
 * event.
 */
export function startTsWorker(entry: URL, options: Omit<WorkerOptions, 'eval'> = {}): Worker {
  const tsx = import.meta.resolve('tsx/esm/api');
  const href = JSON.stringify(entry.href);
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${href}, ${href}));`,
    { ...options, eval: true },
  );
  worker.unref();
  return worker;
}
