import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.js';
import {
  canonicalTimezone,
  cleanCell,
  COLUMNS,
  escapeCell,
  findCycles,
  packRow,
  parseHeader,
  parseRow,
  rowChanges,
  unescapeCell,
  unpackRow,
  type ExistingPerson,
} from './import.rows.js';

const columns = parseHeader([...COLUMNS]);
const row = (values: Partial<Record<(typeof COLUMNS)[number], string>>) => COLUMNS.map((c) => values[c] ?? '');

describe('the header', () => {
  it('matches column names ignoring case, spaces and hyphens, and ignores blank header cells', () => {
    expect(parseHeader(['Email', ' NAME ', 'Manager Email', 'start-date', ''])).toEqual([
      'email',
      'name',
      'manager_email',
      'start_date',
      null,
    ]);
  });

  it('names missing, unknown and repeated columns in one CSV_BAD_HEADER error', () => {
    try {
      parseHeader(['name', 'salary', 'title', 'Title']);
      expect.fail('should throw');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      const e = err as AppError;
      expect(e.code).toBe('CSV_BAD_HEADER');
      expect(e.details).toMatchObject({ missing: ['email'], unknown: ['salary'], duplicate: ['title'] });
    }
  });
});

describe('a row', () => {
  it('is cleaned: trimmed, roles normalised with employee added, country upper case, time zone canonical', () => {
    const { person, errors } = parseRow(
      row({
        email: ' Ann@Example.com ',
        name: 'Ann',
        roles: 'HR; manager',
        country: 'it',
        timezone: 'europe/rome',
        skills: 'Go; go ;SQL',
        locale: 'IT',
      }),
      columns,
      2,
    );
    expect(errors).toEqual([]);
    expect(person).toMatchObject({
      email: 'Ann@Example.com',
      key: 'ann@example.com',
      roles: ['hr', 'manager', 'employee'],
      country: 'IT',
      timezone: 'Europe/Rome',
      skills: ['Go', 'SQL'],
      locale: 'it',
      title: null,
    });
  });

  it('reports every bad cell with its code, field and row', () => {
    const { errors } = parseRow(
      row({
        email: 'not-an-email',
        roles: 'boss',
        start_date: '2024-02-30',
        country: 'XX',
        locale: 'fr',
        timezone: 'Mars/Olympus',
        title: 'x'.repeat(500),
      }),
      columns,
      7,
    );
    expect(errors.map((e) => [e.row, e.field, e.code])).toEqual(
      expect.arrayContaining([
        [7, 'email', 'INVALID_EMAIL'],
        [7, 'name', 'MISSING_NAME'],
        [7, 'roles', 'INVALID_ROLE'],
        [7, 'start_date', 'INVALID_DATE'],
        [7, 'country', 'INVALID_COUNTRY'],
        [7, 'locale', 'INVALID_LOCALE'],
        [7, 'timezone', 'INVALID_TIMEZONE'],
        [7, 'title', 'FIELD_TOO_LONG'],
      ]),
    );
  });

  it('refuses a person managing themselves and cells beyond the header', () => {
    expect(parseRow(row({ email: 'a@x.io', name: 'A', manager_email: 'A@x.io' }), columns, 2).errors[0]?.code).toBe('SELF_MANAGER');
    expect(parseRow(['a@x.io', 'A', 'x'], ['email', 'name'], 2).errors[0]?.code).toBe('TOO_MANY_CELLS');
  });

  it('accepts short rows: missing trailing cells are empty', () => {
    expect(parseRow(['a@x.io', 'A'], columns, 2).errors).toEqual([]);
  });

  it('survives packing and unpacking', () => {
    const { person } = parseRow(
      row({ email: 'a@x.io', name: 'A', roles: 'admin', skills: 'x;y', department: 'D', start_date: '2020-01-31' }),
      columns,
      2,
    );
    expect(unpackRow(packRow(person))).toEqual(person);
  });
});

describe('CSV injection', () => {
  it('prefixes formula-like cells with an apostrophe and the importer takes it off again', () => {
    expect(escapeCell('=1+2')).toBe("'=1+2");
    expect(escapeCell('+39 055 123')).toBe("'+39 055 123");
    expect(escapeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(escapeCell("O'Brien")).toBe("O'Brien");
    expect(cleanCell("'=1+2")).toBe('=1+2');
    expect(cleanCell("O'Brien")).toBe("O'Brien");
  });

  it('round-trips any text', () => {
    fc.assert(fc.property(fc.string(), (s) => unescapeCell(escapeCell(s)) === s));
  });

  it('never leaves a formula trigger at the start of an exported cell', () => {
    fc.assert(fc.property(fc.string(), (s) => !/^[=+\-@\t\r]/.test(escapeCell(s))));
  });
});

describe('change detection', () => {
  const existing: ExistingPerson = {
    id: 'x',
    name: 'Ann',
    title: 'Engineer',
    departmentName: 'Sales',
    teamName: null,
    locationName: 'Rome',
    managerId: null,
    managerKey: 'boss@x.io',
    roles: ['employee', 'hr'],
    employeeNumber: null,
    startDate: '2020-01-01',
    phone: null,
    timezone: 'Europe/Rome',
    locale: 'it',
    skills: ['Go', 'SQL'],
  };

  it('sees no change when cells are empty or equal (names ignoring case, roles in any order)', () => {
    const { person } = parseRow(
      row({ email: 'ann@x.io', name: 'Ann', department: 'sales', roles: 'hr;employee', manager_email: 'BOSS@x.io', skills: 'Go;SQL' }),
      columns,
      2,
    );
    expect(rowChanges(person, existing)).toBe(false);
  });

  it('sees a change in any filled cell', () => {
    const { person } = parseRow(row({ email: 'ann@x.io', name: 'Ann', title: 'Manager' }), columns, 2);
    expect(rowChanges(person, existing)).toBe(true);
  });
});

describe('cycles', () => {
  it('finds the nodes on cycles, not those leading into them', () => {
    const next = new Map<number, number>([
      [1, 2],
      [2, 3],
      [3, 1],
      [4, 1],
      [5, 6],
    ]);
    expect([...findCycles([4, 5, 1, 2, 3], (n) => next.get(n))].sort()).toEqual([1, 2, 3]);
  });

  it('is linear on a long chain', () => {
    const n = 200_000;
    expect(
      findCycles(
        Array.from({ length: n }, (_, i) => i),
        (i) => (i + 1 < n ? i + 1 : undefined),
      ).size,
    ).toBe(0);
  });
});

describe('time zones', () => {
  it('knows IANA names and refuses others', () => {
    expect(canonicalTimezone('UTC')).toBe('UTC');
    expect(canonicalTimezone('Nowhere/Else')).toBeNull();
  });
});
