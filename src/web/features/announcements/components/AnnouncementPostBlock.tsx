import type { PostView } from '../../feed/api.js';

/** An announcement post's acknowledgement and status. */
export function AnnouncementPostBlock(_props: { post: PostView }) {
  return null;
}
