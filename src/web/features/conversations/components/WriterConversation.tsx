import { Alert, Anchor, Badge, Box, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconArrowLeft, IconKey, IconLock, IconMessageOff, IconUserCheck } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { CopyField } from '../../../components/CopyField.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import type { WriterMessage } from '../api.js';
import { useMarkWriterRead, useMyKeys, useWriterActions, useWriterThread } from '../hooks/useConversations.js';
import { forgetKey, type StoredKey } from '../keys.js';
import { EarlierButton, ErrorAlert, useFormatDay, MessageList, recipientText, ReplyBox, StatusBadge, type ShownMessage } from './parts.js';

/** One of the writer's own conversations, opened with the key this browser holds. */
export function WriterConversation({ entry, onBack }: { entry: StoredKey | undefined; onBack: () => void }) {
  const { t } = useTranslation();
  const query = useWriterThread(entry);
  const thread = query.data?.pages[0];
  useMarkWriterRead(entry, thread);
  useDocumentTitle(thread?.subject ?? t('conversations.title'));

  const back = (
    <Anchor
      component="button"
      type="button"
      onClick={onBack}
      size="sm"
      mb="md"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden />
      {t('conversations.back')}
    </Anchor>
  );

  if (!entry) {
    return (
      <Box maw={760} mx="auto">
        {back}
        <Empty
          icon={<IconKey size={28} aria-hidden />}
          title={t('conversations.thread.notHereTitle')}
          description={t('conversations.thread.notHereBody')}
        />
      </Box>
    );
  }
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError || !thread) {
    const gone = query.error instanceof ApiError && query.error.status === 404;
    return (
      <Box maw={760} mx="auto">
        {back}
        {gone ? (
          <Empty
            icon={<IconKey size={28} aria-hidden />}
            title={t('conversations.thread.goneTitle')}
            description={t('conversations.thread.goneBody')}
          >
            <ForgetButton entry={entry} onDone={onBack} />
          </Empty>
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Box>
    );
  }
  return <WriterThreadView entry={entry} query={query} back={back} onBack={onBack} />;
}

function ForgetButton({ entry, onDone, size }: { entry: StoredKey; onDone: () => void; size?: 'xs' }) {
  const { t } = useTranslation();
  const { userId } = useMyKeys();
  return (
    <ConfirmButton
      variant="default"
      size={size}
      title={t('conversations.forget.title')}
      message={t('conversations.forget.body')}
      confirmLabel={t('conversations.forget.confirm')}
      onConfirm={() => {
        if (userId) {
          forgetKey(userId, entry.key);
        }
        onDone();
      }}
    >
      {t('conversations.forget.button')}
    </ConfirmButton>
  );
}

function shown(t: (k: string) => string, m: WriterMessage): ShownMessage {
  if (m.sender === 'writer') {
    return { seq: m.seq, own: true, html: m.html, sentOn: m.sentOn, name: '', anonymous: true };
  }
  const role = m.author?.role ? t(`conversations.role.${m.author.role}`) : null;
  return {
    seq: m.seq,
    own: false,
    html: m.html,
    sentOn: m.sentOn,
    name: m.author?.name ?? t('conversations.thread.formerRecipient'),
    detail: [role, m.author?.title].filter(Boolean).join(', ') || null,
    photoUrl: m.author?.photoUrl ?? null,
  };
}

function WriterThreadView({
  entry,
  query,
  back,
  onBack,
}: {
  entry: StoredKey;
  query: ReturnType<typeof useWriterThread>;
  back: ReactNode;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const day = useFormatDay();
  const [keyOpen, keyModal] = useDisclosure(false);
  const actions = useWriterActions(entry);
  const pages = query.data!.pages;
  const thread = pages[0]!;
  const messages = [...pages].reverse().flatMap((p) => p.messages.map((m) => shown(t, m)));

  return (
    <Box maw={760} mx="auto">
      {back}
      <Stack gap="md">
        <Card padding="lg">
          <Stack gap="xs">
            <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
              <Title order={1} fz={{ base: 22, sm: 26 }} style={{ overflowWrap: 'anywhere' }}>
                {thread.subject}
              </Title>
              <StatusBadge status={thread.status} blocked={thread.blocked} />
            </Group>
            <Text size="sm" c="dimmed">
              {recipientText(t, thread.recipientKind, thread.recipient)} · {t('conversations.startedOn', { date: day(thread.startedOn) })}
            </Text>
            <Group gap="xs" wrap="wrap">
              {thread.revealed ? (
                <Badge variant="light" color="grape" leftSection={<IconUserCheck size={14} aria-hidden />}>
                  {t('conversations.thread.revealedWriter')}
                </Badge>
              ) : (
                <Badge variant="light" color="brand" leftSection={<IconLock size={14} aria-hidden />}>
                  {t('conversations.thread.anonymousWriter')}
                </Badge>
              )}
            </Group>
            <Group gap="xs" wrap="wrap" mt="xs">
              <Button variant="default" size="xs" leftSection={<IconKey size={14} aria-hidden />} onClick={keyModal.open}>
                {t('conversations.key.show')}
              </Button>
              {thread.canReveal && (
                <ConfirmButton
                  variant="default"
                  size="xs"
                  leftSection={<IconUserCheck size={14} aria-hidden />}
                  title={t('conversations.reveal.title')}
                  message={t('conversations.reveal.body')}
                  confirmLabel={t('conversations.reveal.confirm')}
                  loading={actions.reveal.isPending}
                  onConfirm={() => actions.reveal.mutate()}
                >
                  {t('conversations.reveal.button')}
                </ConfirmButton>
              )}
              <ForgetButton entry={entry} onDone={onBack} size="xs" />
            </Group>
            <ErrorAlert error={actions.reveal.error} />
          </Stack>
        </Card>

        <EarlierButton query={query} />
        <MessageList messages={messages} label={t('conversations.thread.messages')} />

        {thread.blocked ? (
          <Alert color="red" variant="light" icon={<IconMessageOff aria-hidden />}>
            {t('conversations.thread.blockedWriter')}
          </Alert>
        ) : thread.status === 'closed' ? (
          <Alert color="gray" variant="light" icon={<IconMessageOff aria-hidden />}>
            {t('conversations.thread.closedWriter')}
          </Alert>
        ) : null}
        {thread.canReply && (
          <Card padding="lg">
            <ReplyBox
              onSend={(body) => actions.reply.mutateAsync(body)}
              pending={actions.reply.isPending}
              error={actions.reply.error}
              hint={t('conversations.thread.writerHint')}
            />
          </Card>
        )}
      </Stack>

      <Modal
        opened={keyOpen}
        onClose={keyModal.close}
        title={<Text fw={700}>{t('conversations.key.title')}</Text>}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack gap="md">
          <CopyField label={t('conversations.key.label')} value={entry.key} description={t('conversations.key.description')} />
          <Text size="sm">{t('conversations.key.warning')}</Text>
        </Stack>
      </Modal>
    </Box>
  );
}
