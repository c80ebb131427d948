import { ActionIcon, Box, Group, Text, ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconAlertTriangle,
  IconAt,
  IconCalendarEvent,
  IconHelpCircle,
  IconLifebuoy,
  IconMicrophone,
  IconSpeakerphone,
  IconUrgent,
  IconAward,
  IconBell,
  IconCheck,
  IconChecklist,
  IconClipboardList,
  IconCoins,
  IconGift,
  IconHeartHandshake,
  IconMessageCircle,
  IconMessageCircleQuestion,
  IconMessageReport,
  IconShieldHalfFilled,
  IconStar,
  IconUserPlus,
  IconUsersGroup,
  type Icon,
} from '@tabler/icons-react';
import { Fragment, type ReactNode } from 'react';
import { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REACTIONS, type Reaction } from '../../../../shared/social.js';
import { COMMS_NOTIFICATIONS, type CommsNotificationType } from '../../../../shared/comms.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { ReactionBadge } from '../../feed/components/Reactions.js';
import { RelativeTime } from '../../feed/components/RelativeTime.js';
import type { NotificationView } from '../api.js';

const TYPE_ICON: Record<string, Icon> = {
  mention: IconAt,
  comment: IconMessageCircle,
  reply: IconMessageCircle,
  follow: IconUserPlus,
  community_invitation: IconUsersGroup,
  community_request: IconUsersGroup,
  community_request_approved: IconUsersGroup,
  moderation: IconShieldHalfFilled,
  kudos: IconHeartHandshake,
  badge: IconAward,
  redemption: IconGift,
  recognition_flag: IconAlertTriangle,
  award: IconCoins,
  survey: IconClipboardList,
  feedback: IconMessageCircleQuestion,
  listening_action: IconChecklist,
  customer_followup: IconMessageReport,
  customer_praise: IconStar,
  announcement: IconSpeakerphone,
  urgent: IconUrgent,
  safety_check: IconLifebuoy,
  event: IconCalendarEvent,
  answer: IconHelpCircle,
  ama: IconMicrophone,
};

/** The communication notifications, whose sentence depends on `data.variant` and whose link is `data.link`. */
const COMMS_TYPES = new Set(Object.keys(COMMS_NOTIFICATIONS));
const isCommsType = (type: string): type is CommsNotificationType => COMMS_TYPES.has(type);
/** A path inside the app, never another site. */
const appPath = (v: unknown): string | null => (typeof v === 'string' && v.startsWith('/') && !v.startsWith('//') ? v : null);

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const isId = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f-]{36}$/i.test(v);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Rule badges are named in the reader's language; custom ones by what the administrators called them. */
function badgeName(t: TFunction, n: NotificationView): string {
  const rule = str(n.data.rule);
  return rule && t(`kudos.badges.${rule}.name`, { defaultValue: '' }) ? t(`kudos.badges.${rule}.name`) : str(n.data.name);
}

/** Values for the recognition and listening sentences besides who and where. */
function sentenceValues(t: TFunction, n: NotificationView): { count: number; badge: string; reward: string; title: string } {
  const none = { count: 0, badge: '', reward: '', title: '' };
  switch (n.type) {
    case 'kudos':
    case 'award':
      return { ...none, count: num(n.data.points) };
    case 'recognition_flag':
      return { ...none, count: num(n.data.people) };
    case 'badge':
      return { ...none, badge: badgeName(t, n) };
    case 'redemption':
      return { ...none, reward: str(n.data.rewardName) };
    case 'survey':
    case 'listening_action':
      return { ...none, title: str(n.data.title) };
    case 'customer_followup':
      return { ...none, title: str(n.data.accountName) };
    case 'customer_praise':
      return { ...none, title: str(n.data.quote) };
    default:
      return isCommsType(n.type) ? { ...none, title: str(n.data.title) } : none;
  }
}

const MARK = '\uE000';

/**
 * Fills a translated sentence with React nodes (a bold name, a community) without ever treating any
 * text as markup: the placeholders become private-use markers, and the sentence is split on them.
 */
export function richText(template: string, parts: Record<string, ReactNode>): ReactNode[] {
  return template
    .split(new RegExp(`${MARK}(\\w+)${MARK}`, 'g'))
    .map((piece, i) => (i % 2 === 1 ? <Fragment key={i}>{parts[piece] ?? ''}</Fragment> : <Fragment key={i}>{piece}</Fragment>));
}

const marker = (name: string) => `${MARK}${name}${MARK}`;

const isReaction = (v: unknown): v is Reaction => typeof v === 'string' && (REACTIONS as readonly string[]).includes(v);

