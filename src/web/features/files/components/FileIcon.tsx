import { ThemeIcon } from '@mantine/core';
import {
  IconFile,
  IconFileSpreadsheet,
  IconFileText,
  IconFileTypePdf,
  IconFileZip,
  IconMovie,
  IconPhoto,
  IconPresentation,
} from '@tabler/icons-react';
import type { FileKind } from '../../../../shared/comms.js';

/** An icon for what a file is, from its stored type; decorative (the name and the kind are written next to it). */
export function FileIcon({ kind, mime }: { kind: FileKind; mime: string }) {
  const Icon =
    kind === 'video'
      ? IconMovie
      : mime.startsWith('image/')
        ? IconPhoto
        : mime === 'application/pdf'
          ? IconFileTypePdf
          : mime.includes('spreadsheet') || mime === 'text/csv'
            ? IconFileSpreadsheet
            : mime.includes('presentation')
              ? IconPresentation
              : mime.includes('zip') || mime.includes('compressed')
                ? IconFileZip
                : mime.startsWith('text/') || mime.includes('document')
                  ? IconFileText
                  : IconFile;
  return (
    <ThemeIcon variant="light" color={kind === 'video' ? 'grape' : 'brand'} size="lg" radius="md" aria-hidden>
      <Icon size={20} />
    </ThemeIcon>
  );
}
