import '../../feed/components/feed.css';
import './conversations.css';
import { Alert, Badge, Box, Button, Center, Group, Paper, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconSend } from '@tabler/icons-react';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LISTENING_LIMITS } from '../../../../shared/listening.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { dateLocale } from '../../../components/format.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import type { FeedbackRecipient, Person, ThreadStatus } from '../api.js';
import { useConversationsErrorText } from '../errors.js';

/** A day as the server sends it ('YYYY-MM-DD'), in the reader's language; conversations carry no times. */
export function formatDay(day: string, lng: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  return Number.isNaN(d.getTime())
    ? day
    : d.toLocaleDateString(dateLocale(lng), { timeZone: 'UTC', day: 'numeric', month: 'short', year: 'numeric' });
}

/** The interface language, for dates and lists. */
export function useLanguage(): 'en' | 'it' {
  const { i18n } = useTranslation();
  return (i18n.resolvedLanguage ?? i18n.language ?? 'en').startsWith('it') ? 'it' : 'en';
}

/** `formatDay` in the interface language. */
export function useFormatDay(): (day: string) => string {
  const lng = useLanguage();
  return useCallback((day: string) => formatDay(day, lng), [lng]);
}

const STATUS_COLOR: Record<ThreadStatus, string> = { open: 'teal', closed: 'gray', escalated: 'red' };

export function StatusBadge({ status, blocked = false }: { status: ThreadStatus; blocked?: boolean }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="wrap">
      <Badge variant="light" color={STATUS_COLOR[status]}>
        {t(`conversations.status.${status}`)}
      </Badge>
      {blocked && (
        <Badge variant="outline" color="red">
          {t('conversations.status.blocked')}
        </Badge>
      )}
    </Group>
  );
}

/** "To your manager, Maria Rossi", "To HR", "To the leadership". */
export function recipientText(t: (k: string, o?: Record<string, unknown>) => string, kind: FeedbackRecipient, recipient: Person | null) {
  return kind === 'manager' && recipient ? t('conversations.to.managerNamed', { name: recipient.name }) : t(`conversations.to.${kind}`);
}

/** A small "new" marker that does not rely on colour alone. */
export function UnreadBadge({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Badge color="brand" variant="filled" size="sm">
      {label ?? t('conversations.unread')}
    </Badge>
  );
}

export interface ShownMessage {
  seq: number;
  /** Shown on the right: the reader's side of the conversation. */
  own: boolean;
  html: string;
  sentOn: string;
  /** Who wrote it, as the reader should see them; empty for the reader themselves ("You"). */
  name: string;
  detail?: string | null;
  photoUrl?: string | null;
  anonymous?: boolean;
}

/** The messages of a conversation, oldest first; the reader's own side on the right. */
export function MessageList({ messages, label }: { messages: readonly ShownMessage[]; label: string }) {
  const { t } = useTranslation();
  const day = useFormatDay();
  return (
    <Stack component="ol" gap="sm" className="conv-messages" aria-label={label}>
      {messages.map((m) => (
        <Box component="li" key={m.seq} className={m.own ? 'conv-message conv-message-own' : 'conv-message'}>
          <Paper p="sm" radius="lg" withBorder={!m.own} bg={m.own ? 'var(--mantine-color-brand-light)' : undefined} className="conv-bubble">
            <Group gap="xs" mb={6} wrap="nowrap" align="center">
              {m.anonymous || !m.name ? null : <UserAvatar name={m.name} photoUrl={m.photoUrl} size={24} />}
              <Text size="sm" fw={600} lineClamp={1}>
                {m.name || t('conversations.thread.you')}
                {m.detail ? (
                  <Text span size="sm" c="dimmed" fw={400}>
                    {` · ${m.detail}`}
                  </Text>
                ) : null}
              </Text>
              <Text size="xs" c="dimmed" ml="auto" style={{ flexShrink: 0 }}>
                {day(m.sentOn)}
              </Text>
            </Group>
            <PostHtml html={m.html} />
          </Paper>
        </Box>
      ))}
    </Stack>
  );
}

/** "Show earlier messages" above a conversation's first page. */
export function EarlierButton({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useTranslation();
  if (!query.hasNextPage) {
    return null;
  }
  return (
    <Center>
      <Button variant="subtle" size="compact-sm" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
        {t('conversations.thread.earlier')}
      </Button>
    </Center>
  );
}

/** A failed action's explanation, in this feature's words, announced to screen readers. */
export function ErrorAlert({ error }: { error: unknown }) {
  const text = useConversationsErrorText();
  if (error === null || error === undefined) {
    return null;
  }
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
      {text(error)}
    </Alert>
  );
}

/** The answer box under a conversation: Ctrl/Cmd+Enter sends. */
export function ReplyBox({
  onSend,
  pending,
  error,
  hint,
}: {
  onSend: (body: string) => Promise<unknown>;
  pending: boolean;
  error: unknown;
  hint?: string;
}) {
  const { t } = useTranslation();
  const [body, setBody] = useState('');
  const [empty, setEmpty] = useState(false);
  const hintId = useId();
  const send = async () => {
    if (body.trim().length === 0) {
      setEmpty(true);
      return;
    }
    try {
      await onSend(body);
      setBody('');
    } catch {
      // shown by the error alert
    }
  };
  return (
    <Stack gap="xs">
      <Textarea
        label={t('conversations.thread.reply')}
        description={hint}
        placeholder={t('conversations.thread.replyPlaceholder')}
        value={body}
        onChange={(e) => {
          setBody(e.currentTarget.value);
          setEmpty(false);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void send();
          }
        }}
        autosize
        minRows={3}
        maxRows={12}
        maxLength={LISTENING_LIMITS.feedbackMessage}
        error={empty ? t('conversations.compose.bodyRequired') : undefined}
        aria-describedby={hintId}
      />
      <ErrorAlert error={error} />
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text id={hintId} size="xs" c="dimmed">
          {t('conversations.thread.markdownHint')}
        </Text>
        <Button leftSection={<IconSend size={16} aria-hidden />} onClick={() => void send()} loading={pending}>
          {t('conversations.thread.send')}
        </Button>
      </Group>
    </Stack>
  );
}

/** A short confirmation at the top of the screen, whose close button says what it does. */
export function toast(message: string, closeLabel: string): void {
  notifications.show({ message, color: 'teal', closeButtonProps: { 'aria-label': closeLabel } });
}
