import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of shareable items. Everyone sees what is ready to share and an item in it;
 * communications staff and administrators make content shareable, change and withdraw it. Ids that
 * do not exist answer 404, which means the role check let the call through.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/advocacy/ready', who: 'signed-in' },
  { method: 'GET', path: '/api/advocacy/items', who: ['admin', 'communications'] },
  {
    method: 'POST',
    path: '/api/advocacy/items',
    who: ['admin', 'communications'],
    body: (f) => ({ kind: 'link', url: `https://example.com/news/${f.unique()}`, title: 'Matrix news' }),
  },
  { method: 'GET', path: '/api/advocacy/items/{id}', who: 'signed-in', url: (f) => `/api/advocacy/items/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/advocacy/items/{id}',
    who: ['admin', 'communications'],
    url: (f) => `/api/advocacy/items/${f.unique()}`,
    body: () => ({ title: 'Renamed' }),
  },
  { method: 'DELETE', path: '/api/advocacy/items/{id}', who: ['admin', 'communications'], url: (f) => `/api/advocacy/items/${f.unique()}` },
];
