import { Anchor, Card, Group, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateLocale } from '../../../components/format.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { EventView } from '../api.js';
import { useEventList, useEventsLive } from '../hooks/useEvents.js';
import { browserTimeZone, formatRange } from '../logic.js';
import { DateBadge, RsvpBadge } from './EventBits.js';

const SHOWN = 3;

/** The person's next events, for the home page's side column: theirs first, else the next ones; nothing when none. */
export function UpcomingEventsRail() {
  const { t } = useTranslation();
  const locale = dateLocale(currentLanguage());
  useEventsLive();
  const mine = useEventList({ when: 'upcoming', mine: true, limit: SHOWN });
  const next = useEventList({ when: 'upcoming', limit: SHOWN });
  const own = mine.data?.pages[0]?.items ?? [];
  const items: EventView[] = own.length > 0 ? own : (next.data?.pages[0]?.items ?? []);
  if (items.length === 0) {
    return null;
  }
  return (
    <Card padding="md" component="section" aria-labelledby="home-events-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz={16} id="home-events-title">
          {own.length > 0 ? t('events.rail.mine') : t('events.rail.next')}
        </Title>
        <Anchor component={Link} to="/events" size="sm">
          {t('events.rail.all')}
        </Anchor>
      </Group>
      <Stack gap="sm">
        {items.slice(0, SHOWN).map((e) => (
          <UnstyledButton key={e.id} component={Link} to={`/events/${e.id}`}>
            <Group gap="sm" wrap="nowrap" align="flex-start">
              <DateBadge iso={e.startsAt} size={44} />
              <div style={{ minWidth: 0 }}>
                <Text size="sm" fw={600} lineClamp={2}>
                  {e.title}
                </Text>
                <Text size="xs" c="dimmed">
                  {formatRange(e.startsAt, e.endsAt, browserTimeZone(), locale)}
                </Text>
                <RsvpBadge status={e.myRsvp} />
              </div>
            </Group>
          </UnstyledButton>
        ))}
      </Stack>
    </Card>
  );
}
