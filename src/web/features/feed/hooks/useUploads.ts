import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { uploadWithProgress } from '../../../api.js';
import type { Me } from '../../auth/api.js';
import { ME_KEY } from '../../auth/hooks/useSession.js';
import type { AttachmentView } from '../api.js';

export interface Upload {
  key: string;
  name: string;
  size: number;
  isImage: boolean;
  /** A local preview of an image while it uploads. */
  previewUrl: string | null;
  progress: number;
  status: 'uploading' | 'done' | 'error';
  attachment?: AttachmentView;
  error?: unknown;
}

function send(
  file: File,
  csrf: string | null,
  onProgress: (fraction: number) => void,
): { promise: Promise<AttachmentView>; abort: () => void } {
  return uploadWithProgress<AttachmentView>('/api/attachments', file, {}, csrf, onProgress);
}

let seq = 0;

/**
 * Files attached to a post or comment being written: each uploads as soon as it is picked, with its
 * progress; what failed can be removed; only finished uploads are sent with the post.
 */
export function useUploads(initial: AttachmentView[] = []) {
  const qc = useQueryClient();
  const [uploads, setUploads] = useState<Upload[]>(() =>
    initial.map((a) => ({
      key: a.id,
      name: a.name,
      size: a.size,
      isImage: a.kind === 'image',
      previewUrl: null,
      progress: 1,
      status: 'done',
      attachment: a,
    })),
  );
  const aborts = useRef(new Map<string, () => void>());

  useEffect(
    () => () => {
      for (const abort of aborts.current.values()) {
        abort();
      }
    },
    [],
  );

  const patch = (key: string, change: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...change } : u)));

  const add = useCallback(
    (files: File[]) => {
      const csrf = qc.getQueryData<Me | null>(ME_KEY)?.csrfToken ?? null;
      for (const file of files) {
        const key = `u${++seq}`;
        const isImage = file.type.startsWith('image/');
        setUploads((list) => [
          ...list,
          {
            key,
            name: file.name,
            size: file.size,
            isImage,
            previewUrl: isImage ? URL.createObjectURL(file) : null,
            progress: 0,
            status: 'uploading',
          },
        ]);
        const job = send(file, csrf, (progress) => patch(key, { progress }));
        aborts.current.set(key, job.abort);
        job.promise.then(
          (attachment) => patch(key, { status: 'done', progress: 1, attachment }),
          (error: unknown) => {
            if (!(error instanceof DOMException)) {
              patch(key, { status: 'error', error });
            }
          },
        );
        void job.promise.finally(() => aborts.current.delete(key)).catch(() => undefined);
      }
    },
    [qc],
  );

  const remove = useCallback((key: string) => {
    aborts.current.get(key)?.();
    setUploads((list) => {
      const gone = list.find((u) => u.key === key);
      if (gone?.previewUrl) {
        URL.revokeObjectURL(gone.previewUrl);
      }
      return list.filter((u) => u.key !== key);
    });
  }, []);

  const reset = useCallback((next: AttachmentView[] = []) => {
    setUploads((list) => {
      for (const u of list) {
        if (u.previewUrl) {
          URL.revokeObjectURL(u.previewUrl);
        }
      }
      return next.map((a) => ({
        key: a.id,
        name: a.name,
        size: a.size,
        isImage: a.kind === 'image',
        previewUrl: null,
        progress: 1,
        status: 'done' as const,
        attachment: a,
      }));
    });
  }, []);

  return {
    uploads,
    add,
    remove,
    reset,
    busy: uploads.some((u) => u.status === 'uploading'),
    failed: uploads.some((u) => u.status === 'error'),
    attachments: uploads.flatMap((u) => (u.attachment ? [u.attachment] : [])),
  };
}

export type Uploads = ReturnType<typeof useUploads>;
