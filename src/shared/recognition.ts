/** Recognition and gamification: numbers and names shared by the API and the web app. */

export const RECOGNITION_LIMITS = {
  /** People one kudos can thank by name (a team counts its members, up to the same number). */
  recipients: 20,
  message: 2000,
  valueName: 40,
  valueDescription: 280,
  /** Points one kudos can give each recipient. */
  pointsEach: 1000,
  idempotencyKey: 100,
  rewardName: 80,
  rewardDescription: 1000,
  rewardCost: 1_000_000,
  rewardStock: 1_000_000,
  badgeName: 60,
  badgeDescription: 280,
  awardReason: 280,
  awardPoints: 100_000,
  note: 500,
} as const;

export const KUDOS_VISIBILITIES = ['public', 'private'] as const;
export type KudosVisibility = (typeof KUDOS_VISIBILITIES)[number];

export const REDEMPTION_STATUSES = ['pending', 'approved', 'refused'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** Badges computed from activity; each organisation gets one badge per rule, which administrators can rename or archive. */
export const BADGE_RULES = [
  'first_post',
  'first_kudos_given',
  'kudos_received_10',
  'best_answer',
  'five_departments',
  'streak_4_weeks',
  'first_share',
  'reach_100',
  'reach_1000',
] as const;
export type BadgeRule = (typeof BADGE_RULES)[number];

/**
 * The pictures a badge can carry: names the web app maps to icons. A fixed list, so that a badge
 * never points at an arbitrary file or markup.
 */
export const BADGE_ICONS = [
  'award',
  'medal',
  'trophy',
  'star',
  'crown',
  'diamond',
  'heart',
  'heart-handshake',
  'thumb-up',
  'mood-smile',
  'sparkles',
  'confetti',
  'cake',
  'rocket',
  'bolt',
  'flame',
  'bulb',
  'target',
  'flag',
  'compass',
  'pencil',
  'message-circle',
  'users',
  'building-bridge',
  'world',
  'leaf',
  'plant',
  'coffee',
  'music',
  'palette',
  'shield',
  'calendar',
] as const;
export type BadgeIcon = (typeof BADGE_ICONS)[number];

export const LEADERBOARDS = ['received', 'given'] as const;
export type Leaderboard = (typeof LEADERBOARDS)[number];

export const LEADERBOARD_PERIODS = ['month', 'quarter', 'year', 'all'] as const;
export type LeaderboardPeriod = (typeof LEADERBOARD_PERIODS)[number];

export const CELEBRATION_KINDS = ['anniversary', 'birthday'] as const;
export type CelebrationKind = (typeof CELEBRATION_KINDS)[number];

/** People with no recognition for this many days are listed in the insights. */
export const UNRECOGNISED_DAYS = 90;
