import { Alert, Anchor, Button, Divider, Drawer, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CUSTOMER_LIMITS, FOLLOWUP_STATUSES } from '../../../../shared/customers.js';
import { ErrorState, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { PersonPicker } from '../../people/components/PersonPicker.js';
import type { FollowupDetail } from '../api.js';
import { toast, useVoiceErrorText } from '../errors.js';
import { useAddNote, useFollowup, useUpdateFollowup } from '../hooks/useFollowups.js';
import { canMove, formatWhen, isDay } from '../logic.js';
import { useChannelText } from './FeedbackCard.js';
import { CommentText, DueText, FollowupStatusBadge, ScoreBadge } from './FeedbackBits.js';

/** One follow-up beside the list (over it on a phone), while its address is open. */
export function FollowupDrawer({ id, onClose }: { id: string | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Drawer
      opened={id !== undefined}
      onClose={onClose}
      position="right"
      size={phone ? '100%' : 'lg'}
      title={
        <Text fw={700} fz="lg" span>
          {t('voice.followup.title')}
        </Text>
      }
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {id && <Detail key={id} id={id} />}
    </Drawer>
  );
}

function Detail({ id }: { id: string }) {
  const query = useFollowup(id);
  if (query.isPending) {
    return <Loading />;
  }
  if (query.isError) {
    return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  }
  return <DetailView followup={query.data} />;
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" align="baseline">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}:
      </Text>
      <Text size="sm" component="div" style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Group>
  );
}

function DetailView({ followup: f }: { followup: FollowupDetail }) {
  const { t, i18n } = useTranslation();
  const channelText = useChannelText();
  const update = useUpdateFollowup(f.id);
  const errorText = useVoiceErrorText();
  const [due, setDue] = useState(f.dueOn);
  const dueValid = isDay(due);
  const fb = f.feedback;

  const patch = (p: Parameters<typeof update.mutate>[0], done: string) => update.mutate(p, { onSuccess: () => toast(done) });

  return (
    <Stack gap="lg">
      <Stack gap="xs">
        <Group gap="xs" wrap="wrap">
          <ScoreBadge item={fb} />
          <FollowupStatusBadge status={f.status} />
        </Group>
        <DueText followup={f} />
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby={`answer-${f.id}`}>
        <Title order={3} fz="md" id={`answer-${f.id}`}>
          {t('voice.followup.answer')}
        </Title>
        <Paper withBorder p="md" radius="md">
          <CommentText comment={fb.comment} />
        </Paper>
        <Stack gap={4}>
          {f.account && (
            <Row label={t('voice.card.account')}>
              <Anchor component={Link} to={`/customers/accounts/${f.account.id}`} size="sm">
                {f.account.name}
              </Anchor>
            </Row>
          )}
          {fb.contact && <Row label={t('voice.card.contact')}>{fb.contact.name}</Row>}
          {f.team && <Row label={t('voice.card.team')}>{f.team.name}</Row>}
          {fb.namedUser && (
            <Row label={t('voice.card.named')}>
              <Anchor component={Link} to={`/people/${fb.namedUser.id}`} size="sm">
                {fb.namedUser.name}
              </Anchor>
            </Row>
          )}
          <Row label={t('voice.card.channel')}>{channelText(fb)}</Row>
          <Row label={t('voice.card.received')}>{formatWhen(fb.receivedAt, i18n.language)}</Row>
          {f.closedAt && <Row label={t('voice.followup.closed')}>{formatWhen(f.closedAt, i18n.language)}</Row>}
        </Stack>
      </Stack>

      <Divider />

      <Stack gap="md" component="section" aria-labelledby={`manage-${f.id}`}>
        <Title order={3} fz="md" id={`manage-${f.id}`}>
          {t('voice.followup.manage')}
        </Title>
        <Stack gap={6}>
          <Text size="sm" fw={500} id={`status-${f.id}`}>
            {t('voice.followup.status')}
          </Text>
          <Group gap="xs" wrap="wrap" role="group" aria-labelledby={`status-${f.id}`}>
            {FOLLOWUP_STATUSES.map((s) => (
              <Button
                key={s}
                size="sm"
                variant={f.status === s ? 'filled' : 'default'}
                aria-pressed={f.status === s}
                disabled={update.isPending || (s !== f.status && !canMove(f.status, s))}
                onClick={() => s !== f.status && patch({ status: s }, t('voice.followup.statusSaved'))}
              >
                {t(`voice.followupStatus.${s}`)}
              </Button>
            ))}
          </Group>
        </Stack>
        <PersonPicker
          label={t('voice.followup.owner')}
          description={t('voice.followup.ownerHelp')}
          value={f.owner?.id ?? null}
          current={f.owner}
          onChange={(ownerId) => ownerId !== (f.owner?.id ?? null) && patch({ ownerId }, t('voice.followup.ownerSaved'))}
        />
        <Group gap="sm" align="flex-end" wrap="wrap">
          <TextInput
            type="date"
            label={t('voice.followup.due')}
            value={due}
            onChange={(e) => setDue(e.currentTarget.value)}
            error={due !== '' && !dueValid ? t('voice.followup.dueInvalid') : undefined}
            w={200}
          />
          <Button
            variant="light"
            disabled={!dueValid || due === f.dueOn}
            loading={update.isPending && update.variables.dueOn !== undefined}
            onClick={() => patch({ dueOn: due }, t('voice.followup.dueSaved'))}
          >
            {t('voice.followup.saveDue')}
          </Button>
        </Group>
        {update.isError && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {errorText(update.error)}
          </Alert>
        )}
      </Stack>

      <Divider />

      <Notes followup={f} />
    </Stack>
  );
}

