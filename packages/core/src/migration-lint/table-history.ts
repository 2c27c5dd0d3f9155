import type { ParsedStatement } from '../parser/parse.js';
import { bodyOf, createdTable, namesOf, nodeBody, tableFromNames, tableKey, tableOf } from './ast.js';
import type { TableLookup } from './types.js';

/** A table ("schema.table") that a file creates (true) or drops or renames away (false). */
export type TableChange = readonly [key: string, exists: boolean];

/**
 * What a file's statements do to the set of tables, in statement order: small plain data, so a
 * worker thread that parsed the file can hand it back without the syntax trees.
 */
export function tableChangesOf(statements: readonly ParsedStatement[]): TableChange[] {
  const changes: TableChange[] = [];
  for (const statement of statements) {
    const created = createdTable(statement);
    if (created) changes.push([tableKey(created), true]);
    const drop = bodyOf(statement, 'DropStmt');
    if (drop?.removeType === 'OBJECT_TABLE') {
      for (const object of drop.objects ?? []) changes.push([tableKey(tableFromNames(namesOf(nodeBody(object, 'List')?.items))), false]);
    }
    const rename = bodyOf(statement, 'RenameStmt');
    if (rename?.renameType === 'OBJECT_TABLE' && rename.newname) {
      const from = tableOf(rename.relation);
      changes.push([tableKey(from), false], [tableKey({ schema: from.schema, name: rename.newname }), true]);
    }
    const move = bodyOf(statement, 'AlterObjectSchemaStmt');
    if (move?.objectType === 'OBJECT_TABLE' && move.newschema) {
      const from = tableOf(move.relation);
      changes.push([tableKey(from), false], [tableKey({ schema: move.newschema, name: from.name }), true]);
    }
  }
  return changes;
}

/**
 * Which tables exist after each migration file, without copying a set per file: every table keeps
 * the list of (file index, exists) changes, and a lookup "as file N starts" reads the last change
 * made by an earlier file.
 */
export class TableHistory {
  private readonly changes = new Map<string, { fileIndex: number; exists: boolean }[]>();

  record(fileIndex: number, statements: readonly ParsedStatement[]): void {
    this.apply(fileIndex, tableChangesOf(statements));
  }

  /** Records the changes one file makes (see `tableChangesOf`); files must be applied in order. */
  apply(fileIndex: number, changes: readonly TableChange[]): void {
    for (const [key, exists] of changes) {
      let list = this.changes.get(key);
      if (!list) this.changes.set(key, (list = []));
      list.push({ fileIndex, exists });
    }
  }

  /** The tables that exist as file `fileIndex` starts (only earlier files count). */
  before(fileIndex: number, onlyFiles?: ReadonlySet<number>): TableLookup {
    return {
      has: (key: string) => {
        const list = this.changes.get(key);
        if (!list) return false;
        let exists = false;
        for (const change of list) {
          if (change.fileIndex >= fileIndex) break;
          if (!onlyFiles || onlyFiles.has(change.fileIndex)) exists = change.exists;
        }
        return exists;
      },
    };
  }
}
