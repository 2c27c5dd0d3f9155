import type { Policy } from '../../inventory/schema.js';
import type { InventoryRule } from '../types.js';
import { restrictsToTenant } from './expression.js';
import { commandsOf, relevantClauses } from './policy-clauses.js';
import { tenantScopedTables } from '../schema/scope.js';
import { apiRolesOf, appliesToApiRoles, listOf, policiesOf, policyLabel, policyRef, tableLabel } from './shared.js';

/**
 * §5.1: on a tenant-scoped table, every permissive policy the API roles use must restrict rows by
 * the JWT tenant claim, unless a RESTRICTIVE policy already does it for the same roles and command.
 * Decided on the parsed expression: one top-level AND operand must be `<column> = <claim>`, where
 * the claim is `auth.jwt() ->> '<claim>'` or `(auth.jwt() -> 'app_metadata') ->> '<claim>'`, with
 * any casts and `(select ...)` wrappers. user_metadata is refused (users edit it), as is a claim
 * test under OR or NOT, and membership lookups (`tenant_id in (select ...)`): §5.1 names the claim.
 */
export const tenantPolicyMissingClaim: InventoryRule = {
  meta: {
    id: 'tenant-policy-missing-claim',
    title: 'Tenant-scoped table policy does not filter by the JWT tenant claim',
    severity: 'error',
    category: 'tenancy',
    constitution: ['5.1', '2.1', '1.1'],
    rationale:
      'Tenant isolation must hold in the database, not only in application code. A policy on a tenant-scoped table ' +
      "that does not compare the tenant column with the tenant claim of the caller's JWT lets one tenant reach another's rows. " +
      'Accepted, as a top-level AND condition of USING / WITH CHECK: `tenant_id = auth.jwt() ->> \'tenant_id\'` or ' +
      "`(auth.jwt() -> 'app_metadata') ->> 'tenant_id'` (server-written), with any casts and `(select ...)` wrappers; a " +
      'RESTRICTIVE policy with that condition covers the permissive policies of its roles and commands. Not accepted: ' +
      'user_metadata (users edit it), the condition under OR or NOT, membership sub-queries and helper functions (the ' +
      'rule cannot see into a function body; write the condition inline or in a restrictive policy). ' +
      'Tables with RLS disabled are reported by rls-disabled-in-exposed-schema, and a missing or mistyped tenant column by tenant-column-missing / tenant-column-type.',
    fixable: false,
    examples: {
      bad: "create policy read_projects on public.projects for select to authenticated using (true);",
      good: "create policy read_projects on public.projects for select to authenticated\n  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);",
    },
  },
  check({ inventory, config }) {
    const { column, claim } = config.tenancy;
    // Same scope as the schema family's tenant-column rules; tables missing the column are theirs to report.
    return tenantScopedTables(inventory, config)
      .map(({ table }) => table)
      .filter((t) => t.rlsEnabled && t.columns.some((c) => c.name === column))
      .flatMap((t) => {
        const policies = policiesOf(inventory, t).filter(appliesToApiRoles);
        const restrictive = policies.filter((p) => !p.permissive);
        return policies
          .filter((p) => p.permissive)
          .flatMap((p) => {
            const failing = relevantClauses(p).filter(({ expression }) => !restrictsToTenant(expression, column, claim));
            if (failing.length === 0 || coveredByRestrictive(p, restrictive, column, claim)) return [];
            const clauses = listOf(failing.map((f) => f.clause));
            return [
              {
                object: policyRef(p),
                message:
                  `${policyLabel(p)} (FOR ${p.command} TO ${listOf(apiRolesOf(p))}) does not restrict rows to the caller's tenant: ` +
                  `${clauses} has no top-level condition ${column} = (auth.jwt() ->> '${claim}'). ` +
                  `Add \`and ${column} = ((select auth.jwt()) ->> '${claim}')::uuid\` to ${clauses}, or add a RESTRICTIVE policy doing so on ${tableLabel(t)}.`,
                location: p.location,
              },
            ];
          });
      });
  },
};

/** A restrictive policy with the tenant check that covers every role and command of `policy`. */
function coveredByRestrictive(policy: Policy, restrictive: Policy[], column: string, claim: string): boolean {
  const roles = apiRolesOf(policy);
  return commandsOf(policy).every((command) =>
    roles.every((role) =>
      restrictive.some(
        (r) =>
          (r.command === 'ALL' || r.command === command) &&
          apiRolesOf(r).includes(role) &&
          relevantClauses({ ...r, command }).every(({ expression }) => restrictsToTenant(expression, column, claim)),
      ),
    ),
  );
}
