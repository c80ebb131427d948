import { api } from '../../api.js';
import type { TokenScope } from '../../../shared/roles.js';

export interface ApiToken {
  id: string;
  name: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
}

export const settingsApi = {
  changePassword: (body: { currentPassword: string; newPassword: string }) => api.post<unknown>('/api/me/password', body),
  startTotp: () => api.post<{ secret: string; uri: string }>('/api/me/totp', {}),
  enableTotp: (code: string) => api.post<unknown>('/api/me/totp/enable', { code }),
  disableTotp: (password: string) => api.post<unknown>('/api/me/totp/disable', { password }),
  tokens: () => api.get<{ items: ApiToken[] }>('/api/me/tokens'),
  createToken: (body: { name: string; scopes: TokenScope[]; expiresInDays?: number }) =>
    api.post<{ id: string; name: string; scopes: string[]; expiresAt: string | null; token: string }>('/api/me/tokens', body),
  revokeToken: (id: string) => api.delete<unknown>(`/api/me/tokens/${encodeURIComponent(id)}`),
};
