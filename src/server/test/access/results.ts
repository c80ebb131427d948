import type { AccessRow } from '../access-matrix.js';

const readers: AccessRow['who'] = ['admin', 'hr', 'manager'];
const survey = (f: { unique: () => string }) => `/api/listening/surveys/${f.unique()}`;

/**
 * Access rows of listening results (a survey that does not exist is fine: a 404 means the role check
 * let the call through).
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/listening/results/surveys', who: readers },
  { method: 'GET', path: '/api/listening/surveys/{surveyId}/results/overview', who: readers, url: (f) => `${survey(f)}/results/overview` },
  { method: 'GET', path: '/api/listening/surveys/{surveyId}/results', who: readers, url: (f) => `${survey(f)}/results?by=team` },
  { method: 'GET', path: '/api/listening/surveys/{surveyId}/trend', who: readers, url: (f) => `${survey(f)}/trend` },
  { method: 'GET', path: '/api/listening/surveys/{surveyId}/comments', who: readers, url: (f) => `${survey(f)}/comments?q=late` },
  { method: 'GET', path: '/api/listening/surveys/{surveyId}/results.csv', who: readers, url: (f) => `${survey(f)}/results.csv` },
  { method: 'GET', path: '/api/listening/surveys/{surveyId}/responses', who: ['admin', 'hr'], url: (f) => `${survey(f)}/responses` },
];
