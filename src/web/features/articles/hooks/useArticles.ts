import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { articlesApi, type ArticleInput, type ArticleStatus, type ArticleView } from '../api.js';

export const articleKey = (id: string) => ['article', id] as const;
const listKey = ['articles'] as const;

/** The person's own articles in one state, newest change first. */
export function useMyArticles(status: ArticleStatus | undefined) {
  return useInfiniteQuery({
    queryKey: [...listKey, status ?? 'all'],
    queryFn: ({ pageParam }) => articlesApi.list(status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useArticle(id: string | undefined) {
  return useQuery({ queryKey: articleKey(id ?? 'new'), queryFn: () => articlesApi.get(id!), enabled: Boolean(id) });
}

/** Stores the fresh article and drops the lists it may have moved between. */
function useStore() {
  const qc = useQueryClient();
  return (a: ArticleView) => {
    qc.setQueryData(articleKey(a.id), a);
    void qc.invalidateQueries({ queryKey: listKey });
  };
}

/** Saves a draft: creates it the first time, updates it afterwards. */
export function useSaveArticle() {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, input }: { id: string | undefined; input: ArticleInput & { title: string } }) =>
      id ? articlesApi.update(id, input) : articlesApi.create(input),
    onSuccess: store,
  });
}

export function usePublishArticle() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, publishAt, unpublishAt }: { id: string; publishAt: string | null; unpublishAt: string | null }) =>
      articlesApi.publish(id, { publishAt, unpublishAt }),
    onSuccess: (a) => {
      store(a);
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
}

export function useUnpublishArticle() {
  const store = useStore();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => articlesApi.unpublish(id),
    onSuccess: (a) => {
      store(a);
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
}

export function useDeleteArticle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => articlesApi.remove(id),
    onSuccess: (_r, id) => {
      qc.removeQueries({ queryKey: articleKey(id) });
      void qc.invalidateQueries({ queryKey: listKey });
      void qc.invalidateQueries({ queryKey: ['feed'] });
    },
  });
}
