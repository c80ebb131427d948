import type { SessionUser } from '../../../shared/session.js';
import { api } from '../../api.js';

export type Locale = 'en' | 'it';

export interface SessionStart {
  userId: string;
  csrfToken: string;
}

export type { SessionUser };

export interface Me {
  user: SessionUser;
  org: { id: string; name: string; defaultLocale: string; requireTotp: boolean };
  csrfToken: string | null;
  mustEnrollTotp: boolean;
  abilities: Record<string, boolean>;
}

export interface InvitationPreview {
  email: string;
  name: string | null;
  orgName: string;
}

export const authApi = {
  setupStatus: () => api.get<{ needed: boolean }>('/api/setup', { quiet: true }),
  setup: (body: { orgName: string; name: string; email: string; password: string; locale?: Locale }) =>
    api.post<SessionStart>('/api/setup', body),
  me: () => api.get<Me>('/api/me', { quiet: true }),
  signIn: (body: { email: string; password: string; totp?: string }) => api.post<SessionStart>('/api/auth/sign-in', body),
  signOut: () => api.post<unknown>('/api/auth/sign-out', {}),
  signOutEverywhere: () => api.post<{ ended: number }>('/api/auth/sign-out-everywhere', {}),
  requestReset: (body: { email: string; locale?: Locale }) => api.post<unknown>('/api/auth/password-reset', body),
  confirmReset: (body: { token: string; password: string }) => api.post<SessionStart>('/api/auth/password-reset/confirm', body),
  invitation: (token: string) => api.get<InvitationPreview>(`/api/invitations/by-token/${encodeURIComponent(token)}`, { quiet: true }),
  acceptInvitation: (body: { token: string; name: string; password: string; locale?: Locale }) =>
    api.post<SessionStart>('/api/invitations/accept', body),
};
