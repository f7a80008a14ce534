/**
 * Timings the end-to-end tests and the bench read from the page (`window.__ptce`): when the
 * first map was drawn, and for each weight change the time from the input event to the map
 * repaint that shows its result (or a newer one's: with coalescing, the earliest pending input
 * is the one timed, an upper bound).
 */
export const metrics = {
  /** performance.now() when the first choropleth was painted. */
  firstPaintAt: Number.NaN,
  /** Repaints of the choropleth so far. */
  repaints: 0,
  /** Input-to-repaint latencies of weight changes (ms). */
  latencies: [] as number[],
  /** Worker time of the last scoring (ms). */
  lastScoreMs: Number.NaN,
  /** Scorings the worker ran. */
  scorings: 0,
  /** The hash of the result on the map. */
  hash: '',
  /** Breakdown of the last timed weight change, in ms after the input: result received, feature states set, painted. */
  trace: { received: Number.NaN, applied: Number.NaN, painted: Number.NaN },
};

let pendingInputAt: number | null = null;

/**
 * Called by weight controls on each input event, with the event's `timeStamp` (same clock as
 * `performance.now()`: the time the browser received the input, before any of our code ran).
 */
export function markInput(at: number = performance.now()): void {
  pendingInputAt ??= at;
}

/** Steps of a timed change: the worker's result reached the page, the map's feature states were set. */
export function markStep(step: 'received' | 'applied'): void {
  if (pendingInputAt !== null) metrics.trace[step] = performance.now() - pendingInputAt;
}

/** Called by the map once a new choropleth is on screen. */
export function markRepainted(hash: string): void {
  const now = performance.now();
  metrics.repaints++;
  metrics.hash = hash;
  if (Number.isNaN(metrics.firstPaintAt)) metrics.firstPaintAt = now;
  if (pendingInputAt !== null) {
    metrics.latencies.push(now - pendingInputAt);
    metrics.trace.painted = now - pendingInputAt;
    pendingInputAt = null;
  }
}

(globalThis as { __ptce?: typeof metrics }).__ptce = metrics;
