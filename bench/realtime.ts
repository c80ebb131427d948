/**
 * WebSocket delivery: opens 2,000 realtime sockets (500 with --quick) of people who are all in one
 * community, makes posts in it one after another, and measures, for every post and every socket, the
 * time from the post's 201 to the moment its `post.created` event arrived. Target: p99 < 250 ms on
 * PostgreSQL.
 *
 * How the runner calls it (bench/run.ts does, when this file exists):
 *
 *   import realtimeDelivery from './realtime.js';
 *   const entry = await realtimeDelivery({
 *     base: 'http://127.0.0.1:PORT',   // the running server
 *     host: 'org.example',             // Host header naming the organisation
 *     cookie, csrfToken,               // a signed-in member of the community
 *     communityId,                     // where the posts go; every socket's person must be a member
 *     quick,                           // fewer sockets and posts
 *     log,                             // progress lines
 *     sessions: async (n) => cookies,  // optional: n session cookies of n different members; without
 *                                      // it every socket uses `cookie` (one person in n tabs: the
 *                                      // same fan-out work for the server)
 *   });
 *   // → { name: 'ws-delivery', requests_per_s (deliveries per second), p50_ms, p95_ms, p99_ms,
 *   //     requests (deliveries), non2xx (failed posts), errors (sockets that failed), timeouts (deliveries missing) }
 *
 * The server should run with API_RATE_LIMIT=0: all sockets may belong to one person. Each socket opens
 * a file descriptor on both sides; 2,000 sockets need `ulimit -n` above about 2,100.
 */
import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export interface RealtimeBenchInput {
  base: string;
  host: string;
  cookie: string;
  csrfToken: string;
  communityId: string;
  quick?: boolean;
  log?: (msg: string) => void;
  sessions?: (n: number) => Promise<string[]>;
  /** Makes post number `n` and resolves with its id once the 201 arrived (default: POST /api/posts). */
  createPost?: (n: number) => Promise<{ status: number; id: string | null }>;
  /** Overrides of the sizes. */
  clients?: number;
  posts?: number;
}