/** The team's notes on what they did about the answer, and a form for the next one. */
function Notes({ followup: f }: { followup: FollowupDetail }) {
  const { t, i18n } = useTranslation();
  const add = useAddNote(f.id);
  const errorText = useVoiceErrorText();
  const [body, setBody] = useState('');
  const [touched, setTouched] = useState(false);
  const empty = body.trim() === '';

  return (
    <Stack gap="md" component="section" aria-labelledby={`notes-${f.id}`}>
      <Title order={3} fz="md" id={`notes-${f.id}`}>
        {t('voice.followup.notes')}
      </Title>
      {f.notes.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('voice.followup.noNotes')}
        </Text>
      ) : (
        <Stack gap="sm" component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {f.notes.map((n) => (
            <li key={n.id}>
              <Paper withBorder p="sm" radius="md">
                <Group gap="xs" wrap="nowrap" mb={4}>
                  <UserAvatar name={n.author?.name ?? '?'} photoUrl={null} size={24} />
                  <Text size="sm" fw={600}>
                    {n.author?.name ?? t('voice.followup.someone')}
                  </Text>
                  <Text size="xs" c="dimmed" component="time" dateTime={n.createdAt}>
                    {formatWhen(n.createdAt, i18n.language)}
                  </Text>
                </Group>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {n.body}
                </Text>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (empty) {
            return;
          }
          add.mutate(body.trim(), {
            onSuccess: () => {
              setBody('');
              setTouched(false);
              toast(t('voice.followup.noteAdded'));
            },
          });
        }}
        noValidate
      >
        <Stack gap="sm">
          <Textarea
            label={t('voice.followup.newNote')}
            placeholder={t('voice.followup.notePlaceholder')}
            value={body}
            onChange={(e) => setBody(e.currentTarget.value)}
            maxLength={CUSTOMER_LIMITS.note}
            autosize
            minRows={2}
            maxRows={8}
            error={touched && empty ? t('voice.followup.noteRequired') : undefined}
          />
          {add.isError && (
            <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
              {errorText(add.error)}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending}>
              {t('voice.followup.addNote')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
