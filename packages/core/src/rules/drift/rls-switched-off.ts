import type { Table } from '../../inventory/schema.js';
import { enableRowLevelSecurity } from '../../remediation/sql.js';
import type { InventoryRule } from '../types.js';
import { pairsOf, refOf } from './compare.js';

/** §2.1: row level security was on in the previous scan and is off now. */
export const driftRlsSwitchedOff: InventoryRule = {
  meta: {
    id: 'drift-rls-switched-off',
    title: 'RLS switched off since the previous scan',
    severity: 'error',
    category: 'drift',
    constitution: ['1.2', '2.1'],
    rationale:
      'Disabling row level security on a table that had it is the fastest way to expose every row: the policies stay ' +
      'in place and look reassuring, but nothing applies them. Whatever the schema, a switch-off is reported.',
    fixable: true,
    examples: {
      bad: 'alter table public.invoices disable row level security;',
      good: 'alter table public.invoices enable row level security;',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return pairsOf(previous, inventory, 'table').flatMap(({ before, after }) => {
      const b = before.attributes as unknown as Table;
      const a = after.attributes as unknown as Table;
      if (!b.rlsEnabled || a.rlsEnabled) return [];
      return [
        {
          object: refOf(after),
          message: `Row level security on ${a.schema}.${a.name} was enabled in the previous scan and is disabled now.`,
          location: a.location,
          remediation: { sql: enableRowLevelSecurity(a.schema, a.name) },
        },
      ];
    });
  },
};
