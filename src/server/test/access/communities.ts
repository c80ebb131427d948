import type { AccessRow } from '../access-matrix.js';

const community = (f: { unique: () => string }) => `/api/communities/${f.unique()}`;

/** Access rows for the communities routes (ids of content that does not exist are fine: a 404 means the role check let the call through). */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/communities', who: 'signed-in' },
  { method: 'GET', path: '/api/communities/suggest', who: 'signed-in', url: () => '/api/communities/suggest?q=ma' },
  { method: 'POST', path: '/api/communities', who: 'signed-in', body: (f) => ({ name: `Matrix ${f.unique()}`, visibility: 'public' }) },
  { method: 'GET', path: '/api/communities/{id}', who: 'signed-in', url: community },
  { method: 'PATCH', path: '/api/communities/{id}', who: 'signed-in', url: community, body: () => ({ description: 'Matrix' }) },
  { method: 'PUT', path: '/api/communities/{id}/cover', who: 'signed-in', url: (f) => `${community(f)}/cover`, body: () => ({}) },
  { method: 'GET', path: '/api/communities/{id}/cover', who: 'signed-in', url: (f) => `${community(f)}/cover` },
  { method: 'DELETE', path: '/api/communities/{id}/cover', who: 'signed-in', url: (f) => `${community(f)}/cover` },
  { method: 'POST', path: '/api/communities/{id}/join', who: 'signed-in', url: (f) => `${community(f)}/join` },
  { method: 'POST', path: '/api/communities/{id}/request', who: 'signed-in', url: (f) => `${community(f)}/request` },
  { method: 'POST', path: '/api/communities/{id}/leave', who: 'signed-in', url: (f) => `${community(f)}/leave` },
  { method: 'GET', path: '/api/communities/{id}/members', who: 'signed-in', url: (f) => `${community(f)}/members` },
  {
    method: 'POST',
    path: '/api/communities/{id}/members',
    who: 'signed-in',
    url: (f) => `${community(f)}/members`,
    body: (f) => ({ userIds: [f.personId] }),
  },
  {
    method: 'PATCH',
    path: '/api/communities/{id}/members/{userId}',
    who: 'signed-in',
    url: (f) => `${community(f)}/members/${f.personId}`,
    body: () => ({ role: 'moderator' }),
  },
  {
    method: 'DELETE',
    path: '/api/communities/{id}/members/{userId}',
    who: 'signed-in',
    url: (f) => `${community(f)}/members/${f.personId}`,
  },
  ...(['approve', 'ban', 'unban'] as const).map((action): AccessRow => ({
    method: 'POST',
    path: `/api/communities/{id}/members/{userId}/${action}`,
    who: 'signed-in',
    url: (f) => `${community(f)}/members/${f.personId}/${action}`,
  })),
];