/** The translation key of a notification's sentence. */
function sentenceKey(n: NotificationView): string {
  const where = n.community ? 'In' : '';
  switch (n.type) {
    case 'mention':
      return `notifications.sentence.mention.${n.comment ? 'comment' : 'post'}${where}`;
    case 'comment':
    case 'reply':
      return `notifications.sentence.${n.type}.post${where}`;
    case 'reaction':
      return `notifications.sentence.reaction.${n.comment ? 'comment' : 'post'}${where}`;
    case 'follow':
    case 'community_invitation':
    case 'community_request':
    case 'community_request_approved':
      return `notifications.sentence.${n.type}`;
    case 'kudos':
      return num(n.data.points) > 0 ? 'notifications.sentence.kudos.points' : 'notifications.sentence.kudos.plain';
    case 'badge':
      return !str(n.data.name) && !str(n.data.rule)
        ? 'notifications.sentence.badge.unknown'
        : n.actor
          ? 'notifications.sentence.badge.given'
          : 'notifications.sentence.badge.earned';
    case 'redemption': {
      const status = n.data.status === 'approved' ? 'approved' : n.data.status === 'refused' ? 'refused' : 'pending';
      return `notifications.sentence.redemption.${status}${str(n.data.rewardName) ? '' : 'Unnamed'}`;
    }
    case 'recognition_flag':
      return 'notifications.sentence.recognition_flag';
    case 'award':
      return n.actor ? 'notifications.sentence.award.by' : 'notifications.sentence.award.plain';
    case 'survey': {
      const kind = n.data.kind === 'checkin' ? 'checkin' : n.data.kind === 'pulse' ? 'pulse' : 'survey';
      const reminder = n.data.reminder === true ? 'Reminder' : '';
      return `notifications.sentence.survey.${kind}${reminder}${kind !== 'checkin' && !str(n.data.title) ? 'Untitled' : ''}`;
    }
    case 'feedback':
      return 'notifications.sentence.feedback';
    case 'listening_action':
      return str(n.data.title) ? 'notifications.sentence.listening_action.titled' : 'notifications.sentence.listening_action.untitled';
    case 'customer_followup':
      return str(n.data.accountName)
        ? 'notifications.sentence.customer_followup.titled'
        : 'notifications.sentence.customer_followup.untitled';
    case 'customer_praise':
      return str(n.data.quote) ? 'notifications.sentence.customer_praise_quoted' : 'notifications.sentence.customer_praise';
    case 'moderation': {
      const action = n.data.action === 'remove' ? 'remove' : n.data.action === 'restore' ? 'restore' : 'hide';
      const target = n.data.target === 'comment' || n.comment ? 'Comment' : 'Post';
      return `notifications.sentence.moderation.${action}${target}${where}`;
    }
    default: {
      if (isCommsType(n.type)) {
        const variants: readonly string[] = COMMS_NOTIFICATIONS[n.type];
        const variant = str(n.data.variant);
        return `notifications.sentence.${n.type}.${variants.includes(variant) ? variant : variants[0]}`;
      }
      return 'notifications.sentence.other';
    }
  }
}

/**
 * Where a notification leads: the post (at the comment), the person, or the community; for
 * recognition, the kudos' post (or one's own profile for private kudos), the rewards, the flags.
 */
export function notificationLink(n: NotificationView, meId?: string): string {
  const myProfile = meId ? `/people/${meId}` : null;
  switch (n.type) {
    case 'kudos':
      if (n.post) {
        return `/posts/${n.post.id}`;
      }
      return myProfile
        ? `${myProfile}?kudos=received#recognition`
        : n.actor
          ? `/people/${n.actor.id}?kudos=given#recognition`
          : '/notifications';
    case 'badge':
      return myProfile ? `${myProfile}#recognition` : '/notifications';
    case 'redemption':
    case 'award':
      return '/rewards';
    case 'recognition_flag':
      return '/admin/flags';
    case 'survey':
      return isId(n.data.roundId) ? `/listening/answer/${n.data.roundId}` : '/listening';
    case 'feedback':
      return isId(n.data.threadId) ? `/listening/conversations/${n.data.threadId}` : '/listening/conversations';
    case 'listening_action':
      return '/listening/actions';
    case 'customer_followup':
      return isId(n.data.followupId) ? `/customers/followups/${n.data.followupId}` : '/customers/followups';
    case 'customer_praise':
      // The words are in the notification itself; the customer inbox is for customer staff.
      return '/notifications';
    default: {
      const link = isCommsType(n.type) ? appPath(n.data.link) : null;
      if (link) {
        return link;
      }
      break;
    }
  }
  if (n.type === 'follow' && n.actor) {
    return `/people/${n.actor.id}`;
  }
  if (n.type === 'community_request' && n.community) {
    return `/communities/${n.community.slug}/members?status=requested`;
  }
  if (n.post) {
    return `/posts/${n.post.id}${n.comment ? `#comment-${n.comment.id}` : ''}`;
  }
  if (n.community) {
    return `/communities/${n.community.slug}`;
  }
  if (n.actor) {
    return `/people/${n.actor.id}`;
  }
  return '/notifications';
}

