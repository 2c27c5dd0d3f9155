import type { InventoryRule } from '../types.js';
import { isUserSchema, policiesOf, tableLabel, tableRef } from './shared.js';

/** RLS on and no policy: nobody but the owner and BYPASSRLS roles sees a row. Often intended; said once. */
export const rlsEnabledNoPolicy: InventoryRule = {
  meta: {
    id: 'rls-enabled-no-policy',
    title: 'RLS enabled with no policy',
    severity: 'info',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'With row level security on and no policy, the API roles see no rows and can write none. That is a safe default ' +
      'for server-only tables (service_role bypasses RLS) but a common surprise when the app expects to read them.',
    equivalents: { supabaseAdvisor: '0008_rls_enabled_no_policy' },
    fixable: false,
    examples: {
      bad: 'create table public.jobs (id uuid primary key);\nalter table public.jobs enable row level security;',
      good: "create table public.jobs (id uuid primary key, owner uuid);\nalter table public.jobs enable row level security;\ncreate policy own_jobs on public.jobs for select to authenticated using ((select auth.uid()) = owner);",
    },
  },
  check({ inventory }) {
    return inventory.tables
      .filter((t) => isUserSchema(t.schema) && t.rlsEnabled && policiesOf(inventory, t).length === 0)
      .map((t) => ({
        object: tableRef(t),
        message:
          `Table ${tableLabel(t)} has row level security enabled and no policy: anon and authenticated can neither read nor write it. ` +
          'Add policies if the app uses it through the Data API; otherwise this is the intended server-only setup.',
        location: t.location,
      }));
  },
};
