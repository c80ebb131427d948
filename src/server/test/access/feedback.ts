import type { AccessRow } from '../access-matrix.js';

/**
 * Access rows of anonymous feedback conversations. Every signed-in person may write and may receive;
 * which threads they see is decided per thread (a thread that is not theirs answers 404, which the
 * matrix counts as let through). Writer routes without a key answer 404 too.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/listening/feedback/options', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/listening/feedback/threads',
    who: 'signed-in',
    body: () => ({ recipient: 'hr', subject: 'Matrix', body: 'A message from the access matrix.' }),
  },
  { method: 'POST', path: '/api/listening/feedback/threads/mine', who: 'signed-in', body: (f) => ({ keys: [f.unique()] }) },
  { method: 'GET', path: '/api/listening/feedback/thread', who: 'signed-in' },
  { method: 'POST', path: '/api/listening/feedback/thread/messages', who: 'signed-in', body: () => ({ body: 'Matrix' }) },
  { method: 'POST', path: '/api/listening/feedback/thread/read', who: 'signed-in' },
  { method: 'POST', path: '/api/listening/feedback/thread/reveal', who: 'signed-in' },

  { method: 'GET', path: '/api/listening/feedback/inbox', who: 'signed-in', url: () => '/api/listening/feedback/inbox?status=open' },
  { method: 'GET', path: '/api/listening/feedback/inbox/summary', who: 'signed-in' },
  {
    method: 'GET',
    path: '/api/listening/feedback/inbox/{threadId}',
    who: 'signed-in',
    url: (f) => `/api/listening/feedback/inbox/${f.unique()}`,
  },
  {
    method: 'POST',
    path: '/api/listening/feedback/inbox/{threadId}/messages',
    who: 'signed-in',
    url: (f) => `/api/listening/feedback/inbox/${f.unique()}/messages`,
    body: () => ({ body: 'Matrix' }),
  },
  {
    method: 'POST',
    path: '/api/listening/feedback/inbox/{threadId}/close',
    who: 'signed-in',
    url: (f) => `/api/listening/feedback/inbox/${f.unique()}/close`,
  },
  {
    method: 'POST',
    path: '/api/listening/feedback/inbox/{threadId}/reopen',
    who: 'signed-in',
    url: (f) => `/api/listening/feedback/inbox/${f.unique()}/reopen`,
  },
  {
    method: 'POST',
    path: '/api/listening/feedback/inbox/{threadId}/escalate',
    who: 'signed-in',
    url: (f) => `/api/listening/feedback/inbox/${f.unique()}/escalate`,
    body: () => ({ note: 'Matrix' }),
  },
  {
    method: 'POST',
    path: '/api/listening/feedback/inbox/{threadId}/block',
    who: 'signed-in',
    url: (f) => `/api/listening/feedback/inbox/${f.unique()}/block`,
  },
];
