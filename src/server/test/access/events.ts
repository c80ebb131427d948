import type { AccessRow } from '../access-matrix.js';

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/**
 * Access rows of events. Everyone may organise and answer events (communities then apply their own
 * rules); ids that do not exist answer 404, which means the role check let the call through. The
 * calendar feed needs no session: its token is the check, and an unknown one answers 404.
 */
export const rows: AccessRow[] = [
  { method: 'GET', path: '/api/events', who: 'signed-in' },
  {
    method: 'POST',
    path: '/api/events',
    who: 'signed-in',
    body: () => ({ title: 'Matrix meet-up', startsAt: soon(24), endsAt: soon(25), timeZone: 'Europe/Rome' }),
  },
  { method: 'GET', path: '/api/events/{id}', who: 'signed-in', url: (f) => `/api/events/${f.unique()}` },
  {
    method: 'PATCH',
    path: '/api/events/{id}',
    who: 'signed-in',
    url: (f) => `/api/events/${f.unique()}`,
    body: () => ({ title: 'Renamed' }),
  },
  { method: 'POST', path: '/api/events/{id}/cancel', who: 'signed-in', url: (f) => `/api/events/${f.unique()}/cancel` },
  {
    method: 'PUT',
    path: '/api/events/{id}/rsvp',
    who: 'signed-in',
    url: (f) => `/api/events/${f.unique()}/rsvp`,
    body: () => ({ status: 'going' }),
  },
  { method: 'GET', path: '/api/events/{id}/attendees', who: 'signed-in', url: (f) => `/api/events/${f.unique()}/attendees` },
  { method: 'GET', path: '/api/events/{id}/ics', who: 'signed-in', url: (f) => `/api/events/${f.unique()}/ics` },
  { method: 'GET', path: '/api/events/calendar-feed', who: 'signed-in' },
  { method: 'POST', path: '/api/events/calendar-feed', who: 'signed-in' },
  { method: 'DELETE', path: '/api/events/calendar-feed', who: 'signed-in' },
  {
    method: 'GET',
    path: '/api/calendar/{token}.ics',
    who: 'anyone',
    url: () => '/api/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
  },
];
