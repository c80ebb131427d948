import { ActionIcon, Anchor, Box, Button, Group, Menu, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconEyeOff, IconFlag, IconPencil, IconSend, IconTrash } from '@tabler/icons-react';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, FormError } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { SOCIAL_LIMITS } from '../../../../shared/social.js';
import { useMe } from '../../auth/hooks/useSession.js';
import type { CommentView, PostView } from '../api.js';
import { useAddComment, useCommentReaction, useComments, useDeleteComment, useEditComment, useReplies } from '../hooks/useComments.js';
import { useDraft } from '../hooks/useDraft.js';
import { useUploads } from '../hooks/useUploads.js';
import { AttachButton, AttachmentGallery, UploadList } from './Attachments.js';
import { ConfirmDialog, HideModal, ReportModal } from './Dialogs.js';
import { linkText } from './editorText.js';
import { type EditorHandle, MarkdownEditor } from './MarkdownEditor.js';
import { PostHtml } from './PostHtml.js';
import { ReactButton, ReactionSummary, ReactorsModal } from './Reactions.js';
import { AnswerControls } from '../../questions/components/AnswerControls.js';
import { RelativeTime } from './RelativeTime.js';

/** The conversation under a post: comments oldest first, one level of replies, and a box to add one. */
export function CommentsSection({ post, focusToken }: { post: PostView; focusToken?: number }) {
  const { t } = useTranslation();
  const comments = useComments(post.id);
  const [replyTo, setReplyTo] = useState<{ parentId: string; mention: CommentView['author'] | null; n: number } | null>(null);

  const items = comments.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Box className="comments" px="md" pb="md" pt="xs">
      {comments.isPending && <CommentSkeleton />}
      {comments.isError && <ErrorState error={comments.error} onRetry={() => void comments.refetch()} />}
      {items.length > 0 && (
        <Stack gap="sm" component="ul" className="plain-list" aria-label={t('feed.comments.list')}>
          {items.map((c) => (
            <li key={c.id}>
              <CommentItem comment={c} post={post} onReply={(mention) => setReplyTo({ parentId: c.id, mention, n: Date.now() })} />
              <Replies comment={c} post={post} onReply={(mention) => setReplyTo({ parentId: c.id, mention, n: Date.now() })} />
              {replyTo?.parentId === c.id && post.abilities.canInteract && (
                <Box ml={44} mt="xs">
                  <CommentForm
                    key={replyTo.n}
                    post={post}
                    parentId={c.id}
                    mention={replyTo.mention}
                    onDone={() => setReplyTo(null)}
                    autoFocus
                  />
                </Box>
              )}
            </li>
          ))}
        </Stack>
      )}
      {comments.hasNextPage && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt="xs"
          onClick={() => void comments.fetchNextPage()}
          loading={comments.isFetchingNextPage}
        >
          {t('feed.comments.more')}
        </Button>
      )}
      {post.abilities.canInteract && (
        <Box mt="sm">
          <CommentForm post={post} key={focusToken} autoFocus={focusToken !== undefined && focusToken > 0} />
        </Box>
      )}
    </Box>
  );
}

function CommentSkeleton() {
  return (
    <Stack gap="sm" aria-hidden>
      {[0, 1].map((i) => (
        <Group key={i} gap="sm" align="flex-start" wrap="nowrap">
          <Skeleton circle height={32} />
          <Skeleton height={48} radius="lg" style={{ flex: 1 }} />
        </Group>
      ))}
    </Stack>
  );
}

function Replies({ comment, post, onReply }: { comment: CommentView; post: PostView; onReply: (m: CommentView['author']) => void }) {
  const { t } = useTranslation();
  const first = comment.replies ?? [];
  const [all, setAll] = useState(false);
  const more = useReplies(comment.id, all);
  const list = all && more.data ? more.data.pages.flatMap((p) => p.items) : first;
  // replies written here after loading them all are in the first list too
  const shown = all && more.data ? [...list, ...first.filter((r) => !list.some((x) => x.id === r.id))] : list;
  const hidden = Math.max(0, comment.replyCount - shown.length);
  if (shown.length === 0 && hidden === 0) {
    return null;
  }
  return (
    <Box ml={44} mt={6}>
      {shown.length > 0 && (
        <Stack
          gap="xs"
          component="ul"
          className="plain-list"
          aria-label={t('feed.comments.replies', { name: comment.author?.name ?? t('feed.comments.someone') })}
        >
          {shown.map((r) => (
            <li key={r.id}>
              <CommentItem comment={r} post={post} reply onReply={() => onReply(r.author)} />
            </li>
          ))}
        </Stack>
      )}
      {(hidden > 0 || (all && more.hasNextPage)) && (
        <Button
          variant="subtle"
          size="compact-sm"
          mt={4}
          loading={more.isFetching}
          onClick={() => (all ? void more.fetchNextPage() : setAll(true))}
        >
          {t('feed.comments.moreReplies', { count: hidden || 1 })}
        </Button>
      )}
      {more.isError && <ErrorState error={more.error} onRetry={() => void more.refetch()} />}
    </Box>
  );
}

