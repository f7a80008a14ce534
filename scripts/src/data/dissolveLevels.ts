import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../lib/tsWorker.ts';
import type { PolygonMesh } from './polygonMesh.ts';

/** One zoning level to draw: the unit of each polygon of the mesh (-1: none), each unit's properties. */
export interface LevelJob {
  groupOf: Int32Array;
  properties: Record<string, unknown>[];
}

/** The level's units dissolved from the mesh, as a GeoJSON FeatureCollection (units without a shape left out). */
export function levelFeatureCollection(mesh: PolygonMesh, job: LevelJob): Uint8Array {
  const shapes = mesh.dissolve(job.groupOf, job.properties.length);
  return mesh.featureCollection(
    job.properties.flatMap((properties, k) => {
      const shape = shapes[k];
      return shape ? [{ shape, properties }] : [];
    }),
  );
}

/**
 * Draws zoning levels on two threads: a worker takes the first `inWorker` jobs, this thread the
 * rest (a level costs a pass over every edge of the mesh and writing its text: France's eight
 * levels take two seconds on one core). Results come in the order of the jobs, so outputs do not
 * depend on which thread drew them. Where no worker can start, this thread draws them all.
 *
 * Create the drawer before building the mesh (the worker loads meanwhile), then `run` once.
 * `ready`: a worker that already runs `dissolveLevels.worker.ts` (the polygon reader's), used
 * instead of starting one.
 */
export function levelDrawer(ready?: Worker): {
  run(
    mesh: PolygonMesh,
    jobs: LevelJob[],
    inWorker: number,
  ): Promise<{ bytes: Uint8Array[]; drawnInWorker: number }>;
  close(): void;
} {
  let worker: Worker | undefined;
  let failure: unknown;
  try {
    worker = ready ?? startTsWorker(new URL('./dissolveLevels.worker.ts', import.meta.url));
    // A worker that cannot load reports it at once: remembered, and this thread draws instead.
    worker.on('error', (error) => {
      failure = error;
    });
  } catch (error) {
    failure = error;
  }
  const close = () => {
    if (worker) void worker.terminate();
    worker = undefined;
  };
  return {
    async run(mesh, jobs, inWorker) {
      const split = worker && !failure ? Math.min(inWorker, jobs.length) : 0;
      let drawnInWorker = split;
      const fromWorker =
        worker && split > 0 ? drawInWorker(worker, mesh, jobs.slice(0, split)) : Promise.resolve([]);
      // A rejection is handled below, once this thread has drawn its share.
      fromWorker.catch(() => {});
      const here = jobs.slice(split).map((job) => levelFeatureCollection(mesh, job));
      let there: Uint8Array[];
      try {
        there = await fromWorker;
      } catch {
        drawnInWorker = 0;
        there = jobs.slice(0, split).map((job) => levelFeatureCollection(mesh, job));
      }
      close();
      return { bytes: [...there, ...here], drawnInWorker };
    },
    close,
  };
}

function drawInWorker(worker: Worker, mesh: PolygonMesh, jobs: LevelJob[]): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const results: Uint8Array[] = [];
    const settle = (error?: unknown) => {
      worker.off('message', onMessage);
      worker.off('error', settle);
      worker.off('exit', onExit);
      if (error) reject(error);
      else resolve(results);
    };
    const onMessage = (bytes: Uint8Array) => {
      results.push(bytes);
      if (results.length === jobs.length) settle();
    };
    const onExit = () => settle(new Error('The zoning worker stopped before drawing every level.'));
    worker.ref(); // Until its levels come back.
    worker.on('message', onMessage);
    worker.on('error', settle);
    worker.on('exit', onExit);
    worker.postMessage({ mesh: mesh.state(), jobs });
  });
}
