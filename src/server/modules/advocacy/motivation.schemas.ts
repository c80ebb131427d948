import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { ADVOCACY_LIMITS } from '../../../shared/advocacy.js';

/** Rows on one page of the advocacy leaderboard. */
export const ADVOCACY_BOARD_LIMIT = { default: 10, max: 50 } as const;
export const ADVOCACY_BOARD_PERIODS = ['week', 'month', 'all'] as const;
export type AdvocacyBoardPeriod = (typeof ADVOCACY_BOARD_PERIODS)[number];

const Version = Type.Integer({ minimum: 1, maximum: 1_000_000 });

export const Guidelines = Type.Object({
  /** Sanitised HTML; empty when the company wrote none (the app shows the product's own). */
  html: Type.String(),
  markdown: Type.String(),
  version: Version,
  /** When the reader accepted this version, or null. */
  acceptedAt: Nullable(DateTime),
});

export const AcceptGuidelines = Type.Object({ version: Version }, { additionalProperties: false });
export type AcceptGuidelines = Static<typeof AcceptGuidelines>;

const fields = {
  /** Markdown; empty means the product's own guidelines. */
  guidelines: Type.String({ maxLength: ADVOCACY_LIMITS.guidelines }),
  pointsPerShare: Type.Integer({ minimum: 0, maximum: 1000 }),
  pointsCapPerWeek: Type.Integer({ minimum: 0, maximum: 10_000 }),
};

export const AdvocacySettings = Type.Object({ ...fields, guidelinesVersion: Version });

export const AdvocacySettingsPatch = Type.Object(
  {
    guidelines: Type.Optional(fields.guidelines),
    pointsPerShare: Type.Optional(fields.pointsPerShare),
    pointsCapPerWeek: Type.Optional(fields.pointsCapPerWeek),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type AdvocacySettingsPatch = Static<typeof AdvocacySettingsPatch>;

const Count = Type.Integer({ minimum: 0 });

export const MyAdvocacy = Type.Object({
  shares: Count,
  clicks: Count,
  visitors: Count,
  pointsThisWeek: Count,
  pointsCapPerWeek: Count,
  pointsPerShare: Count,
  hideFromLeaderboard: Type.Boolean(),
  guidelinesAccepted: Type.Boolean(),
});

export const MyAdvocacyPatch = Type.Object({ hideFromLeaderboard: Type.Boolean() }, { additionalProperties: false });
export type MyAdvocacyPatch = Static<typeof MyAdvocacyPatch>;

export const AdvocacyBoardQuery = Type.Object(
  {
    period: Type.Optional(Type.Enum(ADVOCACY_BOARD_PERIODS, { default: 'month' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: ADVOCACY_BOARD_LIMIT.max })),
  },
  { additionalProperties: false },
);
export type AdvocacyBoardQuery = Static<typeof AdvocacyBoardQuery>;

const BoardRow = Type.Object({
  /** Equal shares and clicks share a rank (1, 2, 2, 4); 0 for the reader when they left the board or have nothing yet. */
  rank: Count,
  person: Type.Object({ id: Id, name: Type.String(), photoUrl: Nullable(Type.String()) }),
  shares: Count,
  clicks: Count,
});

export const AdvocacyBoard = Type.Object({
  items: Type.Array(BoardRow),
  me: Nullable(BoardRow),
});
