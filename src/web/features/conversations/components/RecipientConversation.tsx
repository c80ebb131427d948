import { Alert, Anchor, Badge, Box, Button, Card, Group, Modal, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconArrowLeft, IconBan, IconLock, IconLockOpen, IconMessageOff, IconUserCheck } from '@tabler/icons-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../../api.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { useDocumentTitle } from '../../../components/PageHeader.js';
import { Empty, ErrorState, Loading } from '../../../components/States.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { RecipientMessage, RecipientThread } from '../api.js';
import { useRecipientActions, useRecipientThread } from '../hooks/useConversations.js';
import {
  EarlierButton,
  ErrorAlert,
  useFormatDay,
  MessageList,
  recipientText,
  ReplyBox,
  StatusBadge,
  toast,
  type ShownMessage,
} from './parts.js';

const ESCALATION_NOTE_MAX = 2000;

/** A conversation as its recipients (and, once escalated, HR and administrators) see it. */
export function RecipientConversation({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const query = useRecipientThread(threadId);
  const thread = query.data?.pages[0];
  useDocumentTitle(thread?.subject ?? t('conversations.title'));

  const back = (
    <Anchor
      component={Link}
      to="/listening/conversations"
      size="sm"
      mb="md"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      <IconArrowLeft size={16} aria-hidden />
      {t('conversations.back')}
    </Anchor>
  );
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError || !thread) {
    const missing = query.error instanceof ApiError && (query.error.status === 404 || query.error.status === 400);
    return (
      <Box maw={760} mx="auto">
        {back}
        {missing ? (
          <Empty
            icon={<IconMessageOff size={28} aria-hidden />}
            title={t('conversations.thread.missingTitle')}
            description={t('conversations.thread.missingBody')}
          />
        ) : (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        )}
      </Box>
    );
  }
  return <RecipientThreadView threadId={threadId} query={query} back={back} />;
}

