import type { AccessRow } from '../access-matrix.js';

/** Write announcements (with acknowledgement, pinning, scheduling). */
const announcers: AccessRow['who'] = ['admin', 'communications', 'hr', 'manager'];

/**
 * Access rows of announcements. Reading one's own announcements, and acknowledging them, is for
 * everyone signed in: an announcement that is not addressed to the caller answers 404. Statistics
 * answer 404 (or 403 to a recipient) unless the caller sent it.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/announcements', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/announcements',
    who: announcers,
    body: (f) => ({ title: 'Matrix', body: 'An announcement from the access matrix.', audience: { userIds: [f.personId] }, draft: true }),
  },
  { method: 'GET', path: '/api/announcements/pinned', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/announcements/audience',
    who: announcers,
    body: (f) => ({ audience: { userIds: [f.personId] } }),
  },
  { method: 'GET', path: '/api/announcements/{id}', who: 'signed-in', url: (f) => `/api/announcements/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/announcements/{id}',
    who: announcers,
    url: (f) => `/api/announcements/${f.unique()}`,
    body: () => ({ title: 'Matrix' }),
  },
  { method: 'DELETE', path: '/api/announcements/{id}', who: announcers, url: (f) => `/api/announcements/${f.unique()}` },
  { method: 'POST', path: '/api/announcements/{id}/seen', who: 'signed-in', url: (f) => `/api/announcements/${f.unique()}/seen` },
  { method: 'POST', path: '/api/announcements/{id}/ack', who: 'signed-in', url: (f) => `/api/announcements/${f.unique()}/ack` },
  { method: 'GET', path: '/api/announcements/{id}/stats', who: 'signed-in', url: (f) => `/api/announcements/${f.unique()}/stats` },
  { method: 'GET', path: '/api/announcements/{id}/pending', who: 'signed-in', url: (f) => `/api/announcements/${f.unique()}/pending` },
  { method: 'POST', path: '/api/announcements/{id}/remind', who: announcers, url: (f) => `/api/announcements/${f.unique()}/remind` },
];
