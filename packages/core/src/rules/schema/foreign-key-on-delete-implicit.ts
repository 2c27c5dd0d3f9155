import type { InventoryRule, RuleFinding } from '../types.js';
import { isCheckedSchema } from './scope.js';

/**
 * §5.2: "cascades explicitly defined". The migrations replay reads the syntax tree and records whether
 * ON DELETE was written (`onDeleteExplicit`). A live catalog stores NO ACTION both for an omitted
 * clause and for an explicit `ON DELETE NO ACTION`, so without the replay every NO ACTION foreign key
 * is reported as implicit; write RESTRICT (the same behaviour, checked immediately) to say it on purpose.
 */
export const foreignKeyOnDeleteImplicit: InventoryRule = {
  meta: {
    id: 'foreign-key-on-delete-implicit',
    title: 'Foreign key without an explicit ON DELETE action',
    severity: 'warning',
    category: 'integrity',
    constitution: ['5.2'],
    rationale:
      'What happens to referencing rows when the referenced row is deleted is a design decision: state it (CASCADE, SET NULL, RESTRICT). ' +
      'An omitted ON DELETE silently means NO ACTION. On a live database an explicit NO ACTION cannot be told from an omitted one, so both are reported there.',
    fixable: false,
    examples: {
      bad: 'alter table public.orders add constraint orders_customer_id_fkey foreign key (customer_id) references public.customers (id);',
      good: 'alter table public.orders add constraint orders_customer_id_fkey foreign key (customer_id) references public.customers (id) on delete restrict;',
    },
  },
  check({ inventory, config }) {
    const findings: RuleFinding[] = [];
    for (const fk of inventory.foreignKeys) {
      if (!isCheckedSchema(fk.schema, config)) continue;
      let why: string | undefined;
      if (fk.onDeleteExplicit === false) why = 'its definition has no ON DELETE clause (so it is NO ACTION)';
      else if (fk.onDeleteExplicit === undefined && fk.onDelete === 'NO ACTION') {
        why = 'it is NO ACTION, which the catalog cannot tell apart from an omitted ON DELETE';
      }
      if (!why) continue;
      findings.push({
        object: { kind: 'foreign_key', schema: fk.schema, table: fk.table, name: fk.name },
        message: `Foreign key ${fk.name} on ${fk.schema}.${fk.table} (${fk.columns.join(', ')}) → ${fk.refSchema}.${fk.refTable} has no explicit ON DELETE action: ${why}. State CASCADE, SET NULL or RESTRICT.`,
        ...(fk.location ? { location: fk.location } : {}),
      });
    }
    return findings;
  },
};
