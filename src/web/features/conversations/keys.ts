import { useCallback, useSyncExternalStore } from 'react';

/**
 * The writer's keys, kept in this browser only. The server knows a conversation by the hash of its key
 * and nothing about who holds it, so this list is the writer's only way back to their conversations
 * (besides the recovery key they copy). Each entry also has a local id, made here and never sent, that
 * names the conversation in this browser's history instead of its server id.
 */
export interface StoredKey {
  /** Local only: never sent to the server. */
  localId: string;
  key: string;
  /** Known once the server has answered for the key. */
  threadId: string | null;
}

const PREFIX = 'tessuto.feedback.';
const MAX_KEYS = 50;
const KEY_SHAPE = /^[A-Za-z0-9_-]{20,200}$/;

/** A key as pasted: spaces, line breaks and quotes around it removed; null when it cannot be one. */
export function cleanKey(raw: string): string | null {
  const key = raw.replace(/[\s"'`]/g, '');
  return KEY_SHAPE.test(key) ? key : null;
}

function randomLocalId(): string {
  const bytes = new Uint8Array(9);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The stored list, ignoring anything malformed (another version, a hand edit). */
export function parseKeys(raw: string | null): StoredKey[] {
  if (!raw) {
    return [];
  }
  try {
    const data: unknown = JSON.parse(raw);
    if (!Array.isArray(data)) {
      return [];
    }
    const seen = new Set<string>();
    const out: StoredKey[] = [];
    for (const item of data as unknown[]) {
      if (typeof item !== 'object' || item === null) {
        continue;
      }
      const { localId, key, threadId } = item as Record<string, unknown>;
      if (typeof localId === 'string' && typeof key === 'string' && KEY_SHAPE.test(key) && !seen.has(key)) {
        seen.add(key);
        out.push({ localId, key, threadId: typeof threadId === 'string' ? threadId : null });
      }
    }
    return out.slice(0, MAX_KEYS);
  } catch {
    return [];
  }
}

/** The list with this key first (or updated with its thread id when already there). */
export function withKey(list: readonly StoredKey[], key: string, threadId: string | null, localId = randomLocalId()): StoredKey[] {
  const existing = list.find((k) => k.key === key);
  if (existing) {
    return list.map((k) => (k.key === key ? { ...k, threadId: threadId ?? k.threadId } : k));
  }
  return [{ localId, key, threadId }, ...list].slice(0, MAX_KEYS);
}

export const withoutKey = (list: readonly StoredKey[], key: string): StoredKey[] => list.filter((k) => k.key !== key);

const storageName = (userId: string) => `${PREFIX}${userId}`;
const listeners = new Set<() => void>();

function storage(): Storage | null {
  try {
    return typeof window === 'undefined' ? null : window.localStorage;
  } catch {
    return null;
  }
}

function read(userId: string): string | null {
  return storage()?.getItem(storageName(userId)) ?? null;
}

function write(userId: string, list: readonly StoredKey[]): void {
  storage()?.setItem(storageName(userId), JSON.stringify(list));
  for (const l of listeners) {
    l();
  }
}

/** Remembers a key in this browser; returns its entry. */
export function rememberKey(userId: string, key: string, threadId: string | null): StoredKey {
  const list = withKey(parseKeys(read(userId)), key, threadId);
  write(userId, list);
  return list.find((k) => k.key === key)!;
}

/** Forgets a key in this browser (the conversation itself stays, for whoever holds the key). */
export function forgetKey(userId: string, key: string): void {
  write(userId, withoutKey(parseKeys(read(userId)), key));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  const onStorage = (e: StorageEvent) => {
    if (e.key === null || e.key.startsWith(PREFIX)) {
      listener();
    }
  };
  window.addEventListener('storage', onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', onStorage);
  };
}

const cache = new Map<string, { raw: string | null; list: StoredKey[] }>();

/** The signed-in person's keys in this browser, kept up to date across tabs. */
export function useFeedbackKeys(userId: string | undefined): StoredKey[] {
  const snapshot = useCallback(() => {
    if (!userId) {
      return EMPTY;
    }
    const raw = read(userId);
    const hit = cache.get(userId);
    if (hit && hit.raw === raw) {
      return hit.list;
    }
    const list = parseKeys(raw);
    cache.set(userId, { raw, list });
    return list;
  }, [userId]);
  return useSyncExternalStore(subscribe, snapshot, () => EMPTY);
}

const EMPTY: StoredKey[] = [];
