import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { feedApi, type FollowState, type HashtagView } from '../api.js';

export function useFollowState(personId: string, enabled = true) {
  return useQuery({ queryKey: ['follow', personId], queryFn: () => feedApi.follow(personId), enabled });
}

export function useSetFollow(personId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => feedApi.setFollow(personId, on),
    onMutate: (on) =>
      qc.setQueryData<FollowState>(['follow', personId], (old) =>
        old ? { ...old, following: on, followerCount: Math.max(0, old.followerCount + (on === old.following ? 0 : on ? 1 : -1)) } : old,
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['follow', personId] });
      void qc.invalidateQueries({ queryKey: ['feed'], refetchType: 'none' });
    },
  });
}

export function useHashtag(tag: string) {
  return useQuery({ queryKey: ['hashtag', tag], queryFn: () => feedApi.hashtag(tag) });
}

export function useFollowHashtag(tag: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => feedApi.followHashtag(tag, on),
    onMutate: (on) => qc.setQueryData<HashtagView>(['hashtag', tag], (old) => (old ? { ...old, following: on } : old)),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['hashtag', tag] });
      void qc.invalidateQueries({ queryKey: ['feed'], refetchType: 'none' });
    },
  });
}
