import type { AccessRow } from '../access-matrix.js';

export const rows: AccessRow[] = [];
