import { api, type Page } from '../../api.js';
import type { ActionScope, ActionStatus, Driver } from '../../../shared/listening.js';
import type { Author } from '../feed/api.js';

export type { ActionScope, ActionStatus, Author, Driver };

/** An action plan as the server sends it, with what the reader may do with it. */
export interface ActionView {
  id: string;
  title: string;
  /** The Markdown as written. */
  description: string;
  /** The description rendered and sanitised by the server. */
  html: string;
  status: ActionStatus;
  /** YYYY-MM-DD */
  dueOn: string | null;
  driver: Driver | null;
  owner: Author | null;
  survey: { id: string; title: string } | null;
  scope: { kind: ActionScope; id: string | null; name: string | null };
  sharedAt: string | null;
  createdBy: Author | null;
  createdAt: string;
  updatedAt: string;
  canEdit: boolean;
  canDelete: boolean;
  canShare: boolean;
}

export interface ScopeInput {
  kind: ActionScope;
  /** Left out for one's own line. */
  id?: string;
}

export interface ActionInput {
  title: string;
  description: string;
  ownerId?: string;
  dueOn: string | null;
  status: ActionStatus;
  surveyId: string | null;
  driver: Driver | null;
  scope: ScopeInput;
}

export interface ActionFilters {
  status?: ActionStatus;
  surveyId?: string;
}

/** A survey an action can point back to (the surveys whose results the reader may see). */
export interface SurveyOption {
  id: string;
  title: string;
}

const path = (id: string) => `/api/listening/actions/${encodeURIComponent(id)}`;

export const actionsApi = {
  managed: (f: ActionFilters, cursor?: string) =>
    api.get<Page<ActionView>>('/api/listening/actions', { query: { status: f.status, surveyId: f.surveyId, cursor } }),
  shared: (cursor?: string, limit?: number) => api.get<Page<ActionView>>('/api/listening/actions/shared', { query: { cursor, limit } }),
  create: (input: ActionInput) => api.post<ActionView>('/api/listening/actions', input),
  update: (id: string, patch: Partial<ActionInput>) => api.patch<ActionView>(path(id), patch),
  remove: (id: string) => api.delete<{ ok: true }>(path(id)),
  share: (id: string) => api.post<ActionView>(`${path(id)}/share`, {}),
  /** The first page of surveys with results the reader may see, to link an action to. */
  surveys: () => api.get<Page<SurveyOption>>('/api/listening/results/surveys', { quiet: true }),
};
