import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type CustomerSettings, type FormInput, voiceApi } from '../api.js';

const SETTINGS_KEY = ['customers', 'settings'] as const;
const WEBHOOKS_KEY = ['customers', 'webhooks'] as const;
const FORMS_KEY = ['customers', 'forms'] as const;

export function useCustomerSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: voiceApi.settings });
}

export function useSaveSettings() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: CustomerSettings) => voiceApi.saveSettings(s),
    onSuccess: (saved) => qc.setQueryData(SETTINGS_KEY, saved),
  });
}

export function useWebhooks() {
  return useQuery({ queryKey: WEBHOOKS_KEY, queryFn: voiceApi.webhooks });
}

export function useCreateWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) => voiceApi.createWebhook(name),
    onSuccess: () => qc.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  });
}

export function useRevokeWebhook() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => voiceApi.revokeWebhook(id),
    onSettled: () => qc.invalidateQueries({ queryKey: WEBHOOKS_KEY }),
  });
}

export function useForms() {
  return useQuery({ queryKey: FORMS_KEY, queryFn: voiceApi.forms });
}

export function useCreateForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: FormInput) => voiceApi.createForm(input),
    onSuccess: () => qc.invalidateQueries({ queryKey: FORMS_KEY }),
  });
}

export function useUpdateForm() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: { name?: string; active?: boolean } }) => voiceApi.updateForm(id, patch),
    onSettled: () => qc.invalidateQueries({ queryKey: FORMS_KEY }),
  });
}
