import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Me } from '../../auth/api.js';
import { ME_KEY } from '../../auth/hooks/useSession.js';
import { peopleApi, type AdminPersonPatch, type PeopleFilters, type Person, type ProfilePatch } from '../api.js';

export function usePeopleSearch(filters: PeopleFilters, pageSize = 24) {
  return useInfiniteQuery({
    queryKey: ['people', filters, pageSize],
    queryFn: ({ pageParam }) => peopleApi.list(filters, pageParam, pageSize),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
}

export function useStructure() {
  return useQuery({ queryKey: ['structure'], queryFn: peopleApi.structure, staleTime: 60_000 });
}

export function usePerson(id: string) {
  return useQuery({ queryKey: ['person', id], queryFn: () => peopleApi.get(id) });
}

/** Put a fresh Person everywhere it is cached: the profile, the session, the lists. */
export function useStorePerson() {
  const qc = useQueryClient();
  return (p: Person) => {
    qc.setQueryData(['person', p.id], p);
    if (qc.getQueryData<Me | null>(ME_KEY)?.user.id === p.id) {
      void qc.invalidateQueries({ queryKey: ME_KEY });
    }
    void qc.invalidateQueries({ queryKey: ['people'] });
    void qc.invalidateQueries({ queryKey: ['org-chart'] });
    void qc.invalidateQueries({ queryKey: ['structure'] });
  };
}

export function useUpdateProfile(id: string) {
  const store = useStorePerson();
  return useMutation({ mutationFn: (patch: ProfilePatch) => peopleApi.update(id, patch), onSuccess: store });
}

export function useUploadPhoto(id: string) {
  const store = useStorePerson();
  return useMutation({ mutationFn: (file: File) => peopleApi.uploadPhoto(id, file), onSuccess: store });
}

export function useAdminUpdate(id: string) {
  const store = useStorePerson();
  return useMutation({ mutationFn: (patch: AdminPersonPatch) => peopleApi.adminUpdate(id, patch), onSuccess: store });
}

export function useSetActive(id: string) {
  const store = useStorePerson();
  return useMutation({
    mutationFn: (active: boolean) => (active ? peopleApi.reactivate(id) : peopleApi.deactivate(id)),
    onSuccess: store,
  });
}
