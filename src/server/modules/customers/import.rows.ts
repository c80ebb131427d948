import { CSV_EMAIL, isCsvDate, parseCsvHeader, csvRowValues } from '../../platform/csv.js';
import { ACCOUNT_SIZES, CUSTOMER_LIMITS, CUSTOMER_LOCALES, type AccountSize, type CustomerLocale } from '../../../shared/customers.js';
import { cleanCell, splitList } from '../people-import/import.rows.js';

/** The columns of an accounts file, in the order a template shows them. */
export const COLUMNS = [
  'name',
  'external_id',
  'segment',
  'region',
  'size',
  'locale',
  'customer_since',
  'lost_on',
  'teams',
  'people',
  'contact_name',
  'contact_email',
  'contact_title',
  'contact_locale',
] as const;
export type Column = (typeof COLUMNS)[number];

const REQUIRED: readonly Column[] = ['name'];

export type RowErrorCode =
  | 'MISSING_NAME'
  | 'FIELD_TOO_LONG'
  | 'TOO_MANY_CELLS'
  | 'INVALID_SIZE'
  | 'INVALID_LOCALE'
  | 'INVALID_DATE'
  | 'LOST_BEFORE_SINCE'
  | 'INVALID_EMAIL'
  | 'MISSING_CONTACT_EMAIL'
  | 'MISSING_CONTACT_NAME'
  | 'DUPLICATE_CONTACT'
  | 'UNKNOWN_TEAM'
  | 'UNKNOWN_PERSON'
  | 'ACCOUNT_EXISTS'
  | 'EXTERNAL_ID_MISMATCH';

/** One problem in one row; `row` is the row number a spreadsheet shows (the header is row 1). */
export interface RowError {
  row: number;
  field?: Column;
  code: RowErrorCode;
  message: string;
}

/** One row after cleaning; `null` is an empty cell, which leaves an existing account's value as it is. */
export interface AccountRowData {
  name: string;
  externalId: string | null;
  segment: string | null;
  region: string | null;
  size: AccountSize | null;
  locale: CustomerLocale | null;
  customerSince: string | null;
  lostOn: string | null;
  /** Team names as written. */
  teams: string[];
  /** E-mails, lower case. */
  people: string[];
  contact: { name: string; email: string; title: string | null; locale: CustomerLocale | null } | null;
}

/** Rows of one account belong together: by external id when the row has one, else by name ignoring case. */
export const accountKey = (r: { name: string; externalId: string | null }) =>
  r.externalId !== null ? `x:${r.externalId}` : `n:${r.name.toLowerCase()}`;

const MAX: Record<Column, number> = {
  name: CUSTOMER_LIMITS.name,
  external_id: CUSTOMER_LIMITS.shortText,
  segment: CUSTOMER_LIMITS.shortText,
  region: CUSTOMER_LIMITS.shortText,
  size: CUSTOMER_LIMITS.shortText,
  locale: CUSTOMER_LIMITS.shortText,
  customer_since: CUSTOMER_LIMITS.shortText,
  lost_on: CUSTOMER_LIMITS.shortText,
  teams: 4000,
  people: 8000,
  contact_name: CUSTOMER_LIMITS.name,
  contact_email: CUSTOMER_LIMITS.email,
  contact_title: CUSTOMER_LIMITS.shortText,
  contact_locale: CUSTOMER_LIMITS.shortText,
};

/**
 * Maps each column of the file to a known column (null for a blank header cell, which is ignored).
 * Throws CSV_BAD_HEADER naming missing, unknown and repeated columns.
 */
export function parseHeader(cells: readonly string[]): (Column | null)[] {
  return parseCsvHeader(cells, COLUMNS, REQUIRED);
}

const isLocale = (s: string): s is CustomerLocale => (CUSTOMER_LOCALES as readonly string[]).includes(s);
const isSize = (s: string): s is AccountSize => (ACCOUNT_SIZES as readonly string[]).includes(s);

/**
 * Cleans and checks one data row on its own (nothing that needs other rows or the database).
 * A cell in error is treated as empty in the returned row.
 */
export function parseRow(
  cells: readonly string[],
  columns: readonly (Column | null)[],
  row: number,
): { account: AccountRowData; errors: RowError[] } {
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
    if (value.length > MAX[c]) {
      fail(c, 'FIELD_TOO_LONG', `At most ${MAX[c]} characters.`);
      return null;
    }
    return value;
  };
  const date = (c: Column): string | null => {
    const value = get(c);
    if (value !== null && !isCsvDate(value)) {
      fail(c, 'INVALID_DATE', `"${value}" is not a date: write it as YYYY-MM-DD.`);
      return null;
    }
    return value;
  };
  const locale = (c: Column): CustomerLocale | null => {
    const value = get(c)?.toLowerCase() ?? null;
    if (value !== null && !isLocale(value)) {
      fail(c, 'INVALID_LOCALE', `"${value}" is not a language customers are asked in: use en or it.`);
      return null;
    }
    return value;
  };

  const name = (get('name') ?? '').replace(/\s+/g, ' ');
  if (!name) {
    fail('name', 'MISSING_NAME', 'The account name is missing.');
  }
  let size: AccountSize | null = null;
  const sizeCell = get('size')?.toLowerCase() ?? null;
  if (sizeCell !== null) {
    if (isSize(sizeCell)) {
      size = sizeCell;
    } else {
      fail('size', 'INVALID_SIZE', `"${sizeCell}" is not a size: use ${ACCOUNT_SIZES.join(', ')}.`);
    }
  }
  const customerSince = date('customer_since');
  const lostOn = date('lost_on');
  if (customerSince !== null && lostOn !== null && lostOn < customerSince) {
    fail('lost_on', 'LOST_BEFORE_SINCE', 'An account cannot be lost before it became a customer.');
  }

  const people: string[] = [];
  for (const item of splitList(get('people') ?? '')) {
    const email = item.toLowerCase();
    if (!CSV_EMAIL.test(email) || email.length > CUSTOMER_LIMITS.email) {
      fail('people', 'INVALID_EMAIL', `"${item}" is not a valid e-mail address.`);
    } else {
      people.push(email);
    }
  }
  const teams = splitList(get('teams') ?? '');

  let contact: AccountRowData['contact'] = null;
  const contactName = get('contact_name');
  const contactEmail = get('contact_email')?.toLowerCase() ?? null;
  const contactTitle = get('contact_title');
  const contactLocale = locale('contact_locale');
  if (contactEmail !== null && !CSV_EMAIL.test(contactEmail)) {
    fail('contact_email', 'INVALID_EMAIL', `"${contactEmail}" is not a valid e-mail address.`);
  } else if (contactEmail !== null && contactName === null) {
    fail('contact_name', 'MISSING_CONTACT_NAME', 'A contact needs a name.');
  } else if (contactEmail === null && (contactName !== null || contactTitle !== null)) {
    fail('contact_email', 'MISSING_CONTACT_EMAIL', 'A contact needs an e-mail address.');
  } else if (contactEmail !== null && contactName !== null) {
    contact = { name: contactName, email: contactEmail, title: contactTitle, locale: contactLocale };
  }

  return {
    account: {
      name,
      externalId: get('external_id'),
      segment: get('segment'),
      region: get('region'),
      size,
      locale: locale('locale'),
      customerSince,
      lostOn,
      teams,
      people,
      contact,
    },
    errors,
  };
}
