import type { Node } from '@pgsql/types';
import type { Inventory, Policy, Table } from '../../inventory/schema.js';
import { parseSqlFile, SqlSyntaxError } from '../../parser/parse.js';
import { runtimeError } from '../../errors.js';
import { findTable } from './scope.js';

/**
 * The columns an RLS policy filters on (§6.2), read from the policy's syntax tree: a column counts
 * when it is an operand of a comparison (`=`, `<`, `IN`, `= ANY`, ...) or the left side of
 * `IN (SELECT ...)`, possibly under a cast. A bare boolean column (`USING (is_public)`) is not
 * counted: an index on a two-valued column rarely helps. Columns inside sub-selects are resolved
 * against the sub-select's FROM list first (a membership lookup filters the membership table),
 * then against the policy's table, the way PostgreSQL resolves names.
 */
export interface FilteredColumn {
  schema: string;
  table: string;
  column: string;
}

interface ScopeRelation {
  /** Alias, or the table name when there is none. */
  ref: string;
  table: Table | undefined;
}

type Scope = ScopeRelation[];

export function policyFilterColumns(policy: Policy, inventory: Inventory): FilteredColumn[] {
  const own = findTable(inventory, policy.schema, policy.table);
  const root: Scope = [{ ref: policy.table, table: own }];
  const found = new Map<string, FilteredColumn>();
  for (const expression of [policy.using, policy.withCheck]) {
    if (!expression) continue;
    const tree = parseExpression(expression, policy);
    walk(tree, [root], inventory, (column) => found.set(`${column.schema}.${column.table}.${column.column}`, column));
  }
  return [...found.values()];
}

function parseExpression(expression: string, policy: Policy): Node {
  try {
    const [statement] = parseSqlFile(`select ${expression}`);
    return statement.node;
  } catch (error) {
    if (error instanceof SqlSyntaxError) {
      throw runtimeError(`cannot parse the expression of policy "${policy.name}" on ${policy.schema}.${policy.table}: ${error.message}`);
    }
    throw error;
  }
}

type Visit = (column: FilteredColumn) => void;

function walk(node: unknown, scopes: Scope[], inventory: Inventory, visit: Visit): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, scopes, inventory, visit);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if ('SelectStmt' in record) {
    walkSelect(record.SelectStmt as Record<string, unknown>, scopes, inventory, visit);
    return;
  }
  if ('A_Expr' in record) {
    const expr = record.A_Expr as { lexpr?: unknown; rexpr?: unknown };
    for (const operand of [expr.lexpr, ...listItems(expr.rexpr)]) noteOperand(operand, scopes, inventory, visit);
  }
  if ('SubLink' in record) {
    const link = record.SubLink as { testexpr?: unknown };
    noteOperand(link.testexpr, scopes, inventory, visit);
  }
  for (const value of Object.values(record)) walk(value, scopes, inventory, visit);
}

/** `x IN (a, b)` carries its right side as a List node: each item is an operand. */
function listItems(node: unknown): unknown[] {
  const list = (node as { List?: { items?: unknown[] } } | undefined)?.List;
  return list ? (list.items ?? []) : [node];
}

function noteOperand(operand: unknown, scopes: Scope[], inventory: Inventory, visit: Visit): void {
  let node = operand as Record<string, unknown> | undefined;
  while (node && 'TypeCast' in node) node = (node.TypeCast as { arg?: Record<string, unknown> }).arg;
  if (!node || !('ColumnRef' in node)) return;
  const fields = ((node.ColumnRef as { fields?: Node[] }).fields ?? []).map((f) => ('String' in f ? f.String.sval : undefined));
  if (fields.some((f) => f === undefined)) return; // t.* and friends
  const resolved = resolveColumn(fields as string[], scopes);
  if (resolved?.table && resolved.table.columns.some((c) => c.name === resolved.column)) {
    visit({ schema: resolved.table.schema, table: resolved.table.name, column: resolved.column });
  }
}

function resolveColumn(fields: string[], scopes: Scope[]): { table: Table | undefined; column: string } | undefined {
  const column = fields[fields.length - 1];
  const qualifier = fields.slice(0, -1);
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    for (const relation of scopes[i]) {
      if (qualifier.length === 0) {
        if (relation.table?.columns.some((c) => c.name === column)) return { table: relation.table, column };
      } else if (qualifierMatches(qualifier, relation)) {
        return { table: relation.table, column };
      }
    }
  }
  return undefined;
}

function qualifierMatches(qualifier: string[], relation: ScopeRelation): boolean {
  if (qualifier.length === 1) return qualifier[0] === relation.ref;
  return relation.table !== undefined && qualifier[qualifier.length - 2] === relation.table.schema && qualifier[qualifier.length - 1] === relation.table.name;
}

function walkSelect(select: Record<string, unknown>, scopes: Scope[], inventory: Inventory, visit: Visit): void {
  const scope: Scope = [];
  collectFrom(select.fromClause, scope, inventory);
  const inner = [...scopes, scope];
  for (const [key, value] of Object.entries(select)) {
    if (key === 'fromClause') walkFromQuals(value, inner, inventory, visit);
    else walk(value, inner, inventory, visit);
  }
}

/** Relations a FROM list brings into scope: plain tables with their alias; joins recursively. */
function collectFrom(from: unknown, scope: Scope, inventory: Inventory): void {
  if (!Array.isArray(from)) return;
  for (const item of from as Record<string, unknown>[]) {
    if ('RangeVar' in item) {
      const rv = item.RangeVar as { schemaname?: string; relname: string; alias?: { aliasname?: string } };
      // An unqualified name resolves as with the default search_path: public (then any schema, as a best guess).
      const table = rv.schemaname
        ? findTable(inventory, rv.schemaname, rv.relname)
        : (findTable(inventory, 'public', rv.relname) ?? inventory.tables.find((t) => t.name === rv.relname));
      scope.push({ ref: rv.alias?.aliasname ?? rv.relname, table });
    } else if ('JoinExpr' in item) {
      const join = item.JoinExpr as { larg?: unknown; rarg?: unknown };
      collectFrom([join.larg, join.rarg].filter(Boolean), scope, inventory);
    } else if ('RangeSubselect' in item) {
      const sub = item.RangeSubselect as { alias?: { aliasname?: string } };
      scope.push({ ref: sub.alias?.aliasname ?? '', table: undefined });
    }
  }
}

/** JOIN ... ON conditions and sub-selects in FROM are walked in the sub-select's scope. */
function walkFromQuals(from: unknown, scopes: Scope[], inventory: Inventory, visit: Visit): void {
  if (!Array.isArray(from)) return;
  for (const item of from as Record<string, unknown>[]) {
    if ('JoinExpr' in item) {
      const join = item.JoinExpr as { larg?: unknown; rarg?: unknown; quals?: unknown };
      walkFromQuals([join.larg, join.rarg].filter(Boolean), scopes, inventory, visit);
      walk(join.quals, scopes, inventory, visit);
    } else if ('RangeSubselect' in item) {
      walk((item.RangeSubselect as { subquery?: unknown }).subquery, scopes.slice(0, -1), inventory, visit);
    }
  }
}
