import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../../api.js';
import type { Me } from '../../auth/api.js';
import { ME_KEY } from '../../auth/hooks/useSession.js';
import {
  customersApi,
  type AccountDetail,
  type AccountFilters,
  type AccountInput,
  type ContactInput,
  type ContactPatch,
  type FeedbackRequestInput,
  type InteractionInput,
} from '../api.js';

export const CUSTOMERS_KEY = ['customers'] as const;
const ACCOUNTS_KEY = [...CUSTOMERS_KEY, 'accounts'] as const;
const accountKey = (id: string) => [...CUSTOMERS_KEY, 'account', id] as const;
const historyKey = (id: string) => [...CUSTOMERS_KEY, 'history', id] as const;

/** Accounts by name, a page at a time. */
export function useAccounts(filters: AccountFilters) {
  return useInfiniteQuery({
    queryKey: [...ACCOUNTS_KEY, filters],
    queryFn: ({ pageParam }) => customersApi.accounts(filters, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
}

export function useAccount(id: string) {
  return useQuery({
    queryKey: accountKey(id),
    queryFn: () => customersApi.account(id),
    // an unknown account stays unknown: no point asking again
    retry: (count, err) => !(err instanceof ApiError && err.status === 404) && count < 2,
  });
}

/** The interactions logged with an account, newest first. */
export function useInteractions(accountId: string) {
  return useInfiniteQuery({
    queryKey: [...historyKey(accountId), 'interactions'],
    queryFn: ({ pageParam }) => customersApi.interactions(accountId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** The account's customers' answers, newest first. */
export function useAccountFeedback(accountId: string) {
  return useInfiniteQuery({
    queryKey: [...historyKey(accountId), 'feedback'],
    queryFn: ({ pageParam }) => customersApi.feedback(accountId, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Keeps a fresh account where it is cached, and has the lists read again. */
function useStoreAccount() {
  const qc = useQueryClient();
  return (a: AccountDetail) => {
    qc.setQueryData(accountKey(a.id), a);
    void qc.invalidateQueries({ queryKey: ACCOUNTS_KEY });
  };
}

/** After a change to an account's contacts or history: read the account and the lists again. */
function useRefreshAccount() {
  const qc = useQueryClient();
  return (accountId: string) =>
    Promise.all([
      qc.invalidateQueries({ queryKey: accountKey(accountId) }),
      qc.invalidateQueries({ queryKey: historyKey(accountId) }),
      qc.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
    ]);
}

/** Creates an account, or changes one when `id` is given. */
export function useSaveAccount() {
  const store = useStoreAccount();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: AccountInput }) =>
      id ? customersApi.updateAccount(id, input) : customersApi.createAccount(input),
    onSuccess: store,
  });
}

export function useDeleteAccount() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => customersApi.deleteAccount(id),
    onSuccess: (_data, id) => {
      qc.removeQueries({ queryKey: accountKey(id) });
      qc.removeQueries({ queryKey: historyKey(id) });
      void qc.invalidateQueries({ queryKey: ACCOUNTS_KEY });
    },
  });
}

/** Adds a contact to the account, or changes one when `id` is given. */
export function useSaveContact(accountId: string) {
  const refresh = useRefreshAccount();
  return useMutation({
    mutationFn: ({ id, input }: { id?: string; input: ContactInput | ContactPatch }) =>
      id ? customersApi.updateContact(id, input) : customersApi.addContact(accountId, input as ContactInput),
    onSuccess: () => refresh(accountId),
  });
}

export function useDeleteContact(accountId: string) {
  const refresh = useRefreshAccount();
  return useMutation({ mutationFn: (id: string) => customersApi.deleteContact(id), onSettled: () => refresh(accountId) });
}

export function useLogInteraction(accountId: string) {
  const refresh = useRefreshAccount();
  return useMutation({
    mutationFn: (input: InteractionInput) => customersApi.logInteraction(accountId, input),
    onSuccess: () => refresh(accountId),
  });
}

export function useRequestFeedback(accountId: string) {
  const refresh = useRefreshAccount();
  return useMutation({
    mutationFn: (input: FeedbackRequestInput) => customersApi.requestFeedback(input),
    onSuccess: () => refresh(accountId),
  });
}

/** Checks (dry run) or applies a CSV file of accounts and contacts. */
export function useImportCsv(dryRun: boolean) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (csv: string) => customersApi.importCsv(csv, dryRun, qc.getQueryData<Me | null>(ME_KEY)?.csrfToken ?? null),
    onSuccess: async () => {
      if (!dryRun) {
        await qc.invalidateQueries({ queryKey: CUSTOMERS_KEY });
      }
    },
  });
}
