import { parentPort } from 'node:worker_threads';
import { type LevelJob, levelFeatureCollection } from './dissolveLevels.ts';
import { type MeshState, PolygonMesh } from './polygonMesh.ts';

/** Worker thread of `levelDrawer`: draws the levels it is sent, posting each one's bytes in order. */
parentPort?.once('message', ({ mesh, jobs }: { mesh: MeshState; jobs: LevelJob[] }) => {
  const rebuilt = PolygonMesh.fromState(mesh);
  for (const job of jobs) parentPort?.postMessage(levelFeatureCollection(rebuilt, job));
});
