import type { Role } from '../platform/policy.js';
import { rows as attachments } from './access/attachments.js';
import { rows as communities } from './access/communities.js';
import { rows as feeds } from './access/feeds.js';
import { rows as moderation } from './access/moderation.js';
import { rows as notifications } from './access/notifications.js';
import { rows as posts } from './access/posts.js';
import { rows as search } from './access/search.js';
import { rows as kudos } from './access/kudos.js';
import { rows as rewards } from './access/rewards.js';
import { rows as badges } from './access/badges.js';
import { rows as leaderboards } from './access/leaderboards.js';
import { rows as surveys } from './access/surveys.js';
import { rows as answers } from './access/answers.js';
import { rows as results } from './access/results.js';
import { rows as feedback } from './access/feedback.js';
import { rows as listeningActions } from './access/listening-actions.js';
import { rows as customers } from './access/customers.js';
import { rows as commsRows } from './access/comms.js';
import { rows as announcementsRows } from './access/announcements.js';
import { rows as urgentRows } from './access/urgent.js';
import { rows as safetyRows } from './access/safety.js';
import { rows as articlesRows } from './access/articles.js';
import { rows as questionsRows } from './access/questions.js';
import { rows as pollsRows } from './access/polls.js';
import { rows as eventsRows } from './access/events.js';
import { rows as amasRows } from './access/amas.js';
import { rows as filesRows } from './access/files.js';
import { rows as advocacyItemRows } from './access/advocacy-items.js';
import { rows as advocacyCampaignRows } from './access/advocacy-campaigns.js';
import { rows as advocacySharingRows } from './access/advocacy-sharing.js';
import { rows as advocacyMotivationRows } from './access/advocacy-motivation.js';
import { rows as advocacyInsightRows } from './access/advocacy-insights.js';

/** Ids a row can use in its URL or body: a target person, structure, an invitation. */
export interface Fixture {
  orgId: string;
  host: string;
  personId: string;
  departmentId: string;
  teamId: string;
  locationId: string;
  invitationId: string;
  unique: () => string;
}

/** Who may call a route: anyone (no sign-in), any signed-in person, or only these roles. */
export type Who = 'anyone' | 'signed-in' | Role[];

export interface AccessRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the OpenAPI document names it. */
  path: string;
  who: Who;
  url?: (f: Fixture) => string;
  body?: (f: Fixture) => unknown;
  /** The call ends the caller's session; run it on a fresh one. */
  endsSession?: boolean;
}

/**
 * Every route against every role. Each new route adds its row here; a test fails when a
 * route of the OpenAPI document has no row.
 */
