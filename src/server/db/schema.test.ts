import path from 'node:path';
import { sql } from 'kysely';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../test/helpers.js';
import type { Database } from '../platform/db.js';

/** Columns of each table as schema.ts declares them: name → whether null is allowed. */
function declaredTables(): Map<string, Map<string, boolean>> {
  const file = path.join(import.meta.dirname, 'schema.ts');
  const program = ts.createProgram([file], { strict: true, skipLibCheck: true, noEmit: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const db = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB')!;
  const tables = new Map<string, Map<string, boolean>>();
  for (const member of db.members) {
    const tableType = checker.getTypeAtLocation(member);
    const columns = new Map<string, boolean>();
    for (const prop of tableType.getProperties()) {
      let type = checker.getTypeOfSymbolAtLocation(prop, member);
      // ColumnType<Select, Insert, Update> keeps the selected type in __select__.
      const select = type.getProperty('__select__');
      if (select) {
        type = checker.getTypeOfSymbolAtLocation(select, member);
      }
      const nullable = type.isUnion() ? type.types.some((t) => t.flags & ts.TypeFlags.Null) : Boolean(type.flags & ts.TypeFlags.Null);
      columns.set(prop.name, nullable);
    }
    tables.set((member.name as ts.Identifier).text, columns);
  }
  return tables;
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_m, c: string) => c.toUpperCase());

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

describe('table types', () => {
  it('match the migrated database: same tables, same columns, same nullability', async () => {
    const rows = await sql<{ tableName: string; columnName: string; isNullable: string }>`
      select table_name, column_name, is_nullable from information_schema.columns
      where table_schema = current_schema() and table_name not like 'schema_migrations%'
      order by table_name, ordinal_position`.execute(database.db);
    const actual = new Map<string, Map<string, boolean>>();
    for (const r of rows.rows) {
      const table = camel(r.tableName);
      if (!actual.has(table)) {
        actual.set(table, new Map());
      }
      actual.get(table)!.set(camel(r.columnName), r.isNullable === 'YES');
    }
    const toObject = (m: Map<string, Map<string, boolean>>) =>
      Object.fromEntries(
        [...m]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([t, cols]) => [t, Object.fromEntries([...cols].sort(([a], [b]) => a.localeCompare(b)))]),
      );
    expect(toObject(declaredTables())).toEqual(toObject(actual));
  });
});
