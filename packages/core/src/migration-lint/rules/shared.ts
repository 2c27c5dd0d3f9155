import type { ParsedStatement } from '../../parser/parse.js';
import type { TableName } from '../ast.js';
import type { MigrationFinding } from '../types.js';

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
