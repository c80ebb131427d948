import type { PostView } from '../../feed/api.js';

/** A poll: vote and see results live. */
export function PollPostBlock(_props: { post: PostView }) {
  return null;
}
