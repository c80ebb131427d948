import type { Leaderboard, LeaderboardPeriod } from '../../../shared/recognition.js';
import { api, type Page } from '../../api.js';
import type { Author } from '../feed/api.js';
import type { RecognitionMe, RecognitionPrefs, Value } from '../kudos/api.js';

export type { Author, Leaderboard, LeaderboardPeriod, RecognitionMe, RecognitionPrefs, Value };

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
  insights: (f: InsightsFilters) =>
    api.get<RecognitionInsights>('/api/insights/recognition', {
      query: { from: f.from, to: f.to, departmentId: f.departmentId, teamId: f.teamId },
    }),
  unrecognised: (f: Pick<InsightsFilters, 'departmentId' | 'teamId'>, cursor?: string, limit = 20) =>
    api.get<Page<UnrecognisedPerson>>('/api/insights/recognition/unrecognised', {
      query: { departmentId: f.departmentId, teamId: f.teamId, cursor, limit },
    }),
};
