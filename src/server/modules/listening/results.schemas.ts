import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import { ANONYMITY, DIMENSIONS, DRIVERS, QUESTION_KINDS, SURVEY_KINDS, SURVEY_STATUSES } from '../../../shared/listening.js';

const Cursor = Type.String({ minLength: 1, maxLength: 200 });
const Limit = Type.Integer({ minimum: 1, maximum: 100 });
const Count = Type.Integer({ minimum: 0 });
const RoundStatus = Type.Enum(['open', 'closed']);

export const CELL_STATUSES = ['shown', 'too_few', 'suppressed', 'unavailable'] as const;
export type CellStatus = (typeof CELL_STATUSES)[number];

export const SurveyParams = Type.Object({ surveyId: Id }, { additionalProperties: false });

const FilterFields = {
  department: Type.Optional(Id),
  team: Type.Optional(Id),
  location: Type.Optional(Id),
  /** A manager's reporting line: everyone whose manager chain includes this person. */
  line: Type.Optional(Id),
};

export const CellFilter = Type.Object(FilterFields);
export type CellFilterView = Static<typeof CellFilter>;

export const ResultsQuery = Type.Object(
  {
    /** The newest round when absent. */
    round: Type.Optional(Id),
    ...FilterFields,
    /** Break the filter down by one dimension. */
    by: Type.Optional(Type.Enum(DIMENSIONS)),
  },
  { additionalProperties: false },
);
export type ResultsQuery = Static<typeof ResultsQuery>;

export const TrendQuery = Type.Object(FilterFields, { additionalProperties: false });
export type TrendQuery = Static<typeof TrendQuery>;

export const CommentsQuery = Type.Object(
  {
    round: Type.Optional(Id),
    ...FilterFields,
    /** Words the comment contains (any case). */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    cursor: Type.Optional(Cursor),
    limit: Type.Optional(Limit),
  },
  { additionalProperties: false },
);
export type CommentsQuery = Static<typeof CommentsQuery>;

export const ResponsesQuery = Type.Object(
  { round: Type.Optional(Id), cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) },
  { additionalProperties: false },
);
export type ResponsesQuery = Static<typeof ResponsesQuery>;

export const ListQuery = Type.Object({ cursor: Type.Optional(Cursor), limit: Type.Optional(Limit) }, { additionalProperties: false });
export type ListQuery = Static<typeof ListQuery>;

export const Label = Type.Object({ dimension: Type.Enum(DIMENSIONS), id: Id, name: Type.String() });
export type Label = Static<typeof Label>;

export const Cell = Type.Object({
  /** The filter's canonical key: the same filter always has the same key. */
  key: Type.String(),
  /** The breakdown value of the cell; null for the filter itself. */
  label: Nullable(Label),
  filter: CellFilter,
  /**
   * shown: the numbers below; too_few: fewer answers than the threshold; suppressed: showing it would
   * reveal a smaller group together with results already shown; unavailable: the check failed.
   */
  status: Type.Enum(CELL_STATUSES),
  /** An earlier released state is shown because the newest one is held back. */
  stale: Type.Boolean(),
  /** Null when fewer than the threshold were invited. */
  invited: Nullable(Count),
  responses: Nullable(Count),
  /** Percent, one decimal. */
  responseRate: Nullable(Type.Number()),
  enps: Nullable(
    Type.Object({
      score: Type.Integer({ minimum: -100, maximum: 100 }),
      answers: Count,
      promoters: Count,
      passives: Count,
      detractors: Count,
    }),
  ),
  /** Drivers answered by at least the threshold, and not all the same way. */
  drivers: Type.Array(
    Type.Object({
      driver: Type.Enum(DRIVERS),
      /** Percent of 4–5 answers. */
      favourable: Type.Integer({ minimum: 0, maximum: 100 }),
      mean: Type.Number(),
      answers: Count,
    }),
  ),
  /** Scale and choice questions; open-text questions are counted in `comments`. */
  questions: Type.Array(
    Type.Object({
      questionId: Id,
      answers: Count,
      /** Everyone answered the same: only the count is shown. */
      uniform: Type.Boolean(),
      mean: Nullable(Type.Number()),
      /** Percent of 4–5 (1–5 scale) or 9–10 (0–10 scale). */
      favourable: Nullable(Type.Integer({ minimum: 0, maximum: 100 })),
      /** By value (1–5: five entries; 0–10: eleven) or by option index. */
      distribution: Nullable(Type.Array(Count)),
    }),
  ),
  /** Open-text answers, only when the cell reaches the comment threshold. */
  comments: Nullable(Count),
});
export type Cell = Static<typeof Cell>;

