import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../lib/tsWorker.ts';
import { DataError } from './DataError.ts';
import { type FlatPolygonFile, readFlatPolygonFile } from './flatPolygons.ts';

/** What the worker posts for each file, in the order it was given them. */
export type PolygonFileMessage =
  | { path: string; file: FlatPolygonFile }
  /** A located error in the file (`DataError.toJSON()` plus the English hint). */
  | { path: string; error: ReturnType<DataError['toJSON']> & { hintEn: string } }
  /** Anything else went wrong: this thread reads the file again and meets the error itself. */
  | { path: string; failed: true };

export interface PolygonReader {
  /**
   * The file read and flattened: by the worker when it was given it and has not failed, else on
   * this thread. Throws the file's located `DataError`, wherever it was read.
   */
  read(path: string): Promise<FlatPolygonFile>;
  /** How many files the worker read (0 when it did not start). */
  readonly readInWorker: number;
  /**
   * The worker, once every file it was given has come back, for `levelDrawer`: it runs
   * `dissolveLevels.worker.ts` too, which saves starting another. Undefined when it failed or
   * still has files to post (they would be taken for levels). Later reads happen here.
   */
  handOver(): Worker | undefined;
  /** Stops the worker (unless handed over); later reads happen on this thread. */
  close(): void;
}

/**
 * Reads polygon files ahead in a worker thread, in the order given, while this thread does
 * other work (the INSEE tables are independent of the polygons): France's 101 files take a
 * second and a half to read, parse, check and flatten. Files are handed over without copying
 * (transferred typed arrays). Where no worker can start, or it stops, this thread reads them.
 * `useWorker: false` reads every file here, when asked for (small builds: a worker's start is
 * not worth it).
 */
export function polygonReader(
  paths: string[],
  useWorker: boolean,
  /** The worker's module (tests give one that cannot load). */
  entry = new URL('./polygonReader.worker.ts', import.meta.url),
): PolygonReader {
  const results = new Map<string, Promise<PolygonFileMessage | undefined>>();
  const settlers = new Map<string, (message: PolygonFileMessage | undefined) => void>();
  let worker: Worker | undefined;
  let waiting = 0;
  let readInWorker = 0;
  const onMessage = (message: PolygonFileMessage) => {
    settlers.get(message.path)?.(message);
    settlers.delete(message.path);
  };
  // Every file not yet posted falls back to this thread.
  const giveUp = () => {
    for (const settle of settlers.values()) settle(undefined);
    settlers.clear();
    worker?.off('message', onMessage);
    worker?.off('error', giveUp);
    worker?.off('exit', giveUp);
    worker = undefined;
  };
  if (useWorker && paths.length > 0) {
    for (const path of new Set(paths)) {
      results.set(path, new Promise((resolve) => settlers.set(path, resolve)));
    }
    try {
      const started = startTsWorker(entry, {
        workerData: { paths: [...results.keys()] },
      });
      worker = started;
      started.on('message', onMessage);
      // A worker that cannot load, or dies, leaves its remaining files to this thread.
      started.on('error', giveUp);
      started.on('exit', giveUp);
    } catch {
      giveUp();
    }
  }
  return {
    async read(path) {
      const result = results.get(path);
      results.delete(path); // Once: the arrays belong to the caller now.
      let message: PolygonFileMessage | undefined;
      if (result) {
        waiting++;
        worker?.ref(); // Until its file comes back.
        try {
          message = await result;
        } finally {
          if (--waiting === 0) worker?.unref();
        }
      }
      if (!message || 'failed' in message) return readFlatPolygonFile(path);
      if ('error' in message) {
        const { code, message: fr, messageEn, hint, hintEn, ...location } = message.error;
        throw new DataError(code, { fr, en: messageEn, hintFr: hint, hintEn }, location);
      }
      readInWorker++;
      return message.file;
    },
    get readInWorker() {
      return readInWorker;
    },
    handOver() {
      const ready = settlers.size === 0 ? worker : undefined;
      if (ready) giveUp();
      return ready;
    },
    close() {
      const stopping = worker;
      giveUp();
      if (stopping) void stopping.terminate();
    },
  };
}
