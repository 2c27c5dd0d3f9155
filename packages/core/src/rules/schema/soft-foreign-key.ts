import type { Inventory, Table } from '../../inventory/schema.js';
import { matchesPattern } from '../../config/object-pattern.js';
import type { InventoryRule, RuleFinding } from '../types.js';
import { checkedTables, columnLocation, schemaLintSettings } from './scope.js';

/**
 * §5.2: "no soft FKs". The heuristic, on inventory data only:
 * - the column name ends with a reference suffix (`schemaLint.softForeignKeys.suffixes`, default
 *   `_id` and `_uuid`) after a non-empty stem `<x>`;
 * - no foreign key of its table includes the column;
 * - and either a table named `<x>`, `<x>s`, `<x>es` or `<x>` with y→ies exists (any schema, the
 *   column's own schema first, so `user_id` finds `auth.users`), or the column is uuid or an
 *   integer type (the "unconstrained integer reference" of §5.2).
 * A text `<x>_id` with no matching table (an external system's id) is not flagged. Identity and
 * generated columns are not references; a single-column primary key is the table's own id unless a
 * different table matches. The tenant column (`tenancy.column`) is only flagged when a tenants
 * table exists: tenants often live outside the database, named by the JWT claim alone.
 * `schemaLint.softForeignKeys.ignoreColumns` lists the exceptions.
 */
const REFERENCE_TYPES = new Set(['uuid', 'bigint', 'integer', 'smallint']);

export function referenceStem(column: string, suffixes: readonly string[]): string | undefined {
  for (const suffix of suffixes) {
    if (column.length > suffix.length && column.endsWith(suffix)) return column.slice(0, -suffix.length);
  }
  return undefined;
}

function candidateNames(stem: string): string[] {
  const names = [stem, `${stem}s`, `${stem}es`];
  if (stem.endsWith('y')) names.push(`${stem.slice(0, -1)}ies`);
  return names;
}

const tablesByName = new WeakMap<Inventory, Map<string, Table[]>>();

export function likelyTarget(inventory: Inventory, schema: string, stem: string): Table | undefined {
  let byName = tablesByName.get(inventory);
  if (!byName) {
    byName = new Map();
    for (const t of inventory.tables) byName.set(t.name, [...(byName.get(t.name) ?? []), t]);
    tablesByName.set(inventory, byName);
  }
  const matches = candidateNames(stem).flatMap((name) => byName.get(name) ?? []);
  return matches.find((t) => t.schema === schema) ?? matches.find((t) => t.schema === 'public') ?? matches[0];
}

export const softForeignKey: InventoryRule = {
  meta: {
    id: 'soft-foreign-key',
    title: 'Reference column without a foreign key',
    severity: 'warning',
    category: 'integrity',
    constitution: ['5.2'],
    rationale:
      'A column that refers to another table\'s rows (`customer_id`, `user_uuid`) without a FOREIGN KEY constraint lets orphans and dangling ids in. ' +
      'Flagged when the name ends in a reference suffix and a table of that name exists, or the column is uuid or an integer type.',
    fixable: false,
    examples: {
      bad: 'create table public.orders (id uuid primary key, customer_id uuid not null);',
      good: 'create table public.orders (id uuid primary key, customer_id uuid not null references public.customers (id) on delete restrict);',
    },
  },
  check({ inventory, config }) {
    const settings = schemaLintSettings(config).softForeignKeys;
    const findings: RuleFinding[] = [];
    const constrainedColumns = new Map<string, Set<string>>();
    for (const fk of inventory.foreignKeys) {
      const key = `${fk.schema}\u0000${fk.table}`;
      const set = constrainedColumns.get(key) ?? new Set<string>();
      for (const c of fk.columns) set.add(c);
      constrainedColumns.set(key, set);
    }
    for (const table of checkedTables(inventory, config)) {
      const constrained = constrainedColumns.get(`${table.schema}\u0000${table.name}`) ?? new Set<string>();
      for (const column of table.columns) {
        if (column.identity || column.generated || constrained.has(column.name)) continue;
        const stem = referenceStem(column.name, settings.suffixes);
        if (stem === undefined) continue;
        if (settings.ignoreColumns.some((p) => matchesPattern(p, `${table.schema}.${table.name}.${column.name}`))) continue;
        const found = likelyTarget(inventory, table.schema, stem);
        const target = found && !(found.schema === table.schema && found.name === table.name) ? found : undefined;
        const ownKey = table.primaryKey?.length === 1 && table.primaryKey[0] === column.name;
        if (ownKey && !target) continue;
        if (column.name === config.tenancy.column && !target) continue;
        if (!target && !REFERENCE_TYPES.has(column.type)) continue;
        const suggestion = target
          ? `add FOREIGN KEY (${column.name}) REFERENCES ${target.schema}.${target.name}${target.primaryKey ? ` (${target.primaryKey.join(', ')})` : ''} with an explicit ON DELETE`
          : 'add the FOREIGN KEY it stands for, with an explicit ON DELETE, or list it in schemaLint.softForeignKeys.ignoreColumns if it refers to nothing in this database';
        findings.push({
          object: { kind: 'column', schema: table.schema, table: table.name, name: column.name },
          message: `Column ${table.schema}.${table.name}.${column.name} (${column.type}) looks like a reference but no foreign key constrains it: ${suggestion}.`,
          ...columnLocation(table, column),
        });
      }
    }
    return findings;
  },
};
