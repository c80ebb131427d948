import type { Readable } from 'node:stream';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { readCsvUpload } from '../../platform/csv.js';
import { badRequest, conflict, isUniqueViolation, pgCode } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { requireAction, type Actor } from '../../platform/policy.js';
import { CUSTOMER_LIMITS } from '../../../shared/customers.js';
import * as q from './accounts.queries.js';
import { today } from './accounts.service.js';
import { accountKey, parseHeader, parseRow, type AccountRowData, type RowError } from './import.rows.js';

type Action = 'create' | 'update' | 'unchanged' | 'error';

export interface ImportResult {
  dryRun: boolean;
  total: number;
  creates: number;
  updates: number;
  unchanged: number;
  errors: RowError[];
  errorCount: number;
  preview: { row: number; name: string; action: Action }[];
  rows: { row: number; name: string; contactEmail: string | null; action: Action; errors: Omit<RowError, 'row'>[] }[];
  accounts: { created: number; updated: number };
  contacts: { created: number; updated: number };
  applied: boolean;
}

/** Keys per look-up or rows per write statement: few round trips, well under PostgreSQL's parameter limit. */
const BATCH = 1000;
const PREVIEW_ROWS = 20;
const MAX_LISTED = 1000;

interface Line {
  row: number;
  data: AccountRowData;
  errors: Omit<RowError, 'row'>[];
  action: Action;
}

