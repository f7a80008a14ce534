import { EngineError } from '../errors.ts';
import type { RobustnessProgress, RunControl } from './types.ts';

type Timer = (fn: () => void, ms?: number) => unknown;
const host = globalThis as { setImmediate?: Timer; setTimeout?: Timer };

/** Gives control back to the event loop (a macrotask), so that an abort or a repaint can happen. */
function yieldToEventLoop(): Promise<void> {
  const later = host.setImmediate ?? host.setTimeout;
  return new Promise((resolve) => (later ? later(resolve, 0) : resolve()));
}

export function aborted(): EngineError {
  return new EngineError('ABORTED', 'Analyse de robustesse annulée à la demande.', {});
}

export interface RunTicker {
  /** True when the run has worked `yieldEveryMs` since it last gave control back. */
  due(): boolean;
  /** Reports progress, yields to the event loop, then throws `ABORTED` if the signal fired. */
  pause(done: number): Promise<void>;
  /** Reports the end of the phase. */
  finish(): void;
}

/**
 * The cooperative loop of long runs: the engine is synchronous, so a run in a Web Worker (or in
 * the command line) could never see an abort unless it stops now and then. The loop asks `due()`
 * every few runs (a clock read) and awaits `pause()` when it is.
 */
export function runTicker(control: RunControl, phase: RobustnessProgress['phase'], total: number): RunTicker {
  const every = control.yieldEveryMs ?? 50;
  if (control.signal?.aborted) throw aborted();
  let last = Date.now();
  return {
    due: () => Date.now() - last >= every,
    async pause(done: number) {
      control.onProgress?.({ phase, done, total });
      await yieldToEventLoop();
      if (control.signal?.aborted) throw aborted();
      last = Date.now();
    },
    finish: () => control.onProgress?.({ phase, done: total, total }),
  };
}
