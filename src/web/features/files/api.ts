import { api, type Page } from '../../api.js';
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
