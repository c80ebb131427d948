import type { AccessRow } from '../access-matrix.js';

/** Access rows for the posts routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
const post = (suffix = '') => ({ url: (f: { unique: () => string }) => `/api/posts/${f.unique()}${suffix}` });
const comment = (suffix = '') => ({ url: (f: { unique: () => string }) => `/api/comments/${f.unique()}${suffix}` });

export const rows: AccessRow[] = [
  { method: 'POST', path: '/api/posts', who: 'signed-in', body: () => ({ communityId: null, body: 'Hello from the access matrix' }) },
  { method: 'GET', path: '/api/posts/{id}', who: 'signed-in', ...post() },
  { method: 'PATCH', path: '/api/posts/{id}', who: 'signed-in', ...post(), body: () => ({ body: 'Edited' }) },
  { method: 'DELETE', path: '/api/posts/{id}', who: 'signed-in', ...post() },
  { method: 'GET', path: '/api/posts/{id}/revisions', who: 'signed-in', ...post('/revisions') },
  { method: 'POST', path: '/api/posts/{id}/pin', who: 'signed-in', ...post('/pin') },
  { method: 'DELETE', path: '/api/posts/{id}/pin', who: 'signed-in', ...post('/pin') },
  { method: 'PUT', path: '/api/posts/{id}/bookmark', who: 'signed-in', ...post('/bookmark') },
  { method: 'DELETE', path: '/api/posts/{id}/bookmark', who: 'signed-in', ...post('/bookmark') },
  { method: 'POST', path: '/api/posts/{id}/hide', who: 'signed-in', ...post('/hide'), body: () => ({ reason: 'Off topic' }) },
  { method: 'DELETE', path: '/api/posts/{id}/hide', who: 'signed-in', ...post('/hide') },
  { method: 'PUT', path: '/api/posts/{id}/reaction', who: 'signed-in', ...post('/reaction'), body: () => ({ kind: 'like' }) },
  { method: 'DELETE', path: '/api/posts/{id}/reaction', who: 'signed-in', ...post('/reaction') },
  { method: 'GET', path: '/api/posts/{id}/reactions', who: 'signed-in', ...post('/reactions') },
  { method: 'GET', path: '/api/posts/{id}/comments', who: 'signed-in', ...post('/comments') },
  { method: 'POST', path: '/api/posts/{id}/comments', who: 'signed-in', ...post('/comments'), body: () => ({ body: 'A comment' }) },
  { method: 'GET', path: '/api/comments/{id}', who: 'signed-in', ...comment() },
  { method: 'GET', path: '/api/comments/{id}/replies', who: 'signed-in', ...comment('/replies') },
  { method: 'PATCH', path: '/api/comments/{id}', who: 'signed-in', ...comment(), body: () => ({ body: 'Edited' }) },
  { method: 'DELETE', path: '/api/comments/{id}', who: 'signed-in', ...comment() },
  { method: 'PUT', path: '/api/comments/{id}/reaction', who: 'signed-in', ...comment('/reaction'), body: () => ({ kind: 'like' }) },
  { method: 'DELETE', path: '/api/comments/{id}/reaction', who: 'signed-in', ...comment('/reaction') },
  { method: 'GET', path: '/api/comments/{id}/reactions', who: 'signed-in', ...comment('/reactions') },
  { method: 'POST', path: '/api/comments/{id}/hide', who: 'signed-in', ...comment('/hide'), body: () => ({ reason: 'Off topic' }) },
  { method: 'DELETE', path: '/api/comments/{id}/hide', who: 'signed-in', ...comment('/hide') },
  { method: 'GET', path: '/api/hashtags/suggest', who: 'signed-in', url: () => '/api/hashtags/suggest?q=re' },
];
