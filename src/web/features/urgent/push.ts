import { ApiError } from '../../api.js';
import { urgentApi, type PushSubscriptionBody } from './api.js';

/** What web push can do in this browser for this person. */
export type PushState = 'unsupported' | 'blocked' | 'on' | 'off';

export function pushSupported(): boolean {
  return typeof window !== 'undefined' && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

/** A VAPID key as browsers want it: the bytes of its URL-safe base64. */
export function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const padded = base64url
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(base64url.length / 4) * 4, '=');
  const raw = atob(padded);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i += 1) {
    bytes[i] = raw.charCodeAt(i);
  }
  return bytes;
}

function bodyOf(sub: PushSubscription): PushSubscriptionBody {
  const json = sub.toJSON();
  return { endpoint: sub.endpoint, keys: { p256dh: json.keys?.p256dh ?? '', auth: json.keys?.auth ?? '' } };
}

async function registration(): Promise<ServiceWorkerRegistration> {
  await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** The state now: the browser's permission, and whether this browser has a subscription. */
export async function currentPushState(): Promise<PushState> {
  if (!pushSupported()) {
    return 'unsupported';
  }
  if (Notification.permission === 'denied') {
    return 'blocked';
  }
  if (Notification.permission !== 'granted') {
    return 'off';
  }
  const reg = await navigator.serviceWorker.getRegistration('/');
  const sub = await reg?.pushManager.getSubscription();
  return sub ? 'on' : 'off';
}

/**
 * Asks permission, registers the service worker, subscribes with the organisation's key and tells the
 * server. A subscription the server says belongs to someone else (another person used this browser)
 * is replaced by a new one.
 */
export async function turnPushOn(): Promise<PushState> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') {
    return permission === 'denied' ? 'blocked' : 'off';
  }
  const reg = await registration();
  const { publicKey } = await urgentApi.pushKey();
  const subscribe = () => reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: keyBytes(publicKey) });
  let sub = (await reg.pushManager.getSubscription()) ?? (await subscribe());
  try {
    await urgentApi.subscribe(bodyOf(sub));
  } catch (err) {
    if (!(err instanceof ApiError && err.code === 'ENDPOINT_TAKEN')) {
      throw err;
    }
    await sub.unsubscribe();
    sub = await subscribe();
    await urgentApi.subscribe(bodyOf(sub));
  }
  return 'on';
}

/** Stops web push in this browser, for the server first (so nothing is sent to a browser that said no). */
export async function turnPushOff(): Promise<PushState> {
  const reg = await navigator.serviceWorker.getRegistration('/');
  const sub = await reg?.pushManager.getSubscription();
  if (sub) {
    await urgentApi.unsubscribe(sub.endpoint);
    await sub.unsubscribe();
  }
  return 'off';
}
