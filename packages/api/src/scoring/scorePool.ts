import { Worker } from 'node:worker_threads';
import type { ScoreContext } from '@ptce/engine';
import { ApiError } from '../errors.ts';
import type { Encoding } from '../http/payload.ts';
import type { JsonObject } from '../store/types.ts';
import { deserializeError, type FromWorker, type ScoreWorkerData, type ToWorker } from './workerProtocol.ts';

/** What a worker sends back for a scoring. */
export interface PooledScore {
  hash: string;
  encoding: Encoding;
  /** Length of the plain body. */
  bytes: number;
  /** Plain for `identity`, else compressed in `encoding`. */
  body: Buffer;
}

export interface PoolTask {
  vintageId: string;
  fingerprint: string;
  config: JsonObject;
  context: ScoreContext;
  acceptEncoding: string | undefined;
}

interface Pending {
  id: number;
  task: PoolTask;
  resolve: (score: PooledScore) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Kept: `worker.threadId` is -1 once the thread has ended. */
  threadId: number;
  ready: boolean;
  busy?: Pending;
  /** The uncaught exception that ended the worker, if one did. */
  error?: Error;
}

/** Told when a worker ends without being asked to (to log it). */
export type WorkerExitListener = (info: {
  threadId: number;
  exitCode: number;
  error?: Error;
  /** False when it died while starting: it is started again after a delay. */
  wasReady: boolean;
}) => void;

/** A worker that dies before it is ready is started again after this delay, not in a tight loop. */
const RESTART_DELAY_MS = 1000;

const ENTRY = new URL('./scoreWorkerEntry.mjs', import.meta.url);

const crashed = () =>
  new ApiError(
    503,
    'SCORING_WORKER_CRASHED',
    "Le fil de calcul du score s'est arrêté pendant cette demande ; il a été relancé : réessayez.",
  );
const cannotStart = () =>
  new ApiError(
    503,
    'SCORING_WORKERS_STARTING',
    'Les fils de calcul du score ne démarrent pas (voir le journal du serveur) : réessayez plus tard.',
  );
const closed = () =>
  new ApiError(
    503,
    'SCORING_CLOSED',
    "Le serveur s'arrête : le score n'est plus calculé. Réessayez plus tard.",
  );

/**
 * Worker threads that score (engine, serialisation, compression) so that the event loop only
 * routes requests: with N workers, N scorings run at once on N cores, and a long one (France,
 * ~200 ms) no longer holds up `/health` or the others. Tasks wait in one FIFO queue; each worker
 * takes one at a time. A worker that dies fails its task with a 503 and is replaced.
 */
export class ScorePool {
  readonly size: number;
  private readonly data: ScoreWorkerData;
  private readonly onExitListener: WorkerExitListener | undefined;
  private readonly entry: URL;
  private readonly slots = new Set<Slot>();
  private readonly queue: Pending[] = [];
  private nextId = 1;
  private closing = false;
  /** Workers replaced after dying (for the status route and the tests). */
  restarts = 0;

  /**
   * Starts `size` workers at once (they become ready a moment later: `whenReady`).
   * `entry`: the worker's module, default scoreWorkerEntry.mjs (tests give one that can crash).
   */
  constructor(options: { size: number; data: ScoreWorkerData; onExit?: WorkerExitListener; entry?: URL }) {
    const { size } = options;
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`ScorePool size ${size}: at least 1`);
    this.size = size;
    this.data = options.data;
    this.onExitListener = options.onExit;
    this.entry = options.entry ?? ENTRY;
    for (let i = 0; i < size; i++) this.spawn();
  }

  /** Workers that have started and can take tasks. */
  get readyWorkers(): number {
    let n = 0;
    for (const slot of this.slots) if (slot.ready) n++;
    return n;
  }

  /** Tasks waiting for a worker plus tasks being scored. */
  get pending(): number {
    let n = this.queue.length;
    for (const slot of this.slots) if (slot.busy) n++;
    return n;
  }

  /** The worker threads (tests terminate one to check that it is replaced). */
  workers(): Worker[] {
    return [...this.slots].map((s) => s.worker);
  }

  /** Resolves once `count` workers are ready (default: all). */
  async whenReady(count = this.size, timeoutMs = 60_000): Promise<void> {
    const start = Date.now();
    while (this.readyWorkers < count) {
      if (this.closing) throw closed();
      if (Date.now() - start > timeoutMs) throw new Error(`score workers not ready after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /**
   * Scores in a worker. Rejects with the engine's or the API's error as thrown in the worker
   * (same code, message, details), or a 503 `SCORING_WORKER_CRASHED` / `SCORING_CLOSED`.
   */
  score(task: PoolTask): Promise<PooledScore> {
    if (this.closing) return Promise.reject(closed());
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, task, resolve, reject });
      this.dispatch();
    });
  }

  /** Every worker forgets the vintage (re-read from disk on its next use). */
  evict(vintageId: string): void {
    const message: ToWorker = { type: 'evict', vintageId };
    for (const slot of this.slots) slot.worker.postMessage(message);
  }

  /** Fails what waits, stops the workers. */
  async close(): Promise<void> {
    this.closing = true;
    for (const pending of this.queue.splice(0)) pending.reject(closed());
    const slots = [...this.slots];
    this.slots.clear();
    for (const slot of slots) slot.busy?.reject(closed());
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (!slot.ready || slot.busy) continue;
      const pending = this.queue.shift()!;
      slot.busy = pending;
      const message: ToWorker = { type: 'score', id: pending.id, ...pending.task };
      try {
        slot.worker.postMessage(message);
      } catch (error) {
        // A configuration or context structured clone cannot copy: that request's fault alone.
        slot.busy = undefined;
        pending.reject(error as Error);
      }
    }
  }

  private spawn(): void {
    // execArgv empty: the entry registers tsx itself, and flags such as --expose-gc are refused in workers.
    const worker = new Worker(this.entry, { workerData: this.data, execArgv: [] });
    const slot: Slot = { worker, threadId: worker.threadId, ready: false };
    this.slots.add(slot);
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    // 'error' (an uncaught exception) is always followed by 'exit': replaced there.
    worker.on('error', (error) => {
      slot.error = error;
    });
    worker.once('exit', (exitCode) => this.onExit(slot, exitCode));
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'ready') {
      slot.ready = true;
      this.dispatch();
      return;
    }
    const pending = slot.busy;
    if (!pending || pending.id !== message.id) return;
    slot.busy = undefined;
    if (message.type === 'result') {
      pending.resolve({
        hash: message.hash,
        encoding: message.encoding,
        bytes: message.bytes,
        body: Buffer.from(message.body),
      });
    } else {
      pending.reject(deserializeError(message.error));
    }
    this.dispatch();
  }

  private onExit(slot: Slot, exitCode: number): void {
    if (!this.slots.delete(slot)) return; // closed
    slot.busy?.reject(crashed());
    if (this.closing) return;
    this.restarts++;
    this.onExitListener?.({ threadId: slot.threadId, exitCode, error: slot.error, wasReady: slot.ready });
    if (slot.ready) {
      this.spawn();
      return;
    }
    // No worker can start (tsx missing, a module that does not load): fail what waits rather than hang.
    if (this.readyWorkers === 0) for (const pending of this.queue.splice(0)) pending.reject(cannotStart());
    setTimeout(() => !this.closing && this.spawn(), RESTART_DELAY_MS).unref();
  }
}
