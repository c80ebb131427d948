import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRealtimeEvent } from '../../../realtime/hooks.js';
import { type EventDetail, type EventInput, type EventListFilter, eventsApi, type RsvpAnswer } from '../api.js';

export const EVENTS_KEY = ['events'] as const;
const FEED_KEY = ['events', 'calendar-feed'] as const;

/** Upcoming or past events, a page at a time; refreshed when an event changes. */
export function useEventList(filter: EventListFilter) {
  return useInfiniteQuery({
    queryKey: [...EVENTS_KEY, 'list', filter],
    queryFn: ({ pageParam }) => eventsApi.list(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useEvent(id: string | undefined) {
  return useQuery({ queryKey: [...EVENTS_KEY, 'one', id], queryFn: () => eventsApi.get(id!), enabled: id !== undefined });
}

/** Keeps every event query fresh: an `event.changed` from the server refetches what is on screen. */
export function useEventsLive() {
  const qc = useQueryClient();
  useRealtimeEvent('event.changed', () => void qc.invalidateQueries({ queryKey: EVENTS_KEY }));
}

/** After a change the server sends the whole event back: show it, then refresh the lists. */
function useStore() {
  const qc = useQueryClient();
  return (detail: EventDetail) => {
    qc.setQueryData([...EVENTS_KEY, 'one', detail.id], detail);
    void qc.invalidateQueries({ queryKey: [...EVENTS_KEY, 'list'] });
    void qc.invalidateQueries({ queryKey: [...EVENTS_KEY, 'attendees', detail.id] });
  };
}

export function useCreateEvent() {
  const store = useStore();
  return useMutation({ mutationFn: (body: EventInput) => eventsApi.create(body), onSuccess: store });
}

export function useUpdateEvent(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (body: Partial<Omit<EventInput, 'communityId'>>) => eventsApi.update(id, body), onSuccess: store });
}

export function useCancelEvent(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: () => eventsApi.cancel(id), onSuccess: store });
}

export function useRsvp(id: string) {
  const store = useStore();
  return useMutation({ mutationFn: (status: RsvpAnswer) => eventsApi.rsvp(id, status), onSuccess: store });
}

export function useAttendees(id: string, status: 'going' | 'maybe' | 'waitlist') {
  return useInfiniteQuery({
    queryKey: [...EVENTS_KEY, 'attendees', id, status],
    queryFn: ({ pageParam }) => eventsApi.attendees(id, status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCalendarFeed() {
  return useQuery({ queryKey: FEED_KEY, queryFn: eventsApi.feedState });
}

export function useCreateFeed() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: eventsApi.createFeed, onSuccess: () => void qc.invalidateQueries({ queryKey: FEED_KEY }) });
}

export function useRevokeFeed() {
  const qc = useQueryClient();
  return useMutation({ mutationFn: eventsApi.revokeFeed, onSuccess: () => void qc.invalidateQueries({ queryKey: FEED_KEY }) });
}
