import type { AccessRow } from '../access-matrix.js';

/** Access rows for the attachments routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'POST', path: '/api/attachments', who: 'signed-in', body: () => ({}) },
  { method: 'GET', path: '/api/attachments/{id}', who: 'signed-in', url: (f) => `/api/attachments/${f.unique()}` },
  { method: 'GET', path: '/api/attachments/{id}/thumb', who: 'signed-in', url: (f) => `/api/attachments/${f.unique()}/thumb` },
];
