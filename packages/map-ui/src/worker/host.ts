import {
  type ApiShape,
  type Port,
  toWireError,
  type WorkerRequest,
  type WorkerResponse,
} from './protocol.ts';

/** What a handler may read besides its payload: a cancel flag and a progress callback. */
export interface HandlerControl {
  signal: { readonly aborted: boolean };
  progress(share: number): void;
}

/** The worker's handlers, one per request kind. A handler may return transferable buffers. */
export type Handlers<Api extends ApiShape> = {
  [K in keyof Api & string]: (
    payload: Api[K]['payload'],
    control: HandlerControl,
  ) =>
    | Api[K]['result']
    | { result: Api[K]['result']; transfer: Transferable[] }
    | Promise<Api[K]['result'] | { result: Api[K]['result']; transfer: Transferable[] }>;
};

/** Marks a handler's return value as carrying buffers to transfer rather than copy. */
export function withTransfer<T>(
  result: T,
  transfer: Transferable[],
): { result: T; transfer: Transferable[] } {
  return { result, transfer, [TRANSFER]: true } as { result: T; transfer: Transferable[] };
}
const TRANSFER = Symbol('transfer');

/**
 * The worker side of the protocol. Messages are queued and handled one at a time; before each
 * request, the queue is drained of `cancel`s, and a request is answered `cancelled` when it was
 * cancelled or, for the kinds listed in `coalesce`, when a newer request of the same kind is
 * already queued (only the latest scoring matters). Kinds listed in `background` (long runs that
 * yield to the event loop, such as robustness) start at once beside the queue, so scoring stays
 * responsive meanwhile, and `cancel` sets their signal. `schedule` defers work so that messages
 * posted in a burst are all queued first.
 */
export function serveWorker<Api extends ApiShape>(
  port: Port,
  handlers: Handlers<Api>,
  options: {
    coalesce?: (keyof Api & string)[];
    background?: (keyof Api & string)[];
    schedule?: (run: () => void) => void;
  } = {},
): void {
  const { coalesce = [], background = [], schedule = (run: () => void) => setTimeout(run, 0) } = options;
  const signals = new Map<number, { aborted: boolean }>();
  type Call = { id: number; kind: string; payload: unknown };
  const queue: Call[] = [];
  const cancelled = new Set<number>();
  let busy = false;

  const reply = (response: WorkerResponse, transfer: Transferable[] = []) =>
    port.postMessage(response, transfer);

  const execute = async (request: Call) => {
    const t0 = performance.now();
    const signal = { aborted: false };
    signals.set(request.id, signal);
    const control: HandlerControl = {
      signal,
      progress: (share) => reply({ id: request.id, ok: null, progress: share }),
    };
    try {
      const handler = handlers[request.kind as keyof Api & string] as (
        p: unknown,
        c: HandlerControl,
      ) => unknown;
      if (!handler)
        throw { code: 'UNKNOWN_REQUEST', message: `Requête inconnue : ${request.kind}`, details: {} };
      const out = await handler(request.payload, control);
      const marked = out !== null && typeof out === 'object' && TRANSFER in out;
      const result = marked ? (out as unknown as { result: unknown }).result : out;
      const transfer = marked ? (out as unknown as { transfer: Transferable[] }).transfer : [];
      reply({ id: request.id, ok: true, result, ms: performance.now() - t0 }, transfer);
    } catch (error) {
      if (signal.aborted) reply({ id: request.id, ok: false, cancelled: true });
      else reply({ id: request.id, ok: false, error: toWireError(error) });
    } finally {
      signals.delete(request.id);
      cancelled.delete(request.id);
    }
  };

  const pump = async () => {
    if (busy) return;
    busy = true;
    while (queue.length) {
      const request = queue.shift()!;
      const newer =
        coalesce.includes(request.kind) && queue.some((q) => q.kind === request.kind && !cancelled.has(q.id));
      if (cancelled.delete(request.id) || newer) {
        reply({ id: request.id, ok: false, cancelled: true });
        continue;
      }
      await execute(request);
    }
    busy = false;
  };

  port.addEventListener('message', (event) => {
    const request = event.data as WorkerRequest<Api>;
    if ('target' in request) {
      cancelled.add(request.target);
      const running = signals.get(request.target);
      if (running) running.aborted = true;
    } else if (background.includes(request.kind)) {
      void execute(request as Call);
      return;
    } else queue.push(request as Call);
    schedule(() => void pump());
  });
}
