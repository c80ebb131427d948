import { api, type Page } from '../../api.js';
import type { SafetyStatus } from '../../../shared/comms.js';

export interface Ref {
  id: string;
  name: string;
}

export interface SafetyCounts {
  total: number;
  safe: number;
  help: number;
  pending: number;
}

export interface LocationTally extends SafetyCounts {
  /** Null for people without a location. */
  location: Ref | null;
}

export interface ReportPerson {
  id: string;
  name: string;
  location: string | null;
  note: string | null;
  answeredAt: string | null;
}

export interface SafetyReport extends SafetyCounts {
  startedAt: string;
  closedAt: string;
  durationSeconds: number;
  byLocation: LocationTally[];
  neededHelp: ReportPerson[];
  neverAnswered: ReportPerson[];
}

export interface SafetyCheckSummary {
  id: string;
  title: string;
  message: string;
  drill: boolean;
  status: 'open' | 'closed';
  reminderMinutes: number;
  startedBy: Ref | null;
  startedAt: string;
  lastRemindedAt: string | null;
  closedAt: string | null;
  counts: SafetyCounts;
}

export interface SafetyCheckDetail extends SafetyCheckSummary {
  closedBy: Ref | null;
  byLocation: LocationTally[];
  report: SafetyReport | null;
}

export interface CheckPerson {
  id: string;
  name: string;
  title: string | null;
  phone: string | null;
  location: Ref | null;
  status: SafetyStatus;
  note: string | null;
  answeredAt: string | null;
  remindedCount: number;
}

/** A check as the person it asks sees it. */
export interface MyCheck {
  id: string;
  title: string;
  message: string;
  drill: boolean;
  open: boolean;
  startedAt: string;
  status: SafetyStatus;
  note: string | null;
  answeredAt: string | null;
}

export interface NewCheck {
  title: string;
  message?: string;
  drill: boolean;
  locationIds?: string[];
  userIds?: string[];
  reminderMinutes?: number;
}

const check = (id: string) => `/api/safety/checks/${encodeURIComponent(id)}`;

export const safetyApi = {
  start: (body: NewCheck) => api.post<SafetyCheckDetail>('/api/safety/checks', body),
  list: (cursor?: string) => api.get<Page<SafetyCheckSummary>>('/api/safety/checks', { query: { cursor, limit: 20 } }),
  get: (id: string) => api.get<SafetyCheckDetail>(check(id)),
  people: (id: string, status: SafetyStatus, cursor?: string) =>
    api.get<Page<CheckPerson>>(`${check(id)}/people`, { query: { status, cursor, limit: 50 } }),
  remind: (id: string) => api.post<{ reminded: number }>(`${check(id)}/remind`),
  close: (id: string) => api.post<SafetyCheckDetail>(`${check(id)}/close`),
  csvUrl: (id: string) => `${check(id)}/report.csv`,
  mine: () => api.get<{ items: MyCheck[] }>('/api/safety/mine'),
  me: (id: string) => api.get<MyCheck>(`${check(id)}/me`),
  answer: (id: string, body: { status: 'safe' | 'help'; note?: string }) => api.post<MyCheck>(`${check(id)}/answer`, body),
};
