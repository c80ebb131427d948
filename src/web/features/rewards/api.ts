import { api, type Page } from '../../api.js';
import type { Leaderboard, RedemptionStatus } from '../../../shared/recognition.js';
import type { Author } from '../feed/api.js';
import type { RecognitionMe, Value } from '../kudos/api.js';

export type { Author, RecognitionMe, Value };

export type LedgerReason = 'kudos_given' | 'kudos_received' | 'redemption' | 'redemption_refund' | 'award' | 'share';

/** One line of a person's points history. */
export interface PointsEntry {
  id: string | number;
  account: 'allowance' | 'received';
  delta: number;
  reason: LedgerReason | (string & {});
  period: string | null;
  createdAt: string;
  kudosId: string | null;
  redemptionId: string | null;
  awardId: string | null;
}

export interface Reward {
  id: string;
  name: string;
  description: string;
  imageUrl: string | null;
  cost: number;
  /** How many are left; null when there is no limit. */
  stock: number | null;
  requiresApproval: boolean;
  active: boolean;
}

export interface Redemption {
  id: string;
  reward: { id: string; name: string; imageUrl: string | null };
  person: Author;
  cost: number;
  status: RedemptionStatus;
  note: string | null;
  createdAt: string;
  decidedAt: string | null;
  decidedBy: Author | null;
}

export interface Award {
  id: string;
  points: number;
  reason: string;
  recipients: Author[];
  grantedBy: Author | null;
  createdAt: string;
}

export interface AdminValue extends Value {
  position: number;
  archived: boolean;
}

export interface RecognitionSettings {
  requireValue: boolean;
  gamification: boolean;
  /** ISO 3166-1 alpha-2 codes of the countries whose offices have points, badges and leaderboards off. */
  gamificationOffCountries: string[];
  defaultAllowance: number;
  recipientLimit: number;
  recipientLimitDays: number;
  leaderboards: Record<Leaderboard, boolean>;
  anniversaries: boolean;
  birthdays: boolean;
}

export interface AllowanceRule {
  id: string;
  role: string | null;
  person: Author | null;
  amount: number;
}

export interface Allowances {
  defaultAllowance: number;
  rules: AllowanceRule[];
}

export interface AdminBadge {
  id: string;
  name: string;
  description: string;
  icon: string;
  /** The activity rule that awards it; null for a custom badge awarded by hand. */
  rule: string | null;
  archived: boolean;
  holders: number;
}

/** What awarding a badge by hand did, person by person. */
export interface BadgeAwardResult {
  badge: AdminBadge;
  awarded: string[];
  alreadyHeld: string[];
  /** Left out because badges are switched off for them (company setting or their office's country). */
  gamificationOff: string[];
}

export type FlagStatus = 'open' | 'dismissed' | 'confirmed';
export const FLAG_STATUSES: readonly FlagStatus[] = ['open', 'dismissed', 'confirmed'];

/** People who mostly give each other points: a pattern worth a look, not a verdict. */
export interface RecognitionFlag {
  id: string;
  kind: 'ring';
  members: Author[];
  points: number;
  kudosCount: number;
  status: FlagStatus;
  createdAt: string;
  reviewedAt: string | null;
  note: string | null;
}

export interface RewardInput {
  name: string;
  description: string;
  cost: number;
  stock: number | null;
  requiresApproval: boolean;
  active: boolean;
}

const id = (x: string) => encodeURIComponent(x);

export const rewardsApi = {
  history: (cursor?: string) => api.get<Page<PointsEntry>>('/api/me/points/history', { query: { cursor, limit: 20 } }),
  catalogue: (cursor?: string, all = false) =>
    api.get<Page<Reward>>('/api/rewards', { query: { cursor, limit: 24, all: all ? 'true' : undefined } }),
  redeem: (rewardId: string, idempotencyKey: string) =>
    api.post<Redemption>(`/api/rewards/${id(rewardId)}/redeem`, {}, { headers: { 'Idempotency-Key': idempotencyKey } }),
  myRedemptions: (cursor?: string) => api.get<Page<Redemption>>('/api/me/redemptions', { query: { cursor, limit: 20 } }),
};

