import { api, type Page } from '../../api.js';
import type { Role } from '../../../shared/roles.js';

/** One line of the audit trail: who did what, to what, when. */
export interface AuditEntry {
  id: string;
  action: string;
  actor: { id: string; name: string } | null;
  targetId: string | null;
  data: Record<string, unknown>;
  createdAt: string;
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export interface Invitation {
  id: string;
  email: string;
  name: string | null;
  roles: string[];
  createdAt: string;
  expiresAt: string;
  invitedBy: string | null;
  status: InvitationStatus;
}

export interface CreatedInvitation extends Invitation {
  emailed: boolean;
  link: string | null;
}

export interface OrgSettings {
  id: string;
  name: string;
  defaultLocale: string;
  requireTotp: boolean;
  createdAt: string;
}

export interface ImportRowError {
  row: number;
  field?: string;
  code: string;
  message: string;
}

export interface ImportResult {
  dryRun: boolean;
  total: number;
  creates: number;
  updates: number;
  unchanged: number;
  errors: ImportRowError[];
  preview: { row: number; email: string; name: string; action: 'create' | 'update' | 'unchanged' }[];
  applied: boolean;
}

export const adminApi = {
  audit: (cursor?: string) => api.get<Page<AuditEntry>>('/api/admin/audit', { query: { cursor, limit: 50 } }),
  invitations: (cursor?: string) => api.get<Page<Invitation>>('/api/invitations', { query: { cursor, limit: 25 } }),
  invite: (body: { email: string; name?: string; roles?: Role[]; locale?: 'en' | 'it' }) =>
    api.post<CreatedInvitation>('/api/invitations', body),
  revokeInvitation: (id: string) => api.delete<unknown>(`/api/invitations/${encodeURIComponent(id)}`),
  org: () => api.get<OrgSettings>('/api/admin/org'),
  updateOrg: (body: { name?: string; defaultLocale?: 'en' | 'it'; requireTotp?: boolean }) =>
    api.patch<OrgSettings>('/api/admin/org', body),
  importPeople: (file: File, dryRun: boolean) => {
    const form = new FormData();
    form.append('file', file);
    return api.post<ImportResult>('/api/admin/people/import', form, { query: { dryRun: dryRun ? 'true' : 'false' } });
  },
  createDepartment: (body: { name: string; parentId?: string | null }) => api.post<unknown>('/api/departments', body),
  updateDepartment: (id: string, body: { name?: string; parentId?: string | null }) => api.patch<unknown>(`/api/departments/${id}`, body),
  deleteDepartment: (id: string) => api.delete<unknown>(`/api/departments/${id}`),
  createTeam: (body: { name: string; departmentId?: string | null }) => api.post<unknown>('/api/teams', body),
  updateTeam: (id: string, body: { name?: string; departmentId?: string | null }) => api.patch<unknown>(`/api/teams/${id}`, body),
  deleteTeam: (id: string) => api.delete<unknown>(`/api/teams/${id}`),
  createLocation: (body: { name: string; country?: string | null; timezone?: string | null }) => api.post<unknown>('/api/locations', body),
  updateLocation: (id: string, body: { name?: string; country?: string | null; timezone?: string | null }) =>
    api.patch<unknown>(`/api/locations/${id}`, body),
  deleteLocation: (id: string) => api.delete<unknown>(`/api/locations/${id}`),
};

export const EXPORT_URL = '/api/admin/people/export';
