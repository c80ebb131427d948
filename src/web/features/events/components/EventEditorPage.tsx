import { Box, Button, Card, Group, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { useMyCommunities } from '../../communities/hooks/useCommunities.js';
import type { EventDetail, EventInput } from '../api.js';
import { useCreateEvent, useEvent, useUpdateEvent } from '../hooks/useEvents.js';
import { browserTimeZone, fromLocalInput, timeZones, toLocalInput } from '../logic.js';
import { useEventsErrorText } from './EventBits.js';

const REMINDERS = [0, 15, 30, 60, 120, 1440, 2880, 10080] as const;

interface Values {
  title: string;
  description: string;
  communityId: string;
  timeZone: string;
  startsAt: string;
  endsAt: string;
  place: string;
  onlineUrl: string;
  capacity: number | string;
  reminderMinutes: string;
}

function initialValues(e: EventDetail | undefined, communityId: string): Values {
  if (e) {
    return {
      title: e.title,
      description: e.description,
      communityId: e.community?.id ?? '',
      timeZone: e.timeZone,
      startsAt: toLocalInput(e.startsAt, e.timeZone),
      endsAt: toLocalInput(e.endsAt, e.timeZone),
      place: e.place ?? '',
      onlineUrl: e.onlineUrl ?? '',
      capacity: e.capacity ?? '',
      reminderMinutes: String(e.reminderMinutes),
    };
  }
  // Tomorrow at ten, for an hour: a sensible start that the organiser changes anyway.
  const zone = browserTimeZone();
  const day = toLocalInput(new Date(Date.now() + 86_400_000), zone).slice(0, 10);
  return {
    title: '',
    description: '',
    communityId,
    timeZone: zone,
    startsAt: `${day}T10:00`,
    endsAt: `${day}T11:00`,
    place: '',
    onlineUrl: '',
    capacity: '',
    reminderMinutes: '60',
  };
}

function EventForm({ event }: { event?: EventDetail }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const errorText = useEventsErrorText();
  const [params] = useSearchParams();
  const communities = useMyCommunities(event === undefined);
  const create = useCreateEvent();
  const update = useUpdateEvent(event?.id ?? '');
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;
  const zones = useMemo(() => timeZones(), []);

  const form = useForm<Values>({
    initialValues: initialValues(event, params.get('communityId') ?? ''),
    validate: {
      title: (v) => (v.trim() ? null : t('validation.required')),
      startsAt: (v, values) => (fromLocalInput(v, values.timeZone) ? null : t('events.form.badDate')),
      endsAt: (v, values) => {
        const end = fromLocalInput(v, values.timeZone);
        const start = fromLocalInput(values.startsAt, values.timeZone);
        if (!end) {
          return t('events.form.badDate');
        }
        return start && end < start ? t('events.form.endBeforeStart') : null;
      },
      onlineUrl: (v) => (v.trim() === '' || /^https?:\/\/\S+$/i.test(v.trim()) ? null : t('events.form.badUrl')),
    },
  });

  useEffect(() => {
    if (event) {
      form.setValues(initialValues(event, ''));
    }
    // the form follows the event only when a different one is loaded
  }, [event?.id]);

  const submit = (v: Values) => {
    const body: Omit<EventInput, 'communityId'> = {
      title: v.title.trim(),
      description: v.description,
      timeZone: v.timeZone,
      startsAt: fromLocalInput(v.startsAt, v.timeZone)!,
      endsAt: fromLocalInput(v.endsAt, v.timeZone)!,
      place: v.place.trim() || null,
      onlineUrl: v.onlineUrl.trim() || null,
      capacity: typeof v.capacity === 'number' && v.capacity > 0 ? v.capacity : null,
      reminderMinutes: Number(v.reminderMinutes),
    };
    const done = (saved: EventDetail) => void navigate(`/events/${saved.id}`);
    if (event) {
      update.mutate(body, { onSuccess: done });
    } else {
      create.mutate({ ...body, communityId: v.communityId || null }, { onSuccess: done });
    }
  };

  const communityOptions = [
    { value: '', label: t('events.form.companyWide') },
    ...(communities.data ?? []).filter((c) => c.abilities.canPost).map((c) => ({ value: c.id, label: c.name })),
  ];

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate>
      <Card padding="lg">
        <Stack gap="md">
          <TextInput label={t('events.form.title')} required maxLength={COMMS_LIMITS.eventTitle} {...form.getInputProps('title')} />
          <Textarea
            label={t('events.form.description')}
            description={t('events.form.descriptionHint')}
            autosize
            minRows={4}
            maxLength={COMMS_LIMITS.eventDescription}
            {...form.getInputProps('description')}
          />
          {!event && (
            <Select
              label={t('events.form.community')}
              description={t('events.form.communityHint')}
              data={communityOptions}
              allowDeselect={false}
              {...form.getInputProps('communityId')}
            />
          )}
          <Select
            label={t('events.form.timeZone')}
            data={zones}
            searchable
            allowDeselect={false}
            nothingFoundMessage={t('events.form.noZone')}
            {...form.getInputProps('timeZone')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="datetime-local"
              label={t('events.form.startsAt')}
              description={t('events.form.inZone', { zone: form.values.timeZone })}
              required
              {...form.getInputProps('startsAt')}
            />
            <TextInput
              type="datetime-local"
              label={t('events.form.endsAt')}
              description={t('events.form.inZone', { zone: form.values.timeZone })}
              required
              {...form.getInputProps('endsAt')}
            />
          </SimpleGrid>
          <TextInput label={t('events.form.place')} maxLength={COMMS_LIMITS.place} {...form.getInputProps('place')} />
          <TextInput
            type="url"
            label={t('events.form.onlineUrl')}
            placeholder="https://"
            maxLength={COMMS_LIMITS.url}
            {...form.getInputProps('onlineUrl')}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('events.form.capacity')}
              description={t('events.form.capacityHint')}
              min={1}
              max={100000}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('capacity')}
            />
            <Select
              label={t('events.form.reminder')}
              data={REMINDERS.map((m) => ({ value: String(m), label: t(`events.form.reminders.${m}`) }))}
              allowDeselect={false}
              {...form.getInputProps('reminderMinutes')}
            />
          </SimpleGrid>
          {error && (
            <Box c="red" role="alert" fz="sm">
              {errorText(error)}
            </Box>
          )}
          <Group justify="flex-end">
            <Button component={Link} to={event ? `/events/${event.id}` : '/events'} variant="default">
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={saving}>
              {event ? t('events.form.save') : t('events.form.create')}
            </Button>
          </Group>
        </Stack>
      </Card>
    </form>
  );
}

/** Create or edit an event. */
export function EventEditorPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const event = useEvent(id);
  return (
    <Box maw={760} mx="auto">
      <PageHeader title={id ? t('events.form.editTitle') : t('events.form.newTitle')} />
      {id === undefined ? (
        <EventForm />
      ) : event.isPending ? (
        <Loading />
      ) : event.isError ? (
        <ErrorState error={event.error} onRetry={() => void event.refetch()} />
      ) : (
        <EventForm event={event.data} />
      )}
    </Box>
  );
}
