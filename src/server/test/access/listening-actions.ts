import type { AccessRow } from '../access-matrix.js';

/** Access rows of employee listening (filled in with the routes). */
export const rows: AccessRow[] = [];
