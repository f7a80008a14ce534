/**
 * A robustness worker thread: runs parts of Monte-Carlo analyses (`runMonteCarloShard`) on a model
 * it rebuilds from the same vintage, configuration and uncertainty options as the caller's, and
 * keeps for the next part (the model of a French analysis takes seconds to build). One part at a
 * time; an `abort` message cancels the running part. Started by RobustnessWorkers through
 * robustnessWorkerEntry.mjs.
 */
import { basename, dirname } from 'node:path';
import { parentPort } from 'node:worker_threads';
import { createRobustnessModel, type RobustnessModel, runMonteCarloShard } from '@ptce/engine';
import { ApiError } from '../errors.ts';
import { canonicalJson } from '../scoring/canonicalJson.ts';
import { serializeError } from '../scoring/workerProtocol.ts';
import { type LoadedVintage, VintageRegistry } from '../vintages/registry.ts';
import type { FromRobustnessWorker, ModelSource, ToRobustnessWorker } from './protocol.ts';

const port = parentPort;
if (!port) throw new Error('robustnessWorker.ts runs in a worker thread (see RobustnessWorkers)');

const registries = new Map<string, VintageRegistry>();
/** The last model built, by (vintage fingerprint, configuration, uncertainty options). */
let kept: { key: string; model: RobustnessModel } | null = null;
/** The cancel signal of the running part (the engine polls it). */
const running = new Map<number, { aborted: boolean }>();

const post = (message: FromRobustnessWorker, transfer: ArrayBuffer[] = []) =>
  port.postMessage(message, transfer);

async function load(source: ModelSource): Promise<LoadedVintage> {
  const parent = dirname(source.vintageDir);
  const id = basename(source.vintageDir);
  let registry = registries.get(parent);
  if (!registry) registries.set(parent, (registry = new VintageRegistry(parent, id)));
  let loaded = await registry.load(id);
  if (source.fingerprint === undefined || loaded.fingerprint === source.fingerprint) return loaded;
  registry.evict(id);
  loaded = await registry.load(id);
  if (loaded.fingerprint === source.fingerprint) return loaded;
  throw new ApiError(
    503,
    'VINTAGE_CHANGED',
    `Le millésime « ${id} » vient d'être reconstruit pendant l'analyse : relancez-la.`,
    { vintageId: id },
  );
}

async function model(source: ModelSource): Promise<RobustnessModel> {
  const loaded = await load(source);
  const key = `${loaded.fingerprint}\n${canonicalJson({ config: source.config, uncertainty: source.uncertainty })}`;
  if (kept?.key !== key) {
    kept = null; // the previous model is freed before the next is built
    kept = { key, model: createRobustnessModel(loaded.vintage, source.config, source.uncertainty) };
  }
  return kept.model;
}

async function runShard(task: Extract<ToRobustnessWorker, { type: 'shard' }>): Promise<void> {
  const signal = { aborted: false };
  running.set(task.id, signal);
  try {
    const result = await runMonteCarloShard(await model(task.source), task.shard, {
      signal,
      yieldEveryMs: task.yieldEveryMs,
      onProgress: (p) => {
        if (p.phase === 'scoring') post({ type: 'progress', id: task.id, done: p.done, total: p.total });
      },
    });
    const { tally } = result;
    const buffers =
      tally.kind === 'histogram' ? [tally.counts.buffer] : [tally.rows.buffer, tally.ranks.buffer];
    post({ type: 'result', id: task.id, result }, buffers as ArrayBuffer[]);
  } catch (error) {
    post({ type: 'error', id: task.id, error: serializeError(error) });
  } finally {
    running.delete(task.id);
  }
}

port.on('message', (message: ToRobustnessWorker) => {
  if (message.type === 'shard') void runShard(message);
  else {
    const signal = running.get(message.id);
    if (signal) signal.aborted = true;
  }
});
post({ type: 'ready' });
