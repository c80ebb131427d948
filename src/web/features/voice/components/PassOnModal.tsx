import { Alert, Anchor, Button, Group, Modal, Paper, Select, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { useMe } from '../../auth/hooks/useSession.js';
import { useRecognitionMe } from '../../kudos/hooks/useKudos.js';
import type { FeedbackItem } from '../api.js';
import { useVoiceErrorText } from '../errors.js';
import { usePassOn } from '../hooks/useFeedback.js';
import { CommentText } from './FeedbackBits.js';

/** Matches the server's limit on the optional message. */
const MESSAGE_MAX = 1000;

/**
 * Passes a customer's praise on to the employee it names, as a public recognition post in the feed
 * (without points). Shows what will be posted before it is, then a link to the post.
 */
export function PassOnModal({ item, onClose }: { item: FeedbackItem | null; onClose: () => void }) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 36em)');
  return (
    <Modal
      opened={item !== null}
      onClose={onClose}
      title={
        <Text fw={700} fz="lg">
          {item?.namedUser ? t('voice.passOn.title', { name: item.namedUser.name }) : ''}
        </Text>
      }
      size="lg"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      {item?.namedUser && <PassOnForm key={item.id} item={item} named={item.namedUser} onClose={onClose} />}
    </Modal>
  );
}

function PassOnForm({ item, named, onClose }: { item: FeedbackItem; named: { id: string; name: string }; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const [message, setMessage] = useState('');
  const [valueId, setValueId] = useState<string | null>(null);
  const [tried, setTried] = useState(false);
  const recognition = useRecognitionMe().data;
  const values = recognition?.values ?? [];
  const valueMissing = Boolean(recognition?.requireValue) && values.length > 0 && !valueId;
  const passOn = usePassOn();
  const errorText = useVoiceErrorText();
  const trimmed = message.trim();

  if (passOn.isSuccess) {
    return (
      <Stack gap="md">
        <Alert color="teal" variant="light" icon={<IconCheck aria-hidden />} role="status">
          {t('voice.passOn.done', { name: named.name })}
        </Alert>
        <Group justify="flex-end" gap="sm">
          <Anchor component={Link} to={`/posts/${passOn.data.postId}`}>
            {t('voice.passOn.seePost')}
          </Anchor>
          <Button onClick={onClose} data-autofocus>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const failure = passOn.error ? errorText(passOn.error) : null;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (!valueMissing) {
          passOn.mutate({ id: item.id, message: trimmed || undefined, valueId: valueId ?? undefined });
        }
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('voice.passOn.intro', { name: named.name })}
        </Text>
        <Textarea
          label={t('voice.passOn.message')}
          description={t('voice.passOn.messageHelp', { count: MESSAGE_MAX - message.length })}
          placeholder={t('voice.passOn.messagePlaceholder', { name: named.name })}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value.slice(0, MESSAGE_MAX))}
          maxLength={MESSAGE_MAX}
          autosize
          minRows={2}
          maxRows={6}
          data-autofocus
        />
        {values.length > 0 && (
          <Select
            label={t('voice.passOn.value')}
            description={recognition?.requireValue ? t('voice.passOn.valueRequired') : t('voice.passOn.valueHelp')}
            data={values.map((v) => ({ value: v.id, label: v.name }))}
            value={valueId}
            onChange={setValueId}
            clearable={!recognition?.requireValue}
            required={recognition?.requireValue}
            error={tried && valueMissing ? t('voice.passOn.valueRequired') : undefined}
          />
        )}
        <Stack gap={6}>
          <Text size="sm" fw={600} id={`preview-${item.id}`}>
            {t('voice.passOn.preview')}
          </Text>
          <Paper withBorder p="md" radius="md" aria-labelledby={`preview-${item.id}`} role="group">
            <Stack gap="sm">
              <Group gap="sm" wrap="nowrap">
                <UserAvatar name={me?.user.name ?? '?'} photoUrl={me?.user.photoUrl} size={32} />
                <Text size="sm">{t('voice.passOn.previewHeader', { giver: me?.user.name ?? '', name: named.name })}</Text>
              </Group>
              {trimmed && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
                  {trimmed}
                </Text>
              )}
              <Paper bg="var(--mantine-color-default-hover)" p="sm" radius="sm">
                <Stack gap={6}>
                  {item.comment ? <CommentText comment={item.comment} /> : <Text>{t('voice.passOn.fallback')}</Text>}
                  <Text size="xs" c="dimmed">
                    {item.account ? t('voice.passOn.attributionAccount', { account: item.account.name }) : t('voice.passOn.attribution')}
                  </Text>
                </Stack>
              </Paper>
            </Stack>
          </Paper>
          <Text size="xs" c="dimmed">
            {t('voice.passOn.privacy')}
          </Text>
        </Stack>
        {failure && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />} role="alert">
            {failure}
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={passOn.isPending}>
            {t('voice.passOn.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
