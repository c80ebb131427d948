import {
  REALTIME_CLOSE,
  REALTIME_MAX_WATCHED,
  type RealtimeClientMessage,
  type RealtimeEventType,
  type RealtimeServerMessage,
} from '../../shared/social.js';

/** How the live connection is doing; the interface may show it discreetly. */
export type RealtimeStatus = 'idle' | 'connecting' | 'open' | 'reconnecting';

/** A change pushed by the server: ids only; refetch the content through the API. */
export interface RealtimeEventMessage {
  id: number;
  channel: string;
  event: RealtimeEventType;
  payload: Record<string, unknown>;
}

/** The part of the browser's WebSocket the client uses (tests pass a fake). */
export interface SocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
}

export interface RealtimeClientOptions {
  url: string;
  createSocket?: (url: string) => SocketLike;
  /** The client missed more than the server can replay: refetch what is on screen. */
  onResync?: () => void;
  /** The server closed the socket because the session ended. */
  onSessionEnded?: () => void;
  /** The server refused the connection before opening it (the session may have ended). */
  onRefused?: () => void;
  random?: () => number;
}

const BASE_MS = 1000;
const CAP_MS = 30_000;
/** A connection that stays up this long resets the backoff; one that drops at once keeps it growing. */
const STABLE_MS = 10_000;
/** After the server announced a restart, every client waits at least this far into the backoff, so that they come back spread out. */
const RESTART_ATTEMPT = 3;
const SEEN_IDS = 2000;
const WATCH_DEBOUNCE_MS = 100;
const OPEN = 1;

/** Exponential backoff with full jitter: a random wait below min(30 s, 1 s × 2^attempt). */
export function backoffDelay(attempt: number, random: () => number = Math.random): number {
  return Math.floor(random() * Math.min(CAP_MS, BASE_MS * 2 ** Math.max(0, attempt)));
}

/**
 * One live connection per tab: connects, reconnects with jittered backoff, resumes from the last event
 * it saw (dropping ids it has already seen, since the server repeats a few seconds on resume), and
 * keeps the server told which posts are on screen.
 */
export class RealtimeClient {
  private socket: SocketLike | null = null;
  private running = false;
  private attempt = 0;
  private opened = false;
  /** The server said ready on the current socket. */
  private live = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private stableTimer: ReturnType<typeof setTimeout> | undefined;
  private watchTimer: ReturnType<typeof setTimeout> | undefined;
  private lastId: number | null = null;
  private readonly seen = new Set<number>();
  private readonly seenOrder: number[] = [];
  private readonly watched = new Map<string, number>();
  private sentWatch = '';
  private status: RealtimeStatus = 'idle';
  private readonly listeners = new Set<(e: RealtimeEventMessage) => void>();
  private readonly statusListeners = new Set<() => void>();
  private readonly createSocket: (url: string) => SocketLike;
  private readonly random: () => number;

  constructor(private readonly opts: RealtimeClientOptions) {
    this.createSocket = opts.createSocket ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.random = opts.random ?? Math.random;
  }

  start(): void {
    if (this.running) {
      return;
    }
    this.running = true;
    this.connect();
  }

  /** Disconnects and forgets the position (the next start may be another person). */
  stop(): void {
    this.running = false;
    clearTimeout(this.retryTimer);
    clearTimeout(this.stableTimer);
    clearTimeout(this.watchTimer);
    const s = this.socket;
    this.socket = null;
    this.live = false;
    if (s) {
      s.onclose = null;
      s.onmessage = null;
      s.close(1000, 'bye');
    }
    this.lastId = null;
    this.seen.clear();
    this.seenOrder.length = 0;
    this.sentWatch = '';
    this.attempt = 0;
    this.setStatus('idle');
  }

  /** Reconnects soon (e.g. the device came back online) instead of waiting out the backoff. */
  reconnectSoon(): void {
    if (this.running && !this.socket) {
      clearTimeout(this.retryTimer);
      this.retryTimer = setTimeout(() => this.connect(), backoffDelay(0, this.random));
    }
  }

  getStatus = (): RealtimeStatus => this.status;

  onStatus = (listener: () => void): (() => void) => {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  };

