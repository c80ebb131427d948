import { api, ApiError, type Page } from '../../api.js';
import type { FileKind } from '../../../shared/comms.js';

export interface FilePerson {
  id: string;
  name: string;
  photoUrl: string | null;
}

/** A community file as the API sends it, with what the viewer may do with it. */
export interface CommunityFile {
  id: string;
  communityId: string;
  name: string;
  kind: FileKind;
  description: string;
  mime: string;
  size: number;
  versionCount: number;
  uploader: FilePerson | null;
  createdAt: string;
  updatedAt: string;
  url: string;
  posterUrl: string | null;
  abilities: { canEdit: boolean; canDelete: boolean; canAddVersion: boolean; canSetPoster: boolean };
}

export interface FileVersion {
  id: string;
  version: number;
  mime: string;
  size: number;
  uploader: FilePerson | null;
  createdAt: string;
  url: string;
  posterUrl: string | null;
}

export interface FileDetail extends CommunityFile {
  versions: FileVersion[];
}

export const filesApi = {
  list: (communityId: string, cursor?: string) =>
    api.get<Page<CommunityFile>>(`/api/communities/${communityId}/files`, { query: { cursor, limit: 30 } }),
  get: (id: string) => api.get<FileDetail>(`/api/files/${id}`),
  update: (id: string, patch: { name?: string; description?: string }) => api.patch<FileDetail>(`/api/files/${id}`, patch),
  remove: (id: string) => api.delete<{ ok: true }>(`/api/files/${id}`),
};

/**
 * Sends a file as multipart with XMLHttpRequest, which (unlike fetch) reports upload progress. Fields
 * go before the file: the server reads them as the file starts streaming.
 */
export function uploadWithProgress<T>(
  url: string,
  file: File,
  fields: Record<string, string>,
  csrf: string | null,
  onProgress: (fraction: number) => void,
): { promise: Promise<T>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<T>((resolve, reject) => {
    xhr.open('POST', url);
    xhr.responseType = 'text';
    xhr.setRequestHeader('accept', 'application/json');
    if (csrf) {
      xhr.setRequestHeader('x-csrf-token', csrf);
    }
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) {
        onProgress(e.loaded / e.total);
      }
    };
    xhr.onload = () => {
      let data: unknown;
      try {
        data = JSON.parse(xhr.responseText);
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300 && data) {
        resolve(data as T);
        return;
      }
      const e = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)?.error;
      reject(new ApiError(xhr.status, e?.code ?? `HTTP_${xhr.status}`, e?.message ?? 'Upload failed', e?.details));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'The server could not be reached.'));
    xhr.onabort = () => reject(new DOMException('aborted', 'AbortError'));
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      form.append(name, value);
    }
    form.append('file', file);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
