import './feed.css';
import {
  ActionIcon,
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Divider,
  Group,
  Menu,
  Paper,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconBookmark,
  IconBookmarkFilled,
  IconChevronRight,
  IconDots,
  IconEye,
  IconEyeOff,
  IconFlag,
  IconHeartHandshake,
  IconHistory,
  IconLink,
  IconMessageCircle,
  IconPencil,
  IconPin,
  IconPinnedOff,
  IconPinFilled,
  IconShare3,
  IconSpeakerphone,
  IconTrash,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useAbility, useMe } from '../../auth/hooks/useSession.js';
import { CelebrationCard } from '../../kudos/components/CelebrationCard.js';
import { KudosPostBody } from '../../kudos/components/KudosCard.js';
import { AnnouncementPostBlock } from '../../announcements/components/AnnouncementPostBlock.js';
import { ArticlePostBody } from '../../articles/components/ArticlePostBody.js';
import { PollPostBlock } from '../../questions/components/PollPostBlock.js';
import { QuestionPostBlock } from '../../questions/components/QuestionPostBlock.js';
import { KudosComposer } from '../../kudos/components/KudosComposer.js';
import { feedApi, type PostView, type SharedPost } from '../api.js';
import { refreshPost, useBookmark, useDeletePost, usePin, usePostReaction } from '../hooks/usePosts.js';
import { AttachmentGallery } from './Attachments.js';
import { CommentsSection } from './Comments.js';
import { ConfirmDialog, EditPostModal, HideModal, HistoryModal, ReportModal, ShareModal } from './Dialogs.js';
import { PostHtml } from './PostHtml.js';
import { ReactButton, ReactionSummary, ReactorsModal } from './Reactions.js';
import { RelativeTime } from './RelativeTime.js';

type Dialog = 'edit' | 'history' | 'share' | 'report' | 'hide' | 'delete' | 'reactors' | 'kudos' | null;