/** The sentence as plain text, e.g. for a screen reader's summary. */
export function sentenceText(t: TFunction, n: NotificationView): string {
  return t(sentenceKey(n), {
    ...sentenceValues(t, n),
    actor: n.actor?.name ?? t('notifications.someone'),
    place: n.community?.name ?? '',
  });
}

/** One notification: who, what and where as a sentence in the reader's language, with the words quoted and when. */
export function NotificationItem({
  n,
  onOpen,
  onMarkRead,
  compact = false,
}: {
  n: NotificationView;
  onOpen: (n: NotificationView) => void;
  onMarkRead?: (n: NotificationView) => void;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const unread = n.readAt === null;
  const values = sentenceValues(t, n);
  const template = t(sentenceKey(n), {
    count: values.count,
    actor: marker('actor'),
    place: marker('place'),
    badge: marker('badge'),
    reward: marker('reward'),
    title: marker('title'),
  });
  const sentence = richText(template, {
    actor: <strong>{n.actor?.name ?? t('notifications.someone')}</strong>,
    place: <strong>{n.community?.name ?? ''}</strong>,
    badge: <strong>{values.badge}</strong>,
    reward: <strong>{values.reward}</strong>,
    title: <strong>{values.title}</strong>,
  });
  const quote = n.comment?.excerpt ?? n.post?.excerpt ?? null;
  const reason =
    (n.type === 'moderation' || n.type === 'award' || n.type === 'badge') && typeof n.data.reason === 'string' && n.data.reason
      ? n.data.reason
      : n.type === 'redemption' && typeof n.data.note === 'string' && n.data.note
        ? n.data.note
        : null;
  const reaction = n.type === 'reaction' && isReaction(n.data.kind) ? n.data.kind : null;
  const TypeIcon = TYPE_ICON[n.type] ?? IconBell;
  const size = compact ? 40 : 48;

  return (
    <Box className="notification-item" data-unread={unread || undefined} px={compact ? 'sm' : 'md'} py="sm">
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box pos="relative" style={{ flex: 'none' }}>
          {n.actor ? (
            <UserAvatar name={n.actor.name} photoUrl={n.actor.photoUrl} size={size} />
          ) : (
            <ThemeIcon size={size} radius={1000} variant="light" color="brand" aria-hidden>
              <TypeIcon size={Math.round(size * 0.5)} />
            </ThemeIcon>
          )}
          {n.actor && (
            <span className="notification-type-badge">
              {reaction ? (
                <ReactionBadge kind={reaction} size={20} />
              ) : (
                <span className="notification-type-icon" aria-hidden>
                  <TypeIcon size={12} stroke={2.2} />
                </span>
              )}
            </span>
          )}
        </Box>
        <Box flex={1} miw={0}>
          <Link to={notificationLink(n, me?.user.id)} className="notification-link" onClick={() => onOpen(n)}>
            {unread && <span className="visually-hidden">{t('notifications.unreadMark')} </span>}
            <Text size="sm" component="span" className="notification-sentence">
              {sentence}
              {reaction && <span className="visually-hidden"> ({t(`notifications.reactions.${reaction}`)})</span>}
            </Text>
          </Link>
          {quote && (
            <Text size="sm" c="dimmed" lineClamp={compact ? 1 : 2} mt={2} className="notification-quote">
              “{quote}”
            </Text>
          )}
          {reason && (
            <Text size="sm" mt={2}>
              {t('notifications.reason', { reason })}
            </Text>
          )}
          <Text size="xs" c="dimmed" mt={4}>
            <RelativeTime iso={n.createdAt} />
          </Text>
        </Box>
        <Group gap={4} wrap="nowrap" style={{ flex: 'none' }} className="notification-side">
          {unread && onMarkRead ? (
            <Tooltip label={t('notifications.markOne')} withArrow>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="md"
                onClick={() => onMarkRead(n)}
                aria-label={t('notifications.markOneLabel', { text: sentenceText(t, n) })}
              >
                <IconCheck size={16} aria-hidden />
              </ActionIcon>
            </Tooltip>
          ) : null}
          {unread && <span className="notification-dot" aria-hidden />}
        </Group>
      </Group>
    </Box>
  );
}
