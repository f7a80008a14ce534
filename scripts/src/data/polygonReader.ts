import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../lib/tsWorker.ts';
import { DataError } from './DataError.ts';
import { type FlatPolygonFile, readFlatPolygonFile } from './flatPolygons.ts';
import type { MeshState } from './polygonMesh.ts';

/** What the worker posts for each file, in the order it was given them. */
export type PolygonFileMessage =
  | { path: string; file: FlatPolygonFile }
  /** A located error in the file (`DataError.toJSON()` plus the English hint). */
  | { path: string; error: ReturnType<DataError['toJSON']> & { hintEn: string } }
  /** Anything else went wrong: this thread reads the file again and meets the error itself. */
  | { path: string; failed: true };

/** Posted last when the worker builds the mesh: null when a file failed or the mesh could not be built. */
export interface MeshMessage {
  mesh: MeshState | null;
}

export interface PolygonReaderOptions {
  /** Read in a worker thread (false: every file is read here, when asked for). */
  worker: boolean;
  /**
   * The worker then builds the mesh of all the files, in their order, in shared memory (see
   * `mesh`): for France, whose every polygon file is used, as it is.
   */
  mesh?: boolean;
  /** The worker's module (tests give one that cannot load). */
  entry?: URL;
}

export interface PolygonReader {
  /**
   * The file read and flattened: by the worker when it was given it and has not failed, else on
   * this thread. Throws the file's located `DataError`, wherever it was read.
   */
  read(path: string): Promise<FlatPolygonFile>;
  /**
   * The mesh of every polygon of `paths` in order, as the worker built it (`PolygonMesh.fromState`),
   * when it was asked to and `paths` are exactly the files it was given, in the same order;
   * otherwise undefined, at once or when the worker fails. Pass the files whose every polygon
   * the mesh is to hold.
   */
  mesh(paths: string[]): Promise<MeshState | undefined>;
  /** How many files the worker read (0 when it did not start). */
  readonly readInWorker: number;
  /**
   * The worker, once everything it was to post has come back, for `levelDrawer`: it runs
   * `dissolveLevels.worker.ts` too, which saves starting another. Undefined when it failed or
   * still has messages to post (they would be taken for levels). Later reads happen here.
   */
  handOver(): Worker | undefined;
  /** Stops the worker (unless handed over); later reads happen on this thread. */
  close(): void;
}

/**
 * Reads polygon files ahead in a worker thread, in the order given, while this thread does
 * other work (the INSEE tables are independent of the polygons): France's 101 files take a
 * second and a half to read, parse, check and flatten, and their mesh as long again. Files and
 * mesh come back without copying (transferred or shared typed arrays). Where no worker can
 * start, or it stops, this thread reads the files (and the caller builds the mesh).
 */
export function polygonReader(paths: string[], options: PolygonReaderOptions): PolygonReader {
  const entry = options.entry ?? new URL('./polygonReader.worker.ts', import.meta.url);
  const withMesh = options.worker && options.mesh === true;
  const results = new Map<string, Promise<PolygonFileMessage | undefined>>();
  const settlers = new Map<string, (message: PolygonFileMessage | undefined) => void>();
  const given = [...new Set(paths)];
  let settleMesh: ((state: MeshState | null | undefined) => void) | undefined;
  const meshResult = new Promise<MeshState | null | undefined>((resolve) => {
    settleMesh = resolve;
  });
  let worker: Worker | undefined;
  let waiting = 0;
  let readInWorker = 0;
  const finishMesh = (state: MeshState | null | undefined) => {
    settleMesh?.(state);
    settleMesh = undefined;
  };
  const onMessage = (message: PolygonFileMessage | MeshMessage) => {
    if ('mesh' in message) {
      finishMesh(message.mesh);
      return;
    }
    settlers.get(message.path)?.(message);
    settlers.delete(message.path);
  };
  // Every file not yet posted falls back to this thread, and the mesh to the caller.
  const giveUp = () => {
    for (const settle of settlers.values()) settle(undefined);
    settlers.clear();
    finishMesh(undefined);
    worker?.off('message', onMessage);
    worker?.off('error', giveUp);
    worker?.off('exit', giveUp);
    worker = undefined;
  };
  /** Waits for a message of the worker, keeping the process alive meanwhile. */
  const awaitWorker = async <T>(promise: Promise<T>): Promise<T> => {
    waiting++;
    worker?.ref();
    try {
      return await promise;
    } finally {
      if (--waiting === 0) worker?.unref();
    }
  };
  if (!withMesh) finishMesh(undefined); // Nothing to wait for.
  if (options.worker && given.length > 0) {
    for (const path of given) results.set(path, new Promise((resolve) => settlers.set(path, resolve)));
    try {
      const started = startTsWorker(entry, { workerData: { paths: given, mesh: withMesh } });
      worker = started;
      started.on('message', onMessage);
      // A worker that cannot load, or dies, leaves its remaining files to this thread.
      started.on('error', giveUp);
      started.on('exit', giveUp);
    } catch {
      giveUp();
    }
  } else {
    giveUp();
  }
  return {
    async read(path) {
      const result = results.get(path);
      results.delete(path); // Once: the arrays belong to the caller now.
      const message = result ? await awaitWorker(result) : undefined;
      if (!message || 'failed' in message) return readFlatPolygonFile(path);
      if ('error' in message) {
        const { code, message: fr, messageEn, hint, hintEn, ...location } = message.error;
        throw new DataError(code, { fr, en: messageEn, hintFr: hint, hintEn }, location);
      }
      readInWorker++;
      return message.file;
    },
    async mesh(used) {
      if (!withMesh || used.length !== given.length || used.some((path, k) => path !== given[k])) {
        return undefined;
      }
      return (await awaitWorker(meshResult)) ?? undefined;
    },
    get readInWorker() {
      return readInWorker;
    },
    handOver() {
      const ready = settlers.size === 0 && settleMesh === undefined ? worker : undefined;
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
