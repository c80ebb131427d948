import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable, Page } from '../../platform/http.js';
import {
  ANONYMITY,
  DRIVERS,
  LISTENING_LIMITS as L,
  QUESTION_KINDS,
  RECURRENCES,
  SURVEY_KINDS,
  SURVEY_STATUSES,
} from '../../../shared/listening.js';
import { Author } from '../posts/posts.schemas.js';

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const Cursor = Type.Optional(Type.String({ minLength: 1, maxLength: 200 }));
const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 100 }));
/** Written as OpenAPI's `nullable` rather than a union, so that type coercion never turns a null into a string. */
const NullableDate = Type.Unsafe<string | null>({ type: 'string', format: 'date-time', nullable: true });
const Threshold = Type.Integer({ minimum: L.minThreshold, maximum: L.maxThreshold });
/** Most ids one audience criterion may list. */
const AUDIENCE_IDS = 500;
const Ids = Type.Array(Id, { maxItems: AUDIENCE_IDS, uniqueItems: true });

// --- Settings ---------------------------------------------------------------------------------------

export const Settings = Type.Object({
  threshold: Threshold,
  commentThreshold: Threshold,
  leadershipIds: Type.Array(Id),
  /** The leadership team, for showing names. */
  leadership: Type.Array(Author),
});
export type SettingsView = Static<typeof Settings>;

export const SettingsInput = Type.Object(
  {
    threshold: Threshold,
    commentThreshold: Threshold,
    leadershipIds: Type.Array(Id, { maxItems: 50, uniqueItems: true }),
  },
  { additionalProperties: false },
);
export type SettingsInput = Static<typeof SettingsInput>;

// --- The question bank -------------------------------------------------------------------------------

export const Bank = Type.Object({
  drivers: Type.Array(Type.Enum(DRIVERS)),
  questions: Type.Array(
    Type.Object({
      key: Type.String(),
      driver: Type.Enum(DRIVERS),
      kind: Type.Enum(QUESTION_KINDS),
      en: Type.String(),
      it: Type.String(),
      /** In the viewer's language. */
      text: Type.String(),
    }),
  ),
});

// --- Audiences -------------------------------------------------------------------------------------

/** Who a survey asks: everyone, or anyone matching at least one of the lists. */
export const Audience = Type.Object(
  {
    all: Type.Optional(Type.Boolean()),
    departmentIds: Type.Optional(Ids),
    teamIds: Type.Optional(Ids),
    locationIds: Type.Optional(Ids),
    /** Managers whose reporting lines (direct and indirect) are asked. */
    lineOf: Type.Optional(Ids),
  },
  { additionalProperties: false },
);
export type AudienceInput = Static<typeof Audience>;

export const AudiencePreviewInput = Type.Object({ audience: Audience }, { additionalProperties: false });
export const AudiencePreview = Type.Object({
  invited: Type.Integer({ minimum: 0 }),
  /** The organisation's anonymity threshold: fewer invited than this and results could never be shown. */
  threshold: Type.Integer(),
});

/** The names behind an audience's ids, for the editor. */
export const AudienceLabels = Type.Object({
  departments: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  teams: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  locations: Type.Array(Type.Object({ id: Id, name: Type.String() })),
  lineOf: Type.Array(Author),
});

// --- Questions -------------------------------------------------------------------------------------

