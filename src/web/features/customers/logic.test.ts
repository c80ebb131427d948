import { describe, expect, it } from 'vitest';
import type { AccountDetail, Contact, FeedbackItem, ImportResult, Interaction } from './api.js';
import {
  accountFormErrors,
  accountFormValues,
  IMPORT_COLUMNS,
  importRows,
  instantOf,
  isDay,
  mergeTimeline,
  skippedContacts,
  templateCsv,
  toAccountInput,
} from './logic.js';

const interaction = (id: string, occurredAt: string): Interaction => ({
  id,
  accountId: 'a1',
  kind: 'call',
  summary: `call ${id}`,
  occurredAt,
  contact: null,
  team: null,
  user: null,
  createdBy: null,
});

const feedback = (id: string, receivedAt: string): FeedbackItem => ({
  id,
  kind: 'nps',
  score: 9,
  category: 'promoter',
  comment: null,
  channel: 'link',
  source: null,
  account: { id: 'a1', name: 'Acme' },
  contact: null,
  team: null,
  namedUser: null,
  shareAllowed: false,
  locale: 'en',
  receivedAt,
  followup: null,
  passedOn: null,
});

const contact = (id: string, name: string, optedOut = false): Contact => ({
  id,
  accountId: 'a1',
  name,
  email: `${id}@acme.example`,
  title: null,
  locale: null,
  optedOut,
});

const account: AccountDetail = {
  id: 'a1',
  name: 'Acme Logistics',
  externalId: 'CRM-1',
  segment: 'Enterprise',
  region: null,
  size: 'large',
  locale: 'it',
  status: 'lost',
  customerSince: '2023-04-01',
  lostOn: '2026-10-31',
  teams: [{ id: 't1', name: 'Key Accounts' }],
  nps: null,
  lastInteractionAt: null,
  openFollowups: 0,
  people: [{ id: 'u1', name: 'Sarah Thompson' }],
  contacts: [],
  csat: null,
};

const ids = (t: ReturnType<typeof mergeTimeline>) => t.entries.map((e) => e.item.id);

describe('account history', () => {
  it('interleaves interactions and answers newest first when both lists are complete', () => {
    const t = mergeTimeline(
      { items: [interaction('i2', '2026-11-20T10:00:00Z'), interaction('i1', '2026-11-01T10:00:00Z')], hasMore: false },
      { items: [feedback('f2', '2026-11-25T08:00:00Z'), feedback('f1', '2026-11-10T08:00:00Z')], hasMore: false },
    );
    expect(ids(t)).toEqual(['f2', 'i2', 'f1', 'i1']);
    expect(t.entries.map((e) => e.type)).toEqual(['feedback', 'interaction', 'feedback', 'interaction']);
    expect(t.next).toEqual([]);
  });

  it('holds back entries older than the last loaded one of a list that has more pages, and loads that list next', () => {
    const t = mergeTimeline(
      { items: [interaction('i3', '2026-11-20T10:00:00Z'), interaction('i2', '2026-11-15T10:00:00Z')], hasMore: true },
      { items: [feedback('f2', '2026-11-18T08:00:00Z'), feedback('f1', '2026-01-10T08:00:00Z')], hasMore: false },
    );
    // an older interaction may still be newer than f1: f1 waits
    expect(ids(t)).toEqual(['i3', 'f2', 'i2']);
    expect(t.next).toEqual(['interactions']);
  });

  it('asks the list whose loaded part ends later when both have more pages', () => {
    const t = mergeTimeline(
      { items: [interaction('i2', '2026-11-20T10:00:00Z'), interaction('i1', '2026-11-02T10:00:00Z')], hasMore: true },
      { items: [feedback('f2', '2026-11-19T08:00:00Z'), feedback('f1', '2026-11-12T08:00:00Z')], hasMore: true },
    );
    expect(ids(t)).toEqual(['i2', 'f2', 'f1']);
    expect(t.next).toEqual(['feedback']);
  });

  it('loads both lists when they stop at the same moment, and shows nothing before a list with more pages has loaded any', () => {
    const same = mergeTimeline(
      { items: [interaction('i1', '2026-11-02T10:00:00Z')], hasMore: true },
      { items: [feedback('f1', '2026-11-02T10:00:00Z')], hasMore: true },
    );
    expect(same.next.sort()).toEqual(['feedback', 'interactions']);
    expect(ids(same).sort()).toEqual(['f1', 'i1']);
    const waiting = mergeTimeline({ items: [], hasMore: true }, { items: [feedback('f1', '2026-11-02T10:00:00Z')], hasMore: false });
    expect(ids(waiting)).toEqual([]);
    expect(waiting.next).toEqual(['interactions']);
  });

  it('is empty and complete for an account with no history', () => {
    expect(mergeTimeline({ items: [], hasMore: false }, { items: [], hasMore: false })).toEqual({ entries: [], next: [] });
  });
});

