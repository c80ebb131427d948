import { Alert, Button, Group, Modal, Radio, Skeleton, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconCircleCheck, IconShieldLock } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LISTENING_LIMITS } from '../../../../shared/listening.js';
import { CopyField } from '../../../components/CopyField.js';
import { ErrorState } from '../../../components/States.js';
import type { FeedbackOptions, FeedbackRecipient, Person } from '../api.js';
import { useFeedbackOptions, useStartThread } from '../hooks/useConversations.js';
import { ErrorAlert, useLanguage } from './parts.js';

/** "Anna, Bruno and Carla", or "Anna, Bruno and 3 more" when the list was cut. */
export function namesOf(people: readonly Person[], count: number, lng: string, more: (n: number) => string): string {
  const names = people.map((p) => p.name);
  const rest = count - names.length;
  const parts = rest > 0 ? [...names, more(rest)] : names;
  try {
    return new Intl.ListFormat(lng, { style: 'long', type: 'conjunction' }).format(parts);
  } catch {
    return parts.join(', ');
  }
}

type T = (key: string, opts?: Record<string, unknown>) => string;

/** Exactly who would read a conversation of this kind, in plain words; null when the kind is not available. */
export function whoReads(t: T, kind: FeedbackRecipient, o: FeedbackOptions, lng: string): { text: string; available: boolean } {
  const more = (n: number) => t('conversations.compose.more', { count: n });
  switch (kind) {
    case 'manager':
      if (!o.manager) {
        return { text: t('conversations.compose.who.managerNone'), available: false };
      }
      if (!o.manager.allowed) {
        return {
          text: t('conversations.compose.who.managerTooFew', { name: o.manager.person.name, threshold: o.threshold }),
          available: false,
        };
      }
      return { text: t('conversations.compose.who.manager', { name: o.manager.person.name, count: o.manager.reports }), available: true };
    case 'hr':
      return {
        text: t(o.hr.administrators ? 'conversations.compose.who.hrAdmins' : 'conversations.compose.who.hr', {
          names: namesOf(o.hr.people, o.hr.count, lng, more),
        }),
        available: o.hr.count > 0,
      };
    case 'leadership':
      return {
        text: t(o.leadership.administrators ? 'conversations.compose.who.leadershipAdmins' : 'conversations.compose.who.leadership', {
          names: namesOf(o.leadership.people, o.leadership.count, lng, more),
        }),
        available: o.leadership.count > 0,
      };
  }
}

const KINDS: readonly FeedbackRecipient[] = ['manager', 'hr', 'leadership'];

/**
 * Writing anonymously: whom to, who exactly will read it, what stays private; then the recovery key,
 * shown with an explanation before the conversation opens.
 */
