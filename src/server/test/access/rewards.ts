import type { AccessRow } from '../access-matrix.js';

const admin: AccessRow['who'] = ['admin'];

/**
 * Access rows for rewards, redemptions, awards, values, recognition settings and allowances (ids that
 * do not exist are fine: a 404 means the role check let the call through).
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/rewards', who: 'signed-in', url: () => '/api/rewards?all=true' },
  { method: 'GET', path: '/api/rewards/{id}/image', who: 'signed-in', url: (f) => `/api/rewards/${f.unique()}/image` },
  { method: 'POST', path: '/api/rewards/{id}/redeem', who: 'signed-in', url: (f) => `/api/rewards/${f.unique()}/redeem` },
  { method: 'GET', path: '/api/me/redemptions', who: 'signed-in' },

  { method: 'POST', path: '/api/admin/rewards', who: admin, body: (f) => ({ name: `Reward ${f.unique()}`, cost: 10 }) },
  {
    method: 'PATCH',
    path: '/api/admin/rewards/{id}',
    who: admin,
    url: (f) => `/api/admin/rewards/${f.unique()}`,
    body: () => ({ active: false }),
  },
  {
    method: 'PUT',
    path: '/api/admin/rewards/{id}/image',
    who: admin,
    url: (f) => `/api/admin/rewards/${f.unique()}/image`,
    body: () => ({}),
  },
  { method: 'DELETE', path: '/api/admin/rewards/{id}/image', who: admin, url: (f) => `/api/admin/rewards/${f.unique()}/image` },

  { method: 'GET', path: '/api/admin/redemptions', who: admin, url: () => '/api/admin/redemptions?status=pending' },
  {
    method: 'POST',
    path: '/api/admin/redemptions/{id}/approve',
    who: admin,
    url: (f) => `/api/admin/redemptions/${f.unique()}/approve`,
    body: () => ({ note: 'Matrix' }),
  },
  {
    method: 'POST',
    path: '/api/admin/redemptions/{id}/refuse',
    who: admin,
    url: (f) => `/api/admin/redemptions/${f.unique()}/refuse`,
    body: () => ({}),
  },

  { method: 'POST', path: '/api/admin/awards', who: admin, body: (f) => ({ userIds: [f.personId], points: 1, reason: 'Matrix' }) },
  { method: 'GET', path: '/api/admin/awards', who: admin },

  { method: 'GET', path: '/api/admin/values', who: admin },
  { method: 'POST', path: '/api/admin/values', who: admin, body: (f) => ({ name: `Value ${f.unique().slice(-12)}` }) },
  {
    method: 'PATCH',
    path: '/api/admin/values/{id}',
    who: admin,
    url: (f) => `/api/admin/values/${f.unique()}`,
    body: () => ({ archived: true }),
  },

  { method: 'GET', path: '/api/admin/recognition/settings', who: admin },
  { method: 'PATCH', path: '/api/admin/recognition/settings', who: admin, body: () => ({ requireValue: false }) },

  { method: 'GET', path: '/api/admin/allowances', who: admin },
  {
    method: 'PUT',
    path: '/api/admin/allowances/roles/{role}',
    who: admin,
    url: () => '/api/admin/allowances/roles/manager',
    body: () => ({ amount: 150 }),
  },
  { method: 'DELETE', path: '/api/admin/allowances/roles/{role}', who: admin, url: () => '/api/admin/allowances/roles/manager' },
  {
    method: 'PUT',
    path: '/api/admin/allowances/people/{id}',
    who: admin,
    url: (f) => `/api/admin/allowances/people/${f.personId}`,
    body: () => ({ amount: 80 }),
  },
  { method: 'DELETE', path: '/api/admin/allowances/people/{id}', who: admin, url: (f) => `/api/admin/allowances/people/${f.personId}` },
];
