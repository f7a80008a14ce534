import type { ApiShape, Port, WireError, WorkerRequest, WorkerResponse } from './protocol.ts';

/**
 * What a coalesced call resolves to: its result (with `superseded` when a newer request was
 * already waiting), or `stale` when a newer request replaced it before it was sent.
 */
export type Latest<T> = { stale: false; result: T; ms: number; superseded: boolean } | { stale: true };

export class WorkerCallError extends Error {
  override readonly name = 'WorkerCallError';
  readonly code: string;
  readonly details: Record<string, unknown>;
  constructor(error: WireError) {
    super(error.message);
    this.code = error.code;
    this.details = error.details;
  }
}

interface Job {
  payload: unknown;
  resolve: (r: Latest<unknown>) => void;
  reject: (e: unknown) => void;
}

/**
 * The UI side of the worker protocol. `call` is a plain request/response. `latest` coalesces:
 * while a request of the same kind runs, a new one waits, and a newer one replaces the waiting
 * one (which resolves `{ stale: true }` without ever being sent). A slider dragged through 30
 * positions thus costs at most two computations, and the last position is always computed.
 */
export class WorkerClient<Api extends ApiShape> {
  private nextId = 1;
  private readonly replies = new Map<number, (response: WorkerResponse) => void>();
  private readonly progress = new Map<number, (share: number) => void>();
  private readonly running = new Set<string>();
  private readonly waiting = new Map<string, Job>();
  /** Requests sent to the worker (not the coalesced ones): for tests and the bench. */
  sent = 0;

  constructor(private readonly port: Port) {
    port.addEventListener('message', (event) => {
      const response = event.data as WorkerResponse;
      if (response.ok === null) {
        this.progress.get(response.id)?.(response.progress);
        return;
      }
      const reply = this.replies.get(response.id);
      if (!reply) return;
      this.replies.delete(response.id);
      this.progress.delete(response.id);
      reply(response);
    });
  }

  /** Sends a request and resolves with its result; rejects with a {@link WorkerCallError}. */
  call<K extends keyof Api & string>(kind: K, payload: Api[K]['payload']): Promise<Api[K]['result']> {
    return this.start(kind, payload).result;
  }

  /**
   * Starts a request whose progress is reported (`onProgress`, 0..1) and that can be stopped with
   * `cancel(id)`; the result rejects with code `CANCELLED` when stopped.
   */
  start<K extends keyof Api & string>(
    kind: K,
    payload: Api[K]['payload'],
    onProgress?: (share: number) => void,
  ): { id: number; result: Promise<Api[K]['result']> } {
    const { id, response } = this.send(kind, payload);
    if (onProgress) this.progress.set(id, onProgress);
    const result = response.then((r) => {
      if (r.ok) return r.result as Api[K]['result'];
      if ('cancelled' in r)
        throw new WorkerCallError({ code: 'CANCELLED', message: 'Calcul annulé.', details: {} });
      throw new WorkerCallError((r as { error: WireError }).error);
    });
    return { id, result };
  }

  /** Coalesced request (see the class comment). Rejects with a {@link WorkerCallError} on failure. */
  latest<K extends keyof Api & string>(
    kind: K,
    payload: Api[K]['payload'],
  ): Promise<Latest<Api[K]['result']>> {
    return new Promise((resolve, reject) => {
      const job: Job = { payload, resolve: resolve as Job['resolve'], reject };
      if (this.running.has(kind)) {
        this.waiting.get(kind)?.resolve({ stale: true });
        this.waiting.set(kind, job);
      } else {
        this.run(kind, job);
      }
    });
  }

  /** Asks the worker to drop request `id` if it has not started it (it then answers `cancelled`). */
  cancel(id: number): void {
    this.port.postMessage({ id: this.nextId++, kind: 'cancel', target: id } satisfies WorkerRequest<Api>);
  }

  private run(kind: string, job: Job): void {
    this.running.add(kind);
    this.send(kind, job.payload).response.then((response) => {
      this.running.delete(kind);
      const next = this.waiting.get(kind);
      this.waiting.delete(kind);
      if (next) this.run(kind, next);
      if (response.ok)
        job.resolve({ stale: false, result: response.result, ms: response.ms, superseded: !!next });
      else if ('cancelled' in response || next)
        job.resolve({ stale: true }); // a newer request makes this error moot
      else job.reject(new WorkerCallError((response as { error: WireError }).error));
    });
  }

  /** Posts a request; returns its id (for `cancel`) and its response. */
  send(kind: string, payload: unknown): { id: number; response: Promise<WorkerResponse> } {
    const id = this.nextId++;
    this.sent++;
    const response = new Promise<WorkerResponse>((resolve) => this.replies.set(id, resolve));
    this.port.postMessage({ id, kind, payload } as WorkerRequest<Api>);
    return { id, response };
  }
}
