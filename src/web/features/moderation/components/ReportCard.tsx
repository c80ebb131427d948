import { Alert, Anchor, Badge, Box, Button, Card, Group, Modal, Paper, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconExternalLink, IconEyeOff, IconFlag, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { REPORT_REASONS, SOCIAL_LIMITS } from '../../../../shared/social.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useScopedErrorText } from '../../communities/errors.js';
import { PostHtml } from '../../feed/components/PostHtml.js';
import { RelativeTime } from '../../feed/components/RelativeTime.js';
import type { ReportView, Resolution } from '../api.js';
import { useResolveReport } from '../hooks/useModeration.js';
import { toast } from '../../communities/toast.js';

/** One reported post or comment: what it says, why people reported it, and what a moderator can do. */
export function ReportCard({ report: r }: { report: ReportView }) {
  const { t } = useTranslation();
  const [acting, setActing] = useState<Resolution | null>(null);
  const target = r.target;
  const open = r.status === 'open';
  const headingId = `report-${r.id}`;
  const reasons = REPORT_REASONS.filter((k) => (r.sameItem.reasons[k] ?? 0) > 0);

  return (
    <Card padding="lg" component="article" aria-labelledby={headingId}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="sm">
          <Stack gap={4}>
            <Group gap={8} wrap="wrap">
              <IconFlag size={18} aria-hidden color="var(--mantine-color-red-8)" />
              <Text fw={700} id={headingId}>
                {t(`moderation.kind.${target.kind}`, { count: r.sameItem.count })}
              </Text>
            </Group>
            <Text size="sm" c="dimmed">
              {r.community ? (
                <>
                  {t('moderation.inCommunity')}{' '}
                  <Anchor component={Link} to={`/communities/${r.community.slug}`} size="sm">
                    {r.community.name}
                  </Anchor>
                </>
              ) : (
                t('moderation.onProfile')
              )}
            </Text>
          </Stack>
          <Group gap={6} wrap="wrap">
            {reasons.map((k) => (
              <Badge key={k} variant="light" color="red" style={{ textTransform: 'none' }}>
                {t(`moderation.reasons.${k}`)}
                {(r.sameItem.reasons[k] ?? 0) > 1 ? ` × ${r.sameItem.reasons[k]}` : ''}
              </Badge>
            ))}
          </Group>
        </Group>

        <Paper withBorder p="md" radius="md" className="reported-content">
          <Group gap="sm" wrap="nowrap" mb="xs">
            <UserAvatar name={target.author.name} photoUrl={target.author.photoUrl} size={32} />
            <Box miw={0}>
              <Anchor component={Link} to={`/people/${target.author.id}`} fw={600} size="sm" c="var(--mantine-color-text)">
                {target.author.name}
              </Anchor>
              <Text size="xs" c="dimmed">
                <RelativeTime iso={target.createdAt} />
              </Text>
            </Box>
            <Group gap={6} ml="auto" wrap="nowrap">
              {target.removed && (
                <Badge color="gray" variant="filled" leftSection={<IconTrash size={12} aria-hidden />} style={{ textTransform: 'none' }}>
                  {t('moderation.removed')}
                </Badge>
              )}
              {!target.removed && target.hidden && (
                <Badge color="orange" variant="light" leftSection={<IconEyeOff size={12} aria-hidden />} style={{ textTransform: 'none' }}>
                  {t('moderation.hidden')}
                </Badge>
              )}
            </Group>
          </Group>
          {target.html ? <PostHtml html={target.html} clamp /> : <Text size="sm">{target.excerpt}</Text>}
          {!target.removed && (
            <Anchor
              component={Link}
              to={`/posts/${target.postId}${target.commentId ? `#comment-${target.commentId}` : ''}`}
              size="sm"
              mt="xs"
              display="inline-flex"
              style={{ alignItems: 'center', gap: 4 }}
            >
              {t('moderation.openInContext')}
              <IconExternalLink size={14} aria-hidden />
            </Anchor>
          )}
        </Paper>

        <Group gap="sm" wrap="nowrap" align="flex-start">
          {r.reporter ? <UserAvatar name={r.reporter.name} photoUrl={r.reporter.photoUrl} size={28} /> : null}
          <Box miw={0}>
            <Text size="sm">
              {r.reporter ? t('moderation.reportedBy', { name: r.reporter.name }) : t('moderation.reportedByGone')}
              {' · '}
              <Text span size="sm" c="dimmed">
                <RelativeTime iso={r.createdAt} />
              </Text>
            </Text>
            {r.note && (
              <Text size="sm" c="dimmed" mt={2} style={{ overflowWrap: 'anywhere' }}>
                “{r.note}”
              </Text>
            )}
          </Box>
        </Group>

        {open ? (
          <Group gap="sm" justify="flex-end" wrap="wrap">
            <Button variant="default" leftSection={<IconCheck size={16} aria-hidden />} onClick={() => setActing('dismiss')}>
              {t('moderation.actions.dismiss')}
            </Button>
            {!target.hidden && !target.removed && (
              <Button
                variant="default"
                leftSection={<IconEyeOff size={16} aria-hidden color="var(--mantine-color-orange-9)" />}
                onClick={() => setActing('hide')}
              >
                {t('moderation.actions.hide')}
              </Button>
            )}
            {!target.removed && (
              <Button color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setActing('remove')}>
                {t('moderation.actions.remove')}
              </Button>
            )}
          </Group>
        ) : (
          r.resolution && (
            <Alert variant="light" color={r.status === 'dismissed' ? 'gray' : 'orange'} p="sm">
              <Text size="sm">
                {r.resolution.by
                  ? t(`moderation.resolved.${r.status === 'dismissed' ? 'dismissed' : 'actioned'}`, { name: r.resolution.by.name })
                  : t(`moderation.resolved.${r.status === 'dismissed' ? 'dismissedGone' : 'actionedGone'}`)}{' '}
                · <RelativeTime iso={r.resolution.at} />
              </Text>
              {r.resolution.note && (
                <Text size="sm" c="dimmed" mt={2}>
                  “{r.resolution.note}”
                </Text>
              )}
            </Alert>
          )
        )}
      </Stack>
      {acting && <ResolveDialog report={r} action={acting} onClose={() => setActing(null)} />}
    </Card>
  );
}

function ResolveDialog({ report: r, action, onClose }: { report: ReportView; action: Resolution; onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useScopedErrorText('moderation');
  const resolve = useResolveReport();
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const needsReason = action !== 'dismiss';
  const missing = needsReason && note.trim() === '';

  const submit = () => {
    setTouched(true);
    if (missing) {
      return;
    }
    resolve.mutate(
      { id: r.id, action, note: note.trim() || undefined },
      {
        onSuccess: (res) => {
          toast(t(`moderation.done.${action}`, { count: res.closed }), { color: 'teal' });
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('moderation.close') }}
      opened
      onClose={onClose}
      title={<Text fw={700}>{t(`moderation.dialog.${action}.title`, { kind: t(`moderation.kindWord.${r.target.kind}`) })}</Text>}
      centered
    >
      <Stack gap="md">
        <Text size="sm">
          {t(`moderation.dialog.${action}.body`, {
            name: r.target.author.name,
            count: r.sameItem.count,
            kind: t(`moderation.kindWord.${r.target.kind}`),
          })}
        </Text>
        <Textarea
          label={needsReason ? t('moderation.dialog.reason') : t('moderation.dialog.note')}
          description={needsReason ? t('moderation.dialog.reasonHelp', { name: r.target.author.name }) : t('moderation.dialog.noteHelp')}
          placeholder={needsReason ? t('moderation.dialog.reasonPlaceholder') : undefined}
          autosize
          minRows={3}
          maxRows={8}
          maxLength={SOCIAL_LIMITS.moderationReason}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          error={touched && missing ? t('moderation.dialog.reasonRequired') : undefined}
          required={needsReason}
          data-autofocus
        />
        {resolve.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {errorText(resolve.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button
            color={action === 'remove' ? 'red' : action === 'hide' ? '#b03a0c' : undefined}
            onClick={submit}
            loading={resolve.isPending}
          >
            {t(`moderation.actions.${action}`)}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
