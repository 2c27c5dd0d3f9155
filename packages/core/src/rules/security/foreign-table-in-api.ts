import type { InventoryRule } from '../types.js';
import { revokeRelationFromApiRoles } from '../../remediation/sql.js';
import { apiGranteesOf, isExposed, listOf } from './shared.js';

/** Foreign tables have no RLS: whoever can select one reads the remote data. */
export const foreignTableInApi: InventoryRule = {
  meta: {
    id: 'foreign-table-in-api',
    title: 'Foreign table readable by the API roles',
    severity: 'warning',
    category: 'security',
    constitution: ['2.1'],
    rationale:
      'Foreign tables do not support row level security. In an exposed schema with grants to anon or authenticated, ' +
      'the remote data is served unfiltered through the Data API.',
    equivalents: { supabaseAdvisor: '0017_foreign_table_in_api' },
    fixable: true,
    examples: {
      bad: 'create foreign table public.stripe_customers (id text, email text) server stripe_server;',
      good: 'create foreign table private.stripe_customers (id text, email text) server stripe_server;',
    },
  },
  check({ inventory, config }) {
    return inventory.foreignTables
      .filter((f) => isExposed(config, f.schema))
      .flatMap((f) => {
        const grantees = apiGranteesOf(inventory, f.schema, f.name, ['SELECT', 'INSERT', 'UPDATE', 'DELETE']);
        if (grantees.length === 0) return [];
        return [
          {
            object: { kind: 'foreign_table' as const, schema: f.schema, name: f.name },
            message:
              `Foreign table ${f.schema}.${f.name} (server ${f.server}) is reachable by ${listOf(grantees)} through the Data API, with no row level security. ` +
              'Revoke the API roles\' privileges or move it to a schema that is not exposed.',
            location: f.location,
            remediation: { sql: revokeRelationFromApiRoles(f.schema, f.name) },
          },
        ];
      });
  },
};
