import { createReadStream } from 'node:fs';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Role } from '../../platform/policy.js';
import { findOrgForHost } from '../org/org.queries.js';
import { findImporter } from './import.queries.js';
import { importPeople, type ImportResult } from './import.service.js';
import type { RowError } from './import.rows.js';

const SHOWN_ERRORS = 50;

function listErrors(errors: RowError[], count: number): string {
  const lines = errors.slice(0, SHOWN_ERRORS).map((e) => `  row ${e.row}${e.field ? ` (${e.field})` : ''}: ${e.code} ${e.message}`);
  if (count > lines.length) {
    lines.push(`  … and ${count - lines.length} more`);
  }
  return lines.join('\n');
}

function describe(r: ImportResult): string {
  const counts = r.dryRun
    ? `${r.total} rows: ${r.creates} to create, ${r.updates} to update, ${r.unchanged} unchanged`
    : `${r.total} rows: ${r.creates} created, ${r.updates} updated, ${r.unchanged} unchanged`;
  if (r.errorCount > 0) {
    return `Checked ${counts}; ${r.errorCount} ${r.errorCount === 1 ? 'problem' : 'problems'}:\n${listErrors(r.errors, r.errorCount)}`;
  }
  return r.dryRun ? `Checked ${counts}. Nothing was written (dry run).` : `Imported ${counts}.`;
}

/**
 * Command line: imports a CSV file into the default organisation, acting as the administrator
 * (or HR person) with this e-mail, and answers with a summary. A refused import throws, so that
 * the command exits with an error.
 */
export async function importFromFile(ctx: Ctx, input: { file: string; adminEmail: string; dryRun: boolean }): Promise<string> {
  const org = await findOrgForHost(ctx.db, '');
  if (!org) {
    throw new Error('There is no organisation yet: run create-admin first.');
  }
  const importer = await findImporter(ctx.db, org.id, input.adminEmail);
  if (!importer) {
    throw new Error(`No active person with the e-mail ${input.adminEmail} in ${org.name}.`);
  }
  const actor = {
    orgId: org.id,
    userId: importer.id,
    roles: importer.roles as Role[],
    via: 'session' as const,
    scopes: [],
    mustEnrollTotp: false,
  };
  try {
    return describe(await importPeople(ctx, actor, { open: async () => createReadStream(input.file), dryRun: input.dryRun }));
  } catch (err) {
    if (err instanceof AppError) {
      const details = err.details as { errors?: RowError[]; errorCount?: number } | undefined;
      const list = details?.errors ? `\n${listErrors(details.errors, details.errorCount ?? details.errors.length)}` : '';
      throw new Error(`${err.message}${list}`);
    }
    throw err;
  }
}