export const recognitionAdminApi = {
  values: async () => (await api.get<{ items: AdminValue[] }>('/api/admin/values')).items,
  createValue: (body: { name: string; description?: string; emoji?: string | null }) => api.post<AdminValue>('/api/admin/values', body),
  updateValue: (
    valueId: string,
    body: { name?: string; description?: string; emoji?: string | null; position?: number; archived?: boolean },
  ) => api.patch<AdminValue>(`/api/admin/values/${id(valueId)}`, body),

  settings: () => api.get<RecognitionSettings>('/api/admin/recognition/settings'),
  updateSettings: (body: Partial<RecognitionSettings>) => api.patch<RecognitionSettings>('/api/admin/recognition/settings', body),

  allowances: () => api.get<Allowances>('/api/admin/allowances'),
  setRoleAllowance: (role: string, amount: number) => api.put<unknown>(`/api/admin/allowances/roles/${id(role)}`, { amount }),
  removeRoleAllowance: (role: string) => api.delete<unknown>(`/api/admin/allowances/roles/${id(role)}`),
  setPersonAllowance: (userId: string, amount: number) => api.put<unknown>(`/api/admin/allowances/people/${id(userId)}`, { amount }),
  removePersonAllowance: (userId: string) => api.delete<unknown>(`/api/admin/allowances/people/${id(userId)}`),

  createReward: (body: RewardInput) => api.post<Reward>('/api/admin/rewards', body),
  updateReward: (rewardId: string, body: Partial<RewardInput>) => api.patch<Reward>(`/api/admin/rewards/${id(rewardId)}`, body),
  uploadRewardImage: (rewardId: string, file: File) => {
    const form = new FormData();
    form.append('file', file);
    return api.put<Reward>(`/api/admin/rewards/${id(rewardId)}/image`, form);
  },
  removeRewardImage: (rewardId: string) => api.delete<unknown>(`/api/admin/rewards/${id(rewardId)}/image`),

  redemptions: (status: RedemptionStatus, cursor?: string) =>
    api.get<Page<Redemption>>('/api/admin/redemptions', { query: { status, cursor, limit: 20 } }),
  approve: (redemptionId: string, note?: string) =>
    api.post<Redemption>(`/api/admin/redemptions/${id(redemptionId)}/approve`, note ? { note } : {}),
  refuse: (redemptionId: string, note?: string) =>
    api.post<Redemption>(`/api/admin/redemptions/${id(redemptionId)}/refuse`, note ? { note } : {}),

  awards: (cursor?: string) => api.get<Page<Award>>('/api/admin/awards', { query: { cursor, limit: 20 } }),
  grant: (body: { userIds: string[]; points: number; reason: string }) => api.post<Award>('/api/admin/awards', body),

  badges: async () => (await api.get<{ items: AdminBadge[] }>('/api/admin/badges')).items,
  createBadge: (body: { name: string; description?: string; icon?: string }) => api.post<AdminBadge>('/api/admin/badges', body),
  updateBadge: (badgeId: string, body: { name?: string; description?: string; icon?: string; archived?: boolean }) =>
    api.patch<AdminBadge>(`/api/admin/badges/${id(badgeId)}`, body),
  awardBadge: (badgeId: string, body: { userIds: string[]; reason?: string }) =>
    api.post<BadgeAwardResult>(`/api/admin/badges/${id(badgeId)}/award`, body),

  flags: (status: FlagStatus, cursor?: string) =>
    api.get<Page<RecognitionFlag>>('/api/admin/recognition/flags', { query: { status, cursor, limit: 20 } }),
  resolveFlag: (flagId: string, body: { status: 'dismissed' | 'confirmed'; note?: string }) =>
    api.post<RecognitionFlag>(`/api/admin/recognition/flags/${id(flagId)}/resolve`, body),
};
