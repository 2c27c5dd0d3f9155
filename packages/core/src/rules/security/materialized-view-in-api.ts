import type { InventoryRule } from '../types.js';
import { revokeRelationFromApiRoles } from '../../remediation/sql.js';
import { apiGranteesOf, isExposed, listOf } from './shared.js';

/** Materialized views have no RLS: whoever can select one sees all of it. */
export const materializedViewInApi: InventoryRule = {
  meta: {
    id: 'materialized-view-in-api',
    title: 'Materialized view readable by the API roles',
    severity: 'warning',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'Materialized views cannot have row level security or security_invoker: their rows are a snapshot served to ' +
      'anyone with SELECT. In an exposed schema, granted to anon or authenticated, they bypass the policies of the ' +
      'tables they were built from.',
    equivalents: { supabaseAdvisor: '0016_materialized_view_in_api' },
    fixable: true,
    examples: {
      bad: 'create materialized view public.revenue_by_tenant as select tenant_id, sum(amount) from public.invoices group by 1;',
      good: 'create materialized view private.revenue_by_tenant as select tenant_id, sum(amount) from public.invoices group by 1;',
    },
  },
  check({ inventory, config }) {
    return inventory.views
      .filter((v) => v.kind === 'materialized_view' && isExposed(config, v.schema))
      .flatMap((v) => {
        const grantees = apiGranteesOf(inventory, v.schema, v.name);
        if (grantees.length === 0) return [];
        return [
          {
            object: { kind: 'materialized_view' as const, schema: v.schema, name: v.name },
            message:
              `Materialized view ${v.schema}.${v.name} is readable by ${listOf(grantees)} through the Data API, with no row level security. ` +
              'Revoke SELECT from the API roles or move it to a schema that is not exposed.',
            location: v.location,
            remediation: { sql: revokeRelationFromApiRoles(v.schema, v.name) },
          },
        ];
      });
  },
};
