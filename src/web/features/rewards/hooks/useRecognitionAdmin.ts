import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { RedemptionStatus } from '../../../../shared/recognition.js';
import {
  recognitionAdminApi as adminApi,
  rewardsApi,
  type FlagStatus,
  type RecognitionSettings,
  type Reward,
  type RewardInput,
} from '../api.js';
import { RECOGNITION_ME_KEY, REWARDS_KEY, usePaged } from './useRewards.js';

const KEY = ['recognition-admin'] as const;
const key = (...parts: unknown[]) => [...KEY, ...parts];

/** After an administrator's change, what people see of recognition may have changed too. */
function useRefresh(...parts: unknown[]) {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: key(...parts) }),
      qc.invalidateQueries({ queryKey: RECOGNITION_ME_KEY }),
      qc.invalidateQueries({ queryKey: REWARDS_KEY }),
    ]);
}

export function useAdminValues() {
  return useQuery({ queryKey: key('values'), queryFn: adminApi.values });
}

export function useCreateValue() {
  const refresh = useRefresh('values');
  return useMutation({ mutationFn: adminApi.createValue, onSuccess: refresh });
}

export function useUpdateValue() {
  const refresh = useRefresh('values');
  return useMutation({
    mutationFn: ({ id, ...body }: Parameters<typeof adminApi.updateValue>[1] & { id: string }) => adminApi.updateValue(id, body),
    onSuccess: refresh,
  });
}

/** Moves a value to a place in the order; the server shifts the others. */
export function useMoveValue() {
  const refresh = useRefresh('values');
  return useMutation({
    mutationFn: ({ id, position }: { id: string; position: number }) => adminApi.updateValue(id, { position }),
    onSettled: refresh,
  });
}

export function useRecognitionSettings() {
  return useQuery({ queryKey: key('settings'), queryFn: adminApi.settings });
}

export function useUpdateSettings() {
  const qc = useQueryClient();
  const refresh = useRefresh('allowances');
  return useMutation({
    mutationFn: (body: Partial<RecognitionSettings>) => adminApi.updateSettings(body),
    onSuccess: async (s) => {
      qc.setQueryData(key('settings'), s);
      await refresh();
    },
  });
}

export function useAllowances() {
  return useQuery({ queryKey: key('allowances'), queryFn: adminApi.allowances });
}

export function useAllowanceRule() {
  const refresh = useRefresh('allowances');
  return useMutation({
    mutationFn: (r: { kind: 'role' | 'person'; target: string; amount: number | null }) => {
      if (r.kind === 'role') {
        return r.amount === null ? adminApi.removeRoleAllowance(r.target) : adminApi.setRoleAllowance(r.target, r.amount);
      }
      return r.amount === null ? adminApi.removePersonAllowance(r.target) : adminApi.setPersonAllowance(r.target, r.amount);
    },
    onSuccess: refresh,
  });
}

/** The whole catalogue, inactive rewards included. */
export function useAdminRewards() {
  return usePaged(key('rewards'), (cursor) => rewardsApi.catalogue(cursor, true));
}

export function useSaveReward() {
  const refresh = useRefresh('rewards');
  return useMutation({
    mutationFn: async ({
      id,
      input,
      image,
      onCreated,
    }: {
      id: string | null;
      input: RewardInput;
      image: File | 'remove' | null;
      /** Told as soon as a new reward exists, so that a retry after a failed upload edits it instead of adding another. */
      onCreated?: (r: Reward) => void;
    }) => {
      let reward = id ? await adminApi.updateReward(id, input) : await adminApi.createReward(input);
      if (!id) {
        onCreated?.(reward);
      }
      if (image === 'remove') {
        await adminApi.removeRewardImage(reward.id);
        reward = { ...reward, imageUrl: null };
      } else if (image) {
        reward = await adminApi.uploadRewardImage(reward.id, image);
      }
      return reward;
    },
    // a new reward whose picture failed is still saved: show it either way
    onSettled: refresh,
  });
}

export function useSetRewardActive() {
  const refresh = useRefresh('rewards');
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => adminApi.updateReward(id, { active }),
    onSuccess: refresh,
  });
}

export function useRedemptionQueue(status: RedemptionStatus) {
  return usePaged(key('redemptions', status), (cursor) => adminApi.redemptions(status, cursor));
}

export function useDecideRedemption() {
  const refresh = useRefresh('redemptions');
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'approve' | 'refuse'; note?: string }) =>
      decision === 'approve' ? adminApi.approve(id, note) : adminApi.refuse(id, note),
    onSuccess: refresh,
  });
}

export function useAwards() {
  return usePaged(key('awards'), adminApi.awards);
}

export function useGrantAward() {
  const refresh = useRefresh('awards');
  return useMutation({ mutationFn: adminApi.grant, onSuccess: refresh });
}

export function useAdminBadges() {
  return useQuery({ queryKey: key('badges'), queryFn: adminApi.badges });
}

export function useSaveBadge() {
  const refresh = useRefresh('badges');
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string | null; name?: string; description?: string; icon?: string; archived?: boolean }) =>
      id ? adminApi.updateBadge(id, body) : adminApi.createBadge({ name: body.name ?? '', description: body.description, icon: body.icon }),
    onSuccess: refresh,
  });
}

export function useAwardBadge() {
  const refresh = useRefresh('badges');
  return useMutation({
    mutationFn: ({ id, userIds, reason }: { id: string; userIds: string[]; reason?: string }) =>
      adminApi.awardBadge(id, { userIds, reason }),
    onSuccess: refresh,
  });
}

export function useFlags(status: FlagStatus) {
  return usePaged(key('flags', status), (cursor) => adminApi.flags(status, cursor));
}

export function useResolveFlag() {
  const refresh = useRefresh('flags');
  return useMutation({
    mutationFn: ({ id, status, note }: { id: string; status: 'dismissed' | 'confirmed'; note?: string }) =>
      adminApi.resolveFlag(id, note ? { status, note } : { status }),
    onSuccess: refresh,
  });
}
