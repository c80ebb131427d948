import type { Leaderboard, LeaderboardPeriod } from '../../../shared/recognition.js';
import { api, type Page } from '../../api.js';

export type { Leaderboard, LeaderboardPeriod };

/** A person as the recognition API shows them. */
export interface Author {
  id: string;
  name: string;
  title: string | null;
  photoUrl: string | null;
}

/** One of the company's values (active ones, in the company's order). */
export interface Value {
  id: string;
  name: string;
  description: string;
  emoji: string | null;
}

export interface LeaderboardEntry {
  rank: number;
  person: Author;
  points: number;
  kudos: number;
}

export interface LeaderboardView {
  board: Leaderboard;
  period: LeaderboardPeriod;
  /** False when the company switched this board off: then there are no entries. */
  enabled: boolean;
  entries: LeaderboardEntry[];
  /** The viewer's own place, even outside the top; null when they are not on the board. */
  me: { rank: number; points: number; kudos: number } | null;
}

export interface LeaderboardQuery {
  board: Leaderboard;
  period: LeaderboardPeriod;
  departmentId?: string;
  valueId?: string;
  limit?: number;
}

/** The viewer's own recognition state; the leaderboards use its values and gamification flag. */
export interface RecognitionMe {
  gamification: boolean;
  allowance: { total: number; given: number; remaining: number; period: string; resetsAt: string };
  received: number;
  values: Value[];
  requireValue: boolean;
  recipientLimit: { points: number; days: number };
}

export interface RecognitionPrefs {
  hideFromLeaderboards: boolean;
  birthday: string | null;
  celebrateBirthday: boolean;
}

export interface FlowNode {
  id: string;
  name: string;
  people: number;
}

export interface FlowLink {
  source: string;
  target: string;
  count: number;
}

export interface Flow {
  nodes: FlowNode[];
  links: FlowLink[];
}

export interface VolumePoint {
  /** The Monday that starts the ISO week, YYYY-MM-DD. */
  week: string;
  kudos: number;
  points: number;
}

export interface ValueCount {
  /** Null for kudos given without a value. */
  value: Value | null;
  count: number;
}

export interface Totals {
  kudos: number;
  points: number;
  givers: number;
  receivers: number;
}

/** Everyone (HR and administrators) or only the people who report to the viewer (managers). */
export type InsightsScope = 'all' | 'reports';

export interface RecognitionInsights {
  scope: InsightsScope;
  volume: VolumePoint[];
  values: ValueCount[];
  flow: Flow;
  totals: Totals;
}

export interface InsightsFilters {
  /** YYYY-MM-DD, first day included. */
  from: string;
  /** YYYY-MM-DD, last day included. */
  to: string;
  departmentId?: string;
  teamId?: string;
}

export interface UnrecognisedPerson {
  person: Author;
  department: string | null;
  lastRecognisedAt: string | null;
}

export const insightsApi = {
  leaderboard: ({ board, period, departmentId, valueId, limit }: LeaderboardQuery) =>
    api.get<LeaderboardView>('/api/leaderboards', { query: { board, period, departmentId, valueId, limit } }),
  recognitionMe: () => api.get<RecognitionMe>('/api/recognition/me'),
  prefs: () => api.get<RecognitionPrefs>('/api/me/recognition-prefs'),
  insights: (f: InsightsFilters) =>
    api.get<RecognitionInsights>('/api/insights/recognition', {
      query: { from: f.from, to: f.to, departmentId: f.departmentId, teamId: f.teamId },
    }),
  unrecognised: (f: Pick<InsightsFilters, 'departmentId' | 'teamId'>, cursor?: string, limit = 20) =>
    api.get<Page<UnrecognisedPerson>>('/api/insights/recognition/unrecognised', {
      query: { departmentId: f.departmentId, teamId: f.teamId, cursor, limit },
    }),
};
