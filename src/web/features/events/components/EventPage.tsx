import { Alert, Anchor, Badge, Box, Button, Card, Group, SegmentedControl, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft, IconCalendarPlus, IconEdit, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { eventsApi, type EventDetail, type RsvpAnswer } from '../api.js';
import { useAttendees, useCancelEvent, useEvent, useEventsLive, useRsvp } from '../hooks/useEvents.js';
import { seatsLeft } from '../logic.js';
import { DateBadge, EventTimes, GoingLine, useEventsErrorText } from './EventBits.js';

function RsvpControl({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const errorText = useEventsErrorText();
  const rsvp = useRsvp(event.id);
  const value = event.myRsvp === 'waitlist' ? 'going' : (event.myRsvp ?? '');
  const left = seatsLeft(event);
  return (
    <Stack gap="xs">
      <Text fw={600} id="rsvp-label">
        {t('events.rsvp.question')}
      </Text>
      <SegmentedControl
        aria-labelledby="rsvp-label"
        fullWidth
        value={value}
        disabled={!event.abilities.canRsvp || rsvp.isPending}
        onChange={(v) => rsvp.mutate(v as RsvpAnswer)}
        data={[
          { value: 'going', label: t('events.rsvp.going') },
          { value: 'maybe', label: t('events.rsvp.maybe') },
          { value: 'not', label: t('events.rsvp.not') },
        ]}
      />
      <div aria-live="polite">
        {event.myRsvp === 'waitlist' && (
          <Alert color="orange" variant="light">
            {t('events.rsvp.waitlisted')}
          </Alert>
        )}
        {event.myRsvp !== 'going' && event.myRsvp !== 'waitlist' && left === 0 && event.abilities.canRsvp && (
          <Text size="sm" c="dimmed">
            {t('events.rsvp.full')}
          </Text>
        )}
        {rsvp.error && (
          <Text size="sm" c="red" role="alert">
            {errorText(rsvp.error)}
          </Text>
        )}
      </div>
    </Stack>
  );
}

function AttendeeList({ eventId, status }: { eventId: string; status: 'going' | 'maybe' | 'waitlist' }) {
  const { t } = useTranslation();
  const list = useAttendees(eventId, status);
  if (list.isPending) {
    return <Loading />;
  }
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('events.attendees.none')}
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      <Stack gap={6} component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {items.map((a) => (
          <Group key={a.id} gap="sm" component="li">
            <UserAvatar name={a.name} photoUrl={a.photoUrl} size={32} />
            <Anchor component={Link} to={`/people/${a.id}`} size="sm">
              {a.name}
            </Anchor>
          </Group>
        ))}
      </Stack>
      <LoadMore query={list} />
    </Stack>
  );
}

function Attendees({ event }: { event: EventDetail }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('going');
  return (
    <Card padding="lg" component="section" aria-labelledby="event-attendees">
      <Text fw={700} size="lg" id="event-attendees" mb="sm">
        {t('events.attendees.title')}
      </Text>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List mb="sm">
          <Tabs.Tab value="going">{t('events.attendees.going', { count: event.goingCount })}</Tabs.Tab>
          <Tabs.Tab value="maybe">{t('events.attendees.maybe', { count: event.maybeCount })}</Tabs.Tab>
          {event.waitlistCount > 0 && (
            <Tabs.Tab value="waitlist">{t('events.attendees.waitlist', { count: event.waitlistCount })}</Tabs.Tab>
          )}
        </Tabs.List>
        <Tabs.Panel value="going">
          <AttendeeList eventId={event.id} status="going" />
        </Tabs.Panel>
        <Tabs.Panel value="maybe">
          <AttendeeList eventId={event.id} status="maybe" />
        </Tabs.Panel>
        <Tabs.Panel value="waitlist">
          <AttendeeList eventId={event.id} status="waitlist" />
        </Tabs.Panel>
      </Tabs>
    </Card>
  );
}

/** One event: details, RSVP, attendees, calendar download; edit and cancel for its organiser. */
export function EventPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const errorText = useEventsErrorText();
  const event = useEvent(id);
  const cancel = useCancelEvent(id ?? '');
  useEventsLive();

  if (event.isPending) {
    return <Loading />;
  }
  if (event.isError) {
    return <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  }
  const e = event.data;
  return (
    <Box maw={760} mx="auto">
      <Anchor component={Link} to="/events" size="sm" mb="sm" display="inline-flex" style={{ alignItems: 'center', gap: 4 }}>
        <IconArrowLeft size={16} aria-hidden />
        {t('events.back')}
      </Anchor>
      <PageHeader
        title={e.title}
        actions={
          (e.abilities.canEdit || e.abilities.canCancel) && (
            <Group gap="sm">
              {e.abilities.canEdit && (
                <Button component={Link} to={`/events/${e.id}/edit`} variant="default" leftSection={<IconEdit size={18} aria-hidden />}>
                  {t('events.edit')}
                </Button>
              )}
              {e.abilities.canCancel && (
                <ConfirmButton
                  variant="subtle"
                  color="red"
                  title={t('events.cancelTitle')}
                  message={t('events.cancelBody')}
                  confirmLabel={t('events.cancelEvent')}
                  loading={cancel.isPending}
                  onConfirm={() => cancel.mutate()}
                >
                  {t('events.cancelEvent')}
                </ConfirmButton>
              )}
            </Group>
          )
        }
      />
      <Stack gap="lg">
        {e.cancelledAt && (
          <Alert color="red" variant="light" role="status">
            {t('events.cancelled')}
          </Alert>
        )}
        {cancel.error && (
          <Text size="sm" c="red" role="alert">
            {errorText(cancel.error)}
          </Text>
        )}
        <Card padding="lg">
          <Stack gap="md">
            <Group align="flex-start" wrap="nowrap" gap="md">
              <DateBadge iso={e.startsAt} />
              <Stack gap={6} style={{ minWidth: 0 }}>
                <EventTimes event={e} size="md" />
                {e.place && <Text size="sm">{t('events.where', { place: e.place })}</Text>}
                {e.onlineUrl && (
                  <Anchor href={e.onlineUrl} target="_blank" rel="noopener noreferrer" size="sm">
                    <Group gap={4} component="span" wrap="nowrap">
                      {t('events.joinOnline')}
                      <IconExternalLink size={14} aria-hidden />
                    </Group>
                  </Anchor>
                )}
                <GoingLine event={e} />
                <Group gap="xs">
                  {e.community && (
                    <Badge
                      variant="light"
                      color="gray"
                      component={Link}
                      to={`/communities/${e.community.slug}`}
                      style={{ cursor: 'pointer' }}
                    >
                      {e.community.name}
                    </Badge>
                  )}
                  {e.organiser && (
                    <Text size="xs" c="dimmed">
                      {t('events.organisedBy', { name: e.organiser.name })}
                    </Text>
                  )}
                </Group>
              </Stack>
            </Group>
            {!e.cancelledAt && <RsvpControl event={e} />}
            <Group>
              <Button
                component="a"
                href={eventsApi.icsUrl(e.id)}
                download="event.ics"
                variant="light"
                leftSection={<IconCalendarPlus size={18} aria-hidden />}
              >
                {t('events.addToCalendar')}
              </Button>
            </Group>
          </Stack>
        </Card>
        {e.descriptionHtml && (
          <Card padding="lg" component="section" aria-label={t('events.about')}>
            <PostHtml html={e.descriptionHtml} />
          </Card>
        )}
        <Attendees event={e} />
      </Stack>
    </Box>
  );
}
