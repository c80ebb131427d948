import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { RECOGNITION_LIMITS as L, REDEMPTION_STATUSES } from '../../../shared/recognition.js';
import { ROLES } from '../../../shared/roles.js';
import { Author } from '../posts/posts.schemas.js';
import { Value } from './kudos.schemas.js';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Note = Type.Optional(Type.String({ maxLength: L.note }));
const Cursor = Type.Optional(Type.String({ maxLength: 200 }));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100 }));

// --- Rewards ---------------------------------------------------------------------------------------

export const Reward = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  imageUrl: Nullable(Type.String()),
  cost: Type.Integer({ minimum: 1 }),
  /** How many are left; null when there is no limit. */
  stock: Nullable(Type.Integer({ minimum: 0 })),
  requiresApproval: Type.Boolean(),
  active: Type.Boolean(),
});
export type RewardView = Static<typeof Reward>;
export const RewardPage = Page(Reward);

export const RewardQuery = Type.Object(
  {
    cursor: Cursor,
    limit: Limit,
    /** Inactive rewards too; only for administrators (ignored for everyone else). */
    all: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type RewardQuery = Static<typeof RewardQuery>;

const RewardFields = {
  name: Text(L.rewardName),
  description: Type.String({ maxLength: L.rewardDescription }),
  cost: Type.Integer({ minimum: 1, maximum: L.rewardCost }),
  /**
   * Null: unlimited. Written as OpenAPI's `nullable` rather than a union, because type coercion would
   * turn a null into 0 in a union's integer branch first.
   */
  stock: Type.Unsafe<number | null>({ type: 'integer', nullable: true, minimum: 0, maximum: L.rewardStock }),
  requiresApproval: Type.Boolean(),
  active: Type.Boolean(),
};

export const NewReward = Type.Object(
  {
    name: RewardFields.name,
    description: Type.Optional(RewardFields.description),
    cost: RewardFields.cost,
    stock: Type.Optional(RewardFields.stock),
    requiresApproval: Type.Optional(RewardFields.requiresApproval),
    active: Type.Optional(RewardFields.active),
  },
  { additionalProperties: false },
);
export type NewReward = Static<typeof NewReward>;

export const RewardPatch = Type.Object(
  {
    name: Type.Optional(RewardFields.name),
    description: Type.Optional(RewardFields.description),
    cost: Type.Optional(RewardFields.cost),
    stock: Type.Optional(RewardFields.stock),
    requiresApproval: Type.Optional(RewardFields.requiresApproval),
    active: Type.Optional(RewardFields.active),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type RewardPatch = Static<typeof RewardPatch>;

/** An optional key that makes retrying a redemption safe: the same key gives back the same redemption. */
export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ minLength: 1, maxLength: L.idempotencyKey })),
});

// --- Redemptions -----------------------------------------------------------------------------------

export const RedemptionStatus = Type.Enum(REDEMPTION_STATUSES);

export const Redemption = Type.Object({
  id: Id,
  reward: Type.Object({ id: Id, name: Type.String(), imageUrl: Nullable(Type.String()) }),
  person: Author,
  /** What it cost when redeemed (the reward's cost may have changed since). */
  cost: Type.Integer({ minimum: 1 }),
  status: RedemptionStatus,
  /** The administrator's note on their decision. */
  note: Nullable(Type.String()),
  createdAt: DateTime,
  /** When it was approved or refused; for a reward that needs no approval, when it was redeemed. */
  decidedAt: Nullable(DateTime),
  /** The administrator who decided; null when approved at once or when they are gone. */
  decidedBy: Nullable(Author),
});
export type RedemptionView = Static<typeof Redemption>;
export const RedemptionPage = Page(Redemption);

export const PageQuery = Type.Object({ cursor: Cursor, limit: Limit }, { additionalProperties: false });
export type PageQuery = Static<typeof PageQuery>;

export const RedemptionQuery = Type.Object(
  { status: Type.Optional(RedemptionStatus), cursor: Cursor, limit: Limit },
  { additionalProperties: false },
);
export type RedemptionQuery = Static<typeof RedemptionQuery>;

export const Decision = Type.Object({ note: Note }, { additionalProperties: false });
export type Decision = Static<typeof Decision>;

// --- Company awards --------------------------------------------------------------------------------

export const NewAward = Type.Object(
  {
    userIds: Type.Array(Id, { minItems: 1, maxItems: 500 }),
    points: Type.Integer({ minimum: 1, maximum: L.awardPoints }),
    reason: Text(L.awardReason),
  },
  { additionalProperties: false },
);
export type NewAward = Static<typeof NewAward>;

