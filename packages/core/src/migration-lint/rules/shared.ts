import type { AlterTableCmd } from '@pgsql/types';
import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, isExistingTable, namesOf, nodeBody, statementsOf, tableFromNames, tableKey, tableOf, type TableName } from '../ast.js';
import type { MigrationContext, MigrationFinding, ParsedMigration } from '../types.js';

/** Builds a finding on a table (or one of its columns, when `column` is given). */
export function tableFinding(
  statement: ParsedStatement,
  table: TableName,
  message: string,
  byteLocation?: number,
  column?: string,
): MigrationFinding {
  return {
    statement,
    ...(byteLocation !== undefined ? { byteLocation } : {}),
    object: column ? { schema: table.schema, table: table.name, name: column } : { schema: table.schema, name: table.name },
    message,
  };
}

/** One ALTER TABLE subcommand on a table that already holds rows, with its statement and table. */
export interface ExistingTableCommand {
  statement: ParsedStatement;
  table: TableName;
  command: AlterTableCmd;
  /** Byte offset of the table's name in the statement (where a finding points without a better node). */
  relationLocation?: number;
}

/**
 * Every subcommand of every ALTER TABLE on an existing table, in file order: what the lock and
 * rewrite rules inspect. A table this change created is skipped, since it has no rows to lock or rewrite.
 */
export function* commandsOnExistingTables(file: ParsedMigration, context: MigrationContext): Generator<ExistingTableCommand> {
  for (const statement of statementsOf(file, 'AlterTableStmt')) {
    const alter = bodyOf(statement, 'AlterTableStmt');
    if (!alter || alter.objtype !== 'OBJECT_TABLE') continue;
    const table = tableOf(alter.relation);
    if (!isExistingTable(file, statement, table, context)) continue;
    for (const cmd of alter.cmds ?? []) {
      const command = nodeBody(cmd, 'AlterTableCmd');
      if (command) yield { statement, table, command, ...(alter.relation?.location !== undefined ? { relationLocation: alter.relation.location } : {}) };
    }
  }
}

/** "schema.table\0name": an object that lives on a table (a policy, a trigger), as CREATE and DROP name it. */
export const onTableKey = (table: TableName, name: string): string => `${tableKey(table)}\0${name}`;

/**
 * The objects of `kind` a `DROP <kind> IF EXISTS name ON table` statement drops, as onTableKey keys
 * (none for any other statement): a CREATE after it in the same file can run again.
 */
export function droppedIfExists(statement: ParsedStatement, kind: 'OBJECT_POLICY' | 'OBJECT_TRIGGER'): string[] {
  const drop = bodyOf(statement, 'DropStmt');
  if (drop?.removeType !== kind || !drop.missing_ok) return [];
  return (drop.objects ?? []).map((object) => {
    const names = namesOf(nodeBody(object, 'List')?.items);
    return onTableKey(tableFromNames(names.slice(0, -1)), names[names.length - 1] ?? '');
  });
}
