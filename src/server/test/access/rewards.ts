import type { AccessRow } from '../access-matrix.js';

/** Access rows for the rewards routes. */
export const rows: AccessRow[] = [];
