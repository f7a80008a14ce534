import { parentPort, workerData } from 'node:worker_threads';
import { isDataError } from './DataError.ts';
import { communePolygons, type FlatPolygonFile, readFlatPolygonFile } from './flatPolygons.ts';
import { type MeshState, PolygonMesh } from './polygonMesh.ts';
import type { MeshMessage, PolygonFileMessage } from './polygonReader.ts';
// Waits for zoning levels to draw once the files are read (see `PolygonReader.handOver`).
import './dissolveLevels.worker.ts';

const post = (message: PolygonFileMessage | MeshMessage, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

/**
 * Worker thread of `polygonReader`: reads its files in order, posting each one as it is done,
 * builds their mesh when asked to, then becomes a zoning-level worker (`levelDrawer` takes it
 * over), which saves starting another.
 */
const { paths, mesh } = workerData as { paths: string[]; mesh: boolean };
const files: FlatPolygonFile[] = [];
for (const path of paths) {
  try {
    // For the mesh, the arrays are shared with the main thread instead of handed over.
    const file = readFlatPolygonFile(path, mesh);
    const { coords, coordStart, ringStart, ringOffset } = file;
    if (mesh) {
      files.push(file);
      post({ path, file });
    } else {
      const buffers = [coords.buffer, coordStart.buffer, ringStart.buffer, ringOffset.buffer];
      post({ path, file }, buffers as ArrayBuffer[]);
    }
  } catch (error) {
    post(
      isDataError(error)
        ? { path, error: { ...error.toJSON(), hintEn: error.hintEn } }
        : { path, failed: true },
    );
  }
}
if (mesh) {
  let state: MeshState | null = null;
  if (files.length === paths.length) {
    try {
      const geometries = files.flatMap((file) => communePolygons(file).map((f) => f.geometry));
      // state() prints the vertices too: both threads write geometries with them.
      state = new PolygonMesh(geometries, { shared: true }).state();
    } catch {
      state = null; // The main thread builds it, and meets the error if there is one.
    }
  }
  post({ mesh: state });
}
