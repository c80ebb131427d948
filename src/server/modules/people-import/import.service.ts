import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { LIMITS } from '../../../shared/limits.js';
import type { Ctx } from '../../platform/context.js';
import { audit } from '../../platform/audit.js';
import { conflict, isUniqueViolation, pgCode, unprocessable } from '../../platform/errors.js';
import { readCsvUpload } from '../../platform/csv.js';
import { newId } from '../../platform/ids.js';
import { can, requireAction, type Actor } from '../../platform/policy.js';
import { refreshSearchText } from '../people/people.queries.js';
import { syncAutomaticMemberships } from '../communities/communities.sync.js';
import * as q from './import.queries.js';
import {
  COLUMNS,
  escapeCell,
  findCycles,
  LIST_SEPARATOR,
  normaliseRoles,
  packRow,
  parseHeader,
  parseRow,
  rowChanges,
  unpackRow,
  type PersonRow,
  type RowError,
} from './import.rows.js';

type Action = 'create' | 'update' | 'unchanged';

export interface ImportResult {
  dryRun: boolean;
  total: number;
  creates: number;
  updates: number;
  unchanged: number;
  errors: RowError[];
  errorCount: number;
  preview: { row: number; email: string; name: string; action: Action }[];
  applied: boolean;
}

/** Rows per look-up or write statement: few round trips, and well under PostgreSQL's 65,535 parameters. */
const BATCH = 1000;
const PREVIEW_ROWS = 20;
const MAX_ERRORS = 1000;
/** Above this many changed people one statement over the organisation beats refreshing by id. */
const WHOLE_ORG_REFRESH = 10_000;
const EXPORT_PAGE = 1000;
/** Imports that change this many people refresh the planner statistics afterwards. */
const ANALYZE_AFTER = 5000;

interface Structure {
  name: string;
  /** Row index that named it first (for errors). */
  at: number;
}

/**
 * Everything the importer keeps about a file: one packed string and a few scalars per row,
 * so that 100,000 rows stay within tens of megabytes.
 */
class ImportFile {
  readonly packed: string[] = [];
  readonly rowNo: number[] = [];
  readonly bad: boolean[] = [];
  readonly action: Action[] = [];
  /** Existing person's id, then (when applying) the id of every written person. */
  readonly id: (string | null)[] = [];
  /** What each row's reporting line points at after the import: a row index, an existing person's id, or nothing. */
  readonly next: (number | string | null)[] = [];
  /** Rows whose manager cell changes the reporting line: only they can close a new cycle. */
  readonly managerChanged: boolean[] = [];
  readonly byKey = new Map<string, number>();
  readonly byId = new Map<string, number>();
  /** Existing people named as managers but not in the file: e-mail → id. */
  readonly outside = new Map<string, string>();
  readonly departments = new Map<string, Structure & { parent: string | null; parentAt: number }>();
  readonly teams = new Map<string, Structure & { department: string | null }>();
  readonly locations = new Map<string, Structure & { country: string | null; timezone: string | null }>();
  #phases: RowError[][] = [[]];
  errorCount = 0;

  get size() {
    return this.packed.length;
  }

  error(index: number, e: Omit<RowError, 'row'>) {
    this.bad[index] = true;
    this.errorCount += 1;
    const phase = this.#phases.at(-1)!;
    if (phase.length < MAX_ERRORS) {
      phase.push({ row: this.rowNo[index]!, ...e });
    }
  }

  /** Each check walks the rows in order, so the first errors of every check together hold the first errors overall. */
  nextPhase() {
    this.#phases.push([]);
  }

  firstErrors(): RowError[] {
    return this.#phases
      .flat()
      .sort((a, b) => a.row - b.row)
      .slice(0, MAX_ERRORS);
  }

  add(p: PersonRow, row: number, errors: RowError[]) {
    const i = this.packed.length;
    this.packed.push(packRow(p));
    this.rowNo.push(row);
    this.bad.push(false);
    this.action.push('create');
    this.id.push(null);
    this.next.push(null);
    this.managerChanged.push(false);
    for (const { row: _row, ...e } of errors) {
      this.error(i, e);
    }
    if (errors.some((e) => e.field === 'email')) {
      return;
    }
    const first = this.byKey.get(p.key);
    if (first !== undefined) {
      this.error(i, { field: 'email', code: 'DUPLICATE_ROW', message: `Row ${this.rowNo[first]} already has this e-mail address.` });
      return;
    }
    this.byKey.set(p.key, i);
    if (errors.length === 0) {
      this.#collectStructures(p, i);
    }
  }