export const Award = Type.Object({
  id: Id,
  /** Points each recipient received. */
  points: Type.Integer({ minimum: 1 }),
  reason: Type.String(),
  recipients: Type.Array(Author),
  /** Null when the administrator who granted it is gone. */
  grantedBy: Nullable(Author),
  createdAt: DateTime,
});
export type AwardView = Static<typeof Award>;
export const AwardPage = Page(Award);

// --- Company values --------------------------------------------------------------------------------

export const AdminValue = Type.Object({
  ...Value.properties,
  /** Place in the order people see values in (0 first). */
  position: Type.Integer({ minimum: 0 }),
  /** Archived values are kept for the kudos that name them but can no longer be chosen. */
  archived: Type.Boolean(),
});
export type AdminValueView = Static<typeof AdminValue>;
export const AdminValueList = Type.Object({ items: Type.Array(AdminValue) });

/** An emoji is a few code points (flags, skin tones, families, keycaps), never words. */
const Emoji = Type.String({ minLength: 1, maxLength: 16, pattern: '^[^\\sA-Za-z]+$' });

export const NewValue = Type.Object(
  {
    name: Text(L.valueName),
    description: Type.Optional(Type.String({ maxLength: L.valueDescription })),
    emoji: Type.Optional(Nullable(Emoji)),
  },
  { additionalProperties: false },
);
export type NewValue = Static<typeof NewValue>;

export const ValuePatch = Type.Object(
  {
    name: Type.Optional(Text(L.valueName)),
    description: Type.Optional(Type.String({ maxLength: L.valueDescription })),
    emoji: Type.Optional(Nullable(Emoji)),
    /** Moves the value to this place in the order; the others shift to make room. */
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
    archived: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type ValuePatch = Static<typeof ValuePatch>;

// --- Recognition settings --------------------------------------------------------------------------

/** Limits as the database checks them. */
const Allowance = Type.Integer({ minimum: 0, maximum: 100_000 });
const Country = Type.String({ pattern: '^[A-Z]{2}$' });

const SettingsFields = {
  /** Kudos must name a company value. */
  requireValue: Type.Boolean(),
  /** Points, badges and leaderboards for the whole company. */
  gamification: Type.Boolean(),
  /** ISO 3166-1 alpha-2 codes of the countries whose offices have points, badges and leaderboards off. */
  gamificationOffCountries: Type.Array(Country, { maxItems: 250 }),
  /** Points each person may give per month, unless a rule for their role or for them says otherwise. */
  defaultAllowance: Allowance,
  /** Points one person may give the same colleague within `recipientLimitDays`. */
  recipientLimit: Type.Integer({ minimum: 0, maximum: 100_000 }),
  recipientLimitDays: Type.Integer({ minimum: 1, maximum: 366 }),
};

export const Settings = Type.Object({
  ...SettingsFields,
  leaderboards: Type.Object({ received: Type.Boolean(), given: Type.Boolean() }),
  anniversaries: Type.Boolean(),
  birthdays: Type.Boolean(),
});

export const SettingsPatch = Type.Object(
  {
    requireValue: Type.Optional(SettingsFields.requireValue),
    gamification: Type.Optional(SettingsFields.gamification),
    gamificationOffCountries: Type.Optional(SettingsFields.gamificationOffCountries),
    defaultAllowance: Type.Optional(SettingsFields.defaultAllowance),
    recipientLimit: Type.Optional(SettingsFields.recipientLimit),
    recipientLimitDays: Type.Optional(SettingsFields.recipientLimitDays),
    /** Only the boards named change. */
    leaderboards: Type.Optional(
      Type.Object({ received: Type.Optional(Type.Boolean()), given: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    ),
    anniversaries: Type.Optional(Type.Boolean()),
    birthdays: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type SettingsPatch = Static<typeof SettingsPatch>;

// --- Allowance rules -------------------------------------------------------------------------------

export const Allowances = Type.Object({
  defaultAllowance: Type.Integer({ minimum: 0 }),
  /** Rules for roles (the largest of a person's roles applies), then for people (which win over their roles). */
  rules: Type.Array(
    Type.Object({ id: Id, role: Nullable(Type.Enum(ROLES)), person: Nullable(Author), amount: Type.Integer({ minimum: 0 }) }),
  ),
});
export type AllowancesView = Static<typeof Allowances>;

export const RoleParams = Type.Object({ role: Type.Enum(ROLES) }, { additionalProperties: false });
export const AllowanceBody = Type.Object({ amount: Allowance }, { additionalProperties: false });
