import { LIMITS } from '../../../shared/limits.js';
import { PEOPLE_CSV_COLUMNS, type PeopleCsvColumn } from '../../../shared/people-csv.js';
import { ROLES, type Role } from '../../../shared/roles.js';
import { CSV_EMAIL, isCsvDate, parseCsvHeader, csvRowValues } from '../../platform/csv.js';

export const COLUMNS = PEOPLE_CSV_COLUMNS;
export type Column = PeopleCsvColumn;

const REQUIRED: readonly Column[] = ['email', 'name'];
/** Roles and skills hold several values in one cell. */
export const LIST_SEPARATOR = ';';
/** Not in LIMITS because only administrators set it; the admin API allows the same length. */
export const EMPLOYEE_NUMBER_MAX = LIMITS.employeeNumber;

export type RowErrorCode =
  | 'INVALID_EMAIL'
  | 'MISSING_NAME'
  | 'DUPLICATE_ROW'
  | 'UNKNOWN_MANAGER'
  | 'REPORTING_CYCLE'
  | 'SELF_MANAGER'
  | 'INVALID_ROLE'
  | 'ROLE_NOT_ALLOWED'
  | 'INVALID_DATE'
  | 'INVALID_COUNTRY'
  | 'INVALID_LOCALE'
  | 'INVALID_TIMEZONE'
  | 'FIELD_TOO_LONG'
  | 'TOO_MANY_CELLS'
  | 'DEPARTMENT_CYCLE';

/** One problem in one row; `row` is the row number a spreadsheet shows (the header is row 1). */
export interface RowError {
  row: number;
  field?: Column;
  code: RowErrorCode;
  message: string;
}

/**
 * One row after cleaning. `null` means the cell was empty: an existing person keeps the
 * value they have, a new person gets none (roles: employee).
 */
export interface PersonRow {
  email: string;
  /** The e-mail in lower case: people are matched on it. */
  key: string;
  name: string;
  title: string | null;
  department: string | null;
  parentDepartment: string | null;
  team: string | null;
  location: string | null;
  country: string | null;
  /** Lower case, like `key`. */
  managerEmail: string | null;
  roles: Role[] | null;
  employeeNumber: string | null;
  startDate: string | null;
  phone: string | null;
  timezone: string | null;
  locale: 'en' | 'it' | null;
  skills: string[] | null;
}

/** Cells a spreadsheet would run as a formula; OWASP's list. */
const FORMULA = /^'*[=+\-@\t\r]/;

/** Prefixes a cell a spreadsheet would evaluate as a formula with an apostrophe (CSV injection). */
export function escapeCell(value: string): string {
  return FORMULA.test(value) ? `'${value}` : value;
}

/** Undoes `escapeCell`, so an exported file imports back to the same values. */
export function unescapeCell(value: string): string {
  return value.startsWith("'") && FORMULA.test(value) ? value.slice(1) : value;
}

/**
 * Maps each column of the file to a known column (null for a blank header cell, which is ignored).
 * Throws CSV_BAD_HEADER naming missing, unknown and repeated columns.
 */
export function parseHeader(cells: readonly string[]): (Column | null)[] {
  return parseCsvHeader(cells, COLUMNS, REQUIRED);
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]+/g;

/** Cleans one cell: formula escape undone, control characters (which PostgreSQL may refuse) turned into spaces. */
export function cleanCell(raw: string): string {
  return unescapeCell(raw.trim()).replace(CONTROL, ' ').trim();
}

/** Splits a roles or skills cell, trims, drops empties and case-insensitive repeats (first spelling wins). */
export function splitList(cell: string): string[] {
  const seen = new Map<string, string>();
  for (const item of cell.split(LIST_SEPARATOR)) {
    const t = item.trim().replace(/\s+/g, ' ');
    if (t && !seen.has(t.toLowerCase())) {
      seen.set(t.toLowerCase(), t);
    }
  }
  return [...seen.values()];
}

/** Roles in the canonical order, employee always included. */
export function normaliseRoles(roles: Iterable<string>): Role[] {
  const set = new Set<string>(roles);
  set.add('employee');
  return ROLES.filter((r) => set.has(r));
}

const timezones = new Map<string, string | null>();

/** The canonical IANA name of a time zone ("europe/rome" → "Europe/Rome"), or null when Intl does not know it. */
export function canonicalTimezone(tz: string): string | null {
  let hit = timezones.get(tz);
  if (hit === undefined) {
    try {
      hit = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
    } catch {
      hit = null;
    }
    if (timezones.size < 10_000) {
      timezones.set(tz, hit);
    }
  }
  return hit;
}

let regions: Intl.DisplayNames | undefined;
function knownCountry(code: string): boolean {
  try {
    regions ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });
    return regions.of(code) !== code;
  } catch {
    // Without full ICU data only the shape can be checked.
    return true;
  }
}

