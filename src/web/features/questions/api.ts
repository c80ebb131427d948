import { api, type Page } from '../../api.js';
import type { PostView } from '../feed/api.js';

export type QuestionStatus = 'unanswered' | 'answered' | 'all';

export interface NewPoll {
  communityId: string | null;
  body: string;
  options: string[];
  multiple: boolean;
  anonymous: boolean;
  closesAt: string | null;
}

export interface UpvoteState {
  upvoted: boolean;
  upvoteCount: number;
}

export const questionsApi = {
  ask: (body: { communityId: string | null; body: string }) => api.post<PostView>('/api/questions', body),
  communityQuestions: (communityId: string, status: QuestionStatus, cursor?: string) =>
    api.get<Page<PostView>>(
      `/api/communities/${communityId}/questions?status=${status}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    ),
  chooseBest: (postId: string, commentId: string | null) =>
    commentId ? api.put<PostView>(`/api/questions/${postId}/best`, { commentId }) : api.delete<PostView>(`/api/questions/${postId}/best`),
  upvote: (commentId: string, on: boolean) =>
    on ? api.put<UpvoteState>(`/api/comments/${commentId}/upvote`, {}) : api.delete<UpvoteState>(`/api/comments/${commentId}/upvote`),
  createPoll: (body: NewPoll) => api.post<PostView>('/api/polls', body),
  vote: (postId: string, optionIds: string[]) => api.post<PostView>(`/api/polls/${postId}/votes`, { optionIds }),
};
