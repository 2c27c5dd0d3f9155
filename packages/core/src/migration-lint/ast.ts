import type { ColumnDef, Constraint, Node, RangeVar, TypeName } from '@pgsql/types';
import { nodeType, type ParsedStatement } from '../parser/parse.js';
import type { MigrationContext, ParsedMigration } from './types.js';

/**
 * Small readers over libpg-query syntax trees, shared by the migration rules. They only look at
 * the node types a rule asks for: no deep walks over whole trees.
 */

type NodeBody<K extends string> = Node extends infer N ? (N extends Record<K, infer V> ? V : never) : never;

/** The body of a statement of the given type, or undefined: `bodyOf(stmt, 'CreateStmt')`. */
export function bodyOf<K extends string>(statement: ParsedStatement, type: K): NodeBody<K> | undefined {
  return (statement.node as Record<string, unknown>)[type] as NodeBody<K> | undefined;
}

/** The body of any node of the given type. */
export function nodeBody<K extends string>(node: Node | undefined, type: K): NodeBody<K> | undefined {
  return node ? ((node as Record<string, unknown>)[type] as NodeBody<K> | undefined) : undefined;
}

/** Objects a migration runs with the default search_path land in "public". */
export const DEFAULT_SCHEMA = 'public';

export interface TableName {
  schema: string;
  name: string;
}

export function tableOf(relation: RangeVar | undefined): TableName {
  return { schema: relation?.schemaname ?? DEFAULT_SCHEMA, name: relation?.relname ?? '' };
}

/** "schema.table": the key used for sets of tables. */
export function tableKey(table: TableName): string {
  return `${table.schema}.${table.name}`;
}

/** The `sval`s of a list of String nodes (qualified names). */
export function namesOf(nodes: Node[] | undefined): string[] {
  return (nodes ?? []).map((n) => nodeBody(n, 'String')?.sval ?? '').filter((s) => s !== '');
}

/** A qualified name list (["s", "t"] or ["t"]) as a table name. */
export function tableFromNames(names: string[]): TableName {
  return names.length >= 2 ? { schema: names[names.length - 2], name: names[names.length - 1] } : { schema: DEFAULT_SCHEMA, name: names[0] ?? '' };
}

/** A type's own name, lower case, without "pg_catalog.": "varchar", "int4", "timestamptz". */
export function typeNameOf(type: TypeName | undefined): string {
  const names = namesOf(type?.names);
  return (names[names.length - 1] ?? '').toLowerCase();
}

export function constraintsOf(column: ColumnDef): Constraint[] {
  return (column.constraints ?? []).map((c) => nodeBody(c, 'Constraint')).filter((c): c is Constraint => c !== undefined);
}

/** Whether a column definition gives every existing row a value (a default, identity or generated column). */
export function columnHasDefault(column: ColumnDef): boolean {
  if (column.raw_default || column.identity || column.generated) return true;
  return constraintsOf(column).some((c) => ['CONSTR_DEFAULT', 'CONSTR_IDENTITY', 'CONSTR_GENERATED'].includes(c.contype ?? ''));
}

export function columnIsNotNull(column: ColumnDef): boolean {
  return column.is_not_null === true || constraintsOf(column).some((c) => c.contype === 'CONSTR_NOTNULL' || c.contype === 'CONSTR_PRIMARY');
}

/** The column definitions and table constraints of a CREATE TABLE. */
export function tableElements(elements: Node[] | undefined): { columns: ColumnDef[]; constraints: Constraint[] } {
  const columns: ColumnDef[] = [];
  const constraints: Constraint[] = [];
  for (const element of elements ?? []) {
    const column = nodeBody(element, 'ColumnDef');
    if (column) columns.push(column);
    const constraint = nodeBody(element, 'Constraint');
    if (constraint) constraints.push(constraint);
  }
  return { columns, constraints };
}

const createdTablesCache = new WeakMap<ParsedMigration, Map<string, number>>();

/** Tables a file creates ("schema.table" → ordinal of the creating statement). Cached per file. */
export function tablesCreatedIn(file: ParsedMigration): Map<string, number> {
  let created = createdTablesCache.get(file);
  if (!created) {
    created = new Map();
    for (const statement of file.statements) {
      const table = createdTable(statement);
      if (table && !created.has(tableKey(table))) created.set(tableKey(table), statement.ordinal);
    }
    createdTablesCache.set(file, created);
  }
  return created;
}

/** The table a statement creates, if it creates one (CREATE TABLE, CREATE TABLE AS, SELECT INTO). */
export function createdTable(statement: ParsedStatement): TableName | undefined {
  const create = bodyOf(statement, 'CreateStmt');
  if (create) return tableOf(create.relation);
  const createAs = bodyOf(statement, 'CreateTableAsStmt');
  if (createAs && createAs.objtype === 'OBJECT_TABLE') return tableOf(createAs.into?.rel);
  return undefined;
}

/**
 * Whether the table may already hold data when the statement runs: true unless this same file
 * created it earlier, or an earlier file of the same change did (pull request mode). Tables the
 * linted history does not know are assumed to exist (the history may be partial): the safe side.
 */
export function isExistingTable(
  file: ParsedMigration,
  statement: ParsedStatement,
  table: TableName,
  context: MigrationContext,
): boolean {
  const key = tableKey(table);
  const createdAt = tablesCreatedIn(file).get(key);
  if (createdAt !== undefined && createdAt < statement.ordinal) return false;
  return !context.pendingTables.has(key);
}

/** Display form of a table: "public.orders" (quoted only in generated SQL, never in messages). */
export function display(table: TableName): string {
  return `${table.schema}.${table.name}`;
}

/** Whether a DefElem list holds a given option. */
export function findOption(options: Node[] | undefined, name: string) {
  return (options ?? []).map((o) => nodeBody(o, 'DefElem')).find((d) => d?.defname === name);
}

const byTypeCache = new WeakMap<ParsedMigration, Map<string, ParsedStatement[]>>();

/**
 * The file's statements of the given node types, in file order. The index is built once per file,
 * so each rule visits only the statements it cares about instead of all of them.
 */
export function statementsOf(file: ParsedMigration, ...types: string[]): ParsedStatement[] {
  let index = byTypeCache.get(file);
  if (!index) {
    index = new Map();
    for (const statement of file.statements) {
      const type = nodeType(statement.node);
      let list = index.get(type);
      if (!list) index.set(type, (list = []));
      list.push(statement);
    }
    byTypeCache.set(file, index);
  }
  if (types.length === 1) return index.get(types[0]) ?? [];
  const key = types.join(',');
  let merged = index.get(key);
  if (!merged) index.set(key, (merged = types.flatMap((type) => index.get(type) ?? []).sort((a, b) => a.ordinal - b.ordinal)));
  return merged;
}