const MAX: Partial<Record<Column, number>> = {
  email: LIMITS.email,
  name: LIMITS.name,
  title: LIMITS.title,
  department: LIMITS.structureName,
  parent_department: LIMITS.structureName,
  team: LIMITS.structureName,
  location: LIMITS.structureName,
  manager_email: LIMITS.email,
  employee_number: EMPLOYEE_NUMBER_MAX,
  phone: LIMITS.phone,
  timezone: LIMITS.timezone,
};

/**
 * Cleans and checks one data row on its own (nothing that needs other rows or the database).
 * A cell in error is treated as empty in the returned row.
 */
export function parseRow(
  cells: readonly string[],
  columns: readonly (Column | null)[],
  row: number,
): { person: PersonRow; errors: RowError[] } {
  const errors: RowError[] = [];
  const fail = (field: Column, code: RowErrorCode, message: string) => errors.push({ row, field, code, message });
  const { values: v, tooManyCells } = csvRowValues(cells, columns, cleanCell);
  if (tooManyCells) {
    errors.push({ row, code: 'TOO_MANY_CELLS', message: `This row has more cells than the header has columns (${columns.length}).` });
  }
  const get = (c: Column): string | null => {
    const value = v[c];
    if (!value) {
      return null;
    }
    const max = MAX[c];
    if (max !== undefined && value.length > max) {
      fail(c, 'FIELD_TOO_LONG', `At most ${max} characters.`);
      return null;
    }
    return value;
  };

  const email = get('email') ?? '';
  if (!CSV_EMAIL.test(email)) {
    fail('email', 'INVALID_EMAIL', email ? `"${email}" is not a valid e-mail address.` : 'The e-mail address is missing.');
  }
  const name = get('name') ?? '';
  if (!name) {
    fail('name', 'MISSING_NAME', 'The name is missing.');
  }
  let managerEmail = get('manager_email')?.toLowerCase() ?? null;
  if (managerEmail !== null && !CSV_EMAIL.test(managerEmail)) {
    fail('manager_email', 'INVALID_EMAIL', `"${managerEmail}" is not a valid e-mail address.`);
    managerEmail = null;
  }
  if (managerEmail !== null && managerEmail === email.toLowerCase()) {
    fail('manager_email', 'SELF_MANAGER', 'A person cannot be their own manager.');
    managerEmail = null;
  }

  let roles: Role[] | null = null;
  const rolesCell = get('roles');
  if (rolesCell !== null) {
    const given = splitList(rolesCell).map((r) => r.toLowerCase());
    const bad = given.filter((r) => !(ROLES as readonly string[]).includes(r));
    if (bad.length > 0) {
      fail(
        'roles',
        'INVALID_ROLE',
        `Unknown role ${bad.map((b) => `"${b}"`).join(', ')}; roles are ${ROLES.join(', ')}, separated by "${LIST_SEPARATOR}".`,
      );
    } else if (given.length > 0) {
      roles = normaliseRoles(given);
    }
  }

  let startDate = get('start_date');
  if (startDate !== null && !isCsvDate(startDate)) {
    fail('start_date', 'INVALID_DATE', `"${startDate}" is not a date written as YYYY-MM-DD.`);
    startDate = null;
  }
  let country = get('country')?.toUpperCase() ?? null;
  if (country !== null && !(/^[A-Z]{2}$/.test(country) && knownCountry(country))) {
    fail('country', 'INVALID_COUNTRY', `"${country}" is not a two-letter country code (ISO 3166), such as IT or GB.`);
    country = null;
  }
  let locale = get('locale')?.toLowerCase() ?? null;
  if (locale !== null && locale !== 'en' && locale !== 'it') {
    fail('locale', 'INVALID_LOCALE', `"${locale}" is not a language Tessuto speaks: use en or it.`);
    locale = null;
  }
  let timezone = get('timezone');
  if (timezone !== null) {
    const canonical = canonicalTimezone(timezone);
    if (canonical === null) {
      fail('timezone', 'INVALID_TIMEZONE', `"${timezone}" is not a time zone; use a name such as Europe/Rome.`);
    }
    timezone = canonical;
  }
  let skills: string[] | null = null;
  const skillsCell = get('skills');
  if (skillsCell !== null) {
    const list = splitList(skillsCell);
    if (list.length > LIMITS.listItems || list.some((s) => s.length > LIMITS.listItem)) {
      fail('skills', 'FIELD_TOO_LONG', `At most ${LIMITS.listItems} skills of at most ${LIMITS.listItem} characters each.`);
    } else if (list.length > 0) {
      skills = list;
    }
  }

  const department = get('department');
  let parentDepartment = get('parent_department');
  if (parentDepartment !== null && department !== null && parentDepartment.toLowerCase() === department.toLowerCase()) {
    fail('parent_department', 'DEPARTMENT_CYCLE', 'A department cannot sit inside itself.');
    parentDepartment = null;
  }

  return {
    person: {
      email,
      key: email.toLowerCase(),
      name,
      title: get('title'),
      department,
      parentDepartment,
      team: get('team'),
      location: get('location'),
      country,
      managerEmail,
      roles,
      employeeNumber: get('employee_number'),
      startDate,
      phone: get('phone'),
      timezone,
      locale,
      skills,
    },
    errors,
  };
}