  #collectStructures(p: PersonRow, i: number) {
    const dept = (name: string) => {
      const key = name.toLowerCase();
      let d = this.departments.get(key);
      if (!d) {
        d = { name, at: i, parent: null, parentAt: i };
        this.departments.set(key, d);
      }
      return d;
    };
    if (p.department) {
      const d = dept(p.department);
      if (p.parentDepartment && d.parent === null) {
        dept(p.parentDepartment);
        d.parent = p.parentDepartment.toLowerCase();
        d.parentAt = i;
      }
    }
    if (p.team) {
      const key = p.team.toLowerCase();
      const t = this.teams.get(key);
      if (!t) {
        this.teams.set(key, { name: p.team, at: i, department: p.department?.toLowerCase() ?? null });
      } else if (t.department === null && p.department) {
        t.department = p.department.toLowerCase();
      }
    }
    if (p.location) {
      const key = p.location.toLowerCase();
      const l = this.locations.get(key);
      if (!l) {
        this.locations.set(key, { name: p.location, at: i, country: p.country, timezone: p.timezone });
      } else {
        l.country ??= p.country;
        l.timezone ??= p.timezone;
      }
    }
  }
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) {
    out.push(items.slice(i, i + size));
  }
  return out;
}

/** Streams the upload through the CSV parser and checks each row on its own. */
async function readRows(source: Readable, maxBytes: number): Promise<ImportFile> {
  const file = new ImportFile();
  await readCsvUpload(
    source,
    { maxBytes, maxRows: LIMITS.importRows, rowsNoun: 'people', emptyNoun: 'people', explainMalformed: true },
    parseHeader,
    (cells, columns, record) => {
      const { person, errors } = parseRow(cells, columns, record);
      file.add(person, record, errors);
    },
  );
  return file;
}

/** Compares each row with the person of the same e-mail, in batches: one query per thousand rows. */
async function compareWithExisting(ctx: Ctx, actor: Actor, file: ImportFile): Promise<void> {
  const canGrant = can(actor, 'people.roles');
  const indexes = [...file.byKey.values()];
  for (const batch of chunks(indexes, BATCH)) {
    const found = new Map(
      (
        await q.findPeopleByKeys(
          ctx.db,
          actor.orgId,
          batch.map((i) => unpackRow(file.packed[i]!).key),
        )
      ).map((e) => [e.key, e]),
    );
    for (const i of batch) {
      const p = unpackRow(file.packed[i]!);
      const e = found.get(p.key);
      if (!e) {
        if (p.roles && !canGrant && p.roles.join() !== 'employee') {
          file.error(i, { field: 'roles', code: 'ROLE_NOT_ALLOWED', message: 'Only administrators can give roles other than employee.' });
        }
        file.managerChanged[i] = p.managerEmail !== null;
        continue;
      }
      file.id[i] = e.id;
      file.byId.set(e.id, i);
      file.next[i] = e.managerId;
      file.managerChanged[i] = p.managerEmail !== null && p.managerEmail !== e.managerKey;
      if (p.roles && e.id === actor.userId && e.roles.includes('admin') && !p.roles.includes('admin')) {
        // Importing a file must never lock its administrator out of administration.
        p.roles = normaliseRoles([...p.roles, 'admin']);
        file.packed[i] = packRow(p);
      }
      if (p.roles && !canGrant && p.roles.join() !== normaliseRoles(e.roles).join()) {
        file.error(i, { field: 'roles', code: 'ROLE_NOT_ALLOWED', message: 'Only administrators can change roles.' });
      }
      file.action[i] = rowChanges(p, e) ? 'update' : 'unchanged';
    }
  }
}

