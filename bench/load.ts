/**
 * The load generator, in its own process so that it never shares an event loop with the server
 * it measures. Usage: tsx bench/load.ts '<json LoadSpec[]>' (or @FILE holding it). Runs the scenarios in turn and
 * prints a JSON array of LoadResult, in the same order.
 */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';

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
  /** Headers added to each request in turn (one viewer's session after another, for routes limited per viewer). */
  headerSets?: Record<string, string>[];
  connections: number;
  /**
   * Requests per second offered whatever the answers' speed (open load, see `openLoad`), to measure
   * latency at a stated load; without it every connection sends its next request as soon as it has
   * an answer (closed load, autocannon).
   */
  rate?: number;
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
              const headers = spec.headerSets ? { ...req.headers, ...spec.headerSets[n % spec.headerSets.length] } : req.headers;
              n += 1;
              return spec.body === undefined
                ? { ...req, path, headers }
                : { ...req, path, headers, body: spec.body.replaceAll('{n}', String(n)) };
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

/**
 * Open load: requests arrive as people's do, independently of each other (a Poisson process at
 * `spec.rate`, from a fixed seed so that runs compare), up to `spec.connections` at once. Each
 * latency counts from the moment the request was due, so a server that falls behind is charged for
 * the wait (no coordinated omission). autocannon's own rate option sends each second's requests in
 * one burst, which measures the burst rather than the latency.
 */
async function openLoad(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const url = new URL(spec.url);
  let seed = 20_261_126;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let n = 0;
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let due = 0; ;) {
    due += (-Math.log(1 - random()) * 1000) / spec.rate!;
    if (due >= seconds * 1000) {
      break;
    }
    const wait = start + due - performance.now();
    if (wait > 0) {
      await sleep(wait);
    }
    const dueAt = start + due;
    const path = spec.paths[n % spec.paths.length]!;
    const headers = spec.headerSets ? { ...spec.headers, ...spec.headerSets[n % spec.headerSets.length] } : (spec.headers ?? {});
    n += 1;
    pending.push(
      new Promise<void>((resolve) => {
        const req = request({ host: url.hostname, port: url.port, path, method: spec.method ?? 'GET', headers, agent }, (res) => {
          res.resume();
          res.on('end', () => {
            latencies.push(performance.now() - dueAt);
            if ((res.statusCode ?? 0) < 200 || (res.statusCode ?? 0) >= 300) {
              non2xx += 1;
            }
            resolve();
          });
        });
        req.on('error', () => {
          errors += 1;
          resolve();
        });
        req.end();
      }),
    );
  }
  await Promise.all(pending);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests_per_s: Math.round(latencies.length / seconds),
    p50_ms: percentile(latencies, 50),
    p95_ms: percentile(latencies, 95),
    p99_ms: percentile(latencies, 99),
    requests: latencies.length,
    non2xx,
    errors,
    timeouts: 0,
  };
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

const arg = process.argv[2] ?? '[]';
const specs = JSON.parse(arg.startsWith('@') ? readFileSync(arg.slice(1), 'utf8') : arg) as LoadSpec[];
const results: LoadResult[] = [];
for (const [i, spec] of specs.entries()) {
  console.error(`[bench] ${spec.name}: ${spec.warmupSeconds} s warm-up, ${spec.seconds} s measured, ${spec.connections} connections`);
  if (spec.rate) {
    if (spec.warmupSeconds > 0) {
      await openLoad(spec, spec.warmupSeconds);
    }
    results.push(await openLoad(spec, spec.seconds));
    continue;
  }
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
