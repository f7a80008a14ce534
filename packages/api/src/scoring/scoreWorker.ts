/**
 * A scoring worker thread: its own vintage registry (same folder, same ids as the main thread)
 * and its own engine scorer with its indicator-matrix cache. Scores one task at a time: the
 * engine, the serialisation and the compression, all off the event loop; the bytes go back
 * transferred. Started by ScorePool through scoreWorkerEntry.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ApiError } from '../errors.ts';
import { jsonBuffer } from '../http/jsonBuffer.ts';
import { compressSync, negotiateEncoding } from '../http/payload.ts';
import { type LoadedVintage, VintageRegistry } from '../vintages/registry.ts';
import { createEngineScorer } from './scorer.ts';
import {
  type FromWorker,
  type ScoreWorkerData,
  serializeError,
  type ToWorker,
  transferable,
} from './workerProtocol.ts';

const port = parentPort;
if (!port) throw new Error('scoreWorker.ts runs in a worker thread (see ScorePool)');
const { vintagesDir, defaultVintage } = workerData as ScoreWorkerData;
const registry = new VintageRegistry(vintagesDir, defaultVintage);
const scorer = createEngineScorer();

const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

/**
 * The vintage the main thread scored against: the registry notices a rebuild only every few
 * seconds, so a fingerprint that differs makes it read the folder again. If it still differs, the
 * folder changed between the two reads: the caller retries rather than get a stale result.
 */
async function loadFresh(id: string, fingerprint: string): Promise<LoadedVintage> {
  let loaded = await registry.load(id);
  if (loaded.fingerprint === fingerprint) return loaded;
  registry.evict(id);
  loaded = await registry.load(id);
  if (loaded.fingerprint === fingerprint) return loaded;
  throw new ApiError(
    503,
    'VINTAGE_CHANGED',
    `Le millésime « ${id} » vient d'être reconstruit pendant le calcul : relancez la demande.`,
    { vintageId: id },
  );
}

async function score(task: Extract<ToWorker, { type: 'score' }>): Promise<void> {
  try {
    const loaded = await loadFresh(task.vintageId, task.fingerprint);
    const result = scorer(loaded.vintage, task.config, task.context);
    const body = jsonBuffer(result, 'territories');
    const encoding = negotiateEncoding(task.acceptEncoding, body.length);
    // Results are made on demand: compressed fast (as CachedPayload does with `fast`). Only the form
    // the client takes crosses over: the main thread keeps no plain copy it does not need.
    const sent = transferable(encoding === 'identity' ? body : compressSync(body, encoding, true));
    post({ type: 'result', id: task.id, hash: result.hash, encoding, bytes: body.length, body: sent }, [
      sent,
    ]);
  } catch (error) {
    post({ type: 'error', id: task.id, error: serializeError(error) });
  }
}

// Tasks run one after the other: the pool sends a worker its next task only after an answer.
port.on('message', (message: ToWorker) => {
  if (message.type === 'score') void score(message);
  else if (message.type === 'evict') registry.evict(message.vintageId);
});

// Decode the default vintage before saying ready, so that the first scoring does not pay for it;
// a missing vintage is not the worker's concern (the main thread answers 404 before asking).
await registry.load(defaultVintage).catch(() => undefined);
post({ type: 'ready' });
