import type { AccessRow } from '../access-matrix.js';

/** Access rows for the search routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [{ method: 'GET', path: '/api/search', who: 'signed-in', url: () => '/api/search?q=matrix' }];
