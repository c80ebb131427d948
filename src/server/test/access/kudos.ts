import type { AccessRow } from '../access-matrix.js';

/** Access rows for the kudos routes. */
export const rows: AccessRow[] = [];
