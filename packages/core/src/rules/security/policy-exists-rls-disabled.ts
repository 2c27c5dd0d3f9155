import type { InventoryRule } from '../types.js';
import { enableRowLevelSecurity } from '../../remediation/sql.js';
import { isUserSchema, listOf, policiesOf, tableLabel, tableRef } from './shared.js';

/** §2.1: policies on a table without RLS are written but never applied. */
export const policyExistsRlsDisabled: InventoryRule = {
  meta: {
    id: 'policy-exists-rls-disabled',
    title: 'Policies exist but RLS is disabled',
    severity: 'error',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'PostgreSQL ignores policies on a table whose row level security is off. The policies suggest the table is ' +
      'protected while every granted role sees every row: usually a forgotten ENABLE ROW LEVEL SECURITY.',
    equivalents: { supabaseAdvisor: '0007_policy_exists_rls_disabled' },
    fixable: true,
    examples: {
      bad: "create table public.notes (id uuid primary key, owner uuid);\ncreate policy own on public.notes using ((select auth.uid()) = owner);",
      good: "create table public.notes (id uuid primary key, owner uuid);\nalter table public.notes enable row level security;\ncreate policy own on public.notes using ((select auth.uid()) = owner);",
    },
  },
  check({ inventory }) {
    return inventory.tables
      .filter((t) => isUserSchema(t.schema) && !t.rlsEnabled)
      .flatMap((t) => {
        const policies = policiesOf(inventory, t);
        if (policies.length === 0) return [];
        const names = policies.map((p) => `"${p.name}"`).sort();
        return [
          {
            object: tableRef(t),
            message:
              `Table ${tableLabel(t)} has ${policies.length === 1 ? 'policy' : 'policies'} ${listOf(names)} but row level security is disabled, so ${policies.length === 1 ? 'it is' : 'they are'} ignored. ` +
              'Enable row level security on the table.',
            location: t.location,
            remediation: { sql: enableRowLevelSecurity(t.schema, t.name) },
          },
        ];
      });
  },
};
