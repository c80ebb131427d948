import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of the advocacy guidelines, settings, one's own advocacy and the leaderboard. Everyone
 * may read and accept the guidelines, see their own reach and the leaderboard; only communications
 * staff and administrators read or change the settings.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/advocacy/guidelines', who: 'signed-in' },
  { method: 'POST', path: '/api/advocacy/guidelines/accept', who: 'signed-in', body: () => ({ version: 1 }) },
  { method: 'GET', path: '/api/advocacy/settings', who: ['admin', 'communications'] },
  { method: 'PUT', path: '/api/advocacy/settings', who: ['admin', 'communications'], body: () => ({ pointsPerShare: 5 }) },
  { method: 'GET', path: '/api/advocacy/me', who: 'signed-in' },
  { method: 'PATCH', path: '/api/advocacy/me', who: 'signed-in', body: () => ({ hideFromLeaderboard: false }) },
  { method: 'GET', path: '/api/advocacy/leaderboard', who: 'signed-in' },
];
