import { Anchor, Box, Button, FileButton, Group, Modal, Paper, Progress, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowLeft, IconDownload, IconPencil, IconPhotoEdit, IconTrash, IconUpload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { COMMS_LIMITS } from '../../../../shared/comms.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { formatDate } from '../../../components/format.js';
import { PageHeader } from '../../../components/PageHeader.js';
import { ErrorState, FormError, Loading } from '../../../components/States.js';
import { UserAvatar } from '../../../components/UserAvatar.js';
import { formatSize } from '../../feed/components/Attachments.js';
import type { FileDetail } from '../api.js';
import { useDeleteFile, useFile, useFileUpload, useUpdateFile } from '../hooks/useFiles.js';
import { FileIcon } from './FileIcon.js';
import { useFileErrorText } from './format.js';

/** One file: its versions, download, and the player for a video. */
export function FilePage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const query = useFile(id);

  if (query.isPending) {
    return (
      <>
        <PageHeader title={t('files.title')} />
        <Loading />
      </>
    );
  }
  if (query.isError) {
    return (
      <>
        <PageHeader title={t('files.title')} />
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      </>
    );
  }
  return <FileDetailView file={query.data} />;
}

function FileDetailView({ file }: { file: FileDetail }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const errorText = useFileErrorText();
  const upload = useFileUpload();
  const remove = useDeleteFile();
  const [editing, { open: edit, close: stopEditing }] = useDisclosure(false);
  const back = `/communities/${file.communityId}/files`;

  return (
    <Stack gap="lg">
      <Anchor component={Link} to={back} size="sm">
        <Group gap={4} component="span">
          <IconArrowLeft size={16} aria-hidden />
          {t('files.back')}
        </Group>
      </Anchor>
      <PageHeader
        title={file.name}
        description={
          <Group gap="xs" component="span">
            <FileIcon kind={file.kind} mime={file.mime} />
            <span>
              {t(`files.kind.${file.kind}`)} · {formatSize(file.size)} · {t('files.versions', { count: file.versionCount })}
            </span>
          </Group>
        }
      />

      {file.kind === 'video' && (
        <Box
          component="video"
          key={`${file.url}-${file.versionCount}-${file.posterUrl ?? ''}`}
          controls
          preload="metadata"
          poster={file.posterUrl ?? undefined}
          src={`${file.url}?version=${file.versionCount}`}
          aria-label={t('files.player', { name: file.name })}
          style={{ width: '100%', maxHeight: '70vh', borderRadius: 8, background: 'black' }}
        />
      )}

      <Text style={{ whiteSpace: 'pre-wrap' }} c={file.description ? undefined : 'dimmed'}>
        {file.description || t('files.noDescription')}
      </Text>

      <Group gap="sm" wrap="wrap">
        <Button component="a" href={file.url} download leftSection={<IconDownload size={16} aria-hidden />}>
          {t('files.download')}
        </Button>
        {file.abilities.canAddVersion && (
          <FileButton onChange={(f) => f && void upload.start(`/api/files/${file.id}/versions`, f)} disabled={upload.busy}>
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconUpload size={16} aria-hidden />} loading={upload.busy}>
                {t('files.newVersion')}
              </Button>
            )}
          </FileButton>
        )}
        {file.abilities.canSetPoster && (
          <FileButton
            accept="image/png,image/jpeg,image/webp"
            onChange={(f) => f && void upload.start(`/api/files/${file.id}/poster`, f)}
            disabled={upload.busy}
          >
            {(props) => (
              <Button {...props} variant="default" leftSection={<IconPhotoEdit size={16} aria-hidden />} loading={upload.busy}>
                {t('files.setPoster')}
              </Button>
            )}
          </FileButton>
        )}
        {file.abilities.canEdit && (
          <Button variant="default" leftSection={<IconPencil size={16} aria-hidden />} onClick={edit}>
            {t('files.edit')}
          </Button>
        )}
        {file.abilities.canDelete && (
          <ConfirmButton
            variant="subtle"
            color="red"
            leftSection={<IconTrash size={16} aria-hidden />}
            title={t('files.deleteTitle')}
            message={t('files.deleteMessage', { name: file.name })}
            confirmLabel={t('files.delete')}
            loading={remove.isPending}
            onConfirm={() =>
              remove.mutate(file, {
                onSuccess: () => {
                  notifications.show({ color: 'teal', message: t('files.deleted') });
                  void navigate(back);
                },
              })
            }
          >
            {t('files.delete')}
          </ConfirmButton>
        )}
      </Group>
      {upload.progress !== null && (
        <Stack gap={4}>
          <Progress value={upload.progress * 100} aria-label={t('files.uploading', { percent: Math.round(upload.progress * 100) })} />
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('files.uploading', { percent: Math.round(upload.progress * 100) })}
          </Text>
        </Stack>
      )}
      {(upload.error !== null || remove.isError) && (
        <Text c="red" size="sm" role="alert">
          {errorText(upload.error ?? remove.error)}
        </Text>
      )}

      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('files.versionsTitle')}
        </Title>
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {file.versions.map((v) => (
            <Paper component="li" key={v.id} withBorder p="sm" radius="md">
              <Group justify="space-between" wrap="wrap" gap="sm">
                <Group gap="sm" wrap="nowrap">
                  <UserAvatar name={v.uploader?.name ?? t('files.someone')} photoUrl={v.uploader?.photoUrl} size="sm" />
                  <Stack gap={0}>
                    <Text fw={600}>
                      {t('files.versionLabel', { version: v.version })}
                      {v.version === file.versionCount && (
                        <Text span c="dimmed" fw={400}>
                          {' · '}
                          {t('files.current')}
                        </Text>
                      )}
                    </Text>
                    <Text size="sm" c="dimmed">
                      {formatSize(v.size)} ·{' '}
                      {t('files.uploadedBy', { who: v.uploader?.name ?? t('files.someone'), date: formatDate(v.createdAt, i18n.language) })}
                    </Text>
                  </Stack>
                </Group>
                <Button
                  component="a"
                  href={v.url}
                  download
                  variant="subtle"
                  size="compact-sm"
                  leftSection={<IconDownload size={16} aria-hidden />}
                  aria-label={t('files.downloadVersion', { version: v.version })}
                >
                  {t('files.download')}
                </Button>
              </Group>
            </Paper>
          ))}
        </Stack>
      </Stack>

      {file.abilities.canEdit && <EditFileModal file={file} opened={editing} onClose={stopEditing} />}
    </Stack>
  );
}

function EditFileModal({ file, opened, onClose }: { file: FileDetail; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateFile(file.id);
  const [name, setName] = useState(file.name);
  const [description, setDescription] = useState(file.description);

  return (
    <Modal
      opened={opened}
      onClose={() => {
        update.reset();
        onClose();
      }}
      title={<Text fw={700}>{t('files.editTitle')}</Text>}
      centered
    >
      <form
        onSubmit={(e) => {
          e.preventDefault();
          update.mutate({ name: name.trim(), description: description.trim() }, { onSuccess: onClose });
        }}
      >
        <Stack gap="md">
          <TextInput
            label={t('files.name')}
            description={t('files.nameHint')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={COMMS_LIMITS.fileName}
            required
          />
          <Textarea
            label={t('files.description')}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            maxLength={COMMS_LIMITS.fileDescription}
            autosize
            minRows={2}
            maxRows={8}
          />
          <FormError error={update.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={update.isPending} disabled={!name.trim()}>
              {t('files.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
