/**
 * The load generator, in its own process so that it never shares an event loop with the server
 * it measures. Usage: tsx bench/load.ts '<json LoadSpec[]>'. Runs the scenarios in turn and
 * prints a JSON array of LoadResult, in the same order.
 */
import autocannon from 'autocannon';

export interface LoadSpec {
  name: string;
  url: string;
  /** Paths to request, taken in turn, so that a scenario can vary its query. */
  paths: string[];
  /** GET unless told otherwise. */
  method?: 'GET' | 'POST';
  /** The request body; `{n}` becomes the request's number, so that every request writes something new. */
  body?: string;
  headers?: Record<string, string>;
  connections: number;
  warmupSeconds: number;
  seconds: number;
  /**
   * Requested once after the warm-up, and answered only when the server has worked off what the
   * warm-up left queued, so the measured run does not pay for it.
   */
  drainPath?: string;
}

export interface LoadResult {
  requests_per_s: number;
  p50_ms: number;
  /** From every response's own time (autocannon's histogram has no 95th percentile). */
  p95_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function run(spec: LoadSpec, seconds: number): Promise<{ result: autocannon.Result; latencies: number[] }> {
  let n = 0;
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: seconds,
        headers: spec.headers ?? {},
        requests: [
          {
            method: spec.method ?? 'GET',
            setupRequest: (req) => {
              const path = spec.paths[n % spec.paths.length]!;
              n += 1;
              return spec.body === undefined ? { ...req, path } : { ...req, path, body: spec.body.replaceAll('{n}', String(n)) };
            },
          },
        ],
      },
      (err: unknown, result) =>
        err ? reject(err instanceof Error ? err : new Error('autocannon failed', { cause: err })) : resolve({ result, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  const value = sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
  return Math.round(value * 10) / 10;
}

async function drain(spec: LoadSpec): Promise<void> {
  if (spec.drainPath) {
    const res = await fetch(spec.url + spec.drainPath, { signal: AbortSignal.timeout(300_000) });
    await res.arrayBuffer();
  }
}

const specs = JSON.parse(process.argv[2] ?? '[]') as LoadSpec[];
const results: LoadResult[] = [];
for (const [i, spec] of specs.entries()) {
  console.error(`[bench] ${spec.name}: ${spec.warmupSeconds} s warm-up, ${spec.seconds} s measured, ${spec.connections} connections`);
  if (spec.warmupSeconds > 0) {
    await run(spec, spec.warmupSeconds);
    await drain(spec);
  }
  const { result: r, latencies } = await run(spec, spec.seconds);
  latencies.sort((a, b) => a - b);
  // What the run left queued must not be charged to the next scenario (after the last there is none).
  if (i < specs.length - 1) {
    await drain(spec);
  }
  results.push({
    requests_per_s: Math.round(r.requests.total / r.duration),
    p50_ms: r.latency.p50,
    p95_ms: percentile(latencies, 95),
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  });
}
console.log(JSON.stringify(results));