/** Resolves manager e-mails (in the file or already in the organisation) and refuses reporting cycles. */
async function checkManagers(ctx: Ctx, orgId: string, file: ImportFile): Promise<void> {
  const managerOf: (string | null)[] = file.packed.map((packed) => unpackRow(packed).managerEmail);
  const wanted = new Set<string>();
  for (const m of managerOf) {
    if (m !== null && !file.byKey.has(m)) {
      wanted.add(m);
    }
  }
  /** Reporting lines of people outside the file: id → manager id. */
  const outsideNext = new Map<string, string | null>();
  for (const batch of chunks([...wanted], BATCH)) {
    for (const r of await q.findIdsByKeys(ctx.db, orgId, batch)) {
      file.outside.set(r.key, r.id);
      outsideNext.set(r.id, r.managerId);
    }
  }
  for (let i = 0; i < file.size; i++) {
    const m = managerOf[i];
    if (m === null || m === undefined) {
      continue;
    }
    const target = file.byKey.get(m) ?? file.outside.get(m);
    if (target === undefined) {
      file.error(i, {
        field: 'manager_email',
        code: 'UNKNOWN_MANAGER',
        message: `No one with the e-mail ${m} is in the file or in the organisation.`,
      });
      file.managerChanged[i] = false;
      continue;
    }
    file.next[i] = target;
  }
  file.nextPhase();

  const starts = [...file.managerChanged.keys()].filter((i) => file.managerChanged[i]);
  if (starts.length === 0) {
    return;
  }
  // A row can point at an id of someone in the file; the walk must continue at that row.
  const node = (target: number | string | null | undefined): number | string | undefined =>
    target === null || target === undefined ? undefined : typeof target === 'string' ? (file.byId.get(target) ?? target) : target;
  // Follow reporting lines that leave the file, a level at a time, one query per thousand people per level.
  let frontier = new Set<string>();
  const visit = (target: number | string | null | undefined) => {
    const n = node(target);
    if (typeof n === 'string' && !outsideNext.has(n)) {
      frontier.add(n);
    }
  };
  file.next.forEach(visit);
  outsideNext.forEach(visit);
  for (let depth = 0; frontier.size > 0 && depth < 1000; depth++) {
    const ids = [...frontier];
    frontier = new Set();
    for (const batch of chunks(ids, BATCH)) {
      const rows = await q.managersOf(ctx.db, orgId, batch);
      for (const id of batch) {
        outsideNext.set(id, null);
      }
      for (const r of rows) {
        outsideNext.set(r.id, r.managerId);
      }
      for (const r of rows) {
        visit(r.managerId);
      }
    }
  }
  const cycle = findCycles<number | string>(starts, (n) => node(typeof n === 'number' ? file.next[n] : outsideNext.get(n)));
  const rows = [...cycle].filter((n): n is number => typeof n === 'number').sort((a, b) => a - b);
  for (const n of rows) {
    if (managerOf[n] !== null) {
      file.error(n, {
        field: 'manager_email',
        code: 'REPORTING_CYCLE',
        message: 'This manager would make a reporting line that comes back to this person.',
      });
    }
  }
  file.nextPhase();
}

/** Departments the file creates must not end up inside themselves through parent_department. */
async function checkDepartments(ctx: Ctx, orgId: string, file: ImportFile): Promise<void> {
  const withParent = [...file.departments].filter(([, d]) => d.parent !== null);
  if (withParent.length === 0) {
    return;
  }
  const existing = new Set<string>();
  for (const batch of chunks([...file.departments.keys()], BATCH)) {
    for (const r of await q.findStructures(ctx.db, 'departments', orgId, batch)) {
      existing.add(r.key);
    }
  }
  const parentOf = (key: string) => {
    const parent = existing.has(key) ? null : file.departments.get(key)?.parent;
    return parent && !existing.has(parent) ? parent : undefined;
  };
  const looping = [
    ...findCycles(
      withParent.map(([key]) => key),
      parentOf,
    ),
  ].map((key) => file.departments.get(key)!);
  for (const d of looping.sort((a, b) => a.parentAt - b.parentAt)) {
    file.error(d.parentAt, {
      field: 'parent_department',
      code: 'DEPARTMENT_CYCLE',
      message: `Department "${d.name}" would end up inside itself.`,
    });
  }
  file.nextPhase();
}

