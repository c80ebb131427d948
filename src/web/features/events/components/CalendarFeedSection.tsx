import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconCalendarShare } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { CopyField } from '../../../components/CopyField.js';
import { formatDate } from '../../../components/format.js';
import { Section } from '../../../components/Section.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { currentLanguage } from '../../../i18n/index.js';
import { useCalendarFeed, useCreateFeed, useRevokeFeed } from '../hooks/useEvents.js';
import { useEventsErrorText } from './EventBits.js';

/**
 * The personal calendar feed: an address a calendar app subscribes to. It is shown once, when made;
 * making a new one stops the old one, and turning it off stops it at once.
 */
export function CalendarFeedSection() {
  const { t } = useTranslation();
  const lng = currentLanguage();
  const errorText = useEventsErrorText();
  const state = useCalendarFeed();
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const failed = create.error ?? revoke.error;

  return (
    <Section id="events-calendar-feed" title={t('events.feed.title')} description={t('events.feed.intro')}>
      <Stack gap="md">
        {create.data && (
          <Alert color="brand" variant="light" icon={<IconCalendarShare aria-hidden />} title={t('events.feed.createdTitle')}>
            <Stack gap="xs">
              <Text size="sm">{t('events.feed.createdBody')}</Text>
              <CopyField label={t('events.feed.url')} value={create.data.url} />
              <Group>
                <Button size="xs" variant="subtle" onClick={() => create.reset()}>
                  {t('events.feed.done')}
                </Button>
              </Group>
            </Stack>
          </Alert>
        )}
        {state.isPending ? (
          <Loading />
        ) : state.isError ? (
          <ErrorState error={state.error} onRetry={() => void state.refetch()} />
        ) : (
          <>
            <Text size="sm" c="dimmed">
              {state.data.active && state.data.createdAt
                ? t('events.feed.activeSince', { date: formatDate(state.data.createdAt, lng) })
                : t('events.feed.none')}
            </Text>
            <Group gap="sm">
              {state.data.active ? (
                <>
                  <ConfirmButton
                    variant="light"
                    danger={false}
                    title={t('events.feed.rotateTitle')}
                    message={t('events.feed.rotateBody')}
                    confirmLabel={t('events.feed.rotate')}
                    loading={create.isPending}
                    onConfirm={() => create.mutate()}
                  >
                    {t('events.feed.rotate')}
                  </ConfirmButton>
                  <ConfirmButton
                    variant="subtle"
                    color="red"
                    title={t('events.feed.revokeTitle')}
                    message={t('events.feed.revokeBody')}
                    confirmLabel={t('events.feed.revoke')}
                    loading={revoke.isPending}
                    onConfirm={() => {
                      create.reset();
                      revoke.mutate();
                    }}
                  >
                    {t('events.feed.revoke')}
                  </ConfirmButton>
                </>
              ) : (
                <Button variant="light" loading={create.isPending} onClick={() => create.mutate()}>
                  {t('events.feed.create')}
                </Button>
              )}
            </Group>
            {failed && (
              <Text size="sm" c="red" role="alert">
                {errorText(failed)}
              </Text>
            )}
          </>
        )}
      </Stack>
    </Section>
  );
}
