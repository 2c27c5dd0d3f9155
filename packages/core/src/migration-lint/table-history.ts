import type { ParsedStatement } from '../parser/parse.js';
import { bodyOf, createdTable, namesOf, nodeBody, tableFromNames, tableKey, tableOf } from './ast.js';
import type { TableLookup } from './types.js';

/**
 * Which tables exist after each migration file, without copying a set per file: every table keeps
 * the list of (file index, exists) changes, and a lookup "as file N starts" reads the last change
 * made by an earlier file.
 */
export class TableHistory {
  private readonly changes = new Map<string, { fileIndex: number; exists: boolean }[]>();

  record(fileIndex: number, statements: readonly ParsedStatement[]): void {
    for (const statement of statements) {
      const created = createdTable(statement);
      if (created) this.set(tableKey(created), fileIndex, true);
      const drop = bodyOf(statement, 'DropStmt');
      if (drop?.removeType === 'OBJECT_TABLE') {
        for (const object of drop.objects ?? []) {
          this.set(tableKey(tableFromNames(namesOf(nodeBody(object, 'List')?.items))), fileIndex, false);
        }
      }
      const rename = bodyOf(statement, 'RenameStmt');
      if (rename?.renameType === 'OBJECT_TABLE' && rename.newname) {
        const from = tableOf(rename.relation);
        this.set(tableKey(from), fileIndex, false);
        this.set(tableKey({ schema: from.schema, name: rename.newname }), fileIndex, true);
      }
      const move = bodyOf(statement, 'AlterObjectSchemaStmt');
      if (move?.objectType === 'OBJECT_TABLE' && move.newschema) {
        const from = tableOf(move.relation);
        this.set(tableKey(from), fileIndex, false);
        this.set(tableKey({ schema: move.newschema, name: from.name }), fileIndex, true);
      }
    }
  }

  private set(key: string, fileIndex: number, exists: boolean): void {
    let list = this.changes.get(key);
    if (!list) this.changes.set(key, (list = []));
    list.push({ fileIndex, exists });
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
