import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of community files. Every signed-in person may call them: what they may see and do is
 * decided by their place in the community, so unknown ids answer 404 once the sign-in check passed.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/communities/{id}/files', who: 'signed-in', url: (f) => `/api/communities/${f.unique()}/files` },
  { method: 'POST', path: '/api/communities/{id}/files', who: 'signed-in', url: (f) => `/api/communities/${f.unique()}/files` },
  { method: 'GET', path: '/api/files/{id}', who: 'signed-in', url: (f) => `/api/files/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/files/{id}',
    who: 'signed-in',
    url: (f) => `/api/files/${f.unique()}`,
    body: () => ({ name: 'Matrix.txt' }),
  },
  { method: 'DELETE', path: '/api/files/{id}', who: 'signed-in', url: (f) => `/api/files/${f.unique()}` },
  { method: 'POST', path: '/api/files/{id}/versions', who: 'signed-in', url: (f) => `/api/files/${f.unique()}/versions` },
  { method: 'POST', path: '/api/files/{id}/poster', who: 'signed-in', url: (f) => `/api/files/${f.unique()}/poster` },
  { method: 'GET', path: '/api/files/{id}/poster', who: 'signed-in', url: (f) => `/api/files/${f.unique()}/poster` },
  { method: 'GET', path: '/api/files/{id}/content', who: 'signed-in', url: (f) => `/api/files/${f.unique()}/content` },
];
