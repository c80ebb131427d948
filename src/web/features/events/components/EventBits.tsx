import { Badge, Card, Group, Stack, Text, UnstyledButton } from '@mantine/core';
import { IconMapPin, IconUsers, IconVideo } from '@tabler/icons-react';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api.js';
import { useErrorText } from '../../../components/errors.js';
import { dateLocale } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { EventView, RsvpStatus } from '../api.js';
import { browserTimeZone, dateBadge, formatRange, zonesDiffer } from '../logic.js';

/** This feature's words for its API's error codes, then the app's shared ones. */
export function useEventsErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  const shared = useErrorText();
  return useCallback(
    (err: unknown) => {
      if (err instanceof ApiError && i18n.exists(`events.errors.${err.code}`)) {
        return t(`events.errors.${err.code}`);
      }
      return shared(err);
    },
    [t, i18n, shared],
  );
}

/** A calendar leaf with the month and day the event starts, in the reader's zone. */
export function DateBadge({ iso, size = 56 }: { iso: string; size?: number }) {
  const lng = currentLanguage();
  const b = dateBadge(iso, browserTimeZone(), dateLocale(lng));
  return (
    <Stack
      gap={0}
      align="center"
      justify="center"
      w={size}
      h={size}
      style={{ borderRadius: 'var(--mantine-radius-md)', background: 'var(--mantine-color-brand-light)', flexShrink: 0 }}
      aria-hidden
    >
      <Text size="xs" tt="uppercase" fw={700} c="brand">
        {b.month}
      </Text>
      <Text fz={size > 48 ? 22 : 18} fw={700} lh={1}>
        {b.day}
      </Text>
    </Stack>
  );
}

/** When the event is, in the reader's zone, and in the event's own zone when it differs. */
export function EventTimes({ event, size = 'sm' }: { event: Pick<EventView, 'startsAt' | 'endsAt' | 'timeZone'>; size?: 'sm' | 'md' }) {
  const { t } = useTranslation();
  const locale = dateLocale(currentLanguage());
  const mine = browserTimeZone();
  const differs = zonesDiffer(event.startsAt, mine, event.timeZone);
  return (
    <Stack gap={2}>
      <Text size={size} fw={600}>
        {formatRange(event.startsAt, event.endsAt, mine, locale)}
      </Text>
      {differs && (
        <Text size="xs" c="dimmed">
          {t('events.theirTime', { time: formatRange(event.startsAt, event.endsAt, event.timeZone, locale), zone: event.timeZone })}
        </Text>
      )}
    </Stack>
  );
}

export function RsvpBadge({ status }: { status: RsvpStatus | null }) {
  const { t } = useTranslation();
  if (status === null || status === 'not') {
    return null;
  }
  const color = status === 'going' ? 'teal' : status === 'waitlist' ? 'orange' : 'blue';
  return (
    <Badge color={color} variant="light">
      {t(`events.rsvp.mine.${status}`)}
    </Badge>
  );
}

/** Going count against the capacity, e.g. "12 going · 3 seats left". */
export function GoingLine({ event }: { event: Pick<EventView, 'capacity' | 'goingCount' | 'waitlistCount'> }) {
  const { t } = useTranslation();
  const parts = [t('events.goingCount', { count: event.goingCount })];
  if (event.capacity !== null) {
    parts.push(t('events.capacityOf', { count: event.capacity }));
  }
  if (event.waitlistCount > 0) {
    parts.push(t('events.waitingCount', { count: event.waitlistCount }));
  }
  return (
    <Group gap={6} wrap="nowrap">
      <IconUsers size={16} aria-hidden />
      <Text size="sm" c="dimmed">
        {parts.join(' · ')}
      </Text>
    </Group>
  );
}

export function WhereLine({ event }: { event: Pick<EventView, 'place' | 'onlineUrl'> }) {
  const { t } = useTranslation();
  return (
    <>
      {event.place && (
        <Group gap={6} wrap="nowrap">
          <IconMapPin size={16} aria-hidden />
          <Text size="sm" c="dimmed" lineClamp={1}>
            {event.place}
          </Text>
        </Group>
      )}
      {event.onlineUrl && (
        <Group gap={6} wrap="nowrap">
          <IconVideo size={16} aria-hidden />
          <Text size="sm" c="dimmed">
            {t('events.online')}
          </Text>
        </Group>
      )}
    </>
  );
}

/** An event in a list: the whole card links to its page. */
export function EventCard({ event }: { event: EventView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder padding="md" radius="md">
      <UnstyledButton component={Link} to={`/events/${event.id}`}>
        <Group align="flex-start" wrap="nowrap" gap="md">
          <DateBadge iso={event.startsAt} />
          <Stack gap={4} style={{ minWidth: 0, flex: 1 }}>
            <Group gap="xs" justify="space-between" wrap="wrap">
              <Text fw={700} size="lg" lineClamp={2}>
                {event.title}
              </Text>
              <RsvpBadge status={event.myRsvp} />
            </Group>
            <EventTimes event={event} />
            <WhereLine event={event} />
            <GoingLine event={event} />
            {event.community && (
              <Text size="xs" c="dimmed">
                {t('events.inCommunity', { name: event.community.name })}
              </Text>
            )}
          </Stack>
        </Group>
      </UnstyledButton>
    </Card>
  );
}
