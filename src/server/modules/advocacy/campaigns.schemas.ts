import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { ADVOCACY_LIMITS, CAMPAIGN_GOAL_METRICS } from '../../../shared/advocacy.js';
import { COMMS_LIMITS } from '../../../shared/comms.js';

const Cursor = Type.String({ maxLength: 200 });
const Limit = Type.Integer({ minimum: 1, maximum: ADVOCACY_LIMITS.pageSize });
const When = Type.String({ format: 'date-time' });
const Ids = (max: number) => Type.Optional(Type.Array(Id, { maxItems: max, uniqueItems: true }));

/** The largest goal a campaign may set. */
export const MAX_GOAL = 10_000_000;

/** Who a campaign is for (see CommsAudience): criteria add up; `all` is everyone. */
export const CampaignAudience = Type.Object(
  {
    all: Type.Optional(Type.Boolean()),
    departmentIds: Ids(COMMS_LIMITS.audienceIds),
    teamIds: Ids(COMMS_LIMITS.audienceIds),
    locationIds: Ids(COMMS_LIMITS.audienceIds),
    communityIds: Ids(COMMS_LIMITS.audienceIds),
    userIds: Ids(COMMS_LIMITS.audienceUsers),
  },
  { additionalProperties: false },
);

export const CampaignView = Type.Object({
  id: Id,
  name: Type.String(),
  description: Type.String(),
  hashtag: Nullable(Type.String()),
  goalMetric: Type.Enum(CAMPAIGN_GOAL_METRICS),
  goal: Nullable(Type.Integer()),
  audience: CampaignAudience,
  startsAt: Nullable(DateTime),
  endsAt: Nullable(DateTime),
  archivedAt: Nullable(DateTime),
  progress: Type.Object({ shares: Type.Integer(), clicks: Type.Integer(), sharers: Type.Integer(), items: Type.Integer() }),
  createdAt: DateTime,
});
export const CampaignPage = Page(CampaignView);

const fields = {
  name: Type.String({ minLength: 1, maxLength: ADVOCACY_LIMITS.campaignName }),
  description: Type.String({ maxLength: ADVOCACY_LIMITS.campaignDescription }),
  /** With or without the leading #; letters, digits and underscores. */
  hashtag: Nullable(Type.String({ maxLength: ADVOCACY_LIMITS.hashtag })),
  goalMetric: Type.Enum(CAMPAIGN_GOAL_METRICS),
  // One type list rather than a union, so that type coercion never turns a 0 into null (no goal).
  goal: Type.Unsafe<number | null>({ type: ['integer', 'null'], minimum: 1, maximum: MAX_GOAL }),
  audience: CampaignAudience,
  startsAt: Nullable(When),
  endsAt: Nullable(When),
};

export const NewCampaign = Type.Object(
  {
    name: fields.name,
    description: Type.Optional(fields.description),
    hashtag: Type.Optional(fields.hashtag),
    goalMetric: Type.Optional(fields.goalMetric),
    goal: Type.Optional(fields.goal),
    audience: fields.audience,
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
  },
  { additionalProperties: false },
);
export type NewCampaign = Static<typeof NewCampaign>;

export const CampaignPatch = Type.Object(
  {
    name: Type.Optional(fields.name),
    description: Type.Optional(fields.description),
    hashtag: Type.Optional(fields.hashtag),
    goalMetric: Type.Optional(fields.goalMetric),
    goal: Type.Optional(fields.goal),
    audience: Type.Optional(fields.audience),
    startsAt: Type.Optional(fields.startsAt),
    endsAt: Type.Optional(fields.endsAt),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CampaignPatch = Static<typeof CampaignPatch>;

export const CampaignListQuery = Type.Object(
  {
    state: Type.Optional(Type.Union([Type.Literal('current'), Type.Literal('past'), Type.Literal('all')])),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type CampaignListQuery = Static<typeof CampaignListQuery>;