  subscribe(listener: (e: RealtimeEventMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Watches comments and reactions on these posts until the returned function is called. */
  watch(postIds: readonly string[]): () => void {
    for (const id of postIds) {
      this.watched.set(id, (this.watched.get(id) ?? 0) + 1);
    }
    this.scheduleWatch();
    return () => {
      for (const id of postIds) {
        const n = (this.watched.get(id) ?? 0) - 1;
        if (n > 0) {
          this.watched.set(id, n);
        } else {
          this.watched.delete(id);
        }
      }
      this.scheduleWatch();
    };
  }

  private setStatus(status: RealtimeStatus): void {
    if (this.status !== status) {
      this.status = status;
      this.statusListeners.forEach((l) => l());
    }
  }

  private connect(): void {
    if (!this.running) {
      return;
    }
    this.setStatus(this.lastId === null && this.attempt === 0 ? 'connecting' : 'reconnecting');
    this.opened = false;
    let s: SocketLike;
    try {
      s = this.createSocket(this.opts.url);
    } catch {
      this.retry(false);
      return;
    }
    this.socket = s;
    s.onopen = () => {
      this.opened = true;
    };
    s.onmessage = (ev) => this.onMessage(ev.data);
    s.onerror = () => undefined;
    s.onclose = (ev) => {
      if (this.socket !== s) {
        return;
      }
      this.socket = null;
      this.live = false;
      clearTimeout(this.stableTimer);
      if (!this.running) {
        return;
      }
      if (ev.code === REALTIME_CLOSE.sessionEnded) {
        this.running = false;
        this.setStatus('idle');
        this.opts.onSessionEnded?.();
        return;
      }
      if (!this.opened) {
        this.opts.onRefused?.();
      }
      this.retry(ev.code === REALTIME_CLOSE.restart);
    };
  }

  private retry(restart: boolean): void {
    this.attempt = restart ? Math.max(this.attempt, RESTART_ATTEMPT) : this.attempt + 1;
    this.setStatus('reconnecting');
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => this.connect(), backoffDelay(this.attempt, this.random));
  }

  private send(message: RealtimeClientMessage): void {
    if (this.socket?.readyState === OPEN) {
      this.socket.send(JSON.stringify(message));
    }
  }

  private onMessage(data: unknown): void {
    let m: RealtimeServerMessage;
    try {
      m = JSON.parse(String(data)) as RealtimeServerMessage;
    } catch {
      return;
    }
    switch (m.type) {
      case 'ready':
        if (this.lastId !== null) {
          this.send({ type: 'resume', lastId: this.lastId });
        } else {
          this.lastId = m.lastId;
        }
        this.live = true;
        this.sentWatch = '';
        this.flushWatch();
        this.setStatus('open');
        clearTimeout(this.stableTimer);
        this.stableTimer = setTimeout(() => {
          this.attempt = 0;
        }, STABLE_MS);
        return;
      case 'event':
        if (this.seen.has(m.id)) {
          return;
        }
        this.seen.add(m.id);
        this.seenOrder.push(m.id);
        if (this.seenOrder.length > SEEN_IDS) {
          this.seen.delete(this.seenOrder.shift()!);
        }
        this.lastId = Math.max(this.lastId ?? 0, m.id);
        for (const l of [...this.listeners]) {
          l({ id: m.id, channel: m.channel, event: m.event, payload: m.payload });
        }
        return;
      case 'resumed':
        this.lastId = Math.max(this.lastId ?? 0, m.lastId);
        return;
      case 'resync':
        this.lastId = Math.max(this.lastId ?? 0, m.lastId);
        this.opts.onResync?.();
        return;
      case 'watching':
      case 'error':
        return;
    }
  }

  private scheduleWatch(): void {
    clearTimeout(this.watchTimer);
    this.watchTimer = setTimeout(() => this.flushWatch(), WATCH_DEBOUNCE_MS);
  }

  private flushWatch(): void {
    const postIds = [...this.watched.keys()].slice(-REALTIME_MAX_WATCHED).sort();
    const key = postIds.join(',');
    if (key === this.sentWatch || !this.live || this.socket?.readyState !== OPEN) {
      return;
    }
    this.sentWatch = key;
    this.send({ type: 'watch', postIds });
  }
}
