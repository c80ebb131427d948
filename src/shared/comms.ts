/** Vocabulary of company communication and richer content, shared by the API schemas and the web app. */

/**
 * Who an announcement, urgent broadcast or event invitation reaches. Criteria add up (a person
 * matching any of them is a recipient); `all` reaches everyone. Departments include their
 * sub-departments; communities reach their active members; `userIds` names people one by one.
 */
export interface CommsAudience {
  all?: boolean;
  departmentIds?: string[];
  teamIds?: string[];
  locationIds?: string[];
  communityIds?: string[];
  userIds?: string[];
}

/** Limits of communication content; the API schemas and the web forms use the same numbers. */
export const COMMS_LIMITS = {
  title: 200,
  body: 20_000,
  articleBody: 100_000,
  articleSummary: 500,
  audienceIds: 200,
  audienceUsers: 5000,
  pollOptions: 10,
  pollOption: 140,
  eventTitle: 200,
  eventDescription: 10_000,
  place: 300,
  url: 2000,
  amaQuestion: 1000,
  amaAnswer: 10_000,
  safetyNote: 500,
  fileName: 200,
  fileDescription: 1000,
  timeZone: 64,
} as const;

/** Starting values of each organisation's communication settings (administrators change them). */
export const COMMS_DEFAULTS = {
  /** Announcements to more people than this need a broadcaster (communications or administrators). */
  broadcastAudienceLimit: 50,
  /** Viva Engage waits 2 h before sending an unacknowledged urgent message again on the next channel. */
  escalationMinutes: 120,
  /** How often those who have not acknowledged are reminded. */
  reminderHours: 24,
  fileMaxBytes: 50 * 1024 * 1024,
  videoMaxBytes: 500 * 1024 * 1024,
} as const;

/** The channels an urgent broadcast escalates through, in order. */
export const URGENT_CHANNELS = ['app', 'email', 'push'] as const;
export type UrgentChannel = (typeof URGENT_CHANNELS)[number];

export const SAFETY_STATUSES = ['pending', 'safe', 'help'] as const;
export type SafetyStatus = (typeof SAFETY_STATUSES)[number];

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'unpublished'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const RSVP_STATUSES = ['going', 'maybe', 'not', 'waitlist'] as const;
export type RsvpStatus = (typeof RSVP_STATUSES)[number];

export const AMA_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type AmaStatus = (typeof AMA_STATUSES)[number];

export const FILE_KINDS = ['file', 'video'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** Reading speed used for an article's reading time. */
export const WORDS_PER_MINUTE = 230;

/** Minutes to read a text of this many words, at least one. */
export function readingMinutes(words: number): number {
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}

/**
 * The notifications of communication: each carries `data.variant` (one of these), `data.title` (what
 * it is about, shown in quotes) and `data.link` (where it leads in the app, a path starting with `/`).
 */
export const COMMS_NOTIFICATIONS = {
  /** Published to the person; a reminder to acknowledge it. */
  announcement: ['published', 'reminder'],
  /** An urgent broadcast; the same again through the next channel. */
  urgent: ['published', 'escalated'],
  /** A check asks whether the person is safe; a reminder; (to operators) someone needs help. */
  safety_check: ['started', 'reminder', 'help'],
  /** Invited (an event in one's community); a reminder before it starts; a waitlist seat freed; changed; cancelled. */
  event: ['invited', 'reminder', 'promoted', 'changed', 'cancelled'],
  /** Someone answered the person's question; their answer was marked best. */
  answer: ['answered', 'best'],
  /** An AMA the person asked in is live; their question was answered. */
  ama: ['live', 'answered'],
} as const;
export type CommsNotificationType = keyof typeof COMMS_NOTIFICATIONS;
export type CommsNotificationVariant<T extends CommsNotificationType> = (typeof COMMS_NOTIFICATIONS)[T][number];
