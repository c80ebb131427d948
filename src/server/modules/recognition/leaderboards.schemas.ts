import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { LEADERBOARD_PERIODS, LEADERBOARDS } from '../../../shared/recognition.js';
import { Author } from '../posts/posts.schemas.js';
import { Value } from './kudos.schemas.js';

/** Rows on one leaderboard page. */
export const LEADERBOARD_LIMIT = { default: 10, max: 50 } as const;
/** People on one page of the "not recognised lately" list. */
export const UNRECOGNISED_PAGE = { default: 20, max: 100 } as const;

export const LeaderboardQuery = Type.Object(
  {
    board: Type.Optional(Type.Enum(LEADERBOARDS, { default: 'received' })),
    period: Type.Optional(Type.Enum(LEADERBOARD_PERIODS, { default: 'month' })),
    /** Only people placed in this department. */
    departmentId: Type.Optional(Id),
    /** Only kudos tagged with this company value. */
    valueId: Type.Optional(Id),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LEADERBOARD_LIMIT.max })),
  },
  { additionalProperties: false },
);
export type LeaderboardQuery = Static<typeof LeaderboardQuery>;

const Standing = {
  /** Equal points and kudos share a rank (1, 2, 2, 4). */
  rank: Type.Integer({ minimum: 1 }),
  points: Type.Integer({ minimum: 0 }),
  kudos: Type.Integer({ minimum: 0 }),
};

export const LeaderboardView = Type.Object({
  board: Type.Enum(LEADERBOARDS),
  period: Type.Enum(LEADERBOARD_PERIODS),
  /** False when the company switched this board (or points altogether) off; there are no entries then. */
  enabled: Type.Boolean(),
  entries: Type.Array(Type.Object({ ...Standing, person: Author })),
  /** The viewer's own standing, also when outside the page; null when they are not on the board. */
  me: Nullable(Type.Object(Standing)),
});
export type LeaderboardView = Static<typeof LeaderboardView>;

/** A day, 'YYYY-MM-DD', in UTC. */
const Day = Type.String({ format: 'date' });

export const InsightsQuery = Type.Object(
  {
    /** First day included; by default the Monday eleven weeks before this week's, so twelve weeks show. */
    from: Type.Optional(Day),
    /** Last day included; by default today. */
    to: Type.Optional(Day),
    departmentId: Type.Optional(Id),
    teamId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type InsightsQuery = Static<typeof InsightsQuery>;

export const InsightsView = Type.Object({
  /** Everyone (HR, administrators) or only the people who report to the viewer, directly or not (managers). */
  scope: Type.Enum(['all', 'reports']),
  /** Kudos received by people in scope, per ISO week (the Monday it starts), every week of the range. */
  volume: Type.Array(Type.Object({ week: Type.String(), kudos: Type.Integer(), points: Type.Integer() })),
  /** Kudos received by people in scope per company value (null: no value), most used first. */
  values: Type.Array(Type.Object({ value: Nullable(Value), count: Type.Integer() })),
  /**
   * Kudos between departments, where the giver or a recipient is in scope: a link counts the kudos
   * from givers placed in `source` to recipients placed in `target`. Nodes are the departments with
   * people in scope or on a link, with their number of active people.
   */
  flow: Type.Object({
    nodes: Type.Array(Type.Object({ id: Id, name: Type.String(), people: Type.Integer() })),
    links: Type.Array(Type.Object({ source: Id, target: Id, count: Type.Integer() })),
  }),
  /** Kudos received by people in scope, the points they brought, who gave them and how many in scope received. */
  totals: Type.Object({ kudos: Type.Integer(), points: Type.Integer(), givers: Type.Integer(), receivers: Type.Integer() }),
});
export type InsightsView = Static<typeof InsightsView>;

export const UnrecognisedQuery = Type.Object(
  {
    departmentId: Type.Optional(Id),
    teamId: Type.Optional(Id),
    cursor: Type.Optional(Type.String({ minLength: 1, maxLength: 600 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: UNRECOGNISED_PAGE.max })),
  },
  { additionalProperties: false },
);
export type UnrecognisedQuery = Static<typeof UnrecognisedQuery>;

export const UnrecognisedPage = Type.Object({
  /** Never recognised first, then the longest without. */
  items: Type.Array(
    Type.Object({
      person: Author,
      department: Nullable(Type.String()),
      lastRecognisedAt: Nullable(DateTime),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});
export type UnrecognisedPage = Static<typeof UnrecognisedPage>;