function summary(file: ImportFile, dryRun: boolean): ImportResult {
  const counts: Record<Action, number> = { create: 0, update: 0, unchanged: 0 };
  for (let i = 0; i < file.size; i++) {
    if (!file.bad[i]) {
      counts[file.action[i]!] += 1;
    }
  }
  const preview = file.packed.slice(0, PREVIEW_ROWS).map((packed, i) => {
    const p = unpackRow(packed);
    return { row: file.rowNo[i]!, email: p.email, name: p.name, action: file.action[i]! };
  });
  return {
    dryRun,
    total: file.size,
    creates: counts.create,
    updates: counts.update,
    unchanged: counts.unchanged,
    errors: file.firstErrors(),
    errorCount: file.errorCount,
    preview,
    applied: false,
  };
}

type Trx = Transaction<DB>;

/** Finds or creates departments, teams and locations by name; returns name (lower case) → id for each. */
async function ensureStructures(trx: Trx, orgId: string, file: ImportFile) {
  const find = async (table: 'departments' | 'teams' | 'locations', keys: string[]) => {
    const ids = new Map<string, string>();
    for (const batch of chunks(keys, BATCH)) {
      for (const r of await q.findStructures(trx, table, orgId, batch)) {
        ids.set(r.key, r.id);
      }
    }
    return ids;
  };
  const created = { departments: 0, teams: 0, locations: 0 };

  const departments = await find('departments', [...file.departments.keys()]);
  const newDepartments = [...file.departments].filter(([key]) => !departments.has(key));
  const createdDepartments: string[] = [];
  for (const batch of chunks(newDepartments, BATCH)) {
    for (const r of await q.insertDepartments(
      trx,
      batch.map(([, d]) => ({ id: newId(), orgId, name: d.name })),
    )) {
      departments.set(r.key, r.id);
      createdDepartments.push(r.key);
    }
  }
  // A department created by someone else in the meantime is simply used.
  for (const [key, id] of await find(
    'departments',
    newDepartments.map(([key]) => key).filter((k) => !departments.has(k)),
  )) {
    departments.set(key, id);
  }
  const withParent = createdDepartments.filter((key) => file.departments.get(key)!.parent !== null);
  await q.setDepartmentParents(
    trx,
    orgId,
    withParent.map((key) => departments.get(key)!),
    withParent.map((key) => departments.get(file.departments.get(key)!.parent!)!),
  );
  created.departments = createdDepartments.length;

  const teams = await find('teams', [...file.teams.keys()]);
  const newTeams = [...file.teams].filter(([key]) => !teams.has(key));
  for (const batch of chunks(newTeams, BATCH)) {
    const rows = batch.map(([, t]) => ({
      id: newId(),
      orgId,
      name: t.name,
      departmentId: t.department ? (departments.get(t.department) ?? null) : null,
    }));
    for (const r of await q.insertTeams(trx, rows)) {
      teams.set(r.key, r.id);
      created.teams += 1;
    }
  }
  for (const [key, id] of await find(
    'teams',
    newTeams.map(([key]) => key).filter((k) => !teams.has(k)),
  )) {
    teams.set(key, id);
  }

  const locations = await find('locations', [...file.locations.keys()]);
  const newLocations = [...file.locations].filter(([key]) => !locations.has(key));
  for (const batch of chunks(newLocations, BATCH)) {
    const rows = batch.map(([, l]) => ({ id: newId(), orgId, name: l.name, country: l.country, timezone: l.timezone }));
    for (const r of await q.insertLocations(trx, rows)) {
      locations.set(r.key, r.id);
      created.locations += 1;
    }
  }
  for (const [key, id] of await find(
    'locations',
    newLocations.map(([key]) => key).filter((k) => !locations.has(k)),
  )) {
    locations.set(key, id);
  }
  return { departments, teams, locations, created };
}

/**
 * The rows to write, managers before the people who report to them, so that each row can name
 * its manager in the same statement (foreign keys are checked at the end of each statement).
 */
