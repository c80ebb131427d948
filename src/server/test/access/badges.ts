import type { AccessRow } from '../access-matrix.js';

/** Access rows for the badges, recognition preferences routes (ids of badges that do not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/people/{id}/badges', who: 'signed-in', url: (f) => `/api/people/${f.personId}/badges` },
  {
    method: 'PATCH',
    path: '/api/me/badges/{badgeId}',
    who: 'signed-in',
    url: (f) => `/api/me/badges/${f.unique()}`,
    body: () => ({ hidden: true }),
  },
  { method: 'GET', path: '/api/me/recognition-prefs', who: 'signed-in' },
  { method: 'PATCH', path: '/api/me/recognition-prefs', who: 'signed-in', body: () => ({ hideFromLeaderboards: false }) },
  { method: 'GET', path: '/api/admin/badges', who: ['admin'] },
  { method: 'POST', path: '/api/admin/badges', who: ['admin'], body: (f) => ({ name: `Matrix badge ${f.unique()}` }) },
  {
    method: 'PATCH',
    path: '/api/admin/badges/{id}',
    who: ['admin'],
    url: (f) => `/api/admin/badges/${f.unique()}`,
    body: () => ({ archived: true }),
  },
  {
    method: 'POST',
    path: '/api/admin/badges/{id}/award',
    who: ['admin'],
    url: (f) => `/api/admin/badges/${f.unique()}/award`,
    body: (f) => ({ userIds: [f.personId], reason: 'Matrix' }),
  },
];
