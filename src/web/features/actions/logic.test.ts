import { describe, expect, it } from 'vitest';
import type { ActionView } from './api.js';
import { initialValues, isDay, isOverdue, toInput, today } from './logic.js';

const action: ActionView = {
  id: '0190a0a0-0000-7000-8000-000000000001',
  title: 'Quiet Fridays',
  description: 'No meetings',
  html: '<p>No meetings</p>',
  status: 'in_progress',
  dueOn: '2026-12-18',
  driver: 'wellbeing',
  owner: { id: '0190a0a0-0000-7000-8000-000000000002', name: 'Sarah Thompson', title: null, photoUrl: null },
  survey: { id: '0190a0a0-0000-7000-8000-000000000003', title: 'Engagement' },
  scope: { kind: 'department', id: '0190a0a0-0000-7000-8000-000000000004', name: 'Customer Success' },
  sharedAt: null,
  createdBy: null,
  createdAt: '2026-11-01T10:00:00.000Z',
  updatedAt: '2026-11-01T10:00:00.000Z',
  canEdit: true,
  canDelete: true,
  canShare: true,
};

describe('action form', () => {
  it('starts a new action for one’s own team, owned by the writer, from the result it came from', () => {
    const v = initialValues(null, { surveyId: 's1', driver: 'workload', ownerId: 'me' });
    expect(v).toMatchObject({ title: '', ownerId: 'me', surveyId: 's1', driver: 'workload', scopeKind: 'line', scopeId: null, dueOn: '' });
    expect(toInput({ ...v, title: '  Rota  ' })).toEqual({
      title: 'Rota',
      description: '',
      ownerId: 'me',
      dueOn: null,
      status: 'planned',
      surveyId: 's1',
      driver: 'workload',
      scope: { kind: 'line' },
    });
  });

  it('sends an edited action back with its scope unchanged', () => {
    const input = toInput(initialValues(action, {}));
    expect(input.scope).toEqual({ kind: 'department', id: action.scope.id });
    expect(input).toMatchObject({ ownerId: action.owner!.id, dueOn: '2026-12-18', surveyId: action.survey!.id, driver: 'wellbeing' });
    expect(toInput({ ...initialValues(action, {}), scopeKind: 'company', scopeId: 'x' }).scope).toEqual({ kind: 'company' });
  });

  it('accepts only real calendar days', () => {
    expect(isDay('2026-12-18')).toBe(true);
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-30')).toBe(false);
    expect(isDay('18/12/2026')).toBe(false);
  });

  it('calls an action late only when its day has passed and it is not done', () => {
    expect(isOverdue(action, '2026-12-19')).toBe(true);
    expect(isOverdue(action, '2026-12-18')).toBe(false);
    expect(isOverdue({ ...action, status: 'done' }, '2027-01-01')).toBe(false);
    expect(isOverdue({ ...action, dueOn: null }, '2027-01-01')).toBe(false);
    expect(today(new Date(2026, 0, 5, 23, 30))).toBe('2026-01-05');
  });
});
