import type { AccessRow } from '../access-matrix.js';

const planners: AccessRow['who'] = ['admin', 'hr', 'manager'];

/**
 * Access rows of action plans: HR, administrators and managers write them; everyone reads those shared
 * with them (ids that do not exist are fine: a 404 means the role check let the call through).
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/listening/actions', who: planners },
  {
    method: 'POST',
    path: '/api/listening/actions',
    who: planners,
    // A line without an id is the caller's own line: a scope every planner may use.
    body: () => ({ title: 'Matrix action', scope: { kind: 'line' } }),
  },
  { method: 'GET', path: '/api/listening/actions/shared', who: 'signed-in' },
  { method: 'GET', path: '/api/listening/actions/{id}', who: planners, url: (f) => `/api/listening/actions/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/listening/actions/{id}',
    who: planners,
    url: (f) => `/api/listening/actions/${f.unique()}`,
    body: () => ({ status: 'done' }),
  },
  { method: 'DELETE', path: '/api/listening/actions/{id}', who: planners, url: (f) => `/api/listening/actions/${f.unique()}` },
  { method: 'POST', path: '/api/listening/actions/{id}/share', who: planners, url: (f) => `/api/listening/actions/${f.unique()}/share` },
];
