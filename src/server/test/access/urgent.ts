import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of urgent broadcasts and web push. Everyone signed in has a banner and may subscribe
 * browsers. Ending is for a broadcast's author or a broadcaster, decided per broadcast: an unknown id
 * answers 404 to everyone.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/urgent/active', who: 'signed-in' },
  { method: 'POST', path: '/api/urgent/{id}/end', who: 'signed-in', url: (f) => `/api/urgent/${f.unique()}/end` },
  { method: 'GET', path: '/api/push/key', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/push/subscriptions',
    who: 'signed-in',
    body: (f) => ({
      endpoint: `https://push.example/send/${f.unique()}`,
      keys: {
        p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM',
        auth: 'tBHItJI5svbpez7KI4CCXg',
      },
    }),
  },
  {
    method: 'DELETE',
    path: '/api/push/subscriptions',
    who: 'signed-in',
    body: (f) => ({ endpoint: `https://push.example/send/${f.unique()}` }),
  },
];
