import type { ColumnDef, TypeName } from '@pgsql/types';
import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, namesOf, nodeBody, statementsOf, tableElements, tableOf, typeNameOf, type TableName } from '../ast.js';
import type { ParsedMigration } from '../types.js';

/**
 * Every column definition a file writes (CREATE TABLE, ADD COLUMN, ALTER COLUMN TYPE), with its
 * statement and table: the input of the type-choice rules.
 */
export interface ColumnDefinition {
  statement: ParsedStatement;
  table: TableName;
  column: ColumnDef;
  /** The column's name (ALTER COLUMN TYPE carries it on the command, not the definition). */
  name: string;
  /** Primary key columns named by a table-level PRIMARY KEY (...) of the same CREATE TABLE. */
  tablePrimaryKey: ReadonlySet<string>;
  /** The clause that wrote the definition (serial types, for one, only exist in the first two). */
  via: 'CREATE TABLE' | 'ADD COLUMN' | 'ALTER COLUMN TYPE';
}

/** The serial pseudo-types as the parser keeps them, and the integer type of the identity column each stands for. */
export const SERIAL_IDENTITY_TYPES: Readonly<Record<string, string>> = {
  smallserial: 'smallint',
  serial2: 'smallint',
  serial: 'integer',
  serial4: 'integer',
  bigserial: 'bigint',
  serial8: 'bigint',
};

/** PostgreSQL expands serial only when written unqualified and not as an array; "s.serial" is a user type. */
export function isSerial(type: TypeName | undefined): boolean {
  return namesOf(type?.names).length === 1 && !type?.arrayBounds?.length && Object.hasOwn(SERIAL_IDENTITY_TYPES, typeNameOf(type));
}

const EMPTY: ReadonlySet<string> = new Set();

const cache = new WeakMap<ParsedMigration, ColumnDefinition[]>();

/** The file's column definitions, computed once per file for the type rules. */
export function columnDefinitions(file: ParsedMigration): ColumnDefinition[] {
  let out = cache.get(file);
  if (!out) cache.set(file, (out = collect(statementsOf(file, 'CreateStmt', 'AlterTableStmt'))));
  return out;
}

function collect(statements: readonly ParsedStatement[]): ColumnDefinition[] {
  const out: ColumnDefinition[] = [];
  for (const statement of statements) {
    const create = bodyOf(statement, 'CreateStmt');
    if (create) {
      const table = tableOf(create.relation);
      const { columns, constraints } = tableElements(create.tableElts);
      const primaryKey = new Set(
        constraints
          .filter((c) => c.contype === 'CONSTR_PRIMARY')
          .flatMap((c) => (c.keys ?? []).map((k) => nodeBody(k, 'String')?.sval ?? '')),
      );
      for (const column of columns) out.push({ statement, table, column, name: column.colname ?? '', tablePrimaryKey: primaryKey, via: 'CREATE TABLE' });
      continue;
    }
    const alter = bodyOf(statement, 'AlterTableStmt');
    if (!alter || alter.objtype !== 'OBJECT_TABLE') continue;
    const table = tableOf(alter.relation);
    for (const cmd of alter.cmds ?? []) {
      const command = nodeBody(cmd, 'AlterTableCmd');
      const column = nodeBody(command?.def, 'ColumnDef');
      if (!column) continue;
      if (command?.subtype === 'AT_AddColumn') out.push({ statement, table, column, name: column.colname ?? '', tablePrimaryKey: EMPTY, via: 'ADD COLUMN' });
      if (command?.subtype === 'AT_AlterColumnType') out.push({ statement, table, column, name: command.name ?? '', tablePrimaryKey: EMPTY, via: 'ALTER COLUMN TYPE' });
    }
  }
  return out;
}