/** One post as it appears in a feed or on its own page. */
export function PostCard({ post, detail = false }: { post: PostView; detail?: boolean }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [commentsOpen, setCommentsOpen] = useState(detail);
  const [focusToken, setFocusToken] = useState(0);
  const react = usePostReaction(post);
  const bookmark = useBookmark(post);
  const pin = usePin(post);
  const remove = useDeletePost();
  const a = post.abilities;
  const mine = me?.user.id === post.author.id;
  const canGiveKudos = useAbility('recognition.give') && !mine;
  // Only what the whole company may read can leave it; the server checks again.
  const canMakeShareable =
    useAbility('advocacy.manage') &&
    !post.internalOnly &&
    !post.hidden &&
    (post.kind === 'post' || post.kind === 'article') &&
    (post.community === null || post.community.visibility === 'public');
  const headingId = `post-${post.id}-by`;
  const close = () => setDialog(null);

  const copyLink = () => {
    const url = `${window.location.origin}/posts/${post.id}`;
    void navigator.clipboard?.writeText(url).then(
      () => notifications.show({ message: t('feed.post.linkCopied') }),
      () => notifications.show({ message: url }),
    );
  };

  return (
    <Card padding={0} component="article" aria-labelledby={headingId} className="post-card" data-post-id={post.id}>
      <Box px="md" pt="md">
        {post.pinned && (
          <Group gap={6} mb={8} c="dimmed">
            <IconPinFilled size={14} aria-hidden />
            <Text size="xs" fw={600}>
              {post.community ? t('feed.post.pinnedIn', { name: post.community.name }) : t('feed.post.pinned')}
            </Text>
          </Group>
        )}
        <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
          <Group gap="sm" wrap="nowrap" align="flex-start" miw={0}>
            <Anchor component={Link} to={`/people/${post.author.id}`} tabIndex={-1} aria-hidden>
              <UserAvatar name={post.author.name} photoUrl={post.author.photoUrl} size={44} />
            </Anchor>
            <Box miw={0}>
              <Group gap={4} wrap="wrap" id={headingId} className="post-byline">
                <Anchor component={Link} to={`/people/${post.author.id}`} fw={700} c="var(--mantine-color-text)">
                  {post.author.name}
                </Anchor>
                {post.community && (
                  <>
                    <IconChevronRight size={14} aria-label={t('feed.post.in')} color="var(--mantine-color-dimmed)" />
                    <Anchor component={Link} to={`/communities/${post.community.slug}`} fw={600} c="var(--mantine-color-text)">
                      {post.community.name}
                    </Anchor>
                  </>
                )}
              </Group>
              <Text size="xs" c="dimmed" className="post-meta">
                {post.author.title && (
                  <>
                    <span className="post-author-title">{post.author.title}</span>
                    {' · '}
                  </>
                )}
                <Anchor component={Link} to={`/posts/${post.id}`} c="dimmed" size="xs" underline="hover">
                  <RelativeTime iso={post.createdAt} />
                </Anchor>
                {post.internalOnly && (
                  <>
                    {' · '}
                    <Badge component="span" size="xs" variant="outline" color="gray">
                      {t('advocacyManage.feed.internalOnlyBadge')}
                    </Badge>
                  </>
                )}
                {post.editedAt && (
                  <>
                    {' · '}
                    <UnstyledButton
                      className="edited-marker"
                      onClick={() => setDialog('history')}
                      aria-label={t('feed.post.editedHistory')}
                    >
                      {t('feed.post.edited')}
                    </UnstyledButton>
                  </>
                )}
              </Text>
            </Box>
          </Group>
          <Menu position="bottom-end" withinPortal width={220} withInitialFocusPlaceholder={false}>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('feed.post.actions', { name: post.author.name })}>
                <IconDots size={20} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconLink size={16} aria-hidden />} onClick={copyLink}>
                {t('feed.post.copyLink')}
              </Menu.Item>
              {canGiveKudos && (
                <Menu.Item leftSection={<IconHeartHandshake size={16} aria-hidden />} onClick={() => setDialog('kudos')}>
                  {t('kudos.giveTo', { name: post.author.name })}
                </Menu.Item>
              )}
              {a.canEdit && post.body !== null && (
                <Menu.Item
                  leftSection={<IconPencil size={16} aria-hidden />}
                  // An article is edited in its own editor, so that the article and its post stay one text.
                  onClick={() => (post.article ? void navigate(`/articles/${post.article.id}/edit`) : setDialog('edit'))}
                >
                  {t('feed.post.edit')}
                </Menu.Item>
              )}
              {canMakeShareable && (
                <Menu.Item
                  leftSection={<IconSpeakerphone size={16} aria-hidden />}
                  onClick={() =>
                    void navigate(`/advocacy/manage/items/new?postId=${post.id}${post.kind === 'article' ? '&kind=article' : ''}`)
                  }
                >
                  {t('advocacyManage.feed.makeShareable')}
                </Menu.Item>
              )}
              {post.editedAt && (
                <Menu.Item leftSection={<IconHistory size={16} aria-hidden />} onClick={() => setDialog('history')}>
                  {t('feed.post.history')}
                </Menu.Item>
              )}
              {a.canPin && (
                <Menu.Item
                  leftSection={post.pinned ? <IconPinnedOff size={16} aria-hidden /> : <IconPin size={16} aria-hidden />}
                  onClick={() =>
                    pin.mutate(!post.pinned, {
                      onSuccess: () =>
                        notifications.show({ message: post.pinned ? t('feed.post.unpinnedDone') : t('feed.post.pinnedDone') }),
                    })
                  }
                >
                  {post.pinned ? t('feed.post.unpin') : t('feed.post.pin')}
                </Menu.Item>
              )}
              {a.canHide && (
                <Menu.Item
                  leftSection={post.hidden ? <IconEye size={16} aria-hidden /> : <IconEyeOff size={16} aria-hidden />}
                  onClick={() =>
                    post.hidden
                      ? void feedApi.hide('posts', post.id, null).then(
                          () => {
                            notifications.show({ message: t('feed.hide.restored') });
                            void refreshPost(qc, post.id);
                          },
                          () => notifications.show({ message: t('errors.generic'), color: 'red' }),
                        )
                      : setDialog('hide')
                  }
                >
                  {post.hidden ? t('feed.hide.restore') : t('feed.hide.action')}
                </Menu.Item>
              )}
              {a.canReport && !mine && (
                <Menu.Item leftSection={<IconFlag size={16} aria-hidden />} onClick={() => setDialog('report')}>
                  {t('feed.report.action')}
                </Menu.Item>
              )}
              {a.canDelete && (
                <>
                  <Menu.Item color="red.8" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setDialog('delete')}>
                    {t('feed.post.delete')}
                  </Menu.Item>
                </>
              )}
            </Menu.Dropdown>
          </Menu>
        </Group>

        {post.hidden && (
          <Alert color="orange" variant="light" mt="sm" icon={<IconEyeOff size={18} aria-hidden />} p="xs">
            <Text size="sm">
              {mine
                ? t('feed.post.hidden', { reason: post.hidden.reason })
                : t('feed.post.hiddenModerator', { reason: post.hidden.reason })}
            </Text>
          </Alert>
        )}

        <Box mt="sm">
          {post.article ? (
            <ArticlePostBody post={post} />
          ) : post.celebration ? (
            <CelebrationCard celebration={post.celebration} />
          ) : post.kudos ? (
            <KudosPostBody post={post} kudos={post.kudos} detail={detail} />
          ) : (
            post.html && <PostHtml html={post.html} clamp={!detail} />
          )}
          {post.shared ? (
            <SharedEmbed shared={post.shared} />
          ) : post.kind === 'share' ? (
            <Paper withBorder p="sm" radius="md" mt="sm">
              <Text size="sm" c="dimmed">
                {t('feed.post.sharedGone')}
              </Text>
            </Paper>
          ) : null}
          <AttachmentGallery items={post.attachments} />
          {post.poll && <PollPostBlock post={post} />}
          {post.question && <QuestionPostBlock post={post} />}
          {post.announcement && <AnnouncementPostBlock post={post} />}
        </Box>

        {(post.reactionCount > 0 || post.commentCount > 0 || post.shareCount > 0) && (
          <Group justify="space-between" mt="sm" gap="xs">
            <ReactionSummary counts={post.reactionCounts} total={post.reactionCount} onOpen={() => setDialog('reactors')} />
            <Group gap="sm" ml="auto">
              {post.commentCount > 0 && (
                <UnstyledButton className="stat-link" onClick={() => setCommentsOpen((o) => !o)} aria-expanded={commentsOpen}>
                  {t('feed.post.comments', { count: post.commentCount })}
                </UnstyledButton>
              )}
              {post.shareCount > 0 && (
                <Text size="sm" c="dimmed">
                  {t('feed.post.shares', { count: post.shareCount })}
                </Text>
              )}
            </Group>
          </Group>
        )}
      </Box>

      <Divider mt="xs" mx="md" />
      <Group px="xs" py={4} gap={2} wrap="nowrap" justify="space-between" className="post-actions">
        <Group gap={2} wrap="nowrap">
          {a.canInteract && <ReactButton mine={post.myReaction} onReact={(k) => react.mutate(k)} />}
          {(a.canInteract || post.commentCount > 0) && (
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              px={10}
              leftSection={<IconMessageCircle size={18} aria-hidden />}
              onClick={() => {
                setCommentsOpen(true);
                setFocusToken((n) => n + 1);
              }}
            >
              <span className="action-label">{t('feed.post.comment')}</span>
            </Button>
          )}
          {(!post.community || post.community.visibility === 'public') && (
            <Button
              variant="subtle"
              color="gray"
              size="sm"
              px={10}
              leftSection={<IconShare3 size={18} aria-hidden />}
              onClick={() => setDialog('share')}
            >
              <span className="action-label action-label-share">{t('feed.post.share')}</span>
            </Button>
          )}
        </Group>
        <Tooltip label={post.bookmarked ? t('feed.post.unsave') : t('feed.post.save')} withArrow>
          <ActionIcon
            variant="subtle"
            color={post.bookmarked ? undefined : 'gray'}
            size="lg"
            aria-pressed={post.bookmarked}
            aria-label={t('feed.post.save')}
            onClick={() =>
              bookmark.mutate(!post.bookmarked, {
                onSuccess: () => notifications.show({ message: post.bookmarked ? t('feed.post.unsaved') : t('feed.post.saved') }),
              })
            }
          >
            {post.bookmarked ? <IconBookmarkFilled size={20} aria-hidden /> : <IconBookmark size={20} aria-hidden />}
          </ActionIcon>
        </Tooltip>
      </Group>

      {commentsOpen && (
        <>
          <Divider mx="md" />
          <CommentsSection post={post} focusToken={focusToken} />
        </>
      )}

      {dialog === 'edit' && <EditPostModal post={post} opened onClose={close} />}
      {dialog === 'history' && <HistoryModal post={post} opened onClose={close} />}
      {dialog === 'share' && <ShareModal post={post} opened onClose={close} />}
      {dialog === 'report' && <ReportModal opened onClose={close} target={{ postId: post.id }} />}
      {dialog === 'hide' && <HideModal opened onClose={close} target={{ postId: post.id }} />}
      {dialog === 'kudos' && <KudosComposer opened onClose={close} recipients={[post.author]} />}
      {dialog === 'reactors' && (
        <ReactorsModal target="posts" id={post.id} counts={post.reactionCounts} total={post.reactionCount} opened onClose={close} />
      )}
      <ConfirmDialog
        opened={dialog === 'delete'}
        onClose={close}
        title={t('feed.post.deleteTitle')}
        message={t('feed.post.deleteBody')}
        confirmLabel={t('feed.post.delete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(post.id, {
            onSuccess: () => {
              close();
              notifications.show({ message: t('feed.post.deleted') });
              if (detail) {
                void navigate('/');
              }
            },
          })
        }
      />
    </Card>
  );
}

function SharedEmbed({ shared }: { shared: SharedPost }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="md" mt="sm" className="shared-embed">
      <Group gap="xs" wrap="nowrap" mb={6}>
        <UserAvatar name={shared.author.name} photoUrl={shared.author.photoUrl} size={28} />
        <Box miw={0}>
          <Text size="sm" fw={700} truncate>
            {shared.author.name}
            {shared.community && (
              <Text span size="sm" fw={500} c="dimmed">
                {' · '}
                {shared.community.name}
              </Text>
            )}
          </Text>
          <Anchor
            component={Link}
            to={`/posts/${shared.id}`}
            size="xs"
            c="dimmed"
            aria-label={t('feed.post.openShared', { name: shared.author.name })}
          >
            <RelativeTime iso={shared.createdAt} />
          </Anchor>
        </Box>
      </Group>
      <PostHtml html={shared.html} clamp />
    </Paper>
  );
}
