import type { InventoryRule, RuleFinding } from '../types.js';
import { createIndexSql, hasCoveringIndex, indexesOn } from './index-advice.js';
import { isCheckedSchema } from './scope.js';

/**
 * §5.2/§6.2: "foreign keys always indexed". Without an index whose leading columns are the foreign
 * key's columns, every delete or key update of a referenced row scans the referencing table, and
 * joins along the key do too.
 */
export const unindexedForeignKey: InventoryRule = {
  meta: {
    id: 'unindexed-foreign-key',
    title: 'Foreign key without a covering index',
    severity: 'warning',
    category: 'performance',
    constitution: ['5.2', '6.2'],
    rationale:
      'A foreign key needs an index whose leading columns are its columns: otherwise deleting or re-keying a referenced row scans the whole referencing table, ' +
      'holding locks while it does, and joins along the relationship cannot use an index.',
    equivalents: { supabaseAdvisor: '0001_unindexed_foreign_keys' },
    fixable: true,
    examples: {
      bad: 'create table public.orders (id uuid primary key, customer_id uuid not null references public.customers (id) on delete restrict);',
      good:
        'create table public.orders (id uuid primary key, customer_id uuid not null references public.customers (id) on delete restrict);\n' +
        'create index if not exists orders_customer_id_idx on public.orders (customer_id);',
    },
  },
  check({ inventory, config }) {
    const findings: RuleFinding[] = [];
    for (const fk of inventory.foreignKeys) {
      if (!isCheckedSchema(fk.schema, config)) continue;
      if (hasCoveringIndex(indexesOn(inventory, fk.schema, fk.table), fk.columns)) continue;
      findings.push({
        object: { kind: 'foreign_key', schema: fk.schema, table: fk.table, name: fk.name },
        message: `Foreign key ${fk.name} on ${fk.schema}.${fk.table} (${fk.columns.join(', ')}) has no index with those columns leading.`,
        ...(fk.location ? { location: fk.location } : {}),
        remediation: { sql: createIndexSql(inventory, fk.schema, fk.table, fk.columns) },
      });
    }
    return findings;
  },
};
