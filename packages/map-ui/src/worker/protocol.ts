/**
 * Messages between the UI thread and the scoring Web Worker. Every request carries an id that
 * its response repeats; `cancel` withdraws a request the worker has not started yet, or stops a
 * background one (robustness) that reads its cancel signal; long requests report progress.
 *
 * `Api` maps each request kind to its payload and result types, so that both ends are typed
 * from one table (see `scoringApi.ts` for the scoring worker's).
 */

/** Request kinds -> { payload, result }. */
export type ApiShape = Record<string, { payload: unknown; result: unknown }>;

export type WorkerRequest<Api extends ApiShape> =
  | { [K in keyof Api & string]: { id: number; kind: K; payload: Api[K]['payload'] } }[keyof Api & string]
  | { id: number; kind: 'cancel'; target: number };

/** An error as it crosses the worker boundary: a stable code, a French message, where. */
export interface WireError {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export type WorkerResponse =
  | { id: number; ok: true; result: unknown; ms: number }
  | { id: number; ok: false; error: WireError }
  /** The request was withdrawn (cancelled, or superseded by a newer one of the same kind). */
  | { id: number; ok: false; cancelled: true }
  /** Progress of a long request (0..1); its final answer comes later. */
  | { id: number; ok: null; progress: number };

/** The two ends of a message channel: a `Worker`, `self` in the worker, or an in-memory pair in tests. */
export interface Port {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
}

/** Turns anything thrown into a {@link WireError} (engine and UI errors keep their code). */
export function toWireError(error: unknown): WireError {
  if (error && typeof error === 'object' && 'code' in error && 'message' in error) {
    const e = error as { code: unknown; message: unknown; details?: unknown };
    return {
      code: String(e.code),
      message: String(e.message),
      details: (e.details as Record<string, unknown>) ?? {},
    };
  }
  return { code: 'WORKER_FAILURE', message: `Erreur de calcul : ${String(error)}`, details: {} };
}
