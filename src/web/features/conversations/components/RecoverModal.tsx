import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { writerApi } from '../api.js';
import { useMyKeys } from '../hooks/useConversations.js';
import { cleanKey, rememberKey } from '../keys.js';
import { ErrorAlert } from './parts.js';

/** Opens a conversation on this device from its recovery key, and remembers it here. */
export function RecoverModal({ opened, onClose, onOpen }: { opened: boolean; onClose: () => void; onOpen: (localId: string) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { userId } = useMyKeys();
  const [raw, setRaw] = useState('');
  const [invalid, setInvalid] = useState<string | null>(null);
  const recover = useMutation({
    mutationFn: async (key: string) => {
      const [found] = (await writerApi.mine([key])).items;
      return found ?? null;
    },
  });

  const close = () => {
    setRaw('');
    setInvalid(null);
    recover.reset();
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const key = cleanKey(raw);
    if (!key || !userId) {
      setInvalid(t('conversations.recover.malformed'));
      return;
    }
    try {
      const found = await recover.mutateAsync(key);
      if (!found) {
        setInvalid(t('conversations.recover.unknown'));
        return;
      }
      const entry = rememberKey(userId, key, found.threadId);
      await qc.invalidateQueries({ queryKey: ['conversations', 'writer', 'mine'] });
      close();
      onOpen(entry.localId);
    } catch {
      // shown below
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={700}>{t('conversations.recover.title')}</Text>}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Stack gap="md">
          <Text size="sm">{t('conversations.recover.intro')}</Text>
          <Textarea
            label={t('conversations.key.label')}
            value={raw}
            onChange={(e) => {
              setRaw(e.currentTarget.value);
              setInvalid(null);
            }}
            autosize
            minRows={2}
            maxLength={400}
            error={invalid}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <ErrorAlert error={recover.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={recover.isPending}>
              {t('conversations.recover.submit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
