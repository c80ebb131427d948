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
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

function run(spec: LoadSpec, seconds: number): Promise<autocannon.Result> {
  let n = 0;
  return autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    headers: spec.headers ?? {},
    requests: [
      {
        method: 'GET',
        setupRequest: (req) => {
          const path = spec.paths[n % spec.paths.length]!;
          n += 1;
          return { ...req, path };
        },
      },
    ],
  });
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
  const r = await run(spec, spec.seconds);
  // What the run left queued must not be charged to the next scenario (after the last there is none).
  if (i < specs.length - 1) {
    await drain(spec);
  }
  results.push({
    requests_per_s: Math.round(r.requests.total / r.duration),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  });
}
console.log(JSON.stringify(results));
