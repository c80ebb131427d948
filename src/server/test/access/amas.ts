import type { AccessRow } from '../access-matrix.js';

/** Schedule AMAs (their hosts run them too, whoever they are). */
const managers: AccessRow['who'] = ['admin', 'communications', 'hr'];

const hour = 3_600_000;

/**
 * Access rows of leadership AMAs. Everyone reads and takes part; running an AMA (changing it, putting
 * it on air, answering, hiding) is for its host and those who manage AMAs, decided per AMA, so those
 * routes are open to every signed-in person and answer 404 for an id that does not exist.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/amas', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/amas',
    who: managers,
    body: (f) => ({
      title: 'Matrix AMA',
      hostId: f.personId,
      startsAt: new Date(Date.now() + hour).toISOString(),
      endsAt: new Date(Date.now() + 2 * hour).toISOString(),
    }),
  },
  { method: 'GET', path: '/api/amas/{id}', who: 'signed-in', url: (f) => `/api/amas/${f.unique()}` },
  { method: 'PATCH', path: '/api/amas/{id}', who: 'signed-in', url: (f) => `/api/amas/${f.unique()}`, body: () => ({ title: 'Matrix' }) },
  { method: 'POST', path: '/api/amas/{id}/live', who: 'signed-in', url: (f) => `/api/amas/${f.unique()}/live` },
  { method: 'POST', path: '/api/amas/{id}/end', who: 'signed-in', url: (f) => `/api/amas/${f.unique()}/end` },
  { method: 'GET', path: '/api/amas/{id}/questions', who: 'signed-in', url: (f) => `/api/amas/${f.unique()}/questions` },
  {
    method: 'POST',
    path: '/api/amas/{id}/questions',
    who: 'signed-in',
    url: (f) => `/api/amas/${f.unique()}/questions`,
    body: () => ({ body: 'A question from the access matrix?' }),
  },
  { method: 'PUT', path: '/api/amas/questions/{id}/vote', who: 'signed-in', url: (f) => `/api/amas/questions/${f.unique()}/vote` },
  { method: 'DELETE', path: '/api/amas/questions/{id}/vote', who: 'signed-in', url: (f) => `/api/amas/questions/${f.unique()}/vote` },
  {
    method: 'POST',
    path: '/api/amas/questions/{id}/answer',
    who: 'signed-in',
    url: (f) => `/api/amas/questions/${f.unique()}/answer`,
    body: () => ({ answer: 'An answer.' }),
  },
  { method: 'POST', path: '/api/amas/questions/{id}/hide', who: 'signed-in', url: (f) => `/api/amas/questions/${f.unique()}/hide` },
];
