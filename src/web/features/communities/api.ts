import { api, type Page } from '../../api.js';
import type { MemberRole, MemberStatus, SyncKind, Visibility } from '../../../shared/social.js';

export interface CommunityAbilities {
  canSee: boolean;
  canRead: boolean;
  canJoin: boolean;
  canRequest: boolean;
  canLeave: boolean;
  canPost: boolean;
  canInteract: boolean;
  canModerate: boolean;
  canManage: boolean;
  canInvite: boolean;
}

/** A community as the API sends it, with the viewer's membership and abilities. */
export interface Community {
  id: string;
  name: string;
  slug: string;
  description: string;
  rules: string;
  visibility: Visibility;
  official: boolean;
  isAllCompany: boolean;
  sync: { kind: SyncKind; id: string; name: string } | null;
  memberCount: number;
  coverUrl: string | null;
  membership: { role: MemberRole; status: MemberStatus } | null;
  abilities: CommunityAbilities;
  createdAt: string;
  archivedAt: string | null;
}

export type CommunityFilter = 'mine' | 'discover' | 'all';

export interface NewCommunity {
  name: string;
  description?: string;
  rules?: string;
  visibility: Visibility;
  official?: boolean;
  sync?: { kind: SyncKind; id: string };
}

export interface CommunityPatch {
  name?: string;
  slug?: string;
  description?: string;
  rules?: string;
  visibility?: Visibility;
  official?: boolean;
  archived?: boolean;
}

export interface Member {
  user: { id: string; name: string; title: string | null; photoUrl: string | null };
  role: MemberRole;
  status: MemberStatus;
  viaSync: boolean;
  invitedBy: string | null;
  createdAt: string;
  abilities: { canApprove: boolean; canRemove: boolean; canBan: boolean; canUnban: boolean; canChangeRole: boolean };
}

export interface InviteResult {
  invited: string[];
  joined: string[];
  skipped: string[];
}

export interface CommunitySuggestion {
  id: string;
  name: string;
  slug: string;
  visibility: Visibility;
  official: boolean;
}

const enc = encodeURIComponent;
const base = (id: string) => `/api/communities/${enc(id)}`;

export const communitiesApi = {
  list: (filter: CommunityFilter, q: string, cursor?: string, limit = 24) =>
    api.get<Page<Community>>('/api/communities', { query: { filter, q, cursor, limit } }),
  suggest: (q: string, limit = 8) => api.get<{ items: CommunitySuggestion[] }>('/api/communities/suggest', { query: { q, limit } }),
  get: (idOrSlug: string) => api.get<Community>(base(idOrSlug)),
  create: (body: NewCommunity) => api.post<Community>('/api/communities', body),
  update: (id: string, patch: CommunityPatch) => api.patch<Community>(base(id), patch),
  uploadCover: (id: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.put<Community>(`${base(id)}/cover`, form);
  },
  removeCover: (id: string) => api.delete<Community>(`${base(id)}/cover`),
  join: (id: string) => api.post<Community>(`${base(id)}/join`, {}),
  request: (id: string) => api.post<Community>(`${base(id)}/request`, {}),
  leave: (id: string) => api.post<{ ok: true }>(`${base(id)}/leave`, {}),
  members: (id: string, f: { status?: MemberStatus; q?: string }, cursor?: string) =>
    api.get<Page<Member>>(`${base(id)}/members`, { query: { status: f.status, q: f.q, cursor, limit: 30 } }),
  invite: (id: string, userIds: string[]) => api.post<InviteResult>(`${base(id)}/members`, { userIds }),
  setRole: (id: string, userId: string, role: MemberRole) => api.patch<Member>(`${base(id)}/members/${enc(userId)}`, { role }),
  removeMember: (id: string, userId: string) => api.delete<{ ok: true }>(`${base(id)}/members/${enc(userId)}`),
  memberAction: (id: string, userId: string, action: 'approve' | 'ban' | 'unban') =>
    api.post<{ ok: true }>(`${base(id)}/members/${enc(userId)}/${action}`, {}),
};
