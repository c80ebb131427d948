import type { AccessRow } from '../access-matrix.js';

/** Access rows for the feeds routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/feed', who: 'signed-in' },
  { method: 'GET', path: '/api/feed/news', who: 'signed-in', url: () => '/api/feed/news?since=garbage' },
  { method: 'GET', path: '/api/discover', who: 'signed-in' },
  { method: 'GET', path: '/api/bookmarks', who: 'signed-in' },
  { method: 'GET', path: '/api/communities/{id}/feed', who: 'signed-in', url: (f) => `/api/communities/${f.unique()}/feed` },
  { method: 'GET', path: '/api/people/{id}/feed', who: 'signed-in', url: (f) => `/api/people/${f.personId}/feed` },
  { method: 'GET', path: '/api/hashtags/{tag}/feed', who: 'signed-in', url: () => '/api/hashtags/matrix/feed' },
  { method: 'GET', path: '/api/hashtags/{tag}', who: 'signed-in', url: () => '/api/hashtags/matrix' },
  { method: 'PUT', path: '/api/hashtags/{tag}/follow', who: 'signed-in', url: () => '/api/hashtags/matrix/follow' },
  { method: 'DELETE', path: '/api/hashtags/{tag}/follow', who: 'signed-in', url: () => '/api/hashtags/matrix/follow' },
  { method: 'GET', path: '/api/people/{id}/follow', who: 'signed-in', url: (f) => `/api/people/${f.personId}/follow` },
  { method: 'PUT', path: '/api/people/{id}/follow', who: 'signed-in', url: (f) => `/api/people/${f.personId}/follow` },
  { method: 'DELETE', path: '/api/people/{id}/follow', who: 'signed-in', url: (f) => `/api/people/${f.personId}/follow` },
  { method: 'GET', path: '/api/me/following', who: 'signed-in' },
];
