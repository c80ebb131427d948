import type { AccessRow } from '../access-matrix.js';

/** Access rows for the badges routes. */
export const rows: AccessRow[] = [];
