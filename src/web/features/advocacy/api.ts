import { api, type Page } from '../../api.js';
import type {
  CampaignDto,
  GuidelinesDto,
  LeaderboardRowDto,
  MyAdvocacyDto,
  ShareItemDto,
  ShareNetwork,
  ShareResult,
} from '../../../shared/advocacy.js';

export type { Page };

export type LeaderboardPeriod = 'week' | 'month' | 'all';

export interface LeaderboardDto {
  items: LeaderboardRowDto[];
  me: LeaderboardRowDto | null;
}

const item = (id: string) => `/api/advocacy/items/${encodeURIComponent(id)}`;

/** The employee's side of the advocacy API (contract: /api/advocacy, shapes in shared/advocacy.ts). */
export const advocacyApi = {
  ready: (opts: { campaignId?: string; limit?: number; cursor?: string }) =>
    api.get<Page<ShareItemDto>>('/api/advocacy/ready', { query: opts }),
  item: (id: string) => api.get<ShareItemDto>(item(id)),
  share: (id: string, network: ShareNetwork, text: string) =>
    api.post<ShareResult>(`${item(id)}/shares`, { network, text: text.trim() || undefined }),
  campaigns: (state: 'current' | 'past' | 'all', cursor?: string) =>
    api.get<Page<CampaignDto>>('/api/advocacy/campaigns', { query: { state, cursor } }),
  campaign: (id: string) => api.get<CampaignDto>(`/api/advocacy/campaigns/${encodeURIComponent(id)}`),
  guidelines: () => api.get<GuidelinesDto>('/api/advocacy/guidelines'),
  acceptGuidelines: (version: number) => api.post<GuidelinesDto>('/api/advocacy/guidelines/accept', { version }),
  me: () => api.get<MyAdvocacyDto>('/api/advocacy/me'),
  updateMe: (body: { hideFromLeaderboard: boolean }) => api.patch<MyAdvocacyDto>('/api/advocacy/me', body),
  leaderboard: (period: LeaderboardPeriod) => api.get<LeaderboardDto>('/api/advocacy/leaderboard', { query: { period } }),
};
