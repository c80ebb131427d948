/** What other parts of the app use from the feed: a feed of posts, the composer, and the feed addresses. */
export { Composer, type ComposerProps } from './components/Composer.js';
export { PostCard } from './components/PostCard.js';
export { FeedSkeleton, PostFeed, type PostFeedProps } from './components/PostFeed.js';
export { feedUrls, type PostView } from './api.js';
