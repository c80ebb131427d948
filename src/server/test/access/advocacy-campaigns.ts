import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of advocacy campaigns. Everyone lists the campaigns that reach them; communications
 * staff and administrators run them. Ids that do not exist answer 404, past the role check.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/advocacy/campaigns', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/advocacy/campaigns',
    who: ['admin', 'communications'],
    body: () => ({ name: 'Matrix campaign', audience: { all: true } }),
  },
  { method: 'GET', path: '/api/advocacy/campaigns/{id}', who: 'signed-in', url: (f) => `/api/advocacy/campaigns/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/advocacy/campaigns/{id}',
    who: ['admin', 'communications'],
    url: (f) => `/api/advocacy/campaigns/${f.unique()}`,
    body: () => ({ name: 'Renamed' }),
  },
  {
    method: 'DELETE',
    path: '/api/advocacy/campaigns/{id}',
    who: ['admin', 'communications'],
    url: (f) => `/api/advocacy/campaigns/${f.unique()}`,
  },
];
