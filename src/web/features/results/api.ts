import type { Anonymity, Dimension, Driver, QuestionKind, SurveyKind, SurveyStatus } from '../../../shared/listening.js';
import { api, type Page } from '../../api.js';

export type { Anonymity, Dimension, Driver, QuestionKind, SurveyKind, SurveyStatus };

/** What a result cell may show: only 'shown' carries numbers. */
export type CellStatus = 'shown' | 'too_few' | 'suppressed' | 'unavailable';

export type RoundStatus = 'open' | 'closed';

/** The dimensions results can be filtered by and broken down by. */
export type Breakdown = Dimension;

/** A filter on the stored groups of the answer sheets; every part is optional. */
export interface ResultFilter {
  department?: string;
  team?: string;
  location?: string;
  line?: string;
}

export interface ResultsSurveyItem {
  id: string;
  kind: SurveyKind;
  title: string;
  anonymity: Anonymity;
  status: SurveyStatus;
  rounds: number;
  lastRound: { id: string; number: number; closesAt: string; status: RoundStatus } | null;
}

export interface ResultsRound {
  id: string;
  number: number;
  opensAt: string;
  closesAt: string;
  status: RoundStatus;
}

/** Everyone (HR, administrators) or one manager's reporting line. */
export type ResultsScope = { kind: 'all' } | { kind: 'line'; managerId: string; name: string };

export interface FilterDepartment {
  id: string;
  name: string;
  parentId: string | null;
}

export interface FilterOption {
  id: string;
  name: string;
}

export interface ResultsQuestion {
  id: string;
  kind: QuestionKind;
  driver: Driver | null;
  text: string;
  options: string[];
}

export interface ResultsOverview {
  survey: {
    id: string;
    kind: SurveyKind;
    title: string;
    anonymity: Anonymity;
    threshold: number;
    commentThreshold: number;
    status: SurveyStatus;
  };
  /** Newest first. */
  rounds: ResultsRound[];
  scope: ResultsScope;
  filters: {
    departments: FilterDepartment[];
    teams: FilterOption[];
    locations: FilterOption[];
    lines: FilterOption[];
  };
  questions: ResultsQuestion[];
}

export interface EnpsResult {
  score: number;
  answers: number;
  promoters: number;
  passives: number;
  detractors: number;
}

export interface DriverResult {
  driver: Driver;
  /** Share of favourable (4–5) answers, 0–100. */
  favourable: number | null;
  mean: number | null;
  answers: number;
}

export interface QuestionResult {
  questionId: string;
  answers: number;
  /** Everyone answered the same way: only the fact that there are enough answers is shown. */
  uniform: boolean;
  mean: number | null;
  favourable: number | null;
  /** Answers per scale point (1–5 or 0–10) or per option; null when uniform or for open text. */
  distribution: number[] | null;
}

export interface Cell {
  key: string;
  label: { dimension: Dimension; id: string; name: string } | null;
  filter: ResultFilter;
  status: CellStatus;
  /** An earlier released state is shown because the newest one is held back. */
  stale: boolean;
  /** Null when fewer than the threshold were invited. */
  invited: number | null;
  responses: number | null;
  responseRate: number | null;
  enps: EnpsResult | null;
  drivers: DriverResult[];
  questions: QuestionResult[];
  /** Written answers, only when enough people answered for comments to be shown. */
  comments: number | null;
}

export interface ResultsView {
  round: { id: string; number: number; status: RoundStatus };
  /** The filter itself first, then one cell per breakdown group. */
  cells: Cell[];
}

export interface TrendPoint {
  round: { id: string; number: number; closesAt: string };
  cell: Cell;
}

export interface Comment {
  text: string;
  questionId: string;
  roundNumber: number;
  roundDate: string;
}

export interface CommentsPage extends Page<Comment> {
  status: CellStatus;
}

export interface ResultsQuery extends ResultFilter {
  round: string;
  by?: Breakdown;
}

export interface CommentsQuery extends ResultFilter {
  round?: string;
  q?: string;
}

const base = (surveyId: string) => `/api/listening/surveys/${encodeURIComponent(surveyId)}`;

/** The filter as query parameters, in one fixed order. */
export function filterParams(f: ResultFilter): Record<string, string | undefined> {
  return { department: f.department, team: f.team, location: f.location, line: f.line };
}

/** The address of the aggregated CSV export of the same cells the page shows. */
export function resultsCsvUrl(surveyId: string, q: ResultsQuery): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ round: q.round, ...filterParams(q), by: q.by })) {
    if (v) {
      params.set(k, v);
    }
  }
  return `${base(surveyId)}/results.csv?${params.toString()}`;
}

export const resultsApi = {
  surveys: (cursor?: string) => api.get<Page<ResultsSurveyItem>>('/api/listening/results/surveys', { query: { cursor } }),
  overview: (surveyId: string) => api.get<ResultsOverview>(`${base(surveyId)}/results/overview`),
  results: (surveyId: string, q: ResultsQuery) =>
    api.get<ResultsView>(`${base(surveyId)}/results`, { query: { round: q.round, ...filterParams(q), by: q.by } }),
  trend: (surveyId: string, f: ResultFilter) => api.get<{ points: TrendPoint[] }>(`${base(surveyId)}/trend`, { query: filterParams(f) }),
  comments: (surveyId: string, q: CommentsQuery, cursor?: string) =>
    api.get<CommentsPage>(`${base(surveyId)}/comments`, { query: { round: q.round, ...filterParams(q), q: q.q, cursor } }),
};
