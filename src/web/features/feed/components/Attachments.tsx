import { ActionIcon, Anchor, Box, Group, Image, Loader, Modal, Paper, Progress, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconFileText, IconPaperclip, IconX } from '@tabler/icons-react';
import { type ChangeEvent, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorText } from '../../../components/errors.js';
import { currentLanguage } from '../../../i18n/index.js';
import type { AttachmentView } from '../api.js';
import type { Uploads } from '../hooks/useUploads.js';

/** "1.2 MB" in the reader's number format. */
export function formatSize(bytes: number): string {
  const lng = currentLanguage() === 'it' ? 'it-IT' : 'en-GB';
  const units = ['B', 'KB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u += 1;
  }
  return `${n.toLocaleString(lng, { maximumFractionDigits: u === 0 ? 0 : 1 })} ${units[u]}`;
}

/** Images as a grid that opens full size; other files as download rows. */
export function AttachmentGallery({ items, compact = false }: { items: AttachmentView[]; compact?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<AttachmentView | null>(null);
  const images = items.filter((a) => a.kind === 'image');
  const files = items.filter((a) => a.kind !== 'image');
  if (items.length === 0) {
    return null;
  }
  const single = images.length === 1 && !compact;
  return (
    <Box mt="sm">
      {images.length > 0 && (
        <div className={single ? 'attachment-single' : compact ? 'attachment-grid attachment-grid-compact' : 'attachment-grid'}>
          {images.map((a) => (
            <UnstyledButton
              key={a.id}
              className="attachment-image"
              onClick={() => setOpen(a)}
              aria-label={t('feed.attachments.openImage', { name: a.name })}
            >
              <img
                src={single ? a.url : (a.thumbUrl ?? a.url)}
                alt=""
                loading="lazy"
                width={a.width ?? undefined}
                height={a.height ?? undefined}
              />
            </UnstyledButton>
          ))}
        </div>
      )}
      {files.length > 0 && (
        <Box mt={images.length > 0 ? 'xs' : 0}>
          {files.map((a) => (
            <Paper key={a.id} withBorder radius="md" p="xs" mt={4}>
              <Group gap="sm" wrap="nowrap">
                <IconFileText size={28} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
                <Box style={{ minWidth: 0, flex: 1 }}>
                  <Text size="sm" fw={600} truncate>
                    {a.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {formatSize(a.size)}
                  </Text>
                </Box>
                <Tooltip label={t('feed.attachments.download')} withArrow>
                  <ActionIcon
                    component="a"
                    href={a.url}
                    download={a.name}
                    variant="subtle"
                    color="gray"
                    size="lg"
                    aria-label={t('feed.attachments.downloadNamed', { name: a.name })}
                  >
                    <IconDownload size={18} aria-hidden />
                  </ActionIcon>
                </Tooltip>
              </Group>
            </Paper>
          ))}
        </Box>
      )}
      <Modal
        closeButtonProps={{ 'aria-label': t('feed.close') }}
        opened={open !== null}
        onClose={() => setOpen(null)}
        size="auto"
        centered
        title={open?.name}
        padding="sm"
      >
        {open && (
          <>
            <Image src={open.url} alt={t('feed.attachments.image', { name: open.name })} mah="75vh" fit="contain" radius="md" />
            <Group justify="flex-end" mt="xs">
              <Anchor href={open.url} target="_blank" rel="noopener" size="sm">
                {t('feed.attachments.openOriginal')}
              </Anchor>
            </Group>
          </>
        )}
      </Modal>
    </Box>
  );
}

/** A paperclip that picks photos and files. */
export function AttachButton({
  onFiles,
  disabled,
  size = 'lg',
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  size?: 'md' | 'lg';
}) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Tooltip label={t('feed.attachments.add')} withArrow openDelay={300}>
        <ActionIcon
          variant="subtle"
          color="gray"
          size={size}
          onClick={() => input.current?.click()}
          disabled={disabled}
          aria-label={t('feed.attachments.add')}
        >
          <IconPaperclip size={19} stroke={1.8} aria-hidden />
        </ActionIcon>
      </Tooltip>
      <input
        ref={input}
        type="file"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden
        onChange={(e: ChangeEvent<HTMLInputElement>) => {
          const files = [...(e.currentTarget.files ?? [])];
          e.currentTarget.value = '';
          if (files.length > 0) {
            onFiles(files);
          }
        }}
      />
    </>
  );
}

/** What is being attached: thumbnails, progress, errors, and a way to take each one off. */
export function UploadList({ uploads }: { uploads: Uploads }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  if (uploads.uploads.length === 0) {
    return null;
  }
  const failed = uploads.uploads.filter((u) => u.status === 'error');
  return (
    <>
      <Group
        gap="xs"
        mt="xs"
        wrap="wrap"
        component="ul"
        style={{ listStyle: 'none', padding: 0, margin: 0 }}
        aria-label={t('feed.attachments.list')}
      >
        {uploads.uploads.map((u) => {
          const thumb = u.attachment?.thumbUrl ?? u.previewUrl ?? (u.attachment?.kind === 'image' ? u.attachment.url : null);
          return (
            <li key={u.key}>
              <Paper withBorder radius="md" className="upload-tile" data-error={u.status === 'error' || undefined}>
                {thumb ? (
                  <img src={thumb} alt="" className="upload-thumb" />
                ) : (
                  <Box className="upload-file">
                    <IconFileText size={26} stroke={1.5} aria-hidden />
                    <Text size="xs" lineClamp={2} ta="center" px={4} style={{ wordBreak: 'break-all' }}>
                      {u.name}
                    </Text>
                  </Box>
                )}
                {u.status === 'uploading' && (
                  <Box className="upload-overlay">
                    {u.progress > 0 ? (
                      <Progress value={u.progress * 100} size="sm" w="80%" aria-label={t('feed.attachments.uploading', { name: u.name })} />
                    ) : (
                      <Loader size="xs" aria-label={t('feed.attachments.uploading', { name: u.name })} />
                    )}
                  </Box>
                )}
                {u.status === 'error' && (
                  <Tooltip label={errorText(u.error)} withArrow multiline w={220}>
                    <Box
                      className="upload-overlay upload-failed"
                      role="img"
                      aria-label={`${t('feed.attachments.failed', { name: u.name })} ${errorText(u.error)}`}
                    >
                      <IconAlertTriangle size={22} aria-hidden />
                    </Box>
                  </Tooltip>
                )}
                <ActionIcon
                  className="upload-remove"
                  size="sm"
                  radius="xl"
                  variant="filled"
                  color="dark"
                  onClick={() => uploads.remove(u.key)}
                  aria-label={t('feed.attachments.remove', { name: u.name })}
                >
                  <IconX size={14} aria-hidden />
                </ActionIcon>
              </Paper>
            </li>
          );
        })}
      </Group>
      {failed.length > 0 && (
        <Box role="alert" mt={6}>
          {failed.map((u) => (
            <Text key={u.key} size="sm" c="red.8">
              {t('feed.attachments.failed', { name: u.name })} {errorText(u.error)}
            </Text>
          ))}
        </Box>
      )}
    </>
  );
}
