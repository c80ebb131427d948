import type { AccessRow } from '../access-matrix.js';

/** Access rows for the kudos routes (ids of things that do not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/recognition/me', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/kudos',
    who: 'signed-in',
    body: (f) => ({ recipientIds: [f.personId], message: 'Thanks from the access matrix', visibility: 'private' }),
  },
  { method: 'GET', path: '/api/kudos/{id}', who: 'signed-in', url: (f) => `/api/kudos/${f.unique()}` },
  { method: 'GET', path: '/api/people/{id}/kudos', who: 'signed-in', url: (f) => `/api/people/${f.personId}/kudos?direction=given` },
  { method: 'GET', path: '/api/me/points/history', who: 'signed-in' },
  { method: 'GET', path: '/api/admin/recognition/flags', who: ['admin'] },
  {
    method: 'POST',
    path: '/api/admin/recognition/flags/{id}/resolve',
    who: ['admin'],
    url: (f) => `/api/admin/recognition/flags/${f.unique()}/resolve`,
    body: () => ({ status: 'dismissed' }),
  },
];