export interface RealtimeBenchEntry {
  name: 'ws-delivery';
  requests_per_s: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  requests: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

const OPEN_CONCURRENCY = 50;
/** Between posts, so that each post's latency is measured rather than the queue of the previous ones. */
const GAP_MS = 100;
const DELIVERY_TIMEOUT_MS = 15_000;
/** Posts made first and left out of the figures: they pay for the server's and the clients' code warming up. */
const WARMUP_POSTS = 2;

/** The default scenario: see the top of this file. */
export default async function realtimeDelivery(input: RealtimeBenchInput): Promise<RealtimeBenchEntry> {
  const log = input.log ?? (() => undefined);
  const clients = input.clients ?? (input.quick ? 500 : 2000);
  const posts = input.posts ?? (input.quick ? 10 : 30);
  const url = `${input.base.replace(/^http/, 'ws')}/api/realtime`;
  const cookies = input.sessions ? await input.sessions(clients) : Array.from({ length: clients }, () => input.cookie);
  const createPost = input.createPost ?? ((n: number) => postOverHttp(input, n));

  /** Post id → arrival times, filled as events come in (an event may beat its own 201). */
  const arrivals = new Map<string, number[]>();
  const sockets: WebSocket[] = [];
  let errors = 0;

  log(`ws-delivery: opening ${clients} sockets…`);
  const openStart = performance.now();
  for (let i = 0; i < clients; i += OPEN_CONCURRENCY) {
    const batch = cookies.slice(i, i + OPEN_CONCURRENCY).map((cookie) =>
      openSocket(url, input.host, cookie, arrivals).then(
        (ws) => sockets.push(ws),
        () => {
          errors += 1;
        },
      ),
    );
    await Promise.all(batch);
  }
  log(`ws-delivery: ${sockets.length} sockets ready in ${((performance.now() - openStart) / 1000).toFixed(1)} s (${errors} failed)`);

  for (let n = 0; n < WARMUP_POSTS; n += 1) {
    await createPost(-1 - n);
    await sleep(GAP_MS * 5);
  }
  const made: { id: string; at201: number }[] = [];
  let non2xx = 0;
  const firstSent = performance.now();
  for (let n = 0; n < posts; n += 1) {
    const res = await createPost(n);
    const at201 = performance.now();
    if (res.status === 201 && res.id) {
      made.push({ id: res.id, at201 });
    } else {
      non2xx += 1;
    }
    await sleep(GAP_MS);
  }

  const expected = made.length * sockets.length;
  const deadline = performance.now() + DELIVERY_TIMEOUT_MS;
  const delivered = () => made.reduce((sum, p) => sum + (arrivals.get(p.id)?.length ?? 0), 0);
  while (delivered() < expected && performance.now() < deadline) {
    await sleep(50);
  }

  const latencies: number[] = [];
  let lastArrival = firstSent;
  for (const p of made) {
    for (const at of arrivals.get(p.id) ?? []) {
      latencies.push(Math.max(0, at - p.at201));
      lastArrival = Math.max(lastArrival, at);
    }
  }
  for (const ws of sockets) {
    ws.terminate();
  }
  latencies.sort((a, b) => a - b);
  const seconds = Math.max(0.001, (lastArrival - firstSent) / 1000);
  const entry: RealtimeBenchEntry = {
    name: 'ws-delivery',
    requests_per_s: round(latencies.length / seconds),
    p50_ms: round(percentile(latencies, 0.5)),
    p95_ms: round(percentile(latencies, 0.95)),
    p99_ms: round(percentile(latencies, 0.99)),
    requests: latencies.length,
    non2xx,
    errors,
    timeouts: expected - latencies.length,
  };
  log(
    `ws-delivery: ${entry.requests} deliveries of ${made.length} posts to ${sockets.length} sockets; p50 ${entry.p50_ms} ms, p99 ${entry.p99_ms} ms, ${entry.timeouts} missing`,
  );
  return entry;
}

function openSocket(url: string, host: string, cookie: string, arrivals: Map<string, number[]>): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers: { host, cookie, origin: `http://${host}` }, perMessageDeflate: false });
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('no ready within 30 s'));
    }, 30_000);
    ws.on('message', (data) => {
      const text = (data as Buffer).toString();
      if (text.startsWith('{"type":"ready"')) {
        clearTimeout(timer);
        resolve(ws);
        return;
      }
      if (!text.includes('"post.created"')) {
        return;
      }
      const at = performance.now();
      const m = JSON.parse(text) as { payload?: { postId?: unknown; id?: unknown } };
      const id = m.payload?.postId ?? m.payload?.id;
      if (typeof id === 'string') {
        const list = arrivals.get(id);
        if (list) {
          list.push(at);
        } else {
          arrivals.set(id, [at]);
        }
      }
    });
    ws.once('unexpected-response', (_req, res) => {
      clearTimeout(timer);
      reject(new Error(`refused: ${res.statusCode}`));
    });
    ws.once('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
  });
}

function postOverHttp(input: RealtimeBenchInput, n: number): Promise<{ status: number; id: string | null }> {
  const payload = JSON.stringify({ communityId: input.communityId, body: `Realtime benchmark post ${n}: the #launch went well.` });
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      `${input.base}/api/posts`,
      {
        method: 'POST',
        headers: {
          host: input.host,
          cookie: input.cookie,
          'x-csrf-token': input.csrfToken,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => {
          let id: string | null = null;
          try {
            const json = JSON.parse(body) as { id?: unknown };
            id = typeof json.id === 'string' ? json.id : null;
          } catch {
            id = null;
          }
          resolve({ status: res.statusCode ?? 0, id });
        });
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) {
    return 0;
  }
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

const round = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
