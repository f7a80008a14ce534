import { parentPort, workerData } from 'node:worker_threads';
import { isDataError } from './DataError.ts';
import { readFlatPolygonFile } from './flatPolygons.ts';
import type { PolygonFileMessage } from './polygonReader.ts';
// Waits for zoning levels to draw once the files are read (see `PolygonReader.handOver`).
import './dissolveLevels.worker.ts';

const post = (message: PolygonFileMessage, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

/**
 * Worker thread of `polygonReader`: reads its files in order, posting each one as it is done,
 * then becomes a zoning-level worker (`levelDrawer` takes it over), which saves starting another.
 */
for (const path of (workerData as { paths: string[] }).paths) {
  try {
    const file = readFlatPolygonFile(path);
    const { coords, coordStart, ringStart, ringOffset } = file;
    // Transferred, not copied: France's rings weigh some 35 MB.
    post({ path, file }, [coords.buffer, coordStart.buffer, ringStart.buffer, ringOffset.buffer]);
  } catch (error) {
    post(
      isDataError(error)
        ? { path, error: { ...error.toJSON(), hintEn: error.hintEn } }
        : { path, failed: true },
    );
  }
}
