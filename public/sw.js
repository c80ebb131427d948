/*
 * Tessuto's service worker: shows web push messages (urgent broadcasts, safety checks) and opens the
 * page they point to when one is clicked. It caches nothing, so the app is always the one the server has.
 */

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

/** Only paths within the app: a message never sends anyone elsewhere. */
function appPath(url) {
  return typeof url === 'string' && url.startsWith('/') && !url.startsWith('//') ? url : '/';
}

self.addEventListener('push', (event) => {
  let data = {};
  try {
    data = event.data ? event.data.json() : {};
  } catch {
    data = { body: event.data ? event.data.text() : '' };
  }
  const title = typeof data.title === 'string' && data.title ? data.title : 'Tessuto';
  const tag = typeof data.tag === 'string' && data.tag ? data.tag : undefined;
  event.waitUntil(
    self.registration.showNotification(title, {
      body: typeof data.body === 'string' ? data.body : '',
      tag,
      // The same broadcast again (an escalation) alerts again rather than replacing the first silently.
      renotify: tag !== undefined,
      requireInteraction: true,
      icon: '/favicon.svg',
      data: { url: appPath(data.url) },
    }),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const target = new URL(appPath(event.notification.data && event.notification.data.url), self.location.origin).href;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const exact = windows.find((w) => w.url === target);
      if (exact) {
        return exact.focus();
      }
      const open = windows.find((w) => new URL(w.url).origin === self.location.origin);
      if (open) {
        const focused = await open.focus();
        return 'navigate' in focused ? focused.navigate(target) : focused;
      }
      return self.clients.openWindow(target);
    })(),
  );
});