/** The rows naming one account, merged: the first non-empty cell of each field wins; teams, people and contacts add up. */
interface Group {
  key: string;
  lines: Line[];
  values: AccountRowData;
  existing: q.AccountRow | null;
  id: string;
  /** True when the account's own fields change (or it is new). */
  changes: boolean;
  teamIds: Set<string>;
  userIds: Set<string>;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Looks keys up in batches and returns everything found. */
async function batched<T>(keys: string[], look: (batch: string[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (const batch of chunks([...new Set(keys)], BATCH)) {
    out.push(...(await look(batch)));
  }
  return out;
}

/** Streams the upload through the CSV parser and checks each row on its own. */
async function readLines(source: Readable): Promise<Line[]> {
  const lines: Line[] = [];
  await readCsvUpload(
    source,
    { maxBytes: CUSTOMER_LIMITS.importBytes, maxRows: CUSTOMER_LIMITS.importRows, rowsNoun: 'rows', emptyNoun: 'accounts' },
    parseHeader,
    (cells, columns, record) => {
      const { account, errors } = parseRow(cells, columns, record);
      lines.push({ row: record, data: account, errors: errors.map(({ row: _row, ...e }) => e), action: 'create' });
    },
  );
  return lines;
}

function groupLines(lines: Line[]): Group[] {
  const groups = new Map<string, Group>();
  const byName = new Map<string, Group>();
  for (const line of lines) {
    if (!line.data.name) {
      continue;
    }
    const key = accountKey(line.data);
    // A row without an external id joins an earlier row of the same name that has one.
    const g = groups.get(key) ?? (line.data.externalId === null ? byName.get(line.data.name.toLowerCase()) : undefined);
    if (!g) {
      const group: Group = {
        key,
        lines: [line],
        values: { ...line.data, teams: [...line.data.teams], people: [...line.data.people] },
        existing: null,
        id: '',
        changes: false,
        teamIds: new Set(),
        userIds: new Set(),
      };
      groups.set(key, group);
      if (!byName.has(line.data.name.toLowerCase())) {
        byName.set(line.data.name.toLowerCase(), group);
      }
      continue;
    }
    g.lines.push(line);
    const v = g.values;
    v.segment ??= line.data.segment;
    v.region ??= line.data.region;
    v.size ??= line.data.size;
    v.locale ??= line.data.locale;
    v.customerSince ??= line.data.customerSince;
    v.lostOn ??= line.data.lostOn;
  }
  return [...groups.values()];
}

const same = (a: string | null, b: string | null) => a === null || a === b;

/**
 * Checks the file against the organisation: finds the accounts rows update (by external id, else by
 * name), the teams and people they name, and the contacts they change. Sets each row's outcome.
 */
async function plan(ctx: Ctx, orgId: string, lines: Line[]) {
  const db = ctx.db;
  const groups = groupLines(lines);
  const byExternal = new Map(
    (
      await batched(
        groups.flatMap((g) => (g.values.externalId ? [g.values.externalId] : [])),
        (b) => q.accountsByExternalIds(db, orgId, b),
      )
    ).map((a) => [a.externalId!, a]),
  );
  const byName = new Map(
    (
      await batched(
        groups.map((g) => g.values.name.toLowerCase()),
        (b) => q.accountsByNames(db, orgId, b),
      )
    ).map((a) => [a.name.toLowerCase(), a]),
  );
  const teams = new Map(
    (
      await batched(
        lines.flatMap((l) => l.data.teams.map((t) => t.toLowerCase())),
        (b) => q.teamsByNames(db, orgId, b),
      )
    ).map((t) => [t.key, t.id]),
  );
  const people = new Map(
    (
      await batched(
        lines.flatMap((l) => l.data.people),
        (b) => q.peopleByEmails(db, orgId, b),
      )
    ).map((p) => [p.key, p.id]),
  );

  // Which account each group is, and the checks that need all of the file.
  const claimedNames = new Map<string, Group>();
  const claimedIds = new Map<string, Group>();
  for (const g of groups) {
    const first = g.lines[0]!;
    const v = g.values;
    const nameKey = v.name.toLowerCase();
    let existing = v.externalId ? (byExternal.get(v.externalId) ?? null) : null;
    if (!existing) {
      const named = byName.get(nameKey) ?? null;
      if (named && v.externalId && named.externalId && named.externalId !== v.externalId) {
        first.errors.push({
          field: 'external_id',
          code: 'EXTERNAL_ID_MISMATCH',
          message: `The account "${named.name}" has the external id "${named.externalId}", not "${v.externalId}".`,
        });
      } else {
        existing = named;
      }
    } else if (existing.name.toLowerCase() !== nameKey) {
      const other = byName.get(nameKey);
      if (other && other.id !== existing.id) {
        first.errors.push({ field: 'name', code: 'ACCOUNT_EXISTS', message: `Another account is already called "${other.name}".` });
      }
    }
    const earlier = claimedNames.get(nameKey) ?? (existing ? claimedIds.get(existing.id) : undefined);
    if (earlier) {
      first.errors.push({ field: 'name', code: 'ACCOUNT_EXISTS', message: `Row ${earlier.lines[0]!.row} already names this account.` });
    }
    claimedNames.set(nameKey, g);
    if (existing) {
      claimedIds.set(existing.id, g);
    }
    g.existing = existing;
    g.id = existing?.id ?? newId();

    const since = v.customerSince ?? existing?.customerSince ?? today();
    const lost = v.lostOn ?? existing?.lostOn ?? null;
    if (lost !== null && lost < since && first.errors.every((e) => e.code !== 'LOST_BEFORE_SINCE')) {
      first.errors.push({
        field: v.lostOn ? 'lost_on' : 'customer_since',
        code: 'LOST_BEFORE_SINCE',
        message: 'An account cannot be lost before it became a customer.',
      });
    }
    for (const line of g.lines) {
      for (const name of line.data.teams) {
        const id = teams.get(name.toLowerCase());
        if (id) {
          g.teamIds.add(id);
        } else {
          line.errors.push({ field: 'teams', code: 'UNKNOWN_TEAM', message: `There is no team called "${name}".` });
        }
      }
      for (const email of line.data.people) {
        const id = people.get(email);
        if (id) {
          g.userIds.add(id);
        } else {
          line.errors.push({
            field: 'people',
            code: 'UNKNOWN_PERSON',
            message: `Nobody in the organisation has the e-mail address ${email}.`,
          });
        }
      }
    }
    g.changes =
      !existing ||
      v.name !== existing.name ||
      !same(v.externalId, existing.externalId) ||
      !same(v.segment, existing.segment) ||
      !same(v.region, existing.region) ||
      !same(v.size, existing.size) ||
      !same(v.locale, existing.locale) ||
      !same(v.customerSince, existing.customerSince) ||
      !same(v.lostOn, existing.lostOn);
  }

  // What each row adds to an existing account: serving teams, people, a contact.
  const existingIds = groups.flatMap((g) => (g.existing ? [g.existing.id] : []));
  const serving = { teams: new Set<string>(), people: new Set<string>() };
  const contacts = new Map<string, q.ContactRow>();
  for (const batch of chunks(existingIds, BATCH)) {
    const s = await q.servingIds(db, orgId, batch);
    s.teams.forEach((r) => serving.teams.add(`${r.accountId}|${r.id}`));
    s.people.forEach((r) => serving.people.add(`${r.accountId}|${r.id}`));
    for (const c of await q.contactsOfAccounts(db, orgId, batch)) {
      contacts.set(`${c.accountId}|${c.email.toLowerCase()}`, c);
    }
  }
  const counts = { accounts: { created: 0, updated: 0 }, contacts: { created: 0, updated: 0 } };
  for (const g of groups) {
    const bad = g.lines.some((l) => l.errors.length > 0);
    const seenEmails = new Map<string, number>();
    let accountChanged = g.changes;
    for (const [i, line] of g.lines.entries()) {
      const c = line.data.contact;
      if (c) {
        const earlier = seenEmails.get(c.email);
        if (earlier !== undefined) {
          line.errors.push({ field: 'contact_email', code: 'DUPLICATE_CONTACT', message: `Row ${earlier} already has this contact.` });
        }
        seenEmails.set(c.email, line.row);
      }
      if (line.errors.length > 0) {
        line.action = 'error';
        continue;
      }
      if (!g.existing) {
        line.action = 'create';
        if (c) {
          counts.contacts.created += bad ? 0 : 1;
        }
        continue;
      }
      const teamsAdded = line.data.teams.some((n) => !serving.teams.has(`${g.id}|${teams.get(n.toLowerCase())}`));
      const peopleAdded = line.data.people.some((e) => !serving.people.has(`${g.id}|${people.get(e)}`));
      const stored = c ? contacts.get(`${g.id}|${c.email}`) : undefined;
      const contactChange = c
        ? !stored
          ? 'create'
          : c.name !== stored.name || !same(c.title, stored.title) || !same(c.locale, stored.locale)
            ? 'update'
            : null
        : null;
      if (contactChange && !bad) {
        counts.contacts[contactChange === 'create' ? 'created' : 'updated'] += 1;
      }
      const rowChanges = (i === 0 && g.changes) || teamsAdded || peopleAdded || contactChange !== null;
      accountChanged ||= teamsAdded || peopleAdded;
      line.action = rowChanges ? 'update' : 'unchanged';
    }
    if (!g.lines.some((l) => l.errors.length > 0)) {
      if (!g.existing) {
        counts.accounts.created += 1;
      } else if (accountChanged) {
        counts.accounts.updated += 1;
      }
    }
  }
  for (const line of lines) {
    if (line.errors.length > 0) {
      line.action = 'error';
    }
  }
  return { groups, counts };
}

function summary(lines: Line[], counts: Awaited<ReturnType<typeof plan>>['counts'], dryRun: boolean): ImportResult {
  const tally = { create: 0, update: 0, unchanged: 0, error: 0 };
  const errors: RowError[] = [];
  let errorCount = 0;
  for (const line of lines) {
    tally[line.action] += 1;
    errorCount += line.errors.length;
    for (const e of line.errors) {
      if (errors.length < MAX_LISTED) {
        errors.push({ row: line.row, ...e });
      }
    }
  }
  const rows = lines.slice(0, MAX_LISTED).map((l) => ({
    row: l.row,
    name: l.data.name,
    contactEmail: l.data.contact?.email ?? null,
    action: l.action,
    errors: l.errors,
  }));
  return {
    dryRun,
    total: lines.length,
    creates: tally.create,
    updates: tally.update,
    unchanged: tally.unchanged,
    errors,
    errorCount,
    preview: rows.slice(0, PREVIEW_ROWS).map(({ row, name, action }) => ({ row, name, action })),
    rows,
    accounts: counts.accounts,
    contacts: counts.contacts,
    applied: false,
  };
}

/** Writes a checked file in one transaction: accounts, their serving teams and people, contacts, and the audit entry. */
async function apply(ctx: Ctx, actor: Actor, groups: Group[], result: ImportResult): Promise<void> {
  const orgId = actor.orgId;
  await ctx.db
    .transaction()
    .execute(async (trx) => {
      const created = groups.filter((g) => !g.existing);
      for (const batch of chunks(created, BATCH)) {
        await q.insertAccounts(
          trx,
          batch.map((g) => ({
            id: g.id,
            orgId,
            name: g.values.name,
            externalId: g.values.externalId,
            segment: g.values.segment,
            region: g.values.region,
            size: g.values.size,
            locale: g.values.locale ?? 'en',
            customerSince: g.values.customerSince ?? today(),
            lostOn: g.values.lostOn,
          })),
        );
      }
      for (const g of groups) {
        if (!g.existing || !g.changes) {
          continue;
        }
        // Empty cells keep what the account has: an import never clears a value.
        const v = g.values;
        const changes: Partial<q.AccountValues> = { name: v.name };
        for (const k of ['externalId', 'segment', 'region', 'size', 'locale', 'customerSince', 'lostOn'] as const) {
          if (v[k] !== null) {
            Object.assign(changes, { [k]: v[k] });
          }
        }
        await q.updateAccount(trx, orgId, g.id, changes);
      }
      const teamRows = groups.flatMap((g) => [...g.teamIds].map((teamId) => ({ orgId, accountId: g.id, teamId })));
      for (const batch of chunks(teamRows, BATCH)) {
        await q.addAccountTeams(trx, batch);
      }
      const peopleRows = groups.flatMap((g) => [...g.userIds].map((userId) => ({ orgId, accountId: g.id, userId })));
      for (const batch of chunks(peopleRows, BATCH)) {
        await q.addAccountPeople(trx, batch);
      }
      const contactRows = groups.flatMap((g) =>
        g.lines.flatMap((l) => {
          const c = l.data.contact;
          return c ? [{ id: newId(), orgId, accountId: g.id, name: c.name, email: c.email, title: c.title, locale: c.locale }] : [];
        }),
      );
      for (const batch of chunks(contactRows, BATCH)) {
        await q.upsertContacts(trx, batch);
      }
      await audit(trx, {
        orgId,
        actorId: actor.userId,
        action: 'customers.imported',
        data: {
          total: result.total,
          creates: result.creates,
          updates: result.updates,
          unchanged: result.unchanged,
          accounts: result.accounts,
          contacts: result.contacts,
        },
      });
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err) || pgCode(err) === '23503') {
        throw conflict('IMPORT_CONFLICT', 'Accounts changed while the import was running. Import the file again.');
      }
      throw err;
    });
}

/**
 * Imports accounts and their contacts from a CSV upload, or only checks it (`dryRun`). Rows are
 * matched to accounts by external id, else by name ignoring case; several rows of one account add
 * contacts (matched by e-mail within the account), serving teams (by name) and people (by e-mail).
 * An empty cell leaves an existing value as it is; nothing is removed. Applying refuses the whole
 * file (400 IMPORT_INVALID) when any row has an error, and otherwise writes it in one transaction.
 */
export async function importAccounts(
  ctx: Ctx,
  actor: Actor,
  input: { open: () => Promise<Readable>; dryRun: boolean },
): Promise<ImportResult> {
  requireAction(actor, 'customers.manage');
  // The upload is opened only once the actor may import: a refused request never has its body read.
  const lines = await readLines(await input.open());
  const { groups, counts } = await plan(ctx, actor.orgId, lines);
  const result = summary(lines, counts, input.dryRun);
  if (input.dryRun) {
    return result;
  }
  if (result.errorCount > 0) {
    throw badRequest(
      'IMPORT_INVALID',
      `Nothing was imported: ${result.errorCount} ${result.errorCount === 1 ? 'problem needs' : 'problems need'} fixing first.`,
      { errors: result.errors, errorCount: result.errorCount },
    );
  }
  if (result.creates + result.updates > 0) {
    await apply(ctx, actor, groups, result);
  }
  return { ...result, applied: true };
}