function writeOrder(file: ImportFile): number[] {
  const depth = new Int32Array(file.size).fill(-1);
  const changed = (i: number) => file.action[i] !== 'unchanged';
  const managerRow = (i: number) => {
    const target = file.next[i];
    return typeof target === 'number' && unpackRow(file.packed[i]!).managerEmail !== null && changed(target) ? target : undefined;
  };
  let deepest = 0;
  for (let i = 0; i < file.size; i++) {
    if (!changed(i) || depth[i]! >= 0) {
      continue;
    }
    // Walk up to a known depth, then number the way back down; chains can be long, so no recursion.
    const path: number[] = [];
    let at: number | undefined = i;
    while (at !== undefined && depth[at]! < 0 && path.length <= file.size) {
      path.push(at);
      at = managerRow(at);
    }
    let d = at === undefined ? -1 : depth[at]!;
    for (let k = path.length - 1; k >= 0; k--) {
      d += 1;
      depth[path[k]!] = d;
    }
    deepest = Math.max(deepest, d);
  }
  const levels: number[][] = Array.from({ length: deepest + 1 }, () => []);
  for (let i = 0; i < file.size; i++) {
    if (changed(i)) {
      levels[depth[i]!]!.push(i);
    }
  }
  return levels.flat();
}

/** Writes a checked file in one transaction: structures, people with their managers, search text and the audit entry. */
async function apply(ctx: Ctx, actor: Actor, file: ImportFile, counts: ImportResult): Promise<void> {
  const orgId = actor.orgId;
  const order = writeOrder(file);
  const batchOf = new Map<number, number>();
  order.forEach((i, position) => {
    batchOf.set(i, Math.floor(position / BATCH));
    // Ids are chosen up front so that a row can point at a manager written in the same statement.
    file.id[i] ??= newId();
  });
  const events = await ctx.db
    .transaction()
    .execute(async (trx) => {
      const s = await ensureStructures(trx, orgId, file);
      const ref = (ids: Map<string, string>, name: string | null) => (name ? (ids.get(name.toLowerCase()) ?? null) : null);
      const later: { id: string; managerId: string }[] = [];
      for (const [b, batch] of chunks(order, BATCH).entries()) {
        const rows = batch.map((i) => {
          const p = unpackRow(file.packed[i]!);
          const target = p.managerEmail === null ? null : file.next[i];
          let managerId = typeof target === 'number' ? file.id[target]! : (target ?? null);
          if (typeof target === 'number' && (batchOf.get(target) ?? -1) > b) {
            later.push({ id: file.id[i]!, managerId: managerId! });
            managerId = null;
          }
          return {
            id: file.id[i]!,
            orgId,
            email: p.email,
            name: p.name,
            title: p.title,
            departmentId: ref(s.departments, p.department),
            teamId: ref(s.teams, p.team),
            locationId: ref(s.locations, p.location),
            // Empty means "keep" for someone who exists; a newcomer always has the employee role.
            roles: p.roles ?? (file.action[i] === 'create' ? ['employee'] : []),
            employeeNumber: p.employeeNumber,
            startDate: p.startDate,
            phone: p.phone,
            timezone: p.timezone,
            locale: p.locale,
            skills: p.skills ?? [],
            managerId,
          };
        });
        for (const r of await q.upsertPeople(trx, rows)) {
          const i = file.byKey.get(r.key);
          if (i !== undefined && file.id[i] !== r.id) {
            // Someone created this person after the file was checked; their reports would point at the wrong id.
            throw conflict('IMPORT_CONFLICT', 'People were added while the import was running. Import the file again.');
          }
        }
      }
      for (const batch of chunks(later, BATCH * 5)) {
        await q.setManagers(
          trx,
          orgId,
          batch.map((m) => m.id),
          batch.map((m) => m.managerId),
        );
      }

      const members = await syncAutomaticMemberships(
        trx,
        orgId,
        order.length > WHOLE_ORG_REFRESH ? undefined : order.map((i) => file.id[i]!),
      );
      if (order.length > WHOLE_ORG_REFRESH) {
        await refreshSearchText(trx, orgId);
      } else {
        for (const batch of chunks(order, BATCH)) {
          await refreshSearchText(
            trx,
            orgId,
            batch.map((i) => file.id[i]!),
          );
        }
      }
      await audit(trx, {
        orgId,
        actorId: actor.userId,
        action: 'people.imported',
        data: {
          total: counts.total,
          creates: counts.creates,
          updates: counts.updates,
          unchanged: counts.unchanged,
          departmentsCreated: s.created.departments,
          teamsCreated: s.created.teams,
          locationsCreated: s.created.locations,
        },
      });
      return members;
    })
    .catch((err: unknown) => {
      if (isUniqueViolation(err) || pgCode(err) === '23503') {
        throw conflict('IMPORT_CONFLICT', 'People or places changed while the import was running. Import the file again.');
      }
      throw err;
    });
  await ctx.bus.publish(events);
  if (order.length >= ANALYZE_AFTER) {
    await q.analyzePeople(ctx.db).catch((err: unknown) => ctx.log.warn({ err }, 'analyze after import failed'));
  }
}

