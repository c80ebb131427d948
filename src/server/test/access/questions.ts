import type { AccessRow } from '../access-matrix.js';

/** Questions are posts: every signed-in person may ask and answer; ids that do not exist answer 404 past the role check. */
export const rows: AccessRow[] = [
  { method: 'POST', path: '/api/questions', who: 'signed-in', body: () => ({ body: 'A question from the access matrix?' }) },
  { method: 'GET', path: '/api/questions', who: 'signed-in' },
  {
    method: 'GET',
    path: '/api/communities/{id}/questions',
    who: 'signed-in',
    url: (f) => `/api/communities/${f.unique()}/questions`,
  },
  {
    method: 'PUT',
    path: '/api/questions/{postId}/best',
    who: 'signed-in',
    url: (f) => `/api/questions/${f.unique()}/best`,
    body: (f) => ({ commentId: f.unique() }),
  },
  { method: 'DELETE', path: '/api/questions/{postId}/best', who: 'signed-in', url: (f) => `/api/questions/${f.unique()}/best` },
  { method: 'PUT', path: '/api/comments/{id}/upvote', who: 'signed-in', url: (f) => `/api/comments/${f.unique()}/upvote` },
  { method: 'DELETE', path: '/api/comments/{id}/upvote', who: 'signed-in', url: (f) => `/api/comments/${f.unique()}/upvote` },
];
