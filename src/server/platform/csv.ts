import { pipeline, Transform, type Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { AppError, badRequest } from './errors.js';

/** Limits and wording of one kind of CSV upload. */
export interface CsvUploadOptions {
  maxBytes: number;
  /** Data rows a file may hold; the header and blank rows do not count. */
  maxRows: number;
  /** What the rows are called where a file holds too many ("people", "rows"). */
  rowsNoun: string;
  /** What a file with only a header row lacks ("people", "accounts"). */
  emptyNoun: string;
  /** Names the parser's complaint in plain words instead of only saying the file is not valid CSV. */
  explainMalformed?: boolean;
}

/** Refuses uploads larger than the limit while they stream (a text/csv body has no other limit). */
function byteLimit(max: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > max) {
        done(new AppError(413, 'FILE_TOO_LARGE', 'The file is too large.', { maxBytes: max }));
        return;
      }
      done(null, chunk);
    },
  });
}

const CSV_REASONS: Partial<Record<string, string>> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed',
  CSV_INVALID_CLOSING_QUOTE: 'a quote is followed by more text in the same cell',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'a quote is followed by more text in the same cell',
  CSV_RECORD_INCONSISTENT_FIELDS_LENGTH: 'a row has a different number of cells',
  CSV_MAX_RECORD_SIZE: 'a row is far too long',
};

function malformed(err: CsvError, explain: boolean): AppError {
  const line = typeof err.lines === 'number' ? err.lines : undefined;
  const reason = (explain ? CSV_REASONS[err.code] : undefined) ?? 'it is not valid CSV';
  return badRequest('CSV_MALFORMED', `The file could not be read${line ? ` at line ${line}` : ''}: ${reason}.`, { line, reason: err.code });
}

/**
 * Streams a CSV upload through the parser: the first record is the header, blank records are
 * skipped, and every other record goes to `onRow` with its row number as a spreadsheet shows it.
 * Refuses text that is not UTF-8, files over the byte or row limit, malformed CSV and files
 * without data rows, each with its own error code. Returns the number of data rows.
 */
export async function readCsvUpload<H>(
  source: Readable,
  options: CsvUploadOptions,
  onHeader: (cells: string[]) => H,
  onRow: (cells: string[], header: H, row: number) => void,
): Promise<number> {
  const parser = parse({ bom: true, relax_column_count: true, skip_empty_lines: false, max_record_size: 65_536 });
  pipeline(source, byteLimit(options.maxBytes), parser, () => undefined);
  let header: { value: H } | undefined;
  let record = 0;
  let rows = 0;
  try {
    for await (const cells of parser as AsyncIterable<string[]>) {
      record += 1;
      if (cells.some((c) => c.includes('\uFFFD'))) {
        throw badRequest('CSV_ENCODING', `The file is not UTF-8 text (row ${record}). Save it as "CSV UTF-8" and try again.`, {
          row: record,
        });
      }
      if (!header) {
        header = { value: onHeader(cells) };
        continue;
      }
      if (cells.every((c) => c.trim() === '')) {
        continue;
      }
      if (rows >= options.maxRows) {
        throw new AppError(
          413,
          'IMPORT_TOO_LARGE',
          `A file can hold at most ${options.maxRows} ${options.rowsNoun}; split it into smaller files.`,
          { maxRows: options.maxRows },
        );
      }
      rows += 1;
      onRow(cells, header.value, record);
    }
  } catch (err) {
    if (err instanceof CsvError) {
      throw malformed(err, options.explainMalformed ?? false);
    }
    throw err;
  } finally {
    // Stop reading an upload we have given up on; the rest is discarded.
    source.resume();
  }
  if (rows === 0) {
    throw badRequest('CSV_EMPTY', header ? `The file has a header row but no ${options.emptyNoun}.` : 'The file is empty.');
  }
  return rows;
}

/** Header cells are matched loosely: "External ID" and "external-id" both name external_id. */
function headerName(cell: string): string {
  return cell
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/**
 * Maps each column of a header row to a known column (null for a blank header cell, which is
 * ignored). Throws CSV_BAD_HEADER naming missing, unknown and repeated columns.
 */
export function parseCsvHeader<C extends string>(cells: readonly string[], columns: readonly C[], required: readonly C[]): (C | null)[] {
  const known = new Set<string>(columns);
  const seen = new Set<string>();
  const unknown: string[] = [];
  const duplicate: string[] = [];
  const mapped = cells.map((cell) => {
    const name = headerName(cell);
    if (name === '') {
      return null;
    }
    if (!known.has(name)) {
      unknown.push(cell.trim());
      return null;
    }
    if (seen.has(name)) {
      duplicate.push(name);
    }
    seen.add(name);
    return name as C;
  });
  const missing = required.filter((c) => !seen.has(c));
  if (missing.length > 0 || unknown.length > 0 || duplicate.length > 0) {
    const parts = [
      missing.length > 0 ? `missing required columns: ${missing.join(', ')}` : '',
      unknown.length > 0 ? `unknown columns: ${unknown.join(', ')}` : '',
      duplicate.length > 0 ? `repeated columns: ${duplicate.join(', ')}` : '',
    ].filter(Boolean);
    throw badRequest('CSV_BAD_HEADER', `The header row is not valid: ${parts.join('; ')}. The columns are: ${columns.join(', ')}.`, {
      missing,
      unknown,
      duplicate,
      expected: columns,
    });
  }
  return mapped;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar day written as YYYY-MM-DD, between 1900 and 2200. */
export function isCsvDate(s: string): boolean {
  const m = DATE.exec(s);
  if (!m) {
    return false;
  }
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1900 && y <= 2200 && date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

// The same rule as the `email` format of the API schemas (ajv-formats), so both accept the same addresses.
export const CSV_EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;

/**
 * One data row's values by column, cleaned with `clean`; cells under no known column are skipped.
 * A non-empty cell past the header's last column means the row does not line up with the header.
 */
export function csvRowValues<C extends string>(
  cells: readonly string[],
  columns: readonly (C | null)[],
  clean: (cell: string) => string,
): { values: Partial<Record<C, string>>; tooManyCells: boolean } {
  const values: Partial<Record<C, string>> = {};
  for (let i = 0; i < cells.length; i++) {
    const column = columns[i];
    const cell = cells[i] ?? '';
    if (column === undefined) {
      if (cell.trim() !== '') {
        return { values, tooManyCells: true };
      }
      continue;
    }
    if (column !== null) {
      values[column] = clean(cell);
    }
  }
  return { values, tooManyCells: false };
}
