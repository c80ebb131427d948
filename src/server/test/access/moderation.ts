import type { AccessRow } from '../access-matrix.js';

/** Access rows for the moderation routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'POST', path: '/api/reports', who: 'signed-in', body: (f) => ({ postId: f.unique(), reason: 'spam' }) },
  /** Without a community: the organisation-wide queue. A community's queue depends on being its moderator, not on a role. */
  { method: 'GET', path: '/api/moderation/reports', who: ['admin'] },
  {
    method: 'POST',
    path: '/api/moderation/reports/{id}/resolve',
    who: 'signed-in',
    url: (f) => `/api/moderation/reports/${f.unique()}/resolve`,
    body: () => ({ action: 'dismiss' }),
  },
];
