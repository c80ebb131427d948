import { Box, Button, Stack, Tabs } from '@mantine/core';
import { IconCalendarEvent, IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { LoadMore } from '../../../components/LoadMore.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import { useEventList, useEventsLive } from '../hooks/useEvents.js';
import { CalendarFeedSection } from './CalendarFeedSection.js';
import { EventCard } from './EventBits.js';

type When = 'upcoming' | 'past';

function EventList({ when }: { when: When }) {
  const { t } = useTranslation();
  const canCreate = useAbility('events.create');
  const list = useEventList({ when });
  if (list.isPending) {
    return <Loading />;
  }
  if (list.isError) {
    return <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  }
  const items = list.data.pages.flatMap((p) => p.items);
  if (items.length === 0) {
    return (
      <Empty
        icon={<IconCalendarEvent aria-hidden />}
        title={t(when === 'upcoming' ? 'events.emptyUpcoming' : 'events.emptyPast')}
        description={when === 'upcoming' ? t('events.emptyUpcomingHint') : undefined}
      >
        {when === 'upcoming' && canCreate && (
          <Button component={Link} to="/events/new" leftSection={<IconPlus size={18} aria-hidden />}>
            {t('events.create')}
          </Button>
        )}
      </Empty>
    );
  }
  return (
    <Stack gap="sm">
      {items.map((e) => (
        <EventCard key={e.id} event={e} />
      ))}
      <LoadMore query={list} />
    </Stack>
  );
}

/** Upcoming and past events, with the personal calendar feed. */
export function EventsPage() {
  const { t } = useTranslation();
  const canCreate = useAbility('events.create');
  const [params, setParams] = useSearchParams();
  const when: When = params.get('when') === 'past' ? 'past' : 'upcoming';
  useEventsLive();

  return (
    <Box maw={760} mx="auto">
      <PageHeader
        title={t('events.title')}
        description={t('events.intro')}
        actions={
          canCreate && (
            <Button component={Link} to="/events/new" leftSection={<IconPlus size={18} aria-hidden />}>
              {t('events.create')}
            </Button>
          )
        }
      />
      <Stack gap="xl">
        <Tabs value={when} onChange={(v) => setParams(v === 'past' ? { when: 'past' } : {}, { replace: true })} keepMounted={false}>
          <Tabs.List mb="md" aria-label={t('events.title')}>
            <Tabs.Tab value="upcoming">{t('events.upcoming')}</Tabs.Tab>
            <Tabs.Tab value="past">{t('events.past')}</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="upcoming">
            <EventList when="upcoming" />
          </Tabs.Panel>
          <Tabs.Panel value="past">
            <EventList when="past" />
          </Tabs.Panel>
        </Tabs>
        <CalendarFeedSection />
      </Stack>
    </Box>
  );
}
