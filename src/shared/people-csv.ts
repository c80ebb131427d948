/**
 * The people CSV, column by column. Export writes exactly these columns in this order, so a file
 * exported from Tessuto imports again unchanged; the import page lists them for people to follow.
 */
export const PEOPLE_CSV_COLUMNS = [
  'email',
  'name',
  'title',
  'department',
  'parent_department',
  'team',
  'location',
  'country',
  'manager_email',
  'roles',
  'employee_number',
  'start_date',
  'phone',
  'timezone',
  'locale',
  'skills',
] as const;
export type PeopleCsvColumn = (typeof PEOPLE_CSV_COLUMNS)[number];