describe('account form', () => {
  const now = new Date(2026, 10, 26, 15, 0);

  it('starts a new account as an active customer from today', () => {
    const v = accountFormValues(null, now);
    expect(v).toMatchObject({ status: 'active', customerSince: '2026-11-26', lostOn: '', teamIds: [], locale: 'en' });
    expect(accountFormErrors(v, now)).toEqual({ name: 'nameRequired' });
  });

  it('sends a new account without the fields left empty', () => {
    const v = { ...accountFormValues(null, now), name: '  Bottega Verdi ', segment: ' ', region: 'Italia', teamIds: ['t1'] };
    expect(toAccountInput(v, false)).toEqual({
      name: 'Bottega Verdi',
      locale: 'en',
      customerSince: '2026-11-26',
      teamIds: ['t1'],
      userIds: [],
      region: 'Italia',
    });
  });

  it('sends every field of an edited account, clearing the empty ones and re-activating a lost one', () => {
    const v = accountFormValues(account, now);
    expect(v).toMatchObject({ status: 'lost', lostOn: '2026-10-31', teamIds: ['t1'], userIds: ['u1'], region: '' });
    expect(toAccountInput(v, true)).toMatchObject({ lostOn: '2026-10-31', region: null, externalId: 'CRM-1', size: 'large' });
    expect(toAccountInput({ ...v, status: 'active' }, true).lostOn).toBeNull();
  });

  it('refuses a lost account without a day, lost before it became a customer, or lost in the future', () => {
    const v = { ...accountFormValues(account, now) };
    expect(accountFormErrors(v, now)).toEqual({});
    expect(accountFormErrors({ ...v, lostOn: '' }, now)).toEqual({ lostOn: 'lostOnRequired' });
    expect(accountFormErrors({ ...v, lostOn: '2022-01-01' }, now)).toEqual({ lostOn: 'lostBeforeSince' });
    expect(accountFormErrors({ ...v, lostOn: '2026-12-01' }, now)).toEqual({ lostOn: 'future' });
    expect(accountFormErrors({ ...v, customerSince: '2026-02-30' }, now)).toEqual({ customerSince: 'dayInvalid' });
  });
});

describe('dates', () => {
  it('accepts only real days and moments', () => {
    expect(isDay('2028-02-29')).toBe(true);
    expect(isDay('2026-02-29')).toBe(false);
    expect(instantOf('2026-11-26T09:30')).toBe(new Date(2026, 10, 26, 9, 30).toISOString());
    expect(instantOf('2026-02-30T09:30')).toBeNull();
    expect(instantOf('yesterday')).toBeNull();
  });
});

describe('feedback requests', () => {
  it('names the contacts a request skipped, and keeps the id of one no longer listed', () => {
    const contacts = [contact('c1', 'Jane Doe'), contact('c2', 'Tom Baker', true)];
    expect(
      skippedContacts(
        {
          created: 1,
          skipped: [
            { contactId: 'c2', reason: 'opted_out' },
            { contactId: 'c9', reason: 'pending' },
          ],
        },
        contacts,
      ),
    ).toEqual([
      { contactId: 'c2', name: 'Tom Baker', reason: 'opted_out' },
      { contactId: 'c9', name: 'c9', reason: 'pending' },
    ]);
  });
});

describe('import template', () => {
  it('has the import columns as header and rows of the same width', () => {
    const lines = templateCsv().trimEnd().split('\r\n');
    expect(lines[0]).toBe(IMPORT_COLUMNS.join(','));
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.split(',')).toHaveLength(IMPORT_COLUMNS.length);
    }
  });
});

describe('import preview', () => {
  const result: ImportResult = {
    dryRun: true,
    total: 3,
    creates: 1,
    updates: 0,
    unchanged: 0,
    errors: [
      { row: 3, field: 'teams', code: 'UNKNOWN_TEAM', message: 'There is no team called "Nope".' },
      { row: 1200, field: 'name', code: 'MISSING_NAME', message: 'The account name is missing.' },
    ],
    errorCount: 2,
    preview: [
      { row: 2, name: 'Acme', action: 'create' },
      { row: 3, name: 'Beta', action: 'error' },
    ],
    rows: [
      { row: 2, name: 'Acme', contactEmail: 'jane@acme.example', action: 'create', errors: [] },
      {
        row: 3,
        name: 'Beta',
        contactEmail: null,
        action: 'error',
        errors: [{ field: 'teams', code: 'UNKNOWN_TEAM', message: 'There is no team called "Nope".' }],
      },
    ],
    accounts: { created: 1, updated: 0 },
    contacts: { created: 1, updated: 0 },
    applied: false,
  };

  it('lists each row with its outcome, and adds rows beyond the detailed ones from their problems', () => {
    const rows = importRows(result);
    expect(rows.map((r) => [r.row, r.action, r.errors.map((e) => e.code)])).toEqual([
      [2, 'create', []],
      [3, 'error', ['UNKNOWN_TEAM']],
      [1200, 'error', ['MISSING_NAME']],
    ]);
  });

  it('falls back to the preview and attaches the problems to its rows', () => {
    const rows = importRows({ ...result, rows: undefined });
    expect(rows[1]).toMatchObject({ row: 3, name: 'Beta', contactEmail: null, action: 'error' });
    expect(rows[1]!.errors).toEqual([{ field: 'teams', code: 'UNKNOWN_TEAM', message: 'There is no team called "Nope".' }]);
    expect(rows).toHaveLength(3);
  });

  it('shows the problems of a refused import instead of those of the check', () => {
    const rows = importRows(result, [
      { row: 2, field: 'name', code: 'ACCOUNT_EXISTS', message: 'Another account is already called "Acme".' },
    ]);
    expect(rows.find((r) => r.row === 2)).toMatchObject({ action: 'error', errors: [{ code: 'ACCOUNT_EXISTS' }] });
    expect(rows.find((r) => r.row === 3)!.errors).toEqual([]);
  });
});
