import type { PostView } from '../../feed/api.js';

/** A question's state: answered or not, the best answer. */
export function QuestionPostBlock(_props: { post: PostView }) {
  return null;
}
