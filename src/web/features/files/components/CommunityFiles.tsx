import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconFolder, IconTrash, IconUpload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { formatDate } from '../../../components/format.js';
import { PagedList } from '../../../components/PagedList.js';
import { Empty } from '../../../components/States.js';
import type { Community } from '../../communities/api.js';
import { formatSize } from '../../feed/components/Attachments.js';
import type { CommunityFile } from '../api.js';
import { useCommunityFiles, useDeleteFile } from '../hooks/useFiles.js';
import { FileIcon } from './FileIcon.js';
import { useFileErrorText } from './format.js';
import { UploadFileModal } from './UploadFileModal.js';

/** A community's files and videos: share one, open one, delete what one may. */
export function CommunityFiles({ community }: { community: Community }) {
  const { t } = useTranslation();
  const query = useCommunityFiles(community.id);
  const [uploading, { open, close }] = useDisclosure(false);
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const canUpload = community.abilities.canPost;

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3">
          {t('files.communityTitle')}
        </Title>
        {canUpload && (
          <Button leftSection={<IconUpload size={16} aria-hidden />} onClick={open}>
            {t('files.upload')}
          </Button>
        )}
      </Group>
      <PagedList
        query={query}
        items={items}
        empty={
          <Empty
            icon={<IconFolder aria-hidden />}
            title={t('files.emptyTitle')}
            description={canUpload ? t('files.emptyText') : t('files.emptyTextReader')}
          >
            {canUpload && (
              <Button variant="light" leftSection={<IconUpload size={16} aria-hidden />} onClick={open}>
                {t('files.upload')}
              </Button>
            )}
          </Empty>
        }
      >
        {(list) => (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {list.map((f) => (
              <FileRow key={f.id} file={f} />
            ))}
          </Stack>
        )}
      </PagedList>
      {canUpload && <UploadFileModal communityId={community.id} opened={uploading} onClose={close} />}
    </Stack>
  );
}

function FileRow({ file }: { file: CommunityFile }) {
  const { t, i18n } = useTranslation();
  const errorText = useFileErrorText();
  const remove = useDeleteFile();
  const meta = t('files.meta', {
    size: formatSize(file.size),
    versions: t('files.versions', { count: file.versionCount }),
    who: file.uploader?.name ?? t('files.someone'),
    date: formatDate(file.updatedAt, i18n.language),
  });

  return (
    <Paper component="li" withBorder p="sm" radius="md">
      <Group wrap="nowrap" gap="sm" align="center">
        <FileIcon kind={file.kind} mime={file.mime} />
        <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
          <Anchor component={Link} to={`/files/${file.id}`} fw={600} style={{ overflowWrap: 'anywhere' }}>
            {file.name}
          </Anchor>
          <Text size="sm" c="dimmed">
            <span>{t(`files.kind.${file.kind}`)}</span> · {meta}
          </Text>
          {remove.error !== null && remove.isError && (
            <Text size="sm" c="red" role="alert">
              {errorText(remove.error)}
            </Text>
          )}
        </Stack>
        {file.abilities.canDelete && (
          <ConfirmButton
            variant="subtle"
            color="red"
            size="compact-sm"
            leftSection={<IconTrash size={16} aria-hidden />}
            aria-label={t('files.deleteNamed', { name: file.name })}
            title={t('files.deleteTitle')}
            message={t('files.deleteMessage', { name: file.name })}
            confirmLabel={t('files.delete')}
            loading={remove.isPending}
            onConfirm={() => remove.mutate(file, { onSuccess: () => notifications.show({ color: 'teal', message: t('files.deleted') }) })}
          >
            {t('files.delete')}
          </ConfirmButton>
        )}
      </Group>
    </Paper>
  );
}
