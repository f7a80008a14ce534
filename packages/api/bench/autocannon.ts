import autocannon from 'autocannon';
import { type LoadResult, type LoadSpec, varyingWeightsBody } from './load.ts';

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * One load run with autocannon (the fallback when wrk is absent). Its HTTP parser is written in
 * JavaScript and shares the 2 cores with the server: with multi-megabyte bodies (scoring
 * results) it is the bottleneck, and the numbers measure it more than the server.
 */
export function loadWithAutocannon(spec: LoadSpec): Promise<LoadResult> {
  return new Promise((done, fail) => {
    const latencies: number[] = [];
    let n = 0;
    const body = spec.body;
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: spec.seconds,
        timeout: 30,
        requests: [
          {
            method: spec.method ?? 'GET',
            headers: spec.headers ?? {},
            ...(body === undefined
              ? {}
              : {
                  setupRequest: (request) => ({
                    ...request,
                    body: body === 'varying-weights' ? varyingWeightsBody(0, ++n) : body.constant,
                  }),
                }),
          },
        ],
      },
      (error, result) => {
        if (error) return fail(error);
        latencies.sort((a, b) => a - b);
        done({
          tool: 'autocannon',
          requests: result.requests.total,
          seconds: result.duration,
          errors: result.errors + result.timeouts + result.non2xx,
          latencyMs: {
            p50: percentile(latencies, 50),
            p95: percentile(latencies, 95),
            p99: percentile(latencies, 99),
          },
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}
