import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of sharing and tracked links. Everyone may share (unknown items answer 404, which means
 * the role check let the call through); tracked links and shared pages are public and answer 404 pages
 * for codes and items that do not exist.
 */
export const rows: AccessRow[] = [
  {
    method: 'POST',
    path: '/api/advocacy/items/{id}/shares',
    who: 'signed-in',
    url: (f) => `/api/advocacy/items/${f.unique()}/shares`,
    body: () => ({ network: 'linkedin', text: 'Matrix' }),
  },
  { method: 'GET', path: '/s/{code}', who: 'anyone', url: () => '/s/AAAAAAAAAA' },
  { method: 'GET', path: '/shared/{itemId}', who: 'anyone', url: (f) => `/shared/${f.unique()}` },
];
