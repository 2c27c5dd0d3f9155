import type { InventoryRule, RuleFinding } from '../types.js';
import { columnLocation, columnOf, tenantScopedTables } from './scope.js';

/** §5.1: a tenant-scoped table without the tenant column cannot be isolated by tenant. */
export const tenantColumnMissing: InventoryRule = {
  meta: {
    id: 'tenant-column-missing',
    title: 'Tenant-scoped table without the tenant column',
    severity: 'error',
    category: 'tenancy',
    constitution: ['5.1'],
    rationale:
      'Every tenant-scoped table must carry the tenant column so that row level security can keep each tenant to its own rows. ' +
      'Which tables are tenant-scoped comes from `tenancy.tables` (patterns) or, with `schemaLint.requireTenantColumn`, every table of the exposed schemas except `schemaLint.tenantExemptTables`.',
    fixable: false,
    examples: {
      bad: 'create table public.invoices (id uuid primary key, amount numeric not null);',
      good: 'create table public.invoices (id uuid primary key, tenant_id uuid not null, amount numeric not null);',
    },
  },
  check({ inventory, config }) {
    const column = config.tenancy.column;
    const findings: RuleFinding[] = [];
    for (const { table, reason } of tenantScopedTables(inventory, config)) {
      if (columnOf(table, column)) continue;
      findings.push({
        object: { kind: 'table', schema: table.schema, name: table.name },
        message: `Table ${table.schema}.${table.name} is tenant-scoped (${reason}) but has no "${column}" column: add "${column} uuid NOT NULL" and filter on it in its RLS policies.`,
        ...columnLocation(table, undefined), // the table as created, without the column
      });
    }
    return findings;
  },
};
