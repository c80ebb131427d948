import type { AccessRow } from '../access-matrix.js';

/** Polls are posts: every signed-in person may ask and vote; ids that do not exist answer 404 past the role check. */
export const rows: AccessRow[] = [
  { method: 'POST', path: '/api/polls', who: 'signed-in', body: () => ({ body: 'Which one?', options: ['This', 'That'] }) },
  {
    method: 'POST',
    path: '/api/polls/{postId}/votes',
    who: 'signed-in',
    url: (f) => `/api/polls/${f.unique()}/votes`,
    body: (f) => ({ optionIds: [f.unique()] }),
  },
  { method: 'GET', path: '/api/polls/{postId}/voters', who: 'signed-in', url: (f) => `/api/polls/${f.unique()}/voters` },
];
