import { api } from '../../api.js';
import type { Anonymity, Dimension, Driver, QuestionKind, SurveyKind } from '../../../shared/listening.js';
import type { IdentifyingTerm } from '../../../shared/identifying-terms.js';

export type { IdentifyingTerm };

/** An open round I still have to answer. */
export interface OpenRound {
  roundId: string;
  surveyId: string;
  kind: SurveyKind;
  title: string;
  anonymity: Anonymity;
  closesAt: string;
  questions: number;
}

/** An open round I already answered. */
export interface AnsweredRound {
  roundId: string;
  surveyId: string;
  kind: SurveyKind;
  title: string;
  closesAt: string;
}

export interface MyOpen {
  items: OpenRound[];
  answered: AnsweredRound[];
}

export interface RoundQuestion {
  id: string;
  kind: QuestionKind;
  driver: Driver | null;
  text: string;
  options: string[];
  required: boolean;
}

export interface GroupLabel {
  dimension: Dimension;
  name: string;
}

export interface RoundView {
  round: { id: string; number: number; opensAt: string; closesAt: string; status: 'open' | 'closed' };
  survey: { id: string; kind: SurveyKind; title: string; intro: string; anonymity: Anonymity; threshold: number };
  questions: RoundQuestion[];
  group: { size: number; labels: GroupLabel[] };
  answered: boolean;
}

export interface AnswerInput {
  questionId: string;
  value?: number;
  choices?: number[];
  text?: string;
}

const round = (id: string) => `/api/listening/rounds/${encodeURIComponent(id)}`;

export const listeningApi = {
  myOpen: () => api.get<MyOpen>('/api/listening/me/open'),
  round: (id: string, lang: string) => api.get<RoundView>(round(id), { query: { lang } }),
  terms: (id: string) => api.get<{ terms: IdentifyingTerm[] }>(`${round(id)}/identifying-terms`),
  answer: (id: string, answers: AnswerInput[]) => api.post<{ ok: true }>(`${round(id)}/answers`, { answers }),
};
