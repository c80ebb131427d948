import type { PostView } from '../../feed/api.js';

/** An article's card in a feed: cover, title, summary, reading time. */
export function ArticlePostBody(_props: { post: PostView }) {
  return null;
}