const SEP = '\u0000';

/**
 * A row as one string: 100,000 rows held as objects would cost several times more memory.
 * NUL never occurs in a cleaned cell, and `;` never in a list item.
 */
export function packRow(p: PersonRow): string {
  return [
    p.email,
    p.name,
    p.title,
    p.department,
    p.parentDepartment,
    p.team,
    p.location,
    p.country,
    p.managerEmail,
    p.roles?.join(LIST_SEPARATOR),
    p.employeeNumber,
    p.startDate,
    p.phone,
    p.timezone,
    p.locale,
    p.skills?.join(LIST_SEPARATOR),
  ]
    .map((x) => x ?? '')
    .join(SEP);
}

/** The inverse of `packRow`. */
export function unpackRow(packed: string): PersonRow {
  const f = packed.split(SEP);
  const s = (i: number) => f[i] || null;
  const list = (i: number) => (f[i] ? f[i].split(LIST_SEPARATOR) : null);
  const email = f[0] ?? '';
  return {
    email,
    key: email.toLowerCase(),
    name: f[1] ?? '',
    title: s(2),
    department: s(3),
    parentDepartment: s(4),
    team: s(5),
    location: s(6),
    country: s(7),
    managerEmail: s(8),
    roles: list(9) as Role[] | null,
    employeeNumber: s(10),
    startDate: s(11),
    phone: s(12),
    timezone: s(13),
    locale: s(14) as PersonRow['locale'],
    skills: list(15),
  };
}

/** What the importer compares a row with to tell an update from an unchanged row. */
export interface ExistingPerson {
  id: string;
  name: string;
  title: string | null;
  departmentName: string | null;
  teamName: string | null;
  locationName: string | null;
  managerId: string | null;
  /** The manager's e-mail in lower case. */
  managerKey: string | null;
  roles: string[];
  employeeNumber: string | null;
  startDate: string | null;
  phone: string | null;
  timezone: string | null;
  locale: string | null;
  skills: string[];
}

const same = (a: string | null, b: string | null) => (a ?? '').trim() === (b ?? '').trim();
const sameName = (a: string | null, b: string | null) => (a ?? '').trim().toLowerCase() === (b ?? '').trim().toLowerCase();
const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x) => b.includes(x));

/**
 * True when applying the row would change the person. Empty cells change nothing; names of
 * departments, teams and locations match case-insensitively, like the unique indexes.
 */
export function rowChanges(p: PersonRow, e: ExistingPerson): boolean {
  const tz = e.timezone === null ? null : (canonicalTimezone(e.timezone) ?? e.timezone);
  const checks: boolean[] = [
    same(p.name, e.name),
    p.title === null || same(p.title, e.title),
    p.department === null || sameName(p.department, e.departmentName),
    p.team === null || sameName(p.team, e.teamName),
    p.location === null || sameName(p.location, e.locationName),
    p.managerEmail === null || p.managerEmail === e.managerKey,
    p.roles === null || sameSet(p.roles, normaliseRoles(e.roles)),
    p.employeeNumber === null || same(p.employeeNumber, e.employeeNumber),
    p.startDate === null || p.startDate === e.startDate,
    p.phone === null || same(p.phone, e.phone),
    p.timezone === null || p.timezone === tz,
    p.locale === null || p.locale === e.locale,
    p.skills === null || p.skills.join(SEP) === splitList(e.skills.join(LIST_SEPARATOR)).join(SEP),
  ];
  return checks.includes(false);
}

/**
 * Nodes that lie on a cycle of a graph where each node has at most one successor (a reporting
 * line, a department's parent). Linear time: each node is walked once.
 */
export function findCycles<K>(starts: Iterable<K>, next: (node: K) => K | undefined): Set<K> {
  const done = new Set<K>();
  const onCycle = new Set<K>();
  for (const start of starts) {
    const path: K[] = [];
    const onPath = new Map<K, number>();
    let node: K | undefined = start;
    while (node !== undefined && !done.has(node)) {
      const at = onPath.get(node);
      if (at !== undefined) {
        for (const n of path.slice(at)) {
          onCycle.add(n);
        }
        break;
      }
      onPath.set(node, path.length);
      path.push(node);
      node = next(node);
    }
    for (const n of path) {
      done.add(n);
    }
  }
  return onCycle;
}