function CommentItem({
  comment,
  post,
  reply = false,
  onReply,
}: {
  comment: CommentView;
  post: PostView;
  reply?: boolean;
  onReply: (mention: CommentView['author'] | null) => void;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [editing, setEditing] = useState(false);
  const [reactors, setReactors] = useState(false);
  const [confirm, setConfirm] = useState(false);
  const [report, setReport] = useState(false);
  const [hide, setHide] = useState(false);
  const react = useCommentReaction(comment);
  const remove = useDeleteComment(comment);
  const a = comment.abilities;
  const size = reply ? 28 : 32;
  if (comment.deleted || !comment.author) {
    return (
      <Group gap="xs" align="flex-start" wrap="nowrap" id={`comment-${comment.id}`}>
        <Box className="deleted-avatar" w={size} h={size} aria-hidden />
        <Paper className="comment-bubble" radius="lg" px="sm" py={8}>
          <Text size="sm" c="dimmed" fs="italic">
            {t('feed.comments.deletedText')}
          </Text>
        </Paper>
      </Group>
    );
  }
  const author = comment.author;
  const mine = me?.user.id === author.id;

  return (
    <Group gap="xs" align="flex-start" wrap="nowrap" id={`comment-${comment.id}`}>
      <Anchor component={Link} to={`/people/${author.id}`} aria-hidden tabIndex={-1}>
        <UserAvatar name={author.name} photoUrl={author.photoUrl} size={size} />
      </Anchor>
      <Box flex={1} miw={0}>
        {editing ? (
          <EditComment comment={comment} onDone={() => setEditing(false)} />
        ) : (
          <Paper
            className="comment-bubble"
            radius="lg"
            px="sm"
            py={8}
            withBorder={comment.isBest}
            style={comment.isBest ? { borderColor: 'var(--mantine-color-teal-6)', borderWidth: 2 } : undefined}
          >
            <Group gap={6} wrap="nowrap" justify="space-between" align="flex-start">
              <Box miw={0}>
                <Anchor component={Link} to={`/people/${author.id}`} fw={700} size="sm" c="var(--mantine-color-text)">
                  {author.name}
                </Anchor>
                {author.title && (
                  <Text span size="xs" c="dimmed" ml={6} visibleFrom="xs">
                    {author.title}
                  </Text>
                )}
              </Box>
              {(a.canEdit || a.canDelete || a.canHide || (a.canReport && !mine)) && (
                <Menu position="bottom-end" withinPortal withInitialFocusPlaceholder={false}>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" size="sm" aria-label={t('feed.comments.actions', { name: author.name })}>
                      <IconDots size={16} aria-hidden />
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {a.canEdit && comment.body !== null && (
                      <Menu.Item leftSection={<IconPencil size={16} aria-hidden />} onClick={() => setEditing(true)}>
                        {t('feed.comments.edit')}
                      </Menu.Item>
                    )}
                    {a.canHide && !comment.hidden && (
                      <Menu.Item leftSection={<IconEyeOff size={16} aria-hidden />} onClick={() => setHide(true)}>
                        {t('feed.hide.action')}
                      </Menu.Item>
                    )}
                    {a.canReport && !mine && (
                      <Menu.Item leftSection={<IconFlag size={16} aria-hidden />} onClick={() => setReport(true)}>
                        {t('feed.report.action')}
                      </Menu.Item>
                    )}
                    {a.canDelete && (
                      <Menu.Item color="red.8" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirm(true)}>
                        {t('feed.comments.delete')}
                      </Menu.Item>
                    )}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
            {comment.hidden && (
              <Text size="xs" c="orange.9" fw={600}>
                {t('feed.post.hiddenShort', { reason: comment.hidden.reason })}
              </Text>
            )}
            <PostHtml html={comment.html} className="comment-body" />
            <AttachmentGallery items={comment.attachments} compact />
          </Paper>
        )}
        {!editing && (
          <Group gap={4} mt={2} wrap="wrap" className="comment-meta">
            <Text size="xs" c="dimmed" px={6}>
              <RelativeTime iso={comment.createdAt} />
              {comment.editedAt && <> · {t('feed.post.edited')}</>}
            </Text>
            {a.canInteract && <ReactButton mine={comment.myReaction} onReact={(k) => react.mutate(k)} size="xs" />}
            {post.abilities.canInteract && (
              <Button variant="subtle" color="gray" size="compact-xs" onClick={() => onReply(reply ? author : null)} fw={600}>
                {t('feed.comments.reply')}
              </Button>
            )}
            <ReactionSummary counts={comment.reactionCounts} total={comment.reactionCount} onOpen={() => setReactors(true)} />
            {!reply && <AnswerControls comment={comment} post={post} />}
          </Group>
        )}
      </Box>
      {reactors && (
        <ReactorsModal
          target="comments"
          id={comment.id}
          counts={comment.reactionCounts}
          total={comment.reactionCount}
          opened={reactors}
          onClose={() => setReactors(false)}
        />
      )}
      <ConfirmDialog
        opened={confirm}
        onClose={() => setConfirm(false)}
        title={t('feed.comments.deleteTitle')}
        message={
          comment.replyCount > 0 ? t('feed.comments.deleteWithReplies', { count: comment.replyCount }) : t('feed.comments.deleteBody')
        }
        confirmLabel={t('feed.comments.delete')}
        loading={remove.isPending}
        error={remove.error}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setConfirm(false);
              notifications.show({ message: t('feed.comments.deleted') });
            },
          })
        }
      />
      {report && <ReportModal opened={report} onClose={() => setReport(false)} target={{ commentId: comment.id }} />}
      {hide && <HideModal opened={hide} onClose={() => setHide(false)} target={{ commentId: comment.id, postId: comment.postId }} />}
    </Group>
  );
}

