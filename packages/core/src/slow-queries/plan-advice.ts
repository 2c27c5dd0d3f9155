import type { Inventory } from '../inventory/schema.js';
import { parseSqlFile } from '../parser/parse.js';
import { columnReachable, createIndexSql, indexesOn } from '../rules/schema/index-advice.js';

/**
 * Index suggestions from an EXPLAIN (VERBOSE, FORMAT JSON) plan (§6.2 "introspection flags table
 * scans in slow queries"): a Seq Scan with a Filter on a table of at least `largeTableRows`
 * estimated rows, where the filter compares a column no index serves. The filter is read with the
 * PostgreSQL parser (`select <filter>`), not as text; columns count as in the policy rule: operands
 * of comparisons and the left side of IN (SELECT ...).
 */
export interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  Schema?: string;
  Alias?: string;
  Filter?: string;
  Plans?: PlanNode[];
  [key: string]: unknown;
}

export interface SeqScan {
  schema: string;
  table: string;
  filter: string;
  columns: string[];
}

export interface IndexSuggestion {
  schema: string;
  table: string;
  column: string;
  sql: string;
}

export function seqScansOf(plan: PlanNode): SeqScan[] {
  const out: SeqScan[] = [];
  const visit = (node: PlanNode): void => {
    if (node['Node Type'] === 'Seq Scan' && node['Relation Name'] && node.Filter) {
      const table = node['Relation Name'];
      const alias = node.Alias ?? table;
      out.push({ schema: node.Schema ?? 'public', table, filter: node.Filter, columns: filterColumns(node.Filter, [alias, table]) });
    }
    for (const child of node.Plans ?? []) visit(child);
  };
  visit(plan);
  return out;
}

/** Columns of the scanned relation (qualified by its alias or name, or not at all) that the filter compares. */
export function filterColumns(filter: string, qualifiers: string[]): string[] {
  let tree: unknown;
  try {
    tree = parseSqlFile(`select ${filter}`)[0]?.node;
  } catch {
    return []; // a filter EXPLAIN printed that is not plain SQL (rare: internal params): no suggestion from it
  }
  const found = new Set<string>();
  const note = (operand: unknown): void => {
    let node = operand as Record<string, unknown> | undefined;
    while (node && 'TypeCast' in node) node = (node.TypeCast as { arg?: Record<string, unknown> }).arg;
    if (!node || !('ColumnRef' in node)) return;
    const fields = ((node.ColumnRef as { fields?: Record<string, { sval?: string }>[] }).fields ?? []).map((f) => f.String?.sval);
    if (fields.some((f) => f === undefined)) return;
    const names = fields as string[];
    if (names.length === 1 || qualifiers.includes(names[names.length - 2])) found.add(names[names.length - 1]);
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if ('A_Expr' in record) {
      const expr = record.A_Expr as { lexpr?: unknown; rexpr?: unknown };
      const right = (expr.rexpr as { List?: { items?: unknown[] } } | undefined)?.List?.items ?? [expr.rexpr];
      [expr.lexpr, ...right].forEach(note);
    }
    if ('SubLink' in record) note((record.SubLink as { testexpr?: unknown }).testexpr);
    Object.values(record).forEach(walk);
  };
  walk(tree);
  return [...found];
}

export function suggestIndexes(plan: PlanNode, inventory: Inventory, largeTableRows: number): IndexSuggestion[] {
  const out = new Map<string, IndexSuggestion>();
  for (const scan of seqScansOf(plan)) {
    const table = inventory.tables.find((t) => t.schema === scan.schema && t.name === scan.table);
    if (!table || table.estimatedRows < largeTableRows) continue;
    const indexes = indexesOn(inventory, scan.schema, scan.table);
    for (const column of scan.columns) {
      if (!table.columns.some((c) => c.name === column)) continue;
      if (columnReachable(indexes, column, new Set(scan.columns))) continue;
      const key = `${scan.schema}.${scan.table}.${column}`;
      if (!out.has(key)) out.set(key, { schema: scan.schema, table: scan.table, column, sql: createIndexSql(inventory, scan.schema, scan.table, [column]) });
    }
  }
  return [...out.values()];
}