/**
 * Imports people from a CSV upload, or only checks it (`dryRun`). Rows are matched to people by
 * e-mail, ignoring case: a new e-mail creates a person (without a password: they sign in after an
 * invitation or a password reset), a known one updates them. An empty cell leaves an existing
 * person's value as it is, roles included; nothing is ever cleared or removed by an import.
 * `parent_department`, `country` and a location's time zone are used only when the import creates
 * that department or location. Applying refuses the whole file (422 IMPORT_INVALID) if any row has
 * an error, and otherwise writes everything in one transaction.
 */
export async function importPeople(
  ctx: Ctx,
  actor: Actor,
  input: { open: () => Promise<Readable>; dryRun: boolean },
): Promise<ImportResult> {
  requireAction(actor, 'people.import');
  // The upload is opened only once the actor may import: a refused request never has its body read.
  const file = await readRows(await input.open(), ctx.config.uploadLimit);
  file.nextPhase();
  await compareWithExisting(ctx, actor, file);
  file.nextPhase();
  await checkManagers(ctx, actor.orgId, file);
  await checkDepartments(ctx, actor.orgId, file);
  const result = summary(file, input.dryRun);
  if (input.dryRun) {
    return result;
  }
  if (file.errorCount > 0) {
    throw unprocessable(
      'IMPORT_INVALID',
      `Nothing was imported: ${file.errorCount} ${file.errorCount === 1 ? 'problem needs' : 'problems need'} fixing first.`,
      {
        errors: result.errors,
        errorCount: result.errorCount,
      },
    );
  }
  if (result.creates + result.updates > 0) {
    await apply(ctx, actor, file, result);
  }
  return { ...result, applied: true };
}

/**
 * Every person of the organisation, deactivated people included, as CSV in exactly the import
 * format, streamed a page at a time. Cells that a spreadsheet would run as formulas are prefixed
 * with an apostrophe, which the importer removes again. A person renamed while the file downloads
 * may be missed or repeated (pages follow the name order).
 */
export async function exportPeople(ctx: Ctx, actor: Actor): Promise<Readable> {
  requireAction(actor, 'people.export');
  const orgId = actor.orgId;
  async function* records(): AsyncGenerator<string[]> {
    let after: { name: string; id: string } | null = null;
    for (;;) {
      const page = await q.exportPage(ctx.db, orgId, after, EXPORT_PAGE);
      for (const r of page) {
        yield [
          r.email,
          r.name,
          r.title,
          r.department,
          r.parentDepartment,
          r.team,
          r.location,
          r.country,
          r.managerEmail,
          normaliseRoles(r.roles).join(LIST_SEPARATOR),
          r.employeeNumber,
          r.startDate,
          r.phone,
          r.timezone,
          r.locale,
          r.skills.join(LIST_SEPARATOR),
        ].map((v) => escapeCell(v ?? ''));
      }
      const last = page.at(-1);
      if (!last || page.length < EXPORT_PAGE) {
        return;
      }
      after = { name: last.name, id: last.id };
    }
  }
  // A BOM makes spreadsheet programs read the file as UTF-8; the importer accepts it.
  const out = stringify({ header: true, columns: [...COLUMNS], bom: true });
  pipeline(Readable.from(records()), out, (err) => {
    if (err) {
      ctx.log.warn({ err }, 'people export stopped');
    }
  });
  return out;
}
