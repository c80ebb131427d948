import type { AccessRow } from '../access-matrix.js';

/** HR and administrators build surveys; managers also start check-ins (for their own line, which the service checks). */
const manage: AccessRow['who'] = ['admin', 'hr'];
const checkin: AccessRow['who'] = ['admin', 'hr', 'manager'];

/**
 * Access rows of survey authoring (ids that do not exist are fine: a 404 means the role check let the
 * call through; a manager asking beyond their own line gets its own refusal code, after the role check).
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/listening/bank', who: checkin },
  { method: 'GET', path: '/api/listening/settings', who: manage },
  { method: 'PUT', path: '/api/listening/settings', who: manage, body: () => ({ threshold: 5, commentThreshold: 5, leadershipIds: [] }) },
  { method: 'POST', path: '/api/listening/audience/preview', who: checkin, body: () => ({ audience: { all: true } }) },
  { method: 'GET', path: '/api/listening/surveys', who: checkin },
  { method: 'POST', path: '/api/listening/surveys', who: manage, body: () => ({ kind: 'survey', title: 'Matrix survey' }) },
  {
    method: 'GET',
    path: '/api/listening/surveys/{surveyId}',
    who: checkin,
    url: (f) => `/api/listening/surveys/${f.unique()}`,
  },
  {
    method: 'PATCH',
    path: '/api/listening/surveys/{surveyId}',
    who: manage,
    url: (f) => `/api/listening/surveys/${f.unique()}`,
    body: () => ({ title: 'Matrix survey' }),
  },
  {
    method: 'DELETE',
    path: '/api/listening/surveys/{surveyId}',
    who: manage,
    url: (f) => `/api/listening/surveys/${f.unique()}`,
  },
  {
    method: 'POST',
    path: '/api/listening/surveys/{surveyId}/schedule',
    who: manage,
    url: (f) => `/api/listening/surveys/${f.unique()}/schedule`,
  },
  {
    method: 'POST',
    path: '/api/listening/surveys/{surveyId}/end',
    who: checkin,
    url: (f) => `/api/listening/surveys/${f.unique()}/end`,
  },
  {
    method: 'GET',
    path: '/api/listening/surveys/{surveyId}/rounds',
    who: checkin,
    url: (f) => `/api/listening/surveys/${f.unique()}/rounds`,
  },
  { method: 'POST', path: '/api/listening/checkins', who: checkin, body: (f) => ({ audience: { teamIds: [f.teamId] } }) },
];
