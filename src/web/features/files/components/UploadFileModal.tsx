import { Button, FileInput, Group, Modal, Progress, Stack, Text, Textarea } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import type { FileDetail } from '../api.js';
import { useFileUpload } from '../hooks/useFiles.js';
import { useFileErrorText } from './format.js';

/** The form to share a file or a video in a community, with the upload's progress. */
export function UploadFileModal({
  communityId,
  opened,
  onClose,
  onDone,
}: {
  communityId: string;
  opened: boolean;
  onClose: () => void;
  onDone?: (file: FileDetail) => void;
}) {
  const { t } = useTranslation();
  const errorText = useFileErrorText();
  const upload = useFileUpload();
  const [file, setFile] = useState<File | null>(null);
  const [description, setDescription] = useState('');

  const close = () => {
    upload.cancel();
    upload.clearError();
    setFile(null);
    setDescription('');
    onClose();
  };

  const submit = async () => {
    if (!file) {
      return;
    }
    const done = await upload.start(
      `/api/communities/${communityId}/files`,
      file,
      description.trim() ? { description: description.trim() } : {},
    );
    if (done) {
      setFile(null);
      setDescription('');
      onDone?.(done);
      onClose();
    }
  };

  return (
    <Modal opened={opened} onClose={close} title={<Text fw={700}>{t('files.uploadTitle')}</Text>} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="md">
          <FileInput
            label={t('files.chooseFile')}
            placeholder={t('files.chooseFilePlaceholder')}
            value={file}
            onChange={(f) => {
              upload.clearError();
              setFile(f);
            }}
            leftSection={<IconUpload size={16} aria-hidden />}
            clearable
            required
            disabled={upload.busy}
          />
          <Textarea
            label={t('files.description')}
            description={t('files.descriptionHint')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={COMMS_LIMITS.fileDescription}
            autosize
            minRows={2}
            maxRows={6}
            disabled={upload.busy}
          />
          {upload.progress !== null && (
            <Stack gap={4}>
              <Progress value={upload.progress * 100} aria-label={t('files.uploading', { percent: Math.round(upload.progress * 100) })} />
              <Text size="sm" c="dimmed" aria-live="polite">
                {t('files.uploading', { percent: Math.round(upload.progress * 100) })}
              </Text>
            </Stack>
          )}
          {upload.error !== null && (
            <Text c="red" size="sm" role="alert">
              {errorText(upload.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {upload.busy ? t('files.cancelUpload') : t('common.cancel')}
            </Button>
            <Button type="submit" loading={upload.busy} disabled={!file}>
              {t('files.send')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
