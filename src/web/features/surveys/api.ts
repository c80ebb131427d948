import { api, type Page } from '../../api.js';
import type { Anonymity, Driver, QuestionKind, Recurrence, SurveyKind, SurveyStatus } from '../../../shared/listening.js';

/** Who a survey asks: everyone, or anyone in at least one of the lists. */
export interface Audience {
  all?: boolean;
  departmentIds?: string[];
  teamIds?: string[];
  locationIds?: string[];
  /** Managers whose reporting lines (direct and indirect) are asked. */
  lineOf?: string[];
}

export interface PersonRef {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
}

export interface RoundSummary {
  id: string;
  number: number;
  opensAt: string;
  closesAt: string;
  status: 'open' | 'closed';
  invited: number;
  /** Null when the round invited fewer people than the threshold. */
  responses: number | null;
}

export interface SurveySummary {
  id: string;
  kind: SurveyKind;
  title: string;
  anonymity: Anonymity;
  status: SurveyStatus;
  recurrence: Recurrence;
  startsAt: string | null;
  endsAt: string | null;
  threshold: number;
  commentThreshold: number;
  createdAt: string;
  createdBy: PersonRef | null;
  currentRound: RoundSummary | null;
  canEdit: boolean;
  canSchedule: boolean;
  canEnd: boolean;
  canDelete: boolean;
  canSeeResults: boolean;
}

export interface QuestionView {
  id: string;
  position: number;
  kind: QuestionKind;
  driver: Driver | null;
  bankKey: string | null;
  text: string;
  options: string[];
  required: boolean;
  pool: boolean;
}

export interface SurveyDetail extends SurveySummary {
  intro: string;
  audience: Audience;
  audienceLabels: {
    departments: { id: string; name: string }[];
    teams: { id: string; name: string }[];
    locations: { id: string; name: string }[];
    lineOf: PersonRef[];
  };
  rotateCount: number;
  roundDays: number;
  reminderDays: number[];
  questions: QuestionView[];
  questionsLocked: boolean;
}

/** A question as the editor sends it: from the bank by key, or custom. */
export interface QuestionInput {
  bankKey?: string;
  kind?: QuestionKind;
  text?: string;
  options?: string[];
  driver?: Driver;
  required?: boolean;
  pool?: boolean;
}

export interface SurveyInput {
  kind?: 'survey' | 'pulse';
  title?: string;
  intro?: string;
  anonymity?: Anonymity;
  threshold?: number;
  commentThreshold?: number;
  audience?: Audience;
  recurrence?: Recurrence;
  rotateCount?: number;
  startsAt?: string | null;
  roundDays?: number;
  endsAt?: string | null;
  reminderDays?: number[];
  questions?: QuestionInput[];
}

export interface CheckinInput {
  audience: Audience;
  title?: string;
  anonymity?: Anonymity;
  recurrence?: 'none' | 'weekly';
  days?: number;
  reminderDays?: number[];
}

export interface ListeningSettings {
  threshold: number;
  commentThreshold: number;
  leadershipIds: string[];
  leadership: PersonRef[];
}

export interface SurveyFilters {
  kind?: SurveyKind;
  status?: SurveyStatus;
}

const BASE = '/api/listening';
const one = (id: string) => `${BASE}/surveys/${encodeURIComponent(id)}`;

export const surveysApi = {
  list: (f: SurveyFilters, cursor?: string) => api.get<Page<SurveySummary>>(`${BASE}/surveys`, { query: { ...f, cursor, limit: 20 } }),
  get: (id: string) => api.get<SurveyDetail>(one(id)),
  create: (body: SurveyInput & { kind: 'survey' | 'pulse'; title: string }) => api.post<SurveyDetail>(`${BASE}/surveys`, body),
  update: (id: string, body: SurveyInput) => api.patch<SurveyDetail>(one(id), body),
  remove: (id: string) => api.delete<{ ok: true }>(one(id)),
  schedule: (id: string) => api.post<SurveyDetail>(`${one(id)}/schedule`, {}),
  end: (id: string) => api.post<SurveyDetail>(`${one(id)}/end`, {}),
  preview: (audience: Audience) => api.post<{ invited: number; threshold: number }>(`${BASE}/audience/preview`, { audience }),
  startCheckin: (body: CheckinInput) => api.post<SurveyDetail>(`${BASE}/checkins`, body),
  settings: () => api.get<ListeningSettings>(`${BASE}/settings`),
  saveSettings: (body: { threshold: number; commentThreshold: number; leadershipIds: string[] }) =>
    api.put<ListeningSettings>(`${BASE}/settings`, body),
};
