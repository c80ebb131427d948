import './conversations.css';
import { Anchor, Box, Button, Card, Group, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconInbox, IconPencil } from '@tabler/icons-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useInboxSummary, useMyThreads } from '../hooks/useConversations.js';
import { CONVERSATIONS_PATH, useOpenConversation } from '../navigation.js';
import { recipientText, UnreadBadge } from './parts.js';

const SHOWN = 3;

/**
 * The listening home's card for anonymous conversations: a way to write, the writer's own
 * conversations (from the keys this browser holds) with their new replies, and for recipients how
 * much waits in their inbox.
 */
export function ConversationsSummary() {
  const { t } = useTranslation();
  const titleId = useId();
  const { open, compose } = useOpenConversation();
  const mine = useMyThreads();
  const summary = useInboxSummary();
  const unreadReplies = mine.items.filter((c) => c.unread).length;
  const inbox = summary.data;

  return (
    <Card padding="lg" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Box>
            <Title order={2} fz={19} id={titleId}>
              {t('conversations.summary.title')}
            </Title>
            <Text size="sm" c="dimmed" mt={4}>
              {t('conversations.summary.body')}
            </Text>
          </Box>
          <Button leftSection={<IconPencil size={16} aria-hidden />} onClick={compose}>
            {t('conversations.write')}
          </Button>
        </Group>

        {mine.hasKeys &&
          (mine.isPending ? (
            <Skeleton height={44} aria-hidden />
          ) : mine.items.length > 0 ? (
            <Box>
              <Text size="sm" fw={600} mb={4}>
                {unreadReplies > 0 ? t('conversations.summary.newReplies', { count: unreadReplies }) : t('conversations.summary.mine')}
              </Text>
              <Stack gap={2} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                {mine.items.slice(0, SHOWN).map((c) => (
                  <li key={c.localId}>
                    <UnstyledButton className="conv-row" px="xs" py={6} w="100%" onClick={() => open(c.localId)}>
                      <Group gap="xs" wrap="nowrap" justify="space-between">
                        <Box miw={0}>
                          <Text size="sm" fw={500} lineClamp={1}>
                            {c.subject}
                          </Text>
                          <Text size="xs" c="dimmed" lineClamp={1}>
                            {recipientText(t, c.recipientKind, c.recipient)}
                          </Text>
                        </Box>
                        {c.unread && <UnreadBadge label={t('conversations.mine.newReply')} />}
                      </Group>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            </Box>
          ) : null)}

        {inbox?.receives && (
          <Group gap="xs" wrap="nowrap">
            <IconInbox size={18} aria-hidden />
            <Anchor component={Link} to={CONVERSATIONS_PATH} size="sm">
              {inbox.unread > 0
                ? t('conversations.summary.inboxUnread', { count: inbox.unread })
                : t('conversations.summary.inboxOpen', { count: inbox.open })}
            </Anchor>
          </Group>
        )}

        {(mine.items.length > SHOWN || (mine.items.length > 0 && !inbox?.receives)) && (
          <Anchor component={Link} to={CONVERSATIONS_PATH} size="sm">
            {t('conversations.summary.all')}
          </Anchor>
        )}
      </Stack>
    </Card>
  );
}
