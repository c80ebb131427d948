import type { AccessRow } from '../access-matrix.js';

/** Access rows for the leaderboards routes. */
export const rows: AccessRow[] = [];
