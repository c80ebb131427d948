import { Box, Button, Checkbox, Group, Modal, Paper, Radio, Skeleton, Stack, Text, Textarea, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../api.js';
import { ErrorState, FormError } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { REPORT_REASONS, SOCIAL_LIMITS, type ReportReason } from '../../../../shared/social.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { feedApi, type PostView } from '../api.js';
import { refreshPost, useCreatePost, useEditPost, useReport, useRevisions } from '../hooks/usePosts.js';
import { useUploads } from '../hooks/useUploads.js';
import { AttachButton, UploadList } from './Attachments.js';
import { MarkdownEditor } from './MarkdownEditor.js';
import { PostHtml } from './PostHtml.js';
import { RelativeTime } from './RelativeTime.js';
import { PROFILE_TARGET, TargetSelect } from './TargetSelect.js';

/** Asks before something that cannot be undone. */
export function ConfirmDialog({
  opened,
  onClose,
  title,
  message,
  confirmLabel,
  onConfirm,
  loading,
  error,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  loading?: boolean;
  error?: unknown;
}) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{title}</Text>}
      centered
    >
      <Stack gap="lg">
        <Text>{message}</Text>
        {error ? <FormError error={error} /> : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-autofocus>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Tell the moderators about a post or comment. */
export function ReportModal({
  opened,
  onClose,
  target,
}: {
  opened: boolean;
  onClose: () => void;
  target: { postId: string } | { commentId: string };
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [note, setNote] = useState('');
  const report = useReport();
  const already = report.error instanceof ApiError && report.error.status === 409;
  const submit = () => {
    if (!reason) {
      return;
    }
    report.mutate(
      { ...target, reason, note: note.trim() || undefined },
      {
        onSuccess: () => {
          notifications.show({ title: t('feed.report.thanksTitle'), message: t('feed.report.thanks'), color: 'teal' });
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{'postId' in target ? t('feed.report.titlePost') : t('feed.report.titleComment')}</Text>}
      centered
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('feed.report.intro')}
        </Text>
        <Radio.Group label={t('feed.report.reason')} value={reason} onChange={(v) => setReason(v)}>
          <Stack gap="xs" mt="xs">
            {REPORT_REASONS.map((r) => (
              <Radio key={r} value={r} label={t(`feed.report.reasons.${r}`)} />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={t('feed.report.note')}
          description={t('common.optional')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          maxLength={SOCIAL_LIMITS.reportNote}
          autosize
          minRows={2}
        />
        {report.isError &&
          (already ? (
            <Text size="sm" c="dimmed" role="status">
              {t('feed.report.already')}
            </Text>
          ) : (
            <FormError error={report.error} />
          ))}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={submit} disabled={!reason || already} loading={report.isPending}>
            {t('feed.report.send')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Change a post's text and attachments; the old version stays in its history. */
export function EditPostModal({ post, opened, onClose }: { post: PostView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [body, setBody] = useState(post.body ?? '');
  const [internalOnly, setInternalOnly] = useState(post.internalOnly === true);
  const uploads = useUploads(post.attachments);
  const edit = useEditPost(post.id);
  const save = () => {
    if (!body.trim() && uploads.attachments.length === 0) {
      return;
    }
    edit.mutate(
      {
        body: body.trim(),
        attachmentIds: uploads.attachments.map((a) => a.id),
        // sent only when changed: making a post internal-only withdraws it from advocacy
        ...(internalOnly !== (post.internalOnly === true) ? { internalOnly } : {}),
      },
      {
        onSuccess: () => {
          notifications.show({ message: t('feed.edit.saved'), color: 'teal' });
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{t('feed.edit.title')}</Text>}
      size="lg"
      centered
    >
      <Stack gap="sm">
        <MarkdownEditor
          value={body}
          onChange={setBody}
          label={t('feed.edit.label')}
          maxLength={SOCIAL_LIMITS.postBody}
          minRows={4}
          onSubmit={save}
          autoFocus
        />
        <UploadList uploads={uploads} />
        {post.kind === 'post' && (
          <Checkbox
            label={t('advocacyManage.feed.internalOnly')}
            checked={internalOnly}
            onChange={(e) => setInternalOnly(e.currentTarget.checked)}
          />
        )}
        {edit.isError && <FormError error={edit.error} />}
        <Group justify="space-between">
          <AttachButton onFiles={uploads.add} disabled={uploads.uploads.length >= SOCIAL_LIMITS.attachmentsPerPost} />
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button onClick={save} loading={edit.isPending} disabled={uploads.busy || (!body.trim() && uploads.attachments.length === 0)}>
              {t('common.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Modal>
  );
}

/** Earlier versions of an edited post, newest first. */
export function HistoryModal({ post, opened, onClose }: { post: PostView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const revisions = useRevisions(post.id, opened);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{t('feed.history.title')}</Text>}
      size="lg"
      centered
    >
      {revisions.isPending && (
        <Stack gap="sm" aria-busy>
          <Skeleton height={14} width="40%" />
          <Skeleton height={60} />
        </Stack>
      )}
      {revisions.isError && <ErrorState error={revisions.error} onRetry={() => void revisions.refetch()} />}
      {revisions.data && (
        <>
          <Text size="sm" c="dimmed" mb="md">
            {t('feed.history.intro')}
          </Text>
          <Timeline bulletSize={14} lineWidth={2} active={0}>
            <Timeline.Item
              title={
                <Text fw={600} size="sm">
                  {t('feed.history.current')}
                </Text>
              }
            >
              <Text size="xs" c="dimmed" mb={4}>
                <RelativeTime iso={post.editedAt ?? post.createdAt} />
              </Text>
              <Paper withBorder p="sm" radius="md">
                <PostHtml html={post.html} />
              </Paper>
            </Timeline.Item>
            {revisions.data.items.map((r) => (
              <Timeline.Item
                key={r.id}
                title={
                  <Group gap={6}>
                    {r.editor && <UserAvatar name={r.editor.name} photoUrl={r.editor.photoUrl} size={20} />}
                    <Text fw={600} size="sm">
                      {r.editor ? t('feed.history.by', { name: r.editor.name }) : t('feed.history.earlier')}
                    </Text>
                  </Group>
                }
              >
                <Text size="xs" c="dimmed" mb={4}>
                  <RelativeTime iso={r.createdAt} />
                </Text>
                <Paper withBorder p="sm" radius="md">
                  {r.html ? (
                    <PostHtml html={r.html} />
                  ) : (
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                      {r.body}
                    </Text>
                  )}
                </Paper>
              </Timeline.Item>
            ))}
          </Timeline>
          {revisions.data.items.length === 0 && (
            <Text size="sm" c="dimmed" mt="sm">
              {t('feed.history.none')}
            </Text>
          )}
        </>
      )}
    </Modal>
  );
}

/** Share a post into a community (or onto one's profile) with a few words of one's own. */
export function ShareModal({ post, opened, onClose }: { post: PostView; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const original = post.shared && post.kind === 'share' ? { ...post.shared } : post;
  const [target, setTarget] = useState<string>(PROFILE_TARGET);
  const [body, setBody] = useState('');
  const create = useCreatePost(me?.user.id ?? '');
  const share = () =>
    create.mutate(
      { communityId: target === PROFILE_TARGET ? null : target, body: body.trim(), sharedPostId: original.id },
      {
        onSuccess: () => {
          notifications.show({ message: t('feed.share.done'), color: 'teal' });
          setBody('');
          onClose();
        },
      },
    );
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{t('feed.share.title')}</Text>}
      size="lg"
      centered
    >
      <Stack gap="sm">
        <TargetSelect value={target} onChange={setTarget} label={t('feed.share.where')} />
        <MarkdownEditor
          value={body}
          onChange={setBody}
          label={t('feed.share.label')}
          placeholder={t('feed.share.placeholder')}
          maxLength={SOCIAL_LIMITS.postBody}
          minRows={2}
          onSubmit={share}
          compact
          autoFocus
        />
        <Paper withBorder p="sm" radius="md" className="shared-embed">
          <Group gap="xs" mb={6} wrap="nowrap">
            <UserAvatar name={original.author.name} photoUrl={original.author.photoUrl} size={24} />
            <Text size="sm" fw={600} truncate>
              {original.author.name}
            </Text>
          </Group>
          <Box mah={160} style={{ overflow: 'hidden' }}>
            <PostHtml html={original.html} />
          </Box>
        </Paper>
        {create.isError && <FormError error={create.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button onClick={share} loading={create.isPending}>
            {t('feed.share.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A moderator hides a post or comment from everyone but its author, with a reason the author sees. */
export function HideModal({
  opened,
  onClose,
  target,
}: {
  opened: boolean;
  onClose: () => void;
  target: { postId: string } | { commentId: string; postId: string };
}) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const hide = useMutation({
    mutationFn: () =>
      'commentId' in target
        ? feedApi.hide('comments', target.commentId, reason.trim())
        : feedApi.hide('posts', target.postId, reason.trim()),
    onSuccess: async () => {
      notifications.show({ message: t('feed.hide.done') });
      await refreshPost(qc, target.postId);
      void qc.invalidateQueries({ queryKey: ['comments', target.postId] });
      onClose();
    },
  });
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('feed.close') }}
      opened={opened}
      onClose={onClose}
      title={<Text fw={700}>{'commentId' in target ? t('feed.hide.titleComment') : t('feed.hide.titlePost')}</Text>}
      centered
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('feed.hide.intro')}
        </Text>
        <Textarea
          label={t('feed.hide.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          maxLength={SOCIAL_LIMITS.moderationReason}
          autosize
          minRows={2}
          data-autofocus
        />
        {hide.isError && <FormError error={hide.error} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button color="orange.9" onClick={() => hide.mutate()} disabled={!reason.trim()} loading={hide.isPending}>
            {t('feed.hide.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
