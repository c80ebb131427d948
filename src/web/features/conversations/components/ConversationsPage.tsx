import { Box, Button, Group, SegmentedControl, Skeleton, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconInbox, IconKey, IconMessageCircle, IconPencil } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate } from 'react-router';
import { PageHeader } from '../../../components/PageHeader.js';
import { PagedList } from '../../../components/PagedList.js';
import { Section } from '../../../components/Section.js';
import { Empty, ErrorState } from '../../../components/States.js';
import { THREAD_STATUSES, type InboxItem, type ThreadStatus } from '../api.js';
import { useInbox, useInboxSummary, useMyKeys, useMyThreads } from '../hooks/useConversations.js';
import { ComposeModal } from './ComposeModal.js';
import { useFormatDay, recipientText, StatusBadge, UnreadBadge } from './parts.js';
import { RecoverModal } from './RecoverModal.js';
import { WriterConversation } from './WriterConversation.js';
import { CONVERSATIONS_PATH, useOpenConversation, type ConversationsState } from '../navigation.js';

/** Anonymous conversations: the writer's own (from the keys in this browser) and, for recipients, the inbox. */
export function ConversationsPage() {
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? {}) as ConversationsState;
  const { keys } = useMyKeys();
  if (state.open) {
    return (
      <WriterConversation
        key={state.open}
        entry={keys.find((k) => k.localId === state.open)}
        onBack={() => void navigate(CONVERSATIONS_PATH, { state: null })}
      />
    );
  }
  return <Overview composeFirst={state.compose === true} />;
}

function Overview({ composeFirst }: { composeFirst: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { open } = useOpenConversation();
  const [composeOpen, compose] = useDisclosure(composeFirst);
  const [recoverOpen, recover] = useDisclosure(false);
  const summary = useInboxSummary();

  useEffect(() => {
    if (composeFirst) {
      // Reloading the page should not open the dialog again.
      void navigate(CONVERSATIONS_PATH, { replace: true, state: null });
    }
  }, [composeFirst, navigate]);

  return (
    <Box maw={820} mx="auto">
      <PageHeader
        title={t('conversations.title')}
        description={t('conversations.intro')}
        actions={
          <Group gap="xs">
            <Button variant="default" leftSection={<IconKey size={16} aria-hidden />} onClick={recover.open}>
              {t('conversations.recover.button')}
            </Button>
            <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={compose.open}>
              {t('conversations.write')}
            </Button>
          </Group>
        }
      />
      <Stack gap="lg">
        <MyConversations onOpen={open} onWrite={compose.open} onRecover={recover.open} />
        {summary.isError ? (
          <ErrorState error={summary.error} onRetry={() => void summary.refetch()} />
        ) : summary.data?.receives ? (
          <Inbox />
        ) : null}
      </Stack>
      <ComposeModal opened={composeOpen} onClose={compose.close} onOpenThread={open} />
      <RecoverModal opened={recoverOpen} onClose={recover.close} onOpen={open} />
    </Box>
  );
}

function MyConversations({
  onOpen,
  onWrite,
  onRecover,
}: {
  onOpen: (localId: string) => void;
  onWrite: () => void;
  onRecover: () => void;
}) {
  const { t } = useTranslation();
  const day = useFormatDay();
  const mine = useMyThreads();
  return (
    <Section id="conversations-mine" title={t('conversations.mine.title')} description={t('conversations.mine.description')}>
      {!mine.hasKeys ? (
        <Empty
          icon={<IconMessageCircle size={28} aria-hidden />}
          title={t('conversations.mine.emptyTitle')}
          description={t('conversations.mine.emptyBody')}
        >
          <Button onClick={onWrite}>{t('conversations.write')}</Button>
          <Button variant="default" onClick={onRecover}>
            {t('conversations.recover.button')}
          </Button>
        </Empty>
      ) : mine.isPending ? (
        <Stack gap="xs" aria-hidden>
          <Skeleton height={56} />
          <Skeleton height={56} />
        </Stack>
      ) : mine.isError ? (
        <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />
      ) : mine.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('conversations.mine.noneOpen')}
        </Text>
      ) : (
        <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
          {mine.items.map((c) => (
            <li key={c.localId}>
              <UnstyledButton className="conv-row" p="sm" w="100%" onClick={() => onOpen(c.localId)}>
                <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
                  <Box miw={0}>
                    <Group gap="xs" wrap="wrap">
                      <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
                        {c.subject}
                      </Text>
                      {c.unread && <UnreadBadge label={t('conversations.mine.newReply')} />}
                    </Group>
                    <Text size="sm" c="dimmed">
                      {recipientText(t, c.recipientKind, c.recipient)} · {t('conversations.lastActivity', { date: day(c.activityOn) })}
                    </Text>
                  </Box>
                  <StatusBadge status={c.status} blocked={c.blocked} />
                </Group>
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      )}
    </Section>
  );
}

function Inbox() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ThreadStatus>('open');
  const query = useInbox(status);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section
      id="conversations-inbox"
      title={t('conversations.inbox.title')}
      description={t('conversations.inbox.description')}
      actions={
        <SegmentedControl
          aria-label={t('conversations.inbox.filter')}
          value={status}
          onChange={(v) => setStatus(v)}
          data={THREAD_STATUSES.map((s) => ({ value: s, label: t(`conversations.inbox.tab.${s}`) }))}
        />
      }
    >
      <PagedList
        query={query}
        items={items}
        empty={<Empty icon={<IconInbox size={28} aria-hidden />} title={t(`conversations.inbox.empty.${status}`)} />}
      >
        {(list) => (
          <Stack gap={4} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
            {list.map((c) => (
              <li key={c.id}>
                <InboxRow c={c} />
              </li>
            ))}
          </Stack>
        )}
      </PagedList>
    </Section>
  );
}

function InboxRow({ c }: { c: InboxItem }) {
  const { t } = useTranslation();
  const day = useFormatDay();
  return (
    <UnstyledButton component={Link} to={`${CONVERSATIONS_PATH}/${c.id}`} className="conv-row" p="sm" w="100%">
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="sm">
        <Box miw={0}>
          <Group gap="xs" wrap="wrap">
            <Text fw={600} style={{ overflowWrap: 'anywhere' }}>
              {c.subject}
            </Text>
            {c.unread && <UnreadBadge />}
          </Group>
          <Text size="sm" c="dimmed">
            {c.revealed ? t('conversations.from.named', { name: c.revealed.name }) : t('conversations.from.anonymous')} ·{' '}
            {recipientText(t, c.recipientKind, c.recipient)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('conversations.inbox.messages', { count: c.messages })} · {t('conversations.lastActivity', { date: day(c.activityOn) })}
          </Text>
        </Box>
        <StatusBadge status={c.status} blocked={c.blocked} />
      </Group>
    </UnstyledButton>
  );
}
