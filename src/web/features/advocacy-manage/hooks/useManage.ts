import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AdvocacySettingsDto, CampaignDto, CampaignInput, ShareItemDto, ShareItemInput } from '../../../../shared/advocacy.js';
import { type CampaignStateFilter, type ItemFilter, type ItemPatch, manageApi } from '../api.js';

/** Every advocacy query, the sharers' ones included, so that a change shows everywhere. */
const ADVOCACY_KEY = ['advocacy'] as const;
const ITEMS_KEY = [...ADVOCACY_KEY, 'manage', 'items'] as const;
const CAMPAIGNS_KEY = [...ADVOCACY_KEY, 'manage', 'campaigns'] as const;
const SETTINGS_KEY = [...ADVOCACY_KEY, 'manage', 'settings'] as const;

export function useManagedItems(filter: ItemFilter) {
  return useInfiniteQuery({
    queryKey: [...ITEMS_KEY, 'list', filter],
    queryFn: ({ pageParam }) => manageApi.items(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useManagedItem(id: string | undefined) {
  return useQuery({ queryKey: [...ITEMS_KEY, 'one', id], queryFn: () => manageApi.item(id!), enabled: id !== undefined });
}

export function useManagedCampaigns(state: CampaignStateFilter) {
  return useInfiniteQuery({
    queryKey: [...CAMPAIGNS_KEY, 'list', state],
    queryFn: ({ pageParam }) => manageApi.campaigns(state, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Campaigns to pick from in a select: the first page of the current and upcoming ones is plenty. */
export function useCampaignOptions() {
  return useQuery({ queryKey: [...CAMPAIGNS_KEY, 'options'], queryFn: () => manageApi.campaigns('current', undefined, 50) });
}

export function useManagedCampaign(id: string | undefined) {
  return useQuery({ queryKey: [...CAMPAIGNS_KEY, 'one', id], queryFn: () => manageApi.campaign(id!), enabled: id !== undefined });
}

/** After a write, everything advocacy shows may have changed (ready lists, campaign progress). */
function useRefresh() {
  const qc = useQueryClient();
  return () => void qc.invalidateQueries({ queryKey: ADVOCACY_KEY });
}

export function useSaveItem(id: string | undefined) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: { create: ShareItemInput } | { patch: ItemPatch }): Promise<ShareItemDto> =>
      'create' in body ? manageApi.createItem(body.create) : manageApi.updateItem(id!, body.patch),
    onSuccess: refresh,
  });
}

export function useArchiveItem() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => manageApi.archiveItem(id), onSuccess: refresh });
}

export function useSaveCampaign(id: string | undefined) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: CampaignInput): Promise<CampaignDto> => (id ? manageApi.updateCampaign(id, body) : manageApi.createCampaign(body)),
    onSuccess: refresh,
  });
}

export function useArchiveCampaign() {
  const refresh = useRefresh();
  return useMutation({ mutationFn: (id: string) => manageApi.archiveCampaign(id), onSuccess: refresh });
}

export function useAdvocacySettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: manageApi.settings });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: manageApi.saveSettings,
    onSuccess: (saved: AdvocacySettingsDto) => {
      qc.setQueryData(SETTINGS_KEY, saved);
      // a new guidelines version changes what every sharer sees
      void qc.invalidateQueries({ queryKey: ADVOCACY_KEY });
    },
  });
}
