import { Type } from 'typebox';
import { COLUMNS } from './import.rows.js';

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Boolean({
      default: true,
      description: 'Only check the file and report what would change (the default). Pass false to apply it.',
    }),
  },
  { additionalProperties: false },
);

const Action = Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged'), Type.Literal('error')]);

export const RowError = Type.Object({
  row: Type.Integer({ description: 'The row number a spreadsheet shows: the header is row 1.' }),
  field: Type.Optional(Type.String({ description: `The column: one of ${COLUMNS.join(', ')}.` })),
  code: Type.String(),
  message: Type.String(),
});

const Counts = Type.Object({ created: Type.Integer(), updated: Type.Integer() });

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  total: Type.Integer({ description: 'Rows with an account in them (blank rows are skipped).' }),
  creates: Type.Integer({ description: 'Rows without errors that create an account.' }),
  updates: Type.Integer({ description: 'Rows without errors that change an existing account or its contacts, teams or people.' }),
  unchanged: Type.Integer({ description: 'Rows without errors that match what is stored exactly.' }),
  errors: Type.Array(RowError, { description: 'The first 1,000 problems, by row.' }),
  errorCount: Type.Integer({ description: 'All problems, including those not listed.' }),
  preview: Type.Array(Type.Object({ row: Type.Integer(), name: Type.String(), action: Action }), {
    description: 'The first 20 rows and what the import does with each.',
  }),
  rows: Type.Array(
    Type.Object({
      row: Type.Integer(),
      name: Type.String(),
      contactEmail: Type.Union([Type.String(), Type.Null()]),
      action: Action,
      errors: Type.Array(Type.Object({ field: Type.Optional(Type.String()), code: Type.String(), message: Type.String() })),
    }),
    { description: 'The outcome of each row (the first 1,000 rows).' },
  ),
  accounts: Counts,
  contacts: Counts,
  applied: Type.Boolean({ description: 'True when the changes were written.' }),
});
