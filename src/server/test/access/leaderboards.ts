import type { AccessRow } from '../access-matrix.js';

/** Access rows for the leaderboards and recognition insights routes. */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/leaderboards', who: 'signed-in' },
  { method: 'GET', path: '/api/insights/recognition', who: ['admin', 'hr', 'manager'] },
  { method: 'GET', path: '/api/insights/recognition/unrecognised', who: ['admin', 'hr', 'manager'] },
];