const FOUNDATION: AccessRow[] = [
  { method: 'GET', path: '/api/setup', who: 'anyone' },
  {
    method: 'POST',
    path: '/api/setup',
    who: 'anyone',
    body: (f) => ({ orgName: 'X', name: 'X', email: `${f.unique()}@x.test`, password: 'a fine passphrase' }),
  },
  {
    method: 'POST',
    path: '/api/auth/sign-in',
    who: 'anyone',
    body: (f) => ({ email: `${f.unique()}@x.test`, password: 'whatever it is' }),
  },
  { method: 'POST', path: '/api/auth/sign-out', who: 'anyone', endsSession: true },
  { method: 'POST', path: '/api/auth/sign-out-everywhere', who: 'signed-in', endsSession: true },
  { method: 'POST', path: '/api/auth/password-reset', who: 'anyone', body: (f) => ({ email: `${f.unique()}@x.test` }) },
  {
    method: 'POST',
    path: '/api/auth/password-reset/confirm',
    who: 'anyone',
    body: () => ({ token: 'not-a-real-token', password: 'a fine passphrase' }),
  },
  {
    method: 'POST',
    path: '/api/me/password',
    who: 'signed-in',
    body: () => ({ currentPassword: 'wrong wrong', newPassword: 'a fine passphrase' }),
  },
  { method: 'POST', path: '/api/me/totp', who: 'signed-in' },
  { method: 'POST', path: '/api/me/totp/enable', who: 'signed-in', body: () => ({ code: '000000' }) },
  { method: 'POST', path: '/api/me/totp/disable', who: 'signed-in', body: () => ({ password: 'wrong wrong' }) },
  { method: 'GET', path: '/api/me/tokens', who: 'signed-in' },
  { method: 'POST', path: '/api/me/tokens', who: 'signed-in', body: () => ({ name: 'matrix', scopes: ['read'] }) },
  { method: 'DELETE', path: '/api/me/tokens/{id}', who: 'signed-in', url: (f) => `/api/me/tokens/${f.personId}` },
  { method: 'GET', path: '/api/me', who: 'signed-in' },
  { method: 'GET', path: '/api/people', who: 'signed-in' },
  { method: 'GET', path: '/api/people/{id}', who: 'signed-in', url: (f) => `/api/people/${f.personId}` },
  {
    method: 'PATCH',
    path: '/api/people/{id}',
    who: ['admin', 'hr'],
    url: (f) => `/api/people/${f.personId}`,
    body: () => ({ title: 'Matrix' }),
  },
  { method: 'PUT', path: '/api/people/{id}/photo', who: ['admin', 'hr'], url: (f) => `/api/people/${f.personId}/photo`, body: () => ({}) },
  { method: 'GET', path: '/api/people/{id}/photo', who: 'signed-in', url: (f) => `/api/people/${f.personId}/photo` },
  { method: 'GET', path: '/api/org-chart', who: 'signed-in' },
  {
    method: 'PATCH',
    path: '/api/admin/people/{id}',
    who: ['admin', 'hr'],
    url: (f) => `/api/admin/people/${f.personId}`,
    body: () => ({ title: 'Matrix' }),
  },
  {
    method: 'POST',
    path: '/api/admin/people/{id}/deactivate',
    who: ['admin', 'hr'],
    url: (f) => `/api/admin/people/${f.personId}/deactivate`,
  },
  {
    method: 'POST',
    path: '/api/admin/people/{id}/reactivate',
    who: ['admin', 'hr'],
    url: (f) => `/api/admin/people/${f.personId}/reactivate`,
  },
  { method: 'GET', path: '/api/admin/org', who: ['admin'] },
  { method: 'GET', path: '/api/admin/audit', who: ['admin'] },
  { method: 'PATCH', path: '/api/admin/org', who: ['admin'], body: () => ({ defaultLocale: 'en' }) },
  { method: 'GET', path: '/api/structure', who: 'signed-in' },
  { method: 'POST', path: '/api/departments', who: ['admin', 'hr'], body: (f) => ({ name: `D ${f.unique()}` }) },
  {
    method: 'PATCH',
    path: '/api/departments/{id}',
    who: ['admin', 'hr'],
    url: (f) => `/api/departments/${f.departmentId}`,
    body: (f) => ({ name: `D ${f.unique()}` }),
  },
  { method: 'DELETE', path: '/api/departments/{id}', who: ['admin', 'hr'], url: (f) => `/api/departments/${f.unique()}` },
  { method: 'POST', path: '/api/teams', who: ['admin', 'hr'], body: (f) => ({ name: `T ${f.unique()}` }) },
  {
    method: 'PATCH',
    path: '/api/teams/{id}',
    who: ['admin', 'hr'],
    url: (f) => `/api/teams/${f.teamId}`,
    body: (f) => ({ name: `T ${f.unique()}` }),
  },
  { method: 'DELETE', path: '/api/teams/{id}', who: ['admin', 'hr'], url: (f) => `/api/teams/${f.unique()}` },
  { method: 'POST', path: '/api/locations', who: ['admin', 'hr'], body: (f) => ({ name: `L ${f.unique()}` }) },
  {
    method: 'PATCH',
    path: '/api/locations/{id}',
    who: ['admin', 'hr'],
    url: (f) => `/api/locations/${f.locationId}`,
    body: (f) => ({ name: `L ${f.unique()}` }),
  },
  { method: 'DELETE', path: '/api/locations/{id}', who: ['admin', 'hr'], url: (f) => `/api/locations/${f.unique()}` },
  { method: 'POST', path: '/api/admin/people/import', who: ['admin', 'hr'], url: () => '/api/admin/people/import?dryRun=true' },
  { method: 'GET', path: '/api/admin/people/export', who: ['admin', 'hr'] },
  { method: 'GET', path: '/api/invitations', who: ['admin', 'hr'] },
  { method: 'POST', path: '/api/invitations', who: ['admin', 'hr'], body: (f) => ({ email: `${f.unique()}@x.test` }) },
  { method: 'DELETE', path: '/api/invitations/{id}', who: ['admin', 'hr'], url: (f) => `/api/invitations/${f.invitationId}` },
  { method: 'GET', path: '/api/invitations/by-token/{token}', who: 'anyone', url: () => '/api/invitations/by-token/not-a-real-token' },
  {
    method: 'POST',
    path: '/api/invitations/accept',
    who: 'anyone',
    body: () => ({ token: 'not-a-real-token', name: 'X', password: 'a fine passphrase' }),
  },
];

export const ACCESS_MATRIX: AccessRow[] = [
  ...FOUNDATION,
  ...communities,
  ...posts,
  ...attachments,
  ...feeds,
  ...notifications,
  ...search,
  ...kudos,
  ...rewards,
  ...surveys,
  ...answers,
  ...results,
  ...feedback,
  ...listeningActions,
  ...badges,
  ...leaderboards,
  ...moderation,
  ...customers,
  ...commsRows,
  ...announcementsRows,
  ...urgentRows,
  ...safetyRows,
  ...articlesRows,
  ...questionsRows,
  ...pollsRows,
  ...eventsRows,
  ...amasRows,
  ...filesRows,
  ...advocacyItemRows,
  ...advocacyCampaignRows,
  ...advocacySharingRows,
  ...advocacyMotivationRows,
  ...advocacyInsightRows,
];
