import { Type, type Static } from 'typebox';
import { DateTime, Id, Nullable } from '../../platform/http.js';
import { ANONYMITY, DIMENSIONS, DRIVERS, LISTENING_LIMITS, QUESTION_KINDS, SURVEY_KINDS } from '../../../shared/listening.js';

export const RoundParams = Type.Object({ roundId: Id }, { additionalProperties: false });

/** The language the reader's screen is in, when it differs from their saved one (bank questions follow it). */
export const RoundQuery = Type.Object({ lang: Type.Optional(Type.Enum(['en', 'it'])) }, { additionalProperties: false });

const OpenRound = Type.Object({
  roundId: Id,
  surveyId: Id,
  kind: Type.Enum(SURVEY_KINDS),
  title: Type.String(),
  anonymity: Type.Enum(ANONYMITY),
  closesAt: DateTime,
  /** How many questions the round asks. */
  questions: Type.Integer({ minimum: 0 }),
});

const AnsweredRound = Type.Object({
  roundId: Id,
  surveyId: Id,
  kind: Type.Enum(SURVEY_KINDS),
  title: Type.String(),
  closesAt: DateTime,
});

/** Open rounds the viewer still has to answer, and open rounds they already answered; newest first. */
export const MyOpen = Type.Object({ items: Type.Array(OpenRound), answered: Type.Array(AnsweredRound) });
export type MyOpen = Static<typeof MyOpen>;

export const RoundQuestion = Type.Object({
  id: Id,
  kind: Type.Enum(QUESTION_KINDS),
  driver: Nullable(Type.Enum(DRIVERS)),
  /** In the viewer's language for bank questions. */
  text: Type.String(),
  options: Type.Array(Type.String()),
  required: Type.Boolean(),
});

export const RoundView = Type.Object({
  round: Type.Object({
    id: Id,
    number: Type.Integer(),
    opensAt: DateTime,
    closesAt: DateTime,
    /** 'closed' once the round no longer takes answers (closed, or past its closing time). */
    status: Type.Enum(['open', 'closed']),
  }),
  survey: Type.Object({
    id: Id,
    kind: Type.Enum(SURVEY_KINDS),
    title: Type.String(),
    intro: Type.String(),
    anonymity: Type.Enum(ANONYMITY),
    threshold: Type.Integer(),
  }),
  questions: Type.Array(RoundQuestion),
  /**
   * The group the viewer's answer is stored and reported under: how many invited people share it,
   * and the names of what it is made of ("Sales", "Milano"); empty labels mean the whole audience.
   */
  group: Type.Object({
    size: Type.Integer({ minimum: 0 }),
    labels: Type.Array(Type.Object({ dimension: Type.Enum(DIMENSIONS), name: Type.String() })),
  }),
  answered: Type.Boolean(),
});
export type RoundView = Static<typeof RoundView>;

export const TERM_KINDS = ['person', 'team', 'department', 'location', 'title'] as const;

/** Words the web app checks a comment against before it is sent, to warn that it may identify its writer. */
export const IdentifyingTerms = Type.Object({
  terms: Type.Array(Type.Object({ term: Type.String(), kind: Type.Enum(TERM_KINDS) })),
});
export type IdentifyingTerms = Static<typeof IdentifyingTerms>;

/**
 * One answer. Scale questions take `value`; single and multiple choice take `choices` (option
 * indexes, one for single choice); open text takes `text`. Text is kept as plain text, never HTML.
 */
export const Answer = Type.Object(
  {
    questionId: Id,
    value: Type.Optional(Nullable(Type.Integer({ minimum: -1000, maximum: 1000 }))),
    choices: Type.Optional(Nullable(Type.Array(Type.Integer({ minimum: 0, maximum: 1000 }), { maxItems: LISTENING_LIMITS.options }))),
    // Trimmed before the real limit applies, so a little room is left for surrounding blanks.
    text: Type.Optional(Nullable(Type.String({ maxLength: LISTENING_LIMITS.comment + 200 }))),
  },
  { additionalProperties: false },
);

export const NewAnswers = Type.Object(
  { answers: Type.Array(Answer, { maxItems: LISTENING_LIMITS.questions }) },
  { additionalProperties: false },
);
export type NewAnswers = Static<typeof NewAnswers>;
