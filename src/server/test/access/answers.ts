import type { AccessRow } from '../access-matrix.js';

/** Access rows of answering surveys and check-ins (an unknown round answers 404: the check let the call through). */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/listening/me/open', who: 'signed-in' },
  { method: 'GET', path: '/api/listening/rounds/{roundId}', who: 'signed-in', url: (f) => `/api/listening/rounds/${f.unique()}` },
  {
    method: 'GET',
    path: '/api/listening/rounds/{roundId}/identifying-terms',
    who: 'signed-in',
    url: (f) => `/api/listening/rounds/${f.unique()}/identifying-terms`,
  },
  {
    method: 'POST',
    path: '/api/listening/rounds/{roundId}/answers',
    who: 'signed-in',
    url: (f) => `/api/listening/rounds/${f.unique()}/answers`,
    body: (f) => ({ answers: [{ questionId: f.unique(), value: 3 }] }),
  },
];