export function ComposeModal({
  opened,
  onClose,
  onOpenThread,
}: {
  opened: boolean;
  onClose: () => void;
  onOpenThread: (localId: string) => void;
}) {
  const { t } = useTranslation();
  const lng = useLanguage();
  const phone = useMediaQuery('(max-width: 36em)');
  const options = useFeedbackOptions(opened);
  const start = useStartThread();
  const [recipient, setRecipient] = useState<FeedbackRecipient | null>(null);
  const [subject, setSubject] = useState('');
  const [body, setBody] = useState('');
  const [errors, setErrors] = useState<{ recipient?: string; subject?: string; body?: string }>({});
  const [sent, setSent] = useState<{ key: string; localId: string | null } | null>(null);

  const reset = () => {
    setRecipient(null);
    setSubject('');
    setBody('');
    setErrors({});
    setSent(null);
    start.reset();
  };
  const close = () => {
    reset();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const next: typeof errors = {
      ...(recipient ? {} : { recipient: t('conversations.compose.recipientRequired') }),
      ...(subject.trim() ? {} : { subject: t('conversations.compose.subjectRequired') }),
      ...(body.trim() ? {} : { body: t('conversations.compose.bodyRequired') }),
    };
    setErrors(next);
    if (Object.keys(next).length > 0 || !recipient) {
      return;
    }
    try {
      const r = await start.mutateAsync({ recipient, subject: subject.trim(), body });
      setSent({ key: r.key, localId: r.localId });
    } catch {
      // shown below the form
    }
  };

  const o = options.data;
  const chosen = o && recipient ? whoReads(t, recipient, o, lng) : null;

  return (
    <Modal
      opened={opened}
      onClose={close}
      fullScreen={phone}
      size="lg"
      title={<Text fw={700}>{sent ? t('conversations.sent.title') : t('conversations.compose.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {sent ? (
        <Stack gap="md">
          <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
            {t('conversations.sent.body')}
          </Alert>
          <CopyField label={t('conversations.key.label')} value={sent.key} description={t('conversations.key.description')} />
          <Text size="sm">{t('conversations.key.warning')}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.close')}
            </Button>
            {sent.localId && (
              <Button
                onClick={() => {
                  const id = sent.localId!;
                  close();
                  onOpenThread(id);
                }}
              >
                {t('conversations.sent.open')}
              </Button>
            )}
          </Group>
        </Stack>
      ) : (
        <form onSubmit={(e) => void submit(e)} noValidate>
          <Stack gap="md">
            {options.isPending ? (
              <Stack gap="xs" aria-hidden>
                <Skeleton height={64} />
                <Skeleton height={64} />
                <Skeleton height={64} />
              </Stack>
            ) : options.isError ? (
              <ErrorState error={options.error} onRetry={() => void options.refetch()} />
            ) : (
              <Radio.Group
                label={t('conversations.compose.recipient')}
                value={recipient}
                onChange={(v) => {
                  setRecipient(v);
                  setErrors((x) => ({ ...x, recipient: undefined }));
                }}
                error={errors.recipient}
                required
              >
                <Stack gap="xs" mt="xs">
                  {KINDS.map((kind) => {
                    const who = whoReads(t, kind, o!, lng);
                    return (
                      <Radio.Card key={kind} value={kind} disabled={!who.available} p="sm" radius="md" withBorder>
                        <Group wrap="nowrap" align="flex-start" gap="sm">
                          <Radio.Indicator disabled={!who.available} mt={3} />
                          <div>
                            <Text fw={600}>{t(`conversations.kind.${kind}`)}</Text>
                            <Text size="sm" c="dimmed">
                              {who.text}
                            </Text>
                          </div>
                        </Group>
                      </Radio.Card>
                    );
                  })}
                </Stack>
              </Radio.Group>
            )}
            <TextInput
              label={t('conversations.compose.subject')}
              value={subject}
              onChange={(e) => {
                setSubject(e.currentTarget.value);
                setErrors((x) => ({ ...x, subject: undefined }));
              }}
              maxLength={LISTENING_LIMITS.feedbackSubject}
              error={errors.subject}
              required
            />
            <Textarea
              label={t('conversations.compose.body')}
              description={t('conversations.thread.markdownHint')}
              value={body}
              onChange={(e) => {
                setBody(e.currentTarget.value);
                setErrors((x) => ({ ...x, body: undefined }));
              }}
              autosize
              minRows={5}
              maxRows={14}
              maxLength={LISTENING_LIMITS.feedbackMessage}
              error={errors.body}
              required
            />
            <Alert color="brand" variant="light" icon={<IconShieldLock aria-hidden />}>
              <Stack gap={6}>
                <Title order={3} fz="md">
                  {t('conversations.privacy.title')}
                </Title>
                {chosen && <Text size="sm">{chosen.text}</Text>}
                <Text size="sm">{t('conversations.privacy.notStored')}</Text>
                <Text size="sm">{t('conversations.privacy.details')}</Text>
                <Text size="sm">{t('conversations.privacy.later')}</Text>
              </Stack>
            </Alert>
            <ErrorAlert error={start.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={close}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={start.isPending}>
                {t('conversations.compose.send')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
