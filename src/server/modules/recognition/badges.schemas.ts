import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { BADGE_ICONS, RECOGNITION_LIMITS } from '../../../shared/recognition.js';

export const BadgeIcon = Type.Enum(BADGE_ICONS);

/** One badge in a person's badge case. */
export const BadgeCaseItem = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  /** The rule's key for badges earned by activity (the web app translates these); null for custom badges. */
  rule: Nullable(Type.String()),
  awardedAt: DateTime,
  /** Why an administrator awarded it; null for rule badges and awards without a reason. */
  reason: Nullable(Type.String()),
  /** Hidden from everyone but its holder. */
  hidden: Type.Boolean(),
});
export type BadgeCaseItem = Static<typeof BadgeCaseItem>;
export const BadgeCase = Type.Object({ items: Type.Array(BadgeCaseItem) });

export const BadgeParams = Type.Object({ badgeId: Id }, { additionalProperties: false });
export const HideBadge = Type.Object({ hidden: Type.Boolean() }, { additionalProperties: false });

/** Month and day only; the year is nobody's business. */
export const Birthday = Type.String({ pattern: '^[0-9]{2}-[0-9]{2}$' });

export const RecognitionPrefs = Type.Object({
  hideFromLeaderboards: Type.Boolean(),
  birthday: Nullable(Birthday),
  celebrateBirthday: Type.Boolean(),
});
export type RecognitionPrefs = Static<typeof RecognitionPrefs>;

export const RecognitionPrefsPatch = Type.Object(
  {
    hideFromLeaderboards: Type.Optional(Type.Boolean()),
    birthday: Type.Optional(Nullable(Birthday)),
    celebrateBirthday: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** A badge as administrators manage it. */
export const AdminBadge = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  icon: Type.String(),
  rule: Nullable(Type.String()),
  archived: Type.Boolean(),
  /** People holding it (deactivated ones included: a badge stays with its history). */
  holders: Type.Integer({ minimum: 0 }),
});
export type AdminBadge = Static<typeof AdminBadge>;
export const AdminBadgeList = Type.Object({ items: Type.Array(AdminBadge) });

const BadgeName = Type.String({ minLength: 1, maxLength: RECOGNITION_LIMITS.badgeName });
const BadgeDescription = Type.String({ maxLength: RECOGNITION_LIMITS.badgeDescription });

export const NewBadge = Type.Object(
  { name: BadgeName, description: Type.Optional(BadgeDescription), icon: Type.Optional(BadgeIcon) },
  { additionalProperties: false },
);

export const BadgePatch = Type.Object(
  {
    name: Type.Optional(BadgeName),
    description: Type.Optional(BadgeDescription),
    icon: Type.Optional(BadgeIcon),
    /** Archived badges are no longer awarded; people who hold one keep it. */
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

/** How many people one award by hand may reach. */
export const MAX_BADGE_AWARDEES = 500;

export const AwardBadge = Type.Object(
  {
    userIds: Type.Array(Id, { minItems: 1, maxItems: MAX_BADGE_AWARDEES, uniqueItems: true }),
    reason: Type.Optional(Type.String({ maxLength: RECOGNITION_LIMITS.awardReason })),
  },
  { additionalProperties: false },
);

export const AwardBadgeResult = Type.Object({
  badge: AdminBadge,
  /** People who received the badge now. */
  awarded: Type.Array(Id),
  /** People who already held it (nothing changed for them). */
  alreadyHeld: Type.Array(Id),
  /** People left out because badges are switched off for them (company setting or their office's country). */
  gamificationOff: Type.Array(Id),
});
