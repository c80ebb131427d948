/** Vocabulary of the social core, shared by the API schemas and the web app. */

export const VISIBILITIES = ['public', 'private', 'secret'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

export const MEMBER_ROLES = ['member', 'moderator', 'owner'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const MEMBER_STATUSES = ['active', 'requested', 'invited', 'banned'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export const SYNC_KINDS = ['department', 'team', 'location'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** The fixed set of reactions, in the order the picker shows them. */
export const REACTIONS = ['like', 'celebrate', 'love', 'insightful', 'support', 'funny'] as const;
export type Reaction = (typeof REACTIONS)[number];

/** Languages content is stemmed in for search; `simple` when neither English nor Italian is recognised. */
export const CONTENT_LANGS = ['english', 'italian', 'simple'] as const;
export type ContentLang = (typeof CONTENT_LANGS)[number];

export const FEED_SORTS = ['latest', 'top'] as const;
export type FeedSort = (typeof FEED_SORTS)[number];

export const NOTIFICATION_TYPES = [
  'mention',
  'comment',
  'reply',
  'reaction',
  'follow',
  'community_invitation',
  'community_request',
  'community_request_approved',
  'moderation',
  'kudos',
  'badge',
  'redemption',
  'recognition_flag',
  'award',
  /** A survey round or check-in opened for the person, or a reminder to answer it. */
  'survey',
  /** A new message in an anonymous feedback conversation the person receives. */
  'feedback',
  /** An action plan was shared with one of the person's groups. */
  'listening_action',
  /** A customer follow-up (a detractor's answer) was opened for the person's team or given to them. */
  'customer_followup',
  /** A customer named the person in a good answer. */
  'customer_praise',
  /** An announcement reached the person, or a reminder to acknowledge it (`data.variant`, see COMMS_NOTIFICATIONS). */
  'announcement',
  /** An urgent broadcast, or its escalation. */
  'urgent',
  /** A safety check asks whether the person is safe; operators hear who needs help. */
  'safety_check',
  /** An event invitation, reminder, change, cancellation, or a seat freed from the waitlist. */
  'event',
  /** Someone answered the person's question, or marked their answer best. */
  'answer',
  /** An AMA the person asked in went live, or their question was answered. */
  'ama',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const DIGESTS = ['off', 'daily', 'weekly'] as const;
export type Digest = (typeof DIGESTS)[number];

export const REPORT_REASONS = ['spam', 'harassment', 'inappropriate', 'misinformation', 'other'] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

/** Realtime event types sent over the WebSocket. Payloads carry ids; clients fetch the content through the API. */
export const REALTIME_EVENTS = [
  'post.created',
  'post.updated',
  'post.deleted',
  'comment.created',
  'comment.updated',
  'comment.deleted',
  'reaction.changed',
  'notification.created',
  'notifications.read',
  'membership.changed',
  /** On `user:<follower>` when someone follows or unfollows a person or a hashtag: their subscriptions change. */
  'follows.changed',
  /** On `org`: an announcement was published; recipients refetch what is pinned for them. */
  'announcement.published',
  /** On `user:<author>`: an announcement's delivered, seen and acknowledged counts changed. */
  'announcement.stats',
  /** On `org`: an urgent broadcast started or changed; every open page refetches its banners. */
  'urgent.started',
  /** On `org`: an urgent broadcast ended. */
  'urgent.ended',
  /** On `org` when a safety check starts or closes; on `user:<operator>` when its tally changes. */
  'safety.changed',
  /** On `post:<id>`: a poll's results changed. */
  'poll.changed',
  /** On `post:<id>`: a question's best answer or an answer's votes changed. */
  'question.changed',
  /** On `org`: an AMA changed (a question, a vote, an answer, live or ended). */
  'ama.changed',
  /** On `org`, or `community:<id>` for a community's event: an event or its RSVPs changed. */
  'event.changed',
  /** On `community:<id>`: the community's files changed. */
  'files.changed',
] as const;
export type RealtimeEventType = (typeof REALTIME_EVENTS)[number];

/**
 * The realtime WebSocket (GET /api/realtime). After `ready` a client that saw events before sends
 * `resume` with the highest id it saw; the server replays what it missed (then `resumed`) or, when
 * that is too much or too old, sends `resync`: refetch what is on screen and continue from `lastId`.
 * Ids can arrive out of order and a replay repeats the last seconds, so clients drop ids they have seen.
 */
export type RealtimeServerMessage =
  | { type: 'ready'; lastId: number }
  | { type: 'event'; id: number; channel: string; event: RealtimeEventType; payload: Record<string, unknown> }
  | { type: 'resync'; lastId: number }
  | { type: 'resumed'; lastId: number; count: number }
  | { type: 'watching'; postIds: string[] }
  | { type: 'error'; code: string; message: string };

export type RealtimeClientMessage = { type: 'resume'; lastId: number } | { type: 'watch'; postIds: string[] };

/** Close codes of the realtime socket; the client reconnects after any of them except `sessionEnded`. */
export const REALTIME_CLOSE = {
  /** The session ended (sign-out, expiry, deactivation): sign in again. */
  sessionEnded: 4401,
  /** The client read too slowly and the server dropped it: reconnect and resume. */
  tooSlow: 4408,
  /** Malformed or too many messages. */
  policy: 1008,
  /** The server is restarting: reconnect, spread out. */
  restart: 1012,
} as const;

/** Posts one socket may watch at once (comments and reactions on what is on screen). */
export const REALTIME_MAX_WATCHED = 200;

/** Limits of user content; the API schemas and the web forms use the same numbers. */
export const SOCIAL_LIMITS = {
  communityName: 80,
  communitySlug: 60,
  communityDescription: 2000,
  communityRules: 4000,
  postBody: 10_000,
  commentBody: 5000,
  attachmentsPerPost: 10,
  attachmentsPerComment: 4,
  mentionsPerPost: 50,
  hashtag: 50,
  hashtagsPerPost: 30,
  reportNote: 1000,
  moderationReason: 500,
  searchQuery: 200,
  feedPage: 20,
} as const;
