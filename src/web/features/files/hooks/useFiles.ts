import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../api.js';
import type { Me } from '../../auth/api.js';
import { ME_KEY } from '../../auth/hooks/useSession.js';
import { useRealtimeEvent } from '../../../realtime/hooks.js';
import { uploadWithProgress } from '../../../api.js';
import { filesApi, type FileDetail } from '../api.js';

export const FILES_KEY = ['files'] as const;
const listKey = (communityId: string) => [...FILES_KEY, 'community', communityId] as const;
const fileKey = (id: string) => [...FILES_KEY, 'file', id] as const;

/** A community's files, a page at a time, refreshed when someone changes them. */
export function useCommunityFiles(communityId: string) {
  const qc = useQueryClient();
  useRealtimeEvent('files.changed', (e) => {
    if (e.payload.communityId === communityId) {
      void qc.invalidateQueries({ queryKey: listKey(communityId) });
    }
  });
  return useInfiniteQuery({
    queryKey: listKey(communityId),
    queryFn: ({ pageParam }) => filesApi.list(communityId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** One file with its versions. */
export function useFile(id: string) {
  const qc = useQueryClient();
  useRealtimeEvent('files.changed', (e) => {
    if (e.payload.fileId === id) {
      void qc.invalidateQueries({ queryKey: fileKey(id) });
    }
  });
  return useQuery({
    queryKey: fileKey(id),
    queryFn: () => filesApi.get(id),
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 2,
  });
}

export function useUpdateFile(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (patch: { name?: string; description?: string }) => filesApi.update(id, patch),
    onSuccess: (file) => {
      qc.setQueryData(fileKey(id), file);
      void qc.invalidateQueries({ queryKey: listKey(file.communityId) });
    },
  });
}

export function useDeleteFile() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (file: { id: string; communityId: string }) => filesApi.remove(file.id),
    onSuccess: (_r, file) => {
      qc.removeQueries({ queryKey: fileKey(file.id) });
      void qc.invalidateQueries({ queryKey: listKey(file.communityId) });
    },
  });
}

/**
 * One upload at a time with its progress: a new file in a community, a new version, or a poster. On
 * success the file's page and its community's list are refreshed.
 */
export function useFileUpload() {
  const qc = useQueryClient();
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<(() => void) | null>(null);
  useEffect(() => () => abort.current?.(), []);

  const start = useCallback(
    async (url: string, file: File, fields: Record<string, string> = {}): Promise<FileDetail | null> => {
      const csrf = qc.getQueryData<Me | null>(ME_KEY)?.csrfToken ?? null;
      setError(null);
      setProgress(0);
      const job = uploadWithProgress<FileDetail>(url, file, fields, csrf, setProgress);
      abort.current = job.abort;
      try {
        const detail = await job.promise;
        qc.setQueryData(fileKey(detail.id), detail);
        void qc.invalidateQueries({ queryKey: listKey(detail.communityId) });
        return detail;
      } catch (err) {
        if (!(err instanceof DOMException)) {
          setError(err);
        }
        return null;
      } finally {
        abort.current = null;
        setProgress(null);
      }
    },
    [qc],
  );

  return { start, progress, error, busy: progress !== null, cancel: () => abort.current?.(), clearError: () => setError(null) };
}
