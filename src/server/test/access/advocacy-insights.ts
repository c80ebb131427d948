import type { AccessRow } from '../access-matrix.js';

/** Advocacy insights: communications staff and administrators only. */
const insights: AccessRow['who'] = ['admin', 'communications'];

export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/advocacy/insights', who: insights },
  { method: 'GET', path: '/api/advocacy/insights.csv', who: insights, url: () => '/api/advocacy/insights.csv?table=byNetwork' },
];
