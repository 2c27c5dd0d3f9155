import type { InventoryRule } from '../types.js';
import { allowAllClauses } from './policy-clauses.js';
import { apiRolesOf, appliesToApiRoles, isUserSchema, listOf, policyLabel, policyRef } from './shared.js';

/**
 * §2.1: allow-all policies are prohibited without a justification. "Always true" is decided on the
 * parsed expression with constant folding (`true`, `1 = 1`, `'t'::boolean`, `x OR true`), and
 * includes WITH CHECK left out on UPDATE/ALL when USING is always true (PostgreSQL then applies
 * USING to new rows). A justification is an exemption in .platform-kit.yml.
 */
export const allowAllPolicy: InventoryRule = {
  meta: {
    id: 'allow-all-policy',
    title: 'Allow-all RLS policy',
    severity: 'error',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'A permissive policy whose USING or WITH CHECK is always true lets the API roles read or write every row: ' +
      'row level security is on in name only. The constitution prohibits them without a justification; record one ' +
      'as an exemption in .platform-kit.yml (for a deliberately public-read table) or restrict the expression.',
    equivalents: { supabaseAdvisor: '0024_rls_policy_always_true' },
    fixable: false,
    examples: {
      bad: 'create policy "anyone can update" on public.projects for update to authenticated using (true);',
      good: 'create policy "members update" on public.projects for update to authenticated\n  using (tenant_id = ((select auth.jwt()) ->> \'tenant_id\')::uuid);',
    },
  },
  check({ inventory }) {
    return inventory.policies
      .filter((p) => isUserSchema(p.schema) && appliesToApiRoles(p))
      .flatMap((p) => {
        const clauses = allowAllClauses(p);
        if (clauses.length === 0) return [];
        const inherited = p.withCheck === null && clauses.includes('WITH CHECK') ? ' (WITH CHECK is absent, so USING also admits new rows)' : '';
        return [
          {
            object: policyRef(p),
            message:
              `${policyLabel(p)} (FOR ${p.command} TO ${listOf(apiRolesOf(p))}) is always true in ${listOf(clauses)}${inherited}: ` +
              `it lets every row through. Restrict it (e.g. by owner or tenant), or, if the table is public on purpose, exempt it in .platform-kit.yml with a justification.`,
            location: p.location,
          },
        ];
      });
  },
};
