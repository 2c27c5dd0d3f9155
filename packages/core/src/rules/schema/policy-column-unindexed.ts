import type { Location } from '../../inventory/schema.js';
import type { InventoryRule, RuleFinding } from '../types.js';
import { columnReachable, createIndexSql, indexesOn } from './index-advice.js';
import { policyFilterColumns } from './policy-columns.js';
import { findTable, isCheckedSchema } from './scope.js';

/**
 * §6.2: "RLS policy columns indexed". A policy's filter runs for every row a query touches; a column
 * it compares (the tenant column, the owner column, a membership lookup's key) needs an index or
 * every request scans the table. Columns come from the policy's syntax tree (see policy-columns.ts).
 * A column counts as indexed when an index reaches it through columns the same policy also filters
 * on: (tenant_id, user_id) serves a policy comparing both.
 */
export const policyColumnUnindexed: InventoryRule = {
  meta: {
    id: 'policy-column-unindexed',
    title: 'Column used by an RLS policy without an index',
    severity: 'warning',
    category: 'performance',
    constitution: ['6.2'],
    rationale:
      'Row level security adds the policy\'s condition to every query on the table. Columns the condition compares must be indexed, ' +
      'or each request reads the whole table to find the rows the user may see.',
    fixable: true,
    examples: {
      bad: "create policy tenant_read on public.notes for select using (tenant_id = (auth.jwt() ->> 'tenant_id')::uuid);",
      good:
        "create policy tenant_read on public.notes for select using (tenant_id = (auth.jwt() ->> 'tenant_id')::uuid);\n" +
        'create index if not exists notes_tenant_id_idx on public.notes (tenant_id);',
    },
  },
  check({ inventory, config }) {
    const seen = new Map<string, { policies: string[]; location?: Location; schema: string; table: string; column: string }>();
    for (const policy of inventory.policies) {
      if (!isCheckedSchema(policy.schema, config)) continue;
      const columns = policyFilterColumns(policy, inventory).filter((c) => isCheckedSchema(c.schema, config));
      const byTable = new Map<string, Set<string>>();
      for (const c of columns) {
        const key = `${c.schema}\u0000${c.table}`;
        byTable.set(key, (byTable.get(key) ?? new Set()).add(c.column));
      }
      for (const c of columns) {
        const filtered = byTable.get(`${c.schema}\u0000${c.table}`)!;
        if (columnReachable(indexesOn(inventory, c.schema, c.table), c.column, filtered)) continue;
        const key = `${c.schema}\u0000${c.table}\u0000${c.column}`;
        const entry = seen.get(key) ?? { policies: [], schema: c.schema, table: c.table, column: c.column, location: policy.location };
        entry.policies.push(`${policy.name} on ${policy.schema}.${policy.table}`);
        seen.set(key, entry);
      }
    }
    const findings: RuleFinding[] = [];
    for (const entry of seen.values()) {
      const location = entry.location ?? findTable(inventory, entry.schema, entry.table)?.location;
      findings.push({
        object: { kind: 'column', schema: entry.schema, table: entry.table, name: entry.column },
        message: `Column ${entry.schema}.${entry.table}.${entry.column} is filtered on by RLS polic${entry.policies.length > 1 ? 'ies' : 'y'} ${entry.policies.join(', ')} but no index serves it.`,
        ...(location ? { location } : {}),
        remediation: { sql: createIndexSql(inventory, entry.schema, entry.table, [entry.column]) },
      });
    }
    return findings;
  },
};
