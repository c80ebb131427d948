import { api, type Page } from '../../api.js';

export type { Page };

/** What a person answered; "going" beyond the capacity comes back as `waitlist`. */
export type RsvpStatus = 'going' | 'maybe' | 'not' | 'waitlist';
export type RsvpAnswer = Exclude<RsvpStatus, 'waitlist'>;

export interface PersonRef {
  id: string;
  name: string;
  photoUrl: string | null;
}

/** An event as lists show it (server: EventView). */
export interface EventView {
  id: string;
  title: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  goingCount: number;
  maybeCount: number;
  waitlistCount: number;
  reminderMinutes: number;
  cancelledAt: string | null;
  community: { id: string; name: string; slug: string } | null;
  organiser: PersonRef | null;
  myRsvp: RsvpStatus | null;
  createdAt: string;
}

/** One event with its description, the reader's abilities and the first people going (server: EventDetail). */
export interface EventDetail extends EventView {
  description: string;
  descriptionHtml: string;
  sequence: number;
  abilities: { canEdit: boolean; canCancel: boolean; canRsvp: boolean };
  attendees: PersonRef[];
}

export interface Attendee extends PersonRef {
  status: RsvpStatus;
  respondedAt: string;
}

export interface EventInput {
  title: string;
  description: string;
  startsAt: string;
  endsAt: string;
  timeZone: string;
  place: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  reminderMinutes: number;
  communityId?: string | null;
}

export interface EventListFilter {
  when: 'upcoming' | 'past';
  communityId?: string;
  mine?: boolean;
  limit?: number;
}

export interface CalendarFeedState {
  active: boolean;
  createdAt: string | null;
}

const base = (id: string) => `/api/events/${encodeURIComponent(id)}`;

export const eventsApi = {
  list: (f: EventListFilter, cursor?: string) =>
    api.get<Page<EventView>>('/api/events', {
      query: { when: f.when, communityId: f.communityId, mine: f.mine ? 'true' : undefined, limit: f.limit, cursor },
    }),
  get: (id: string) => api.get<EventDetail>(base(id)),
  create: (body: EventInput) => api.post<EventDetail>('/api/events', body),
  update: (id: string, body: Partial<Omit<EventInput, 'communityId'>>) => api.patch<EventDetail>(base(id), body),
  cancel: (id: string) => api.post<EventDetail>(`${base(id)}/cancel`),
  rsvp: (id: string, status: RsvpAnswer) => api.put<EventDetail>(`${base(id)}/rsvp`, { status }),
  attendees: (id: string, status: 'going' | 'maybe' | 'waitlist', cursor?: string) =>
    api.get<Page<Attendee>>(`${base(id)}/attendees`, { query: { status, cursor } }),
  /** Where the browser downloads the event's calendar file. */
  icsUrl: (id: string) => `${base(id)}/ics`,
  feedState: () => api.get<CalendarFeedState>('/api/events/calendar-feed'),
  createFeed: () => api.post<{ url: string; createdAt: string }>('/api/events/calendar-feed'),
  revokeFeed: () => api.delete<{ ok: true }>('/api/events/calendar-feed'),
};
