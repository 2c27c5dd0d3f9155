import type { Index } from '../../inventory/schema.js';
import { qualified } from '../../db/port.js';
import { parseSqlFile } from '../../parser/parse.js';
import type { InventoryRule, RuleFinding } from '../types.js';
import { findTable, isCheckedSchema } from './scope.js';

/**
 * §6.2: two indexes with the same method, key columns and expressions (operator classes, collations
 * and sort order included), INCLUDE columns and predicate do the same work twice on every write.
 * Decided on the syntax tree of each index's definition (pg_get_indexdef), with the index name,
 * positions and uniqueness left out. Of a group, the index kept is the primary key, else a unique
 * index a constraint needs, else a unique index, else the first by name; the others are reported.
 * Remediation drops a reported index only when DROP INDEX can: never a primary key or an index a
 * constraint needs (see droppable). A partition's duplicates that merely copy its partitioned
 * table's are reported on the partitioned table only.
 */
export function indexShape(index: Index): string {
  const [statement] = parseSqlFile(index.definition);
  const stmt = (statement.node as { IndexStmt?: Record<string, unknown> }).IndexStmt;
  if (!stmt) return `unparsed:${index.definition}`;
  const { idxname: _name, relation: _relation, unique: _unique, concurrent: _c, if_not_exists: _i, ...shape } = stmt;
  return JSON.stringify(stripLocations(shape));
}

/** Indexes that duplicate each other: the same shape on the same table. */
const groupKey = (schema: string, table: string, shape: string) => JSON.stringify([schema, table, shape]);

function stripLocations(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(stripLocations);
  if (node === null || typeof node !== 'object') return node;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(node).sort()) {
    if (key !== 'location') out[key] = stripLocations((node as Record<string, unknown>)[key]);
  }
  return out;
}

/** Constraints known to need the index (an older inventory does not say: treated as none). */
const usedBy = (index: Index): number => index.constraints?.length ?? 0;

/** Which index of a duplicate group to keep: the primary key, then one a constraint needs, then a unique one. */
function keepOrder(a: Index, b: Index): number {
  return (
    Number(b.primary) - Number(a.primary) ||
    Number(usedBy(b) > 0) - Number(usedBy(a) > 0) ||
    Number(b.unique) - Number(a.unique) ||
    a.name.localeCompare(b.name)
  );
}

/**
 * Whether DROP INDEX fixes it: never a primary key or an index a constraint needs (the drop would
 * fail); a unique index only when the inventory says no constraint uses it.
 */
function droppable(index: Index): boolean {
  if (index.primary) return false;
  if (index.constraints) return index.constraints.length === 0;
  return !index.unique;
}

function notDroppableReason(index: Index): string {
  if (index.constraints && index.constraints.length > 0) {
    return `: constraint ${index.constraints.join(', ')} needs it; drop or re-create the constraint on the kept index by hand.`;
  }
  return ': it is unique and may back a constraint; drop the constraint or the index it backs by hand.';
}

export const duplicateIndex: InventoryRule = {
  meta: {
    id: 'duplicate-index',
    title: 'Duplicate index',
    severity: 'warning',
    category: 'performance',
    constitution: ['6.2'],
    rationale:
      'An index identical to another one on the same table (same method, columns or expressions, INCLUDE list and predicate) serves no query the other does not, ' +
      'but every insert and update pays to maintain it and it takes space and cache.',
    equivalents: { supabaseAdvisor: '0009_duplicate_index' },
    fixable: true,
    examples: {
      bad: 'create index orders_customer_idx on public.orders (customer_id);\ncreate index orders_customer_id_idx on public.orders (customer_id);',
      good: 'create index if not exists orders_customer_id_idx on public.orders (customer_id);',
    },
  },
  check({ inventory, config }) {
    const groups = new Map<string, { shape: string; indexes: Index[] }>();
    for (const index of inventory.indexes) {
      if (!isCheckedSchema(index.schema, config) || !index.valid) continue;
      const shape = indexShape(index);
      const key = groupKey(index.schema, index.table, shape);
      const group = groups.get(key);
      if (group) group.indexes.push(index);
      else groups.set(key, { shape, indexes: [index] });
    }
    const findings: RuleFinding[] = [];
    for (const { shape, indexes: group } of groups.values()) {
      if (group.length < 2) continue;
      // A partition's copies of its parent's duplicate indexes: the parent's finding covers them.
      const parent = findTable(inventory, group[0].schema, group[0].table)?.partitionOf;
      if (parent && (groups.get(groupKey(parent.schema, parent.name, shape))?.indexes.length ?? 0) >= 2) continue;
      const [kept, ...others] = [...group].sort(keepOrder);
      for (const index of others) {
        const canDrop = droppable(index);
        findings.push({
          object: { kind: 'index', schema: index.schema, table: index.table, name: index.name },
          message: `Index ${index.name} on ${index.schema}.${index.table} duplicates ${kept.name}` + (canDrop ? '.' : notDroppableReason(index)),
          ...(index.location ? { location: index.location } : {}),
          ...(canDrop ? { remediation: { sql: `DROP INDEX IF EXISTS ${qualified(index.schema, index.name)};` } } : {}),
        });
      }
    }
    return findings;
  },
};
