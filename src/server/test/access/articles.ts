import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of articles: everyone signed in may write and read them; each article then answers 404
 * to whoever may not see it (a draft to anyone but its author, a published one in a community the
 * reader may not read). Ids that do not exist are fine: a 404 means the role check let the call through.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/articles', who: 'signed-in' },
  { method: 'POST', path: '/api/articles', who: 'signed-in', body: (f) => ({ title: `Matrix ${f.unique()}` }) },
  { method: 'GET', path: '/api/articles/{id}', who: 'signed-in', url: (f) => `/api/articles/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/articles/{id}',
    who: 'signed-in',
    url: (f) => `/api/articles/${f.unique()}`,
    body: () => ({ summary: 'Matrix' }),
  },
  { method: 'DELETE', path: '/api/articles/{id}', who: 'signed-in', url: (f) => `/api/articles/${f.unique()}` },
  {
    method: 'POST',
    path: '/api/articles/{id}/publish',
    who: 'signed-in',
    url: (f) => `/api/articles/${f.unique()}/publish`,
    body: () => ({}),
  },
  { method: 'POST', path: '/api/articles/{id}/unpublish', who: 'signed-in', url: (f) => `/api/articles/${f.unique()}/unpublish` },
  { method: 'GET', path: '/api/articles/{id}/cover', who: 'signed-in', url: (f) => `/api/articles/${f.unique()}/cover` },
  {
    method: 'GET',
    path: '/api/articles/{id}/images/{imageId}',
    who: 'signed-in',
    url: (f) => `/api/articles/${f.unique()}/images/${f.unique()}`,
  },
];
