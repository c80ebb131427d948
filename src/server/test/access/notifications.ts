import type { AccessRow } from '../access-matrix.js';

/** Access rows for the notifications routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/notifications', who: 'signed-in' },
  { method: 'GET', path: '/api/notifications/unread-count', who: 'signed-in' },
  { method: 'POST', path: '/api/notifications/read', who: 'signed-in', body: () => ({ all: true }) },
  { method: 'GET', path: '/api/me/notification-settings', who: 'signed-in' },
  { method: 'PUT', path: '/api/me/notification-settings', who: 'signed-in', body: () => ({ digest: 'daily' }) },
];
