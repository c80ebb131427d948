import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { CommentView, PostView } from '../../feed/api.js';
import { commentsKey, updateComment } from '../../feed/hooks/useComments.js';
import { prependPost, storePost } from '../../feed/hooks/usePosts.js';
import { type NewPoll, type QuestionStatus, questionsApi } from '../api.js';

/** Asks a question; it shows at the top of the feeds it belongs to. */
export function useAskQuestion(authorId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { communityId: string | null; body: string }) => questionsApi.ask(body),
    onSuccess: (post) => prependPost(qc, post, authorId),
  });
}

/** Asks a poll. */
export function useCreatePoll(authorId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: NewPoll) => questionsApi.createPoll(body),
    onSuccess: (post) => prependPost(qc, post, authorId),
  });
}

/** Votes in a poll; the answer is the poll as it now stands. */
export function useVote(postId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (optionIds: string[]) => questionsApi.vote(postId, optionIds),
    onSuccess: (post) => storePost(qc, post),
  });
}

/** Chooses (or clears, with null) a question's best answer. */
export function useChooseBest(postId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (commentId: string | null) => questionsApi.chooseBest(postId, commentId),
    onSuccess: (post) => {
      storePost(qc, post);
      void qc.invalidateQueries({ queryKey: commentsKey(postId) });
    },
  });
}

/** Upvotes an answer, or takes the upvote back. */
export function useUpvote(comment: CommentView) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (on: boolean) => questionsApi.upvote(comment.id, on),
    onSuccess: (state) => updateComment(qc, comment.id, (c) => ({ ...c, myUpvote: state.upvoted, upvoteCount: state.upvoteCount })),
  });
}

/** A community's questions, newest first. */
export function useCommunityQuestions(communityId: string, status: QuestionStatus) {
  return useInfiniteQuery({
    queryKey: ['community-questions', communityId, status],
    queryFn: ({ pageParam }) => questionsApi.communityQuestions(communityId, status, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export type { PostView };
