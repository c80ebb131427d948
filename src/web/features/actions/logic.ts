import { ACTION_SCOPES, ACTION_STATUSES, DRIVERS, type ActionScope, type ActionStatus, type Driver } from '../../../shared/listening.js';
import type { ActionInput, ActionView } from './api.js';

/** What the action form holds while it is being filled in. */
export interface FormValues {
  title: string;
  description: string;
  ownerId: string | null;
  /** YYYY-MM-DD, or '' for none (what a date input gives). */
  dueOn: string;
  status: ActionStatus;
  surveyId: string | null;
  driver: Driver | null;
  scopeKind: ActionScope;
  /** The department, team or manager; null for the company, or for one's own line. */
  scopeId: string | null;
}

export const isStatus = (v: unknown): v is ActionStatus => (ACTION_STATUSES as readonly unknown[]).includes(v);
export const isDriver = (v: unknown): v is Driver => (DRIVERS as readonly unknown[]).includes(v);
export const isScope = (v: unknown): v is ActionScope => (ACTION_SCOPES as readonly unknown[]).includes(v);

/** The form's starting values: the action being edited, or a new one (for one's own team, maybe from a survey's result). */
export function initialValues(
  action: ActionView | null,
  prefill: { surveyId?: string | null; driver?: Driver | null; ownerId?: string | null },
): FormValues {
  if (action) {
    return {
      title: action.title,
      description: action.description,
      ownerId: action.owner?.id ?? null,
      dueOn: action.dueOn ?? '',
      status: action.status,
      surveyId: action.survey?.id ?? null,
      driver: action.driver,
      scopeKind: action.scope.kind,
      scopeId: action.scope.id,
    };
  }
  return {
    title: '',
    description: '',
    ownerId: prefill.ownerId ?? null,
    dueOn: '',
    status: 'planned',
    surveyId: prefill.surveyId ?? null,
    driver: prefill.driver ?? null,
    scopeKind: 'line',
    scopeId: null,
  };
}

/** A real calendar day written as YYYY-MM-DD (a date input may hand over anything a browser lets through). */
export function isDay(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) {
    return false;
  }
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The request body for the form's values; a scope needing a department or team is left to the form's validation. */
export function toInput(v: FormValues): ActionInput {
  return {
    title: v.title.trim(),
    description: v.description,
    ...(v.ownerId ? { ownerId: v.ownerId } : {}),
    dueOn: v.dueOn || null,
    status: v.status,
    surveyId: v.surveyId,
    driver: v.driver,
    scope: v.scopeKind === 'company' || v.scopeId === null ? { kind: v.scopeKind } : { kind: v.scopeKind, id: v.scopeId },
  };
}

/** Today in the reader's time zone, YYYY-MM-DD. */
export function today(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** An action is late when its due day has passed and it is not done. */
export function isOverdue(action: Pick<ActionView, 'dueOn' | 'status'>, day: string): boolean {
  return action.dueOn !== null && action.status !== 'done' && action.dueOn < day;
}
