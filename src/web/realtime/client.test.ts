import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REALTIME_CLOSE, type RealtimeServerMessage } from '../../shared/social.js';
import { backoffDelay, RealtimeClient, type RealtimeEventMessage, type SocketLike } from './client.js';

class FakeSocket implements SocketLike {
  readyState = 0;
  sent: unknown[] = [];
  onopen: SocketLike['onopen'] = null;
  onmessage: SocketLike['onmessage'] = null;
  onclose: SocketLike['onclose'] = null;
  onerror: SocketLike['onerror'] = null;

  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  receive(m: RealtimeServerMessage) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  drop(code = 1006) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function setup(opts: { random?: () => number } = {}) {
  const sockets: FakeSocket[] = [];
  const onResync = vi.fn();
  const onSessionEnded = vi.fn();
  const onRefused = vi.fn();
  const client = new RealtimeClient({
    url: 'ws://example.test/api/realtime',
    createSocket: () => {
      const s = new FakeSocket();
      sockets.push(s);
      return s;
    },
    onResync,
    onSessionEnded,
    onRefused,
    random: opts.random ?? (() => 0.5),
  });
  const events: RealtimeEventMessage[] = [];
  client.subscribe((e) => events.push(e));
  const last = () => sockets[sockets.length - 1]!;
  return { client, sockets, last, events, onResync, onSessionEnded, onRefused };
}

const event = (id: number): RealtimeServerMessage => ({ type: 'event', id, channel: 'user:x', event: 'notification.created', payload: {} });

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('realtime reconnection backoff', () => {
  it('waits a random time below an exponentially growing bound, never more than 30 seconds', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.double({ min: 0, max: 0.999_999, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, () => r);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThan(Math.min(30_000, 1000 * 2 ** attempt));
      }),
    );
    expect(backoffDelay(0, () => 0.999)).toBeLessThan(1000);
    expect(backoffDelay(20, () => 0.999)).toBe(29_970);
  });
});

describe('the realtime client', () => {
  it('starts from the id the server is at and hands events to listeners once each', () => {
    const { client, last, events } = setup();
    client.start();
    expect(client.getStatus()).toBe('connecting');
    last().open();
    last().receive({ type: 'ready', lastId: 10 });
    expect(client.getStatus()).toBe('open');
    expect(last().sent).toEqual([]);
    last().receive(event(12));
    last().receive(event(11));
    last().receive(event(12));
    expect(events.map((e) => e.id)).toEqual([12, 11]);
    client.stop();
  });

  it('reconnects after a drop and resumes from the last id it saw, dropping repeats', () => {
    const { client, sockets, last, events } = setup();
    client.start();
    last().open();
    last().receive({ type: 'ready', lastId: 10 });
    last().receive(event(14));
    last().drop();
    expect(client.getStatus()).toBe('reconnecting');
    vi.advanceTimersByTime(30_000);
    expect(sockets).toHaveLength(2);
    last().open();
    last().receive({ type: 'ready', lastId: 20 });
    expect(last().sent).toEqual([{ type: 'resume', lastId: 14 }]);
    last().receive(event(13));
    last().receive(event(14));
    last().receive({ type: 'resumed', lastId: 20, count: 2 });
    expect(events.map((e) => e.id)).toEqual([14, 13]);
    last().drop();
    vi.advanceTimersByTime(30_000);
    last().open();
    last().receive({ type: 'ready', lastId: 20 });
    expect(last().sent).toEqual([{ type: 'resume', lastId: 20 }]);
    client.stop();
  });

  it('spreads reconnections out more after the server announced a restart', () => {
    const { client, sockets, last } = setup({ random: () => 0.999 });
    client.start();
    last().open();
    last().receive({ type: 'ready', lastId: 1 });
    last().drop(REALTIME_CLOSE.restart);
    vi.advanceTimersByTime(7_000);
    expect(sockets).toHaveLength(1);
    vi.advanceTimersByTime(9_000);
    expect(sockets).toHaveLength(2);
    client.stop();
  });

  it('asks the app to refetch on resync and continues from the id given', () => {
    const { client, last, onResync } = setup();
    client.start();
    last().open();
    last().receive({ type: 'ready', lastId: 5 });
    last().receive({ type: 'resync', lastId: 900 });
    expect(onResync).toHaveBeenCalledTimes(1);
    last().drop();
    vi.advanceTimersByTime(30_000);
    last().open();
    last().receive({ type: 'ready', lastId: 950 });
    expect(last().sent).toEqual([{ type: 'resume', lastId: 900 }]);
    client.stop();
  });

  it('stops when the session ended instead of reconnecting', () => {
    const { client, sockets, last, onSessionEnded } = setup();
    client.start();
    last().open();
    last().receive({ type: 'ready', lastId: 1 });
    last().drop(REALTIME_CLOSE.sessionEnded);
    vi.advanceTimersByTime(60_000);
    expect(sockets).toHaveLength(1);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
    expect(client.getStatus()).toBe('idle');
  });

  it('reports a connection refused before opening, so the app can check the session', () => {
    const { client, last, onRefused } = setup();
    client.start();
    last().drop();
    expect(onRefused).toHaveBeenCalledTimes(1);
    client.stop();
  });

  it('tells the server which posts are watched, once, and again after reconnecting', () => {
    const { client, last } = setup();
    client.start();
    last().open();
    last().receive({ type: 'ready', lastId: 1 });
    const a = client.watch(['p1', 'p2']);
    const b = client.watch(['p2', 'p3']);
    vi.advanceTimersByTime(200);
    expect(last().sent).toEqual([{ type: 'watch', postIds: ['p1', 'p2', 'p3'] }]);
    a();
    vi.advanceTimersByTime(200);
    expect(last().sent.at(-1)).toEqual({ type: 'watch', postIds: ['p2', 'p3'] });
    last().drop();
    vi.advanceTimersByTime(30_000);
    last().open();
    last().receive({ type: 'ready', lastId: 1 });
    expect(last().sent).toEqual([
      { type: 'resume', lastId: 1 },
      { type: 'watch', postIds: ['p2', 'p3'] },
    ]);
    b();
    client.stop();
  });

  it('never watches more posts than the server accepts', () => {
    const { client, last } = setup();
    client.start();
    last().open();
    last().receive({ type: 'ready', lastId: 1 });
    client.watch(Array.from({ length: 250 }, (_, i) => `p${String(i).padStart(3, '0')}`));
    vi.advanceTimersByTime(200);
    expect((last().sent[0] as { postIds: string[] }).postIds).toHaveLength(200);
    client.stop();
  });
});
