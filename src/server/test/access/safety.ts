import type { AccessRow } from '../access-matrix.js';

/** Start, follow, remind and close safety checks. */
const operators: AccessRow['who'] = ['admin', 'safety'];

/**
 * Access rows of safety checks. Ids that do not exist are fine: a 404 means the role check let the
 * call through. Answering is for the people a check asks, whoever they are, so those routes are open
 * to every signed-in person and answer 404 for a check that does not ask them.
 */
export const rows: AccessRow[] = [
  {
    method: 'POST',
    path: '/api/safety/checks',
    who: operators,
    body: (f) => ({ title: 'Matrix drill', drill: true, userIds: [f.personId] }),
  },
  { method: 'GET', path: '/api/safety/checks', who: operators },
  { method: 'GET', path: '/api/safety/checks/{id}', who: operators, url: (f) => `/api/safety/checks/${f.unique()}` },
  { method: 'GET', path: '/api/safety/checks/{id}/people', who: operators, url: (f) => `/api/safety/checks/${f.unique()}/people` },
  { method: 'POST', path: '/api/safety/checks/{id}/remind', who: operators, url: (f) => `/api/safety/checks/${f.unique()}/remind` },
  { method: 'POST', path: '/api/safety/checks/{id}/close', who: operators, url: (f) => `/api/safety/checks/${f.unique()}/close` },
  {
    method: 'GET',
    path: '/api/safety/checks/{id}/report.csv',
    who: operators,
    url: (f) => `/api/safety/checks/${f.unique()}/report.csv`,
  },
  { method: 'GET', path: '/api/safety/mine', who: 'signed-in' },
  { method: 'GET', path: '/api/safety/checks/{id}/me', who: 'signed-in', url: (f) => `/api/safety/checks/${f.unique()}/me` },
  {
    method: 'POST',
    path: '/api/safety/checks/{id}/answer',
    who: 'signed-in',
    url: (f) => `/api/safety/checks/${f.unique()}/answer`,
    body: () => ({ status: 'safe' }),
  },
];
