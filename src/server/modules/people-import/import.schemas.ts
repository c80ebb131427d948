import type { Readable } from 'node:stream';
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

const Action = Type.Union([Type.Literal('create'), Type.Literal('update'), Type.Literal('unchanged')]);

export const RowError = Type.Object({
  row: Type.Integer({ description: 'The row number a spreadsheet shows: the header is row 1.' }),
  field: Type.Optional(Type.String({ description: `The column: one of ${COLUMNS.join(', ')}.` })),
  code: Type.String(),
  message: Type.String(),
});

export const ImportResult = Type.Object({
  dryRun: Type.Boolean(),
  total: Type.Integer({ description: 'Rows with a person in them (blank rows are skipped).' }),
  creates: Type.Integer({ description: 'Rows without errors that create a person.' }),
  updates: Type.Integer({ description: 'Rows without errors that change an existing person.' }),
  unchanged: Type.Integer({ description: 'Rows without errors that match an existing person exactly.' }),
  errors: Type.Array(RowError, { description: 'The first 1,000 problems, by row.' }),
  errorCount: Type.Integer({ description: 'All problems, including those not listed.' }),
  preview: Type.Array(Type.Object({ row: Type.Integer(), email: Type.String(), name: Type.String(), action: Action }), {
    description: 'The first 20 rows and what the import does with each.',
  }),
  applied: Type.Boolean({ description: 'True when the changes were written.' }),
});

/** The export is a CSV stream; this only describes it in the OpenAPI document. */
export const PeopleCsv = Type.Unsafe<Readable>({
  type: 'string',
  format: 'binary',
  description: 'CSV in the import format, UTF-8 with a BOM.',
});
