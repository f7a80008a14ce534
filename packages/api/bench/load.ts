/** What one load run measured, whichever tool generated the load. */
export interface LoadResult {
  tool: 'wrk' | 'autocannon';
  requests: number;
  seconds: number;
  /** Connection errors, timeouts and non-2xx answers. */
  errors: number;
  latencyMs: { p50: number; p95: number; p99: number };
}

export interface LoadSpec {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A constant body, or `weights`: a scoring body with new dimension weights on every request. */
  body?: { constant: string } | 'varying-weights';
}

/**
 * The scoring body of request `n` of load thread `thread`: weights never repeated across the
 * run, so that the cache cannot answer, and the ranking detail an interactive client asks for
 * while a weight moves (`explain.detail: 'ranking'`). Kept identical in the wrk Lua script (wrk.ts).
 */
export function varyingWeightsBody(thread: number, n: number): string {
  const ess = 1 + (thread * 1_000_000 + n) / 10_000_000;
  const precarity = 1 + (n % 7) / 10;
  return `{"changes":{"dimensions":{"ess":{"weight":${ess.toFixed(7)}},"precarity":{"weight":${precarity.toFixed(1)}}}},"explain":{"detail":"ranking"}}`;
}
