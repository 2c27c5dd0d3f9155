import type { InventoryRule, RuleFinding } from '../types.js';
import { columnLocation, columnOf, tenantScopedTables } from './scope.js';

/** §5.1: the tenant column is `uuid NOT NULL`; a nullable one lets rows belong to no tenant. */
export const tenantColumnType: InventoryRule = {
  meta: {
    id: 'tenant-column-type',
    title: 'Tenant column is not uuid NOT NULL',
    severity: 'error',
    category: 'tenancy',
    constitution: ['5.1'],
    rationale:
      'The tenant column of a tenant-scoped table must be `uuid NOT NULL`: a NULL tenant makes a row invisible to every tenant or, ' +
      'with a careless policy, visible to all of them, and a non-uuid column cannot be compared with the tenant claim without a cast that defeats its index.',
    fixable: false,
    examples: {
      bad: 'create table public.invoices (id uuid primary key, tenant_id text);',
      good: 'create table public.invoices (id uuid primary key, tenant_id uuid not null);',
    },
  },
  check({ inventory, config }) {
    const name = config.tenancy.column;
    const findings: RuleFinding[] = [];
    for (const { table } of tenantScopedTables(inventory, config)) {
      const column = columnOf(table, name);
      if (!column) continue; // tenant-column-missing reports it
      const problems: string[] = [];
      if (column.type !== 'uuid') problems.push(`its type is ${column.type}, not uuid`);
      if (!column.notNull) problems.push('it is nullable');
      if (problems.length === 0) continue;
      findings.push({
        object: { kind: 'column', schema: table.schema, table: table.name, name },
        message: `Tenant column ${table.schema}.${table.name}.${name} must be uuid NOT NULL: ${problems.join(' and ')}.`,
        ...columnLocation(table, column),
      });
    }
    return findings;
  },
};