export const QuestionInput = Type.Object(
  {
    /** A question of the bank: its kind, driver and texts come from the bank. */
    bankKey: Type.Optional(Type.String({ minLength: 1, maxLength: 80 })),
    kind: Type.Optional(Type.Enum(QUESTION_KINDS)),
    /** A custom question's text. */
    text: Type.Optional(Type.String({ maxLength: L.questionText })),
    /** The choices of a single or multiple choice question. */
    options: Type.Optional(Type.Array(Type.String({ maxLength: L.optionText }), { maxItems: L.options })),
    /** A custom scale question may count towards a driver (0–10 ones only towards eNPS). */
    driver: Type.Optional(Type.Enum(DRIVERS)),
    required: Type.Optional(Type.Boolean()),
    /** Part of the rotating pool of a pulse: asked `rotateCount` at a time, in turn. */
    pool: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type QuestionInput = Static<typeof QuestionInput>;

export const Question = Type.Object({
  id: Id,
  position: Type.Integer(),
  kind: Type.Enum(QUESTION_KINDS),
  driver: Nullable(Type.Enum(DRIVERS)),
  bankKey: Nullable(Type.String()),
  /** In the viewer's language for bank questions. */
  text: Type.String(),
  options: Type.Array(Type.String()),
  required: Type.Boolean(),
  pool: Type.Boolean(),
});
export type QuestionView = Static<typeof Question>;

// --- Surveys ---------------------------------------------------------------------------------------

const SurveyFields = {
  title: Text(L.title),
  intro: Type.String({ maxLength: L.intro }),
  anonymity: Type.Enum(ANONYMITY),
  threshold: Threshold,
  commentThreshold: Threshold,
  audience: Audience,
  recurrence: Type.Enum(RECURRENCES),
  rotateCount: Type.Integer({ minimum: 0, maximum: 50 }),
  startsAt: NullableDate,
  /** How many days each round stays open. */
  roundDays: Type.Integer({ minimum: 1, maximum: 90 }),
  /** No round opens from this moment on; a one-off survey closes then. */
  endsAt: NullableDate,
  /** Days after a round opens when those who have not answered are reminded. */
  reminderDays: Type.Array(Type.Integer({ minimum: 1, maximum: 89 }), { maxItems: 10, uniqueItems: true }),
  questions: Type.Array(QuestionInput, { maxItems: L.questions }),
};

export const NewSurvey = Type.Object(
  {
    kind: Type.Enum(['survey', 'pulse']),
    title: SurveyFields.title,
    intro: Type.Optional(SurveyFields.intro),
    anonymity: Type.Optional(SurveyFields.anonymity),
    threshold: Type.Optional(SurveyFields.threshold),
    commentThreshold: Type.Optional(SurveyFields.commentThreshold),
    audience: Type.Optional(SurveyFields.audience),
    recurrence: Type.Optional(SurveyFields.recurrence),
    rotateCount: Type.Optional(SurveyFields.rotateCount),
    startsAt: Type.Optional(SurveyFields.startsAt),
    roundDays: Type.Optional(SurveyFields.roundDays),
    endsAt: Type.Optional(SurveyFields.endsAt),
    reminderDays: Type.Optional(SurveyFields.reminderDays),
    questions: Type.Optional(SurveyFields.questions),
  },
  { additionalProperties: false },
);
export type NewSurvey = Static<typeof NewSurvey>;

/** A change: any of the fields; `questions`, when given, replaces them all. */
export const SurveyPatch = Type.Object(
  {
    title: Type.Optional(SurveyFields.title),
    intro: Type.Optional(SurveyFields.intro),
    anonymity: Type.Optional(SurveyFields.anonymity),
    threshold: Type.Optional(SurveyFields.threshold),
    commentThreshold: Type.Optional(SurveyFields.commentThreshold),
    audience: Type.Optional(SurveyFields.audience),
    recurrence: Type.Optional(SurveyFields.recurrence),
    rotateCount: Type.Optional(SurveyFields.rotateCount),
    startsAt: Type.Optional(SurveyFields.startsAt),
    roundDays: Type.Optional(SurveyFields.roundDays),
    endsAt: Type.Optional(SurveyFields.endsAt),
    reminderDays: Type.Optional(SurveyFields.reminderDays),
    questions: Type.Optional(SurveyFields.questions),
  },
  { additionalProperties: false },
);
export type SurveyPatch = Static<typeof SurveyPatch>;

export const RoundSummary = Type.Object({
  id: Id,
  number: Type.Integer(),
  opensAt: DateTime,
  closesAt: DateTime,
  status: Type.Enum(['open', 'closed']),
  invited: Type.Integer(),
  /** How many answered; null when the round invited fewer than its threshold. */
  responses: Nullable(Type.Integer()),
});
export type RoundSummary = Static<typeof RoundSummary>;

export const Round = Type.Evaluate(
  Type.Intersect([
    RoundSummary,
    Type.Object({
      /** How many questions the round asks. */
      questions: Type.Integer(),
      threshold: Type.Integer(),
    }),
  ]),
);
export type RoundView = Static<typeof Round>;

export const SurveySummary = Type.Object({
  id: Id,
  kind: Type.Enum(SURVEY_KINDS),
  title: Type.String(),
  anonymity: Type.Enum(ANONYMITY),
  status: Type.Enum(SURVEY_STATUSES),
  recurrence: Type.Enum(RECURRENCES),
  startsAt: Nullable(DateTime),
  endsAt: Nullable(DateTime),
  threshold: Type.Integer(),
  commentThreshold: Type.Integer(),
  createdAt: DateTime,
  createdBy: Nullable(Author),
  /** The open round, else the latest one. */
  currentRound: Nullable(RoundSummary),
  canEdit: Type.Boolean(),
  canSchedule: Type.Boolean(),
  canEnd: Type.Boolean(),
  canDelete: Type.Boolean(),
  canSeeResults: Type.Boolean(),
});
export type SurveySummary = Static<typeof SurveySummary>;

export const SurveyDetail = Type.Evaluate(
  Type.Intersect([
    SurveySummary,
    Type.Object({
      intro: Type.String(),
      audience: Audience,
      audienceLabels: AudienceLabels,
      rotateCount: Type.Integer(),
      roundDays: Type.Integer(),
      reminderDays: Type.Array(Type.Integer()),
      questions: Type.Array(Question),
      /** Whether the questions can still change (no round has opened yet). */
      questionsLocked: Type.Boolean(),
    }),
  ]),
);
export type SurveyDetail = Static<typeof SurveyDetail>;

export const SurveyQuery = Type.Object(
  {
    kind: Type.Optional(Type.Enum(SURVEY_KINDS)),
    status: Type.Optional(Type.Enum(SURVEY_STATUSES)),
    cursor: Cursor,
    limit: Limit,
  },
  { additionalProperties: false },
);
export type SurveyQuery = Static<typeof SurveyQuery>;
export const SurveyPage = Page(SurveySummary);

export const SurveyParams = Type.Object({ surveyId: Id }, { additionalProperties: false });

export const RoundQuery = Type.Object({ cursor: Cursor, limit: Limit }, { additionalProperties: false });
export const RoundPage = Page(Round);

// --- Check-ins -------------------------------------------------------------------------------------

export const NewCheckin = Type.Object(
  {
    /**
     * The company (`all`), departments or teams (HR and administrators), or a manager's reporting line
     * (`lineOf`: a plain manager may only name themselves).
     */
    audience: Audience,
    title: Type.Optional(Text(L.title)),
    intro: Type.Optional(Type.String({ maxLength: L.intro })),
    anonymity: Type.Optional(Type.Enum(ANONYMITY)),
    /** One round, or one every week until ended. */
    recurrence: Type.Optional(Type.Enum(['none', 'weekly'])),
    /** How many days each round stays open (a weekly check-in at most 7). */
    days: Type.Optional(Type.Integer({ minimum: 1, maximum: 14 })),
    reminderDays: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 13 }), { maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);
export type NewCheckin = Static<typeof NewCheckin>;
