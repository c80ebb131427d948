import type {
  AdvocacySettingsDto,
  CampaignDto,
  CampaignInput,
  ShareItemDto,
  ShareItemInput,
  ShareItemState,
} from '../../../shared/advocacy.js';
import { api, type Page } from '../../api.js';

export type { Page };

export type ItemStateFilter = ShareItemState | 'all';
export type CampaignStateFilter = 'current' | 'past' | 'all';

export interface ItemFilter {
  state: ItemStateFilter;
  campaignId?: string;
}

export type ItemPatch = Omit<ShareItemInput, 'kind' | 'postId'>;

const item = (id: string) => `/api/advocacy/items/${encodeURIComponent(id)}`;
const campaign = (id: string) => `/api/advocacy/campaigns/${encodeURIComponent(id)}`;

/** The communications staff's side of the advocacy API (advocacy.manage). */
export const manageApi = {
  items: (f: ItemFilter, cursor?: string) =>
    api.get<Page<ShareItemDto>>('/api/advocacy/items', { query: { state: f.state, campaignId: f.campaignId, cursor } }),
  item: (id: string) => api.get<ShareItemDto>(item(id)),
  createItem: (body: ShareItemInput) => api.post<ShareItemDto>('/api/advocacy/items', body),
  updateItem: (id: string, body: ItemPatch) => api.patch<ShareItemDto>(item(id), body),
  archiveItem: (id: string) => api.delete<{ ok: true }>(item(id)),
  campaigns: (state: CampaignStateFilter, cursor?: string, limit?: number) =>
    api.get<Page<CampaignDto>>('/api/advocacy/campaigns', { query: { state, cursor, limit } }),
  campaign: (id: string) => api.get<CampaignDto>(campaign(id)),
  createCampaign: (body: CampaignInput) => api.post<CampaignDto>('/api/advocacy/campaigns', body),
  updateCampaign: (id: string, body: Partial<CampaignInput>) => api.patch<CampaignDto>(campaign(id), body),
  archiveCampaign: (id: string) => api.delete<{ ok: true }>(campaign(id)),
  settings: () => api.get<AdvocacySettingsDto>('/api/advocacy/settings'),
  saveSettings: (body: Partial<Omit<AdvocacySettingsDto, 'guidelinesVersion'>>) =>
    api.put<AdvocacySettingsDto>('/api/advocacy/settings', body),
};
