import { Anchor, Badge, Button, Card, Group, Stack, Text } from '@mantine/core';
import { IconHeartHandshake } from '@tabler/icons-react';
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { FeedbackItem } from '../api.js';
import { canPassOn, formatWhen, isPraise } from '../logic.js';
import { CommentText, FollowupChip, ScoreBadge } from './FeedbackBits.js';

function Meta({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm" component="div">
      <Text span c="dimmed" size="sm">
        {label}:{' '}
      </Text>
      {children}
    </Text>
  );
}

/** Where an answer came from, e.g. "Web form · website". */
export function useChannelText(): (item: Pick<FeedbackItem, 'channel' | 'source'>) => string {
  const { t } = useTranslation();
  return (item) => {
    const channel = t(`voice.channel.${item.channel}`);
    return item.source && item.source !== item.channel ? `${channel} · ${item.source}` : channel;
  };
}

/**
 * One customer answer: score and category, the comment as plain text, who it is about, where it came
 * from, the follow-up it opened, and praise that can be passed on to the person it names.
 */
export function FeedbackCard({
  item,
  canPraise,
  onPassOn,
}: {
  item: FeedbackItem;
  /** Whether the reader may pass praise on at all. */
  canPraise: boolean;
  onPassOn: (item: FeedbackItem) => void;
}) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const channelText = useChannelText();
  const praiseNotShared = isPraise(item) && item.namedUser !== null && !item.shareAllowed;

  return (
    <Card padding="lg" component="article" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="center" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            <ScoreBadge item={item} />
            <Text id={titleId} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }}>
              {item.account ? (
                <Anchor component={Link} to={`/customers/accounts/${item.account.id}`} fw={600} size="sm">
                  {item.account.name}
                </Anchor>
              ) : (
                t('voice.card.noAccount')
              )}
            </Text>
          </Group>
          <Text size="sm" c="dimmed" component="time" dateTime={item.receivedAt}>
            {formatWhen(item.receivedAt, i18n.language)}
          </Text>
        </Group>

        <CommentText comment={item.comment} />

        <Group gap="lg" wrap="wrap" style={{ rowGap: 4 }}>
          {item.contact && <Meta label={t('voice.card.contact')}>{item.contact.name}</Meta>}
          {item.team && <Meta label={t('voice.card.team')}>{item.team.name}</Meta>}
          {item.namedUser && (
            <Meta label={t('voice.card.named')}>
              <Anchor component={Link} to={`/people/${item.namedUser.id}`} size="sm">
                {item.namedUser.name}
              </Anchor>
            </Meta>
          )}
          <Meta label={t('voice.card.channel')}>{channelText(item)}</Meta>
        </Group>

        {(item.followup || item.passedOn || praiseNotShared || (canPraise && canPassOn(item))) && (
          <Group justify="space-between" gap="xs" wrap="wrap">
            <Group gap="xs" wrap="wrap">
              {item.followup && <FollowupChip followup={item.followup} />}
              {praiseNotShared && (
                <Text size="sm" c="dimmed">
                  {t('voice.card.notShareable')}
                </Text>
              )}
            </Group>
            {item.passedOn ? (
              <Group gap={6} wrap="nowrap">
                <Badge color="teal" variant="dot" radius="sm" style={{ textTransform: 'none' }}>
                  {t('voice.passOn.passed')}
                </Badge>
                <Anchor component={Link} to={`/posts/${item.passedOn.postId}`} size="sm">
                  {t('voice.passOn.seePost')}
                </Anchor>
              </Group>
            ) : (
              canPraise &&
              canPassOn(item) &&
              item.namedUser && (
                <Button size="xs" variant="light" leftSection={<IconHeartHandshake size={16} aria-hidden />} onClick={() => onPassOn(item)}>
                  {t('voice.passOn.button', { name: item.namedUser.name })}
                </Button>
              )
            )}
          </Group>
        )}
      </Stack>
    </Card>
  );
}
