import type { InventoryRule } from '../types.js';
import { enableRowLevelSecurity } from '../../remediation/sql.js';
import { apiGranteesOf, isExposed, listOf, tableLabel, tableRef } from './shared.js';

/** §2.1 / §1.1: every table a client can reach through the Data API has RLS on. */
export const rlsDisabledInExposedSchema: InventoryRule = {
  meta: {
    id: 'rls-disabled-in-exposed-schema',
    title: 'RLS disabled on a table in an exposed schema',
    severity: 'error',
    category: 'security',
    constitution: ['1.1', '2.1'],
    rationale:
      'Tables in a schema the Data API exposes are reachable with the public anon key. Without row level security, ' +
      'the only barrier is the table grants, and Supabase grants the API roles everything by default. Every table counts, ' +
      'not only those already granted: a later GRANT or default privilege exposes it silently. Documented public-read ' +
      'tables can be exempted in .platform-kit.yml with a justification.',
    equivalents: { supabaseAdvisor: '0013_rls_disabled_in_public' },
    fixable: true,
    examples: {
      bad: 'create table public.invoices (id uuid primary key, amount numeric);',
      good: 'create table public.invoices (id uuid primary key, amount numeric);\nalter table public.invoices enable row level security;',
    },
  },
  check({ inventory, config }) {
    return inventory.tables
      .filter((t) => isExposed(config, t.schema) && !t.rlsEnabled)
      .map((t) => {
        const grantees = apiGranteesOf(inventory, t.schema, t.name, ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
        const reach = grantees.length > 0 ? `${listOf(grantees)} can already reach every row through the Data API` : 'any grant to anon or authenticated will expose every row';
        return {
          object: tableRef(t),
          message:
            `Table ${tableLabel(t)} has row level security disabled in the exposed schema ${t.schema}: ${reach}. ` +
            'Enable RLS and add policies for the access you intend, or exempt it in .platform-kit.yml with a justification if it is public-read on purpose.',
          location: t.location,
          remediation: { sql: enableRowLevelSecurity(t.schema, t.name) },
        };
      });
  },
};