export const Results = Type.Object({
  round: Type.Object({ id: Id, number: Type.Integer(), status: RoundStatus }),
  /** The filter first, then its breakdown. */
  cells: Type.Array(Cell),
});

export const Trend = Type.Object({
  /** Oldest round first. */
  points: Type.Array(Type.Object({ round: Type.Object({ id: Id, number: Type.Integer(), closesAt: DateTime }), cell: Cell })),
});

export const Comments = Type.Object({
  /** Whether the filter's comments may be read: shown, or why not. */
  status: Type.Enum(CELL_STATUSES),
  /** Plain text, in a random order that stays the same across pages (for the day). */
  items: Type.Array(
    Type.Object({
      text: Type.String(),
      questionId: Id,
      roundNumber: Type.Integer(),
      /** The date the round closes (YYYY-MM-DD): comments are dated by their round only. */
      roundDate: Type.String(),
    }),
  ),
  nextCursor: Nullable(Type.String()),
});

export const ResultSurvey = Type.Object({
  id: Id,
  kind: Type.Enum(SURVEY_KINDS),
  title: Type.String(),
  anonymity: Type.Enum(ANONYMITY),
  status: Type.Enum(SURVEY_STATUSES),
  rounds: Count,
  lastRound: Nullable(Type.Object({ id: Id, number: Type.Integer(), closesAt: DateTime, status: RoundStatus })),
});
export const ResultSurveys = Page(ResultSurvey);

const Named = Type.Object({ id: Id, name: Type.String() });

export const Overview = Type.Object({
  survey: Type.Object({
    id: Id,
    kind: Type.Enum(SURVEY_KINDS),
    title: Type.String(),
    anonymity: Type.Enum(ANONYMITY),
    threshold: Type.Integer(),
    commentThreshold: Type.Integer(),
    status: Type.Enum(SURVEY_STATUSES),
  }),
  /** Newest first. */
  rounds: Type.Array(Type.Object({ id: Id, number: Type.Integer(), opensAt: DateTime, closesAt: DateTime, status: RoundStatus })),
  scope: Type.Union([
    Type.Object({ kind: Type.Literal('all') }),
    Type.Object({ kind: Type.Literal('line'), managerId: Id, name: Type.String() }),
  ]),
  /** The values results can be filtered or broken down by, for this viewer. */
  filters: Type.Object({
    departments: Type.Array(Type.Object({ id: Id, name: Type.String(), parentId: Nullable(Id) })),
    teams: Type.Array(Named),
    locations: Type.Array(Named),
    lines: Type.Array(Named),
  }),
  questions: Type.Array(
    Type.Object({
      id: Id,
      kind: Type.Enum(QUESTION_KINDS),
      driver: Nullable(Type.Enum(DRIVERS)),
      /** In the viewer's language for bank questions. */
      text: Type.String(),
      options: Type.Array(Type.String()),
    }),
  ),
});

export const Responses = Page(
  Type.Object({
    person: Named,
    answers: Type.Array(
      Type.Object({
        questionId: Id,
        value: Nullable(Type.Integer()),
        choices: Nullable(Type.Array(Type.Integer())),
        text: Nullable(Type.String()),
      }),
    ),
  }),
);

export const ResultsCsv = Type.Unsafe<string>({
  type: 'string',
  description: 'The cells of a results request as CSV (UTF-8 with a BOM): aggregates only, never a row per person.',
});