function RecipientThreadView({
  threadId,
  query,
  back,
}: {
  threadId: string;
  query: ReturnType<typeof useRecipientThread>;
  back: ReactNode;
}) {
  const { t } = useTranslation();
  const day = useFormatDay();
  const { data: me } = useMe();
  const actions = useRecipientActions(threadId);
  const [escalateOpen, escalateModal] = useDisclosure(false);
  const pages = query.data!.pages;
  const thread: RecipientThread = pages[0]!;
  const writerName = thread.revealed?.name ?? t('conversations.thread.anonymous');

  const shown = (m: RecipientMessage): ShownMessage =>
    m.sender === 'writer'
      ? {
          seq: m.seq,
          own: false,
          html: m.html,
          sentOn: m.sentOn,
          name: writerName,
          photoUrl: thread.revealed?.photoUrl ?? null,
          anonymous: !thread.revealed,
        }
      : {
          seq: m.seq,
          own: true,
          html: m.html,
          sentOn: m.sentOn,
          name: m.author && m.author.id !== me?.user.id ? m.author.name : m.author ? '' : t('conversations.thread.formerRecipient'),
          detail: m.author && m.author.id !== me?.user.id ? m.author.title : null,
          photoUrl: m.author?.photoUrl ?? null,
        };
  const messages = [...pages].reverse().flatMap((p) => p.messages.map(shown));
  const actionError = actions.close.error ?? actions.reopen.error ?? actions.block.error;

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
              {thread.revealed ? t('conversations.from.named', { name: thread.revealed.name }) : t('conversations.from.anonymous')} ·{' '}
              {recipientText(t, thread.recipientKind, thread.recipient)} · {t('conversations.startedOn', { date: day(thread.startedOn) })}
            </Text>
            <Group gap="xs">
              {thread.revealed ? (
                <Badge variant="light" color="grape" leftSection={<IconUserCheck size={14} aria-hidden />}>
                  {t('conversations.thread.revealedBadge')}
                </Badge>
              ) : (
                <Badge variant="light" color="brand" leftSection={<IconLock size={14} aria-hidden />}>
                  {t('conversations.thread.anonymousBadge')}
                </Badge>
              )}
            </Group>
            {thread.escalation && (
              <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t('conversations.escalation.title')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {thread.escalation.note}
                </Text>
                <Text size="xs" c="dimmed" mt={4}>
                  {t('conversations.escalation.by', {
                    name: thread.escalation.by?.name ?? t('conversations.thread.formerRecipient'),
                    date: day(thread.escalation.on),
                  })}
                </Text>
              </Alert>
            )}
            <Group gap="xs" wrap="wrap" mt="xs">
              {thread.canClose && (
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconLock size={14} aria-hidden />}
                  loading={actions.close.isPending}
                  onClick={() =>
                    actions.close.mutate(undefined, { onSuccess: () => toast(t('conversations.actions.closed'), t('common.close')) })
                  }
                >
                  {t('conversations.actions.close')}
                </Button>
              )}
              {thread.canReopen && (
                <Button
                  variant="default"
                  size="xs"
                  leftSection={<IconLockOpen size={14} aria-hidden />}
                  loading={actions.reopen.isPending}
                  onClick={() =>
                    actions.reopen.mutate(undefined, { onSuccess: () => toast(t('conversations.actions.reopened'), t('common.close')) })
                  }
                >
                  {t('conversations.actions.reopen')}
                </Button>
              )}
              {thread.canEscalate && (
                <Button
                  variant="default"
                  color="red"
                  size="xs"
                  leftSection={<IconAlertTriangle size={14} aria-hidden />}
                  onClick={escalateModal.open}
                >
                  {t('conversations.actions.escalate')}
                </Button>
              )}
              {thread.canBlock && (
                <ConfirmButton
                  variant="light"
                  color="red"
                  size="xs"
                  leftSection={<IconBan size={14} aria-hidden />}
                  title={t('conversations.block.title')}
                  message={t('conversations.block.body')}
                  confirmLabel={t('conversations.block.confirm')}
                  loading={actions.block.isPending}
                  onConfirm={() =>
                    actions.block.mutate(undefined, { onSuccess: () => toast(t('conversations.block.done'), t('common.close')) })
                  }
                >
                  {t('conversations.block.button')}
                </ConfirmButton>
              )}
            </Group>
            <ErrorAlert error={actionError} />
          </Stack>
        </Card>

        <EarlierButton query={query} />
        <MessageList messages={messages} label={t('conversations.thread.messages')} />

        {thread.status === 'closed' && (
          <Alert color="gray" variant="light" icon={<IconMessageOff aria-hidden />}>
            {t('conversations.thread.closedRecipient')}
          </Alert>
        )}
        {thread.canReply && (
          <Card padding="lg">
            <ReplyBox
              onSend={(body) => actions.reply.mutateAsync(body)}
              pending={actions.reply.isPending}
              error={actions.reply.error}
              hint={t('conversations.thread.recipientHint')}
            />
          </Card>
        )}
      </Stack>
      <EscalateModal opened={escalateOpen} onClose={escalateModal.close} actions={actions} />
    </Box>
  );
}

function EscalateModal({
  opened,
  onClose,
  actions,
}: {
  opened: boolean;
  onClose: () => void;
  actions: ReturnType<typeof useRecipientActions>;
}) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const [empty, setEmpty] = useState(false);
  const close = () => {
    setNote('');
    setEmpty(false);
    actions.escalate.reset();
    onClose();
  };
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!note.trim()) {
      setEmpty(true);
      return;
    }
    try {
      await actions.escalate.mutateAsync(note.trim());
      toast(t('conversations.escalation.done'), t('common.close'));
      close();
    } catch {
      // shown below
    }
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={700}>{t('conversations.escalation.modalTitle')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('conversations.escalation.intro')}</Text>
          <Textarea
            label={t('conversations.escalation.note')}
            value={note}
            onChange={(e) => {
              setNote(e.currentTarget.value);
              setEmpty(false);
            }}
            autosize
            minRows={3}
            maxLength={ESCALATION_NOTE_MAX}
            error={empty ? t('conversations.escalation.noteRequired') : undefined}
            required
            data-autofocus
          />
          <ErrorAlert error={actions.escalate.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="red" loading={actions.escalate.isPending}>
              {t('conversations.escalation.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
