import { Anchor, Badge, Button, Center, Group, Paper, Skeleton, Stack, Text, ThemeIcon } from '@mantine/core';
import { IconCalendarEvent, IconMessageStar, IconNote, IconPhone, IconPlus, IconTicket, IconTimeline } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dateLocale } from '../../../components/format.js';
import { Section } from '../../../components/Section.js';
import { useAbility } from '../../auth/hooks/useSession.js';
import type { AccountDetail, FeedbackItem, Interaction, InteractionKind } from '../api.js';
import { useAccountFeedback, useInteractions } from '../hooks/useCustomers.js';
import { CATEGORY_COLOR, formatDay, mergeTimeline, type TimelineEntry } from '../logic.js';
import { LoadError } from './ErrorText.js';
import { InteractionModal } from './InteractionModal.js';

const KIND_ICON: Record<InteractionKind, typeof IconNote> = {
  meeting: IconCalendarEvent,
  call: IconPhone,
  ticket: IconTicket,
  note: IconNote,
};

function formatMoment(iso: string, lng: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime())
    ? iso
    : d.toLocaleString(dateLocale(lng), { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

/** What happened with the account and what its customers said, newest first, in one list. */
export function HistorySection({ account }: { account: AccountDetail }) {
  const { t } = useTranslation();
  const canInteract = useAbility('customers.interact');
  const [logging, setLogging] = useState(false);
  const interactions = useInteractions(account.id);
  const feedback = useAccountFeedback(account.id);
  const timeline = mergeTimeline(
    { items: interactions.data?.pages.flatMap((p) => p.items) ?? [], hasMore: interactions.hasNextPage },
    { items: feedback.data?.pages.flatMap((p) => p.items) ?? [], hasMore: feedback.hasNextPage },
  );
  const failed = interactions.error ?? feedback.error;
  const fetchingMore = interactions.isFetchingNextPage || feedback.isFetchingNextPage;
  const retry = () => {
    if (interactions.isError) {
      void interactions.refetch();
    }
    if (feedback.isError) {
      void feedback.refetch();
    }
  };
  const loadMore = () => {
    if (timeline.next.includes('interactions')) {
      void interactions.fetchNextPage();
    }
    if (timeline.next.includes('feedback')) {
      void feedback.fetchNextPage();
    }
  };

  return (
    <Section
      id="account-history"
      title={t('customers.history.title')}
      description={t('customers.history.intro')}
      actions={
        canInteract && (
          <Button size="xs" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setLogging(true)}>
            {t('customers.history.log')}
          </Button>
        )
      }
    >
      <div aria-live="polite" aria-busy={interactions.isFetching || feedback.isFetching}>
        {interactions.isPending || feedback.isPending ? (
          <Stack gap="sm" aria-label={t('common.loading')}>
            {Array.from({ length: 3 }, (_, i) => (
              <Skeleton key={i} height={72} radius="md" />
            ))}
          </Stack>
        ) : failed && timeline.entries.length === 0 ? (
          <LoadError error={failed} onRetry={retry} />
        ) : timeline.entries.length === 0 ? (
          <Stack align="center" gap="xs" py="lg">
            <ThemeIcon variant="light" color="brand" size={48} radius="xl">
              <IconTimeline size={26} aria-hidden />
            </ThemeIcon>
            <Text fw={600}>{t('customers.history.emptyTitle')}</Text>
            <Text size="sm" c="dimmed" ta="center">
              {t('customers.history.emptyBody')}
            </Text>
          </Stack>
        ) : (
          <>
            <Stack gap="sm" component="ol" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {timeline.entries.map((e) => (
                <Entry key={`${e.type}-${e.item.id}`} entry={e} />
              ))}
            </Stack>
            {failed && <LoadError error={failed} onRetry={retry} />}
            {timeline.next.length > 0 && (
              <Center mt="md">
                <Button variant="default" onClick={loadMore} loading={fetchingMore}>
                  {t('common.loadMore')}
                </Button>
              </Center>
            )}
          </>
        )}
      </div>
      {canInteract && <InteractionModal account={account} opened={logging} onClose={() => setLogging(false)} />}
    </Section>
  );
}

function Entry({ entry }: { entry: TimelineEntry }) {
  return entry.type === 'interaction' ? <InteractionEntry item={entry.item} /> : <FeedbackEntry item={entry.item} />;
}

function Meta({ parts }: { parts: (string | null | false)[] }) {
  const shown = parts.filter((p): p is string => Boolean(p));
  return shown.length ? (
    <Text size="xs" c="dimmed">
      {shown.join(' · ')}
    </Text>
  ) : null;
}

function InteractionEntry({ item }: { item: Interaction }) {
  const { t, i18n } = useTranslation();
  const Icon = KIND_ICON[item.kind];
  const by = item.user ?? item.createdBy;
  return (
    <Paper component="li" withBorder radius="md" p="sm">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color="gray" radius="xl" size={32}>
          <Icon size={18} aria-hidden />
        </ThemeIcon>
        <Stack gap={4} miw={0} flex={1}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Text fw={600} size="sm">
              {t(`customers.interaction.kinds.${item.kind}`)}
            </Text>
            <Text size="xs" c="dimmed" component="time" dateTime={item.occurredAt}>
              {formatMoment(item.occurredAt, i18n.language)}
            </Text>
          </Group>
          {/* plain text as written: never HTML */}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {item.summary}
          </Text>
          <Meta
            parts={[
              item.contact && t('customers.history.with', { name: item.contact.name }),
              item.team && t('customers.history.team', { name: item.team.name }),
              by && t('customers.history.by', { name: by.name }),
            ]}
          />
        </Stack>
      </Group>
    </Paper>
  );
}

function FeedbackEntry({ item }: { item: FeedbackItem }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      style={{ borderLeft: `3px solid var(--mantine-color-${CATEGORY_COLOR[item.category]}-6)` }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon variant="light" color={CATEGORY_COLOR[item.category]} radius="xl" size={32}>
          <IconMessageStar size={18} aria-hidden />
        </ThemeIcon>
        <Stack gap={4} miw={0} flex={1}>
          <Group gap="xs" justify="space-between" wrap="wrap">
            <Group gap={6} wrap="wrap">
              <Text fw={600} size="sm">
                {t(`customers.feedback.kind.${item.kind}`, { score: item.score })}
              </Text>
              <Badge size="sm" variant="light" color={CATEGORY_COLOR[item.category]} radius="sm">
                {t(`customers.feedback.category.${item.kind}.${item.category}`)}
              </Badge>
            </Group>
            <Text size="xs" c="dimmed" component="time" dateTime={item.receivedAt}>
              {formatMoment(item.receivedAt, i18n.language)}
            </Text>
          </Group>
          {item.comment ? (
            <Text size="sm" fs="italic" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              “{item.comment}”
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              {t('customers.feedback.noComment')}
            </Text>
          )}
          <Meta
            parts={[
              item.contact && t('customers.history.from', { name: item.contact.name }),
              item.team && t('customers.history.team', { name: item.team.name }),
              item.namedUser && t('customers.feedback.named', { name: item.namedUser.name }),
              t(`customers.feedback.channel.${item.channel}`),
            ]}
          />
          {item.followup && (
            <Anchor component={Link} to={`/customers/followups/${item.followup.id}`} size="xs">
              {t('customers.feedback.followup', {
                status: t(`customers.feedback.followupStatus.${item.followup.status}`),
                date: formatDay(item.followup.dueOn, i18n.language),
              })}
            </Anchor>
          )}
        </Stack>
      </Group>
    </Paper>
  );
}
