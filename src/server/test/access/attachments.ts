import type { AccessRow } from '../access-matrix.js';

/** Access rows for the attachments routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [];