function EditComment({ comment, onDone }: { comment: CommentView; onDone: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(comment.body ?? '');
  const edit = useEditComment(comment.id);
  const save = () => {
    if (!body.trim()) {
      return;
    }
    edit.mutate(body.trim(), { onSuccess: onDone });
  };
  return (
    <Box>
      <MarkdownEditor
        value={body}
        onChange={setBody}
        label={t('feed.comments.editLabel')}
        maxLength={SOCIAL_LIMITS.commentBody}
        minRows={2}
        compact
        autoFocus
        onSubmit={save}
      />
      {edit.isError && (
        <Box mt={6}>
          <FormError error={edit.error} />
        </Box>
      )}
      <Group justify="flex-end" gap="xs" mt={6}>
        <Button variant="default" size="xs" onClick={onDone}>
          {t('common.cancel')}
        </Button>
        <Button size="xs" onClick={save} loading={edit.isPending} disabled={!body.trim()}>
          {t('common.save')}
        </Button>
      </Group>
    </Box>
  );
}

/** The box to write a comment, or a reply when `parentId` is given. */
function CommentForm({
  post,
  parentId,
  mention = null,
  onDone,
  autoFocus,
}: {
  post: PostView;
  parentId?: string;
  mention?: CommentView['author'] | null;
  onDone?: () => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { draft, update, clear } = useDraft(me ? `${me.user.id}:${parentId ? `reply:${parentId}` : `comment:${post.id}`}` : null);
  const [body, setBody] = useState(() => {
    if (draft.body) {
      return draft.body;
    }
    return mention && mention.id !== me?.user.id ? `@[${linkText(mention.name)}](person:${mention.id}) ` : '';
  });
  const uploads = useUploads();
  const add = useAddComment(post.id);
  const editor = useRef<EditorHandle | null>(null);
  const [active, setActive] = useState(Boolean(autoFocus) || body !== '');
  if (!me) {
    return null;
  }
  const canSend = (body.trim() !== '' || uploads.attachments.length > 0) && !uploads.busy && !add.isPending;
  const send = () => {
    if (!canSend) {
      return;
    }
    add.mutate(
      { body: body.trim(), parentId, attachmentIds: uploads.attachments.length > 0 ? uploads.attachments.map((a) => a.id) : undefined },
      {
        onSuccess: () => {
          setBody('');
          clear();
          uploads.reset();
          onDone?.();
        },
      },
    );
  };
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <UserAvatar name={me.user.name} photoUrl={me.user.photoUrl} size={parentId ? 28 : 32} />
      <Box flex={1} miw={0} onFocus={() => setActive(true)}>
        <MarkdownEditor
          handle={editor}
          value={body}
          onChange={(v) => {
            setBody(v);
            update({ body: v });
          }}
          label={parentId ? t('feed.comments.replyLabel') : t('feed.comments.label')}
          placeholder={parentId ? t('feed.comments.replyPlaceholder') : t('feed.comments.placeholder')}
          maxLength={SOCIAL_LIMITS.commentBody}
          minRows={1}
          compact
          autoFocus={autoFocus}
          onSubmit={send}
        />
        <UploadList uploads={uploads} />
        {add.isError && (
          <Box mt={6}>
            <FormError error={add.error} />
          </Box>
        )}
        {active && (
          <Group justify="space-between" mt={6} gap="xs" wrap="nowrap">
            <Group gap={4} wrap="nowrap">
              <AttachButton
                size="md"
                onFiles={(files) => uploads.add(files.slice(0, Math.max(0, SOCIAL_LIMITS.attachmentsPerComment - uploads.uploads.length)))}
                disabled={uploads.uploads.length >= SOCIAL_LIMITS.attachmentsPerComment}
              />
              <Text size="xs" c="dimmed" visibleFrom="sm">
                {t('feed.comments.hint')}
              </Text>
            </Group>
            <Group gap="xs" wrap="nowrap">
              {onDone && (
                <Button variant="subtle" color="gray" size="xs" onClick={onDone}>
                  {t('common.cancel')}
                </Button>
              )}
              <Button
                size="xs"
                onClick={send}
                disabled={!canSend}
                loading={add.isPending}
                rightSection={<IconSend size={14} aria-hidden />}
              >
                {parentId ? t('feed.comments.sendReply') : t('feed.comments.send')}
              </Button>
            </Group>
          </Group>
        )}
      </Box>
    </Group>
  );
}
