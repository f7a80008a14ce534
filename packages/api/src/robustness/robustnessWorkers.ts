import { Worker } from 'node:worker_threads';
import type { MonteCarloParallel, MonteCarloShard, MonteCarloShardResult, RunControl } from '@ptce/engine';
import { ApiError } from '../errors.ts';
import { deserializeError } from '../scoring/workerProtocol.ts';
import type { FromRobustnessWorker, ModelSource, ToRobustnessWorker } from './protocol.ts';

const ENTRY = new URL('./robustnessWorkerEntry.mjs', import.meta.url);
/** A worker with nothing to do for this long is stopped (a French model holds hundreds of MB). */
const DEFAULT_IDLE_MS = 60_000;
/** How often a cancel signal without events (the engine's `CancelSignal`) is looked at. */
const POLL_MS = 50;

interface Task {
  id: number;
  source: ModelSource;
  shard: MonteCarloShard;
  control: RunControl;
  resolve: (result: MonteCarloShardResult) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  busy?: Task;
  idle?: NodeJS.Timeout;
  /** The uncaught exception that ended the worker, if one did. */
  error?: Error;
}

const crashed = (error?: Error) =>
  new ApiError(
    503,
    'ROBUSTNESS_WORKER_CRASHED',
    `Un fil de calcul de l'analyse de robustesse s'est arrêté${error ? ` (${error.message})` : ''} : relancez l'analyse.`,
  );
const closed = () =>
  new ApiError(503, 'ROBUSTNESS_CLOSED', "Le serveur s'arrête : l'analyse de robustesse est interrompue.");

/**
 * Worker threads that run the parts of Monte-Carlo analyses ({@link MonteCarloParallel}): an
 * analysis is split by the engine into `size` parts that run at once, one per core, with the same
 * figures as in one thread. Workers start on first use, keep the last model they built (the next
 * analysis on the same vintage and configuration reuses it) and stop after `idleMs` without work.
 * Used by the API's robustness jobs and by the command line.
 */
export class RobustnessWorkers {
  readonly size: number;
  private readonly idleMs: number;
  private readonly entry: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closing = false;

  constructor(options: { size: number; idleMs?: number; entry?: URL }) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`RobustnessWorkers size ${options.size}: at least 1`);
    }
    this.size = options.size;
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.entry = options.entry ?? ENTRY;
  }

  /** Workers running now (started and not stopped). */
  get running(): number {
    return this.slots.size;
  }

  /** The engine's parallel runner for an analysis on `source` (pass it as `runMonteCarlo`'s `parallel`). */
  parallel(source: ModelSource): MonteCarloParallel {
    return { shards: this.size, run: (shard, control) => this.run(source, shard, control) };
  }

  /** Runs one part in a worker; rejects with the engine's error as thrown there (ABORTED...). */
  run(source: ModelSource, shard: MonteCarloShard, control: RunControl = {}): Promise<MonteCarloShardResult> {
    if (this.closing) return Promise.reject(closed());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, source, shard, control, resolve, reject });
      this.dispatch();
    });
  }

  /** Fails what waits and runs, stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    for (const task of this.queue.splice(0)) task.reject(closed());
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) {
      clearTimeout(slot.idle);
      slot.busy?.reject(closed());
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.ready && !slot.busy) this.start(slot, this.queue.shift()!);
    }
    // Tasks left: start workers for them (they take a task once ready), up to `size`.
    const starting = [...this.slots].filter((s) => !s.ready).length;
    for (let k = starting; k < this.queue.length && this.slots.size < this.size; k++) this.spawn();
  }

  private spawn(): Slot {
    // execArgv empty: the entry registers tsx itself, and flags such as --expose-gc are refused in workers.
    const slot: Slot = { worker: new Worker(this.entry, { execArgv: [] }), ready: false };
    this.slots.add(slot);
    slot.worker.on('message', (message: FromRobustnessWorker) => this.onMessage(slot, message));
    slot.worker.on('error', (error) => {
      slot.error = error;
    });
    slot.worker.once('exit', () => {
      if (!this.slots.delete(slot)) return; // closed, or stopped when idle
      clearTimeout(slot.idle);
      if (slot.busy) slot.busy.reject(crashed(slot.error));
      // A worker that cannot start fails what waits rather than being started again and again.
      else if (!slot.ready) for (const task of this.queue.splice(0)) task.reject(crashed(slot.error));
      this.dispatch();
    });
    return slot;
  }

  private start(slot: Slot, task: Task): void {
    clearTimeout(slot.idle);
    slot.busy = task;
    slot.worker.ref();
    const message: ToRobustnessWorker = {
      type: 'shard',
      id: task.id,
      source: task.source,
      shard: task.shard,
      yieldEveryMs: task.control.yieldEveryMs,
    };
    slot.worker.postMessage(message);
    // Forward a cancellation: at once for an AbortSignal, by polling for any other CancelSignal.
    const signal = task.control.signal;
    if (!signal) return;
    const abort = () => {
      if (slot.busy === task)
        slot.worker.postMessage({ type: 'abort', id: task.id } satisfies ToRobustnessWorker);
    };
    if (typeof (signal as AbortSignal).addEventListener === 'function') {
      if (signal.aborted) abort();
      else (signal as AbortSignal).addEventListener('abort', abort, { once: true });
    } else {
      const poll = setInterval(() => {
        if (slot.busy !== task) clearInterval(poll);
        else if (signal.aborted) {
          abort();
          clearInterval(poll);
        }
      }, POLL_MS);
      poll.unref();
    }
  }

  private onMessage(slot: Slot, message: FromRobustnessWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const task = slot.busy;
    if (!task || task.id !== message.id) return;
    if (message.type === 'progress') {
      task.control.onProgress?.({ phase: 'scoring', done: message.done, total: message.total });
      return;
    }
    slot.busy = undefined;
    // Not kept alive for nothing while idle: a command line ends when its work is done.
    slot.worker.unref();
    if (message.type === 'result') task.resolve(message.result);
    else task.reject(deserializeError(message.error, 'robustness worker'));
    slot.idle = setTimeout(() => {
      if (slot.busy || !this.slots.delete(slot)) return;
      void slot.worker.terminate();
    }, this.idleMs);
    slot.idle.unref();
    this.dispatch();
  }
}
