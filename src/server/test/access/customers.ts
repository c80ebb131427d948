import type { AccessRow } from '../access-matrix.js';

/** Read accounts, contacts, interactions, customer feedback and follow-ups. */
const readers: AccessRow['who'] = ['admin', 'cx', 'manager'];
/** Accounts, contacts, import and ingest, requests, webhooks, forms and settings. */
const managers: AccessRow['who'] = ['admin', 'cx'];
/** Log interactions. */
const interactors: AccessRow['who'] = ['admin', 'cx', 'manager'];
/** Pass customer praise on. */
const praisers: AccessRow['who'] = ['admin', 'cx', 'manager'];
/** Loyalty measures and the employee–customer link. */
const insights: AccessRow['who'] = ['admin', 'cx', 'hr', 'manager'];

/**
 * Access rows of the voice of the customer. Ids that do not exist are fine: a 404 means the role
 * check let the call through. A follow-up may also be worked on by its owner, whoever they are, so
 * its own routes are open to every signed-in person and answer 404 when it is not theirs. The
 * inbound webhook and the customers' feedback pages need no session: they have their own checks
 * (a signature, a single-use token, an active form).
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/customers/accounts', who: readers },
  { method: 'POST', path: '/api/customers/accounts', who: managers, body: (f) => ({ name: `Matrix ${f.unique()}` }) },
  { method: 'GET', path: '/api/customers/accounts/{id}', who: readers, url: (f) => `/api/customers/accounts/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/customers/accounts/{id}',
    who: managers,
    url: (f) => `/api/customers/accounts/${f.unique()}`,
    body: () => ({ segment: 'Retail' }),
  },
  { method: 'DELETE', path: '/api/customers/accounts/{id}', who: managers, url: (f) => `/api/customers/accounts/${f.unique()}` },
  {
    method: 'POST',
    path: '/api/customers/accounts/{id}/contacts',
    who: managers,
    url: (f) => `/api/customers/accounts/${f.unique()}/contacts`,
    body: (f) => ({ name: 'Matrix Contact', email: `${f.unique()}@customer.example` }),
  },
  {
    method: 'PATCH',
    path: '/api/customers/contacts/{id}',
    who: managers,
    url: (f) => `/api/customers/contacts/${f.unique()}`,
    body: () => ({ title: 'Matrix' }),
  },
  { method: 'DELETE', path: '/api/customers/contacts/{id}', who: managers, url: (f) => `/api/customers/contacts/${f.unique()}` },
  {
    method: 'GET',
    path: '/api/customers/accounts/{id}/interactions',
    who: readers,
    url: (f) => `/api/customers/accounts/${f.unique()}/interactions`,
  },
  {
    method: 'POST',
    path: '/api/customers/accounts/{id}/interactions',
    who: interactors,
    url: (f) => `/api/customers/accounts/${f.unique()}/interactions`,
    body: () => ({ kind: 'note', summary: 'A note from the access matrix.' }),
  },
  { method: 'POST', path: '/api/customers/import', who: managers, url: () => '/api/customers/import?dryRun=true' },
  { method: 'POST', path: '/api/customers/ingest', who: managers, body: () => ({}) },

  { method: 'GET', path: '/api/customers/feedback', who: readers },
  {
    method: 'POST',
    path: '/api/customers/feedback/{id}/pass-on',
    who: praisers,
    url: (f) => `/api/customers/feedback/${f.unique()}/pass-on`,
    body: () => ({}),
  },
  { method: 'GET', path: '/api/customers/requests', who: readers },
  { method: 'POST', path: '/api/customers/requests', who: managers, body: (f) => ({ kind: 'nps', contactIds: [f.unique()] }) },

  { method: 'GET', path: '/api/customers/followups', who: readers },
  { method: 'GET', path: '/api/customers/followups/{id}', who: 'signed-in', url: (f) => `/api/customers/followups/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/customers/followups/{id}',
    who: 'signed-in',
    url: (f) => `/api/customers/followups/${f.unique()}`,
    body: () => ({ status: 'in_progress' }),
  },
  {
    method: 'POST',
    path: '/api/customers/followups/{id}/notes',
    who: 'signed-in',
    url: (f) => `/api/customers/followups/${f.unique()}/notes`,
    body: () => ({ body: 'A note from the access matrix.' }),
  },

  { method: 'GET', path: '/api/customers/settings', who: readers },
  { method: 'PUT', path: '/api/customers/settings', who: managers, body: () => ({ followupDays: 5 }) },
  { method: 'GET', path: '/api/customers/forms', who: managers },
  { method: 'POST', path: '/api/customers/forms', who: managers, body: () => ({ name: 'Matrix form', kind: 'nps' }) },
  {
    method: 'PATCH',
    path: '/api/customers/forms/{id}',
    who: managers,
    url: (f) => `/api/customers/forms/${f.unique()}`,
    body: () => ({ active: false }),
  },
  { method: 'GET', path: '/api/customers/webhooks', who: managers },
  { method: 'POST', path: '/api/customers/webhooks', who: managers, body: () => ({ name: 'Matrix webhook' }) },
  { method: 'DELETE', path: '/api/customers/webhooks/{id}', who: managers, url: (f) => `/api/customers/webhooks/${f.unique()}` },
  {
    method: 'POST',
    path: '/api/customers/webhooks/{id}/receive',
    who: 'anyone',
    url: (f) => `/api/customers/webhooks/${f.unique()}/receive`,
    body: () => ({ kind: 'nps', score: 9 }),
  },

  { method: 'GET', path: '/api/customers/loyalty', who: insights },
  { method: 'GET', path: '/api/customers/loyalty/units', who: insights },
  { method: 'GET', path: '/api/customers/loyalty.csv', who: insights },
  { method: 'GET', path: '/api/customers/link', who: insights },
  { method: 'GET', path: '/api/customers/link/over-time', who: insights },
  { method: 'GET', path: '/api/customers/link.csv', who: insights },

  { method: 'GET', path: '/r/{token}', who: 'anyone', url: (f) => `/r/${f.unique()}` },
  { method: 'POST', path: '/r/{token}', who: 'anyone', url: (f) => `/r/${f.unique()}`, body: () => 'score=3&comment=Matrix' },
  { method: 'GET', path: '/embed/{formId}', who: 'anyone', url: (f) => `/embed/${f.unique()}` },
  { method: 'POST', path: '/embed/{formId}', who: 'anyone', url: (f) => `/embed/${f.unique()}`, body: () => 'score=3&comment=Matrix' },
];
