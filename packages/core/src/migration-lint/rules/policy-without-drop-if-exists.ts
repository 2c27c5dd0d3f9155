import { bodyOf, display, tableOf, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { droppedIfExists, onTableKey } from './shared.js';

/** §1.4: CREATE POLICY has no IF NOT EXISTS; the idempotent form drops the policy first. */
export const policyWithoutDropIfExists: MigrationRule = {
  meta: {
    id: 'policy-without-drop-if-exists',
    title: 'CREATE POLICY without a preceding DROP POLICY IF EXISTS',
    severity: 'error',
    category: 'idempotency',
    constitution: ['1.4', '2.1'],
    rationale:
      'CREATE POLICY has no IF NOT EXISTS, so a migration that creates a policy fails when it runs again (§1.4). Put `DROP POLICY IF EXISTS <name> ON <table>;` before it in the same file: in one transaction, the table is never left without the policy.',
    fixable: false,
    examples: {
      bad: 'CREATE POLICY "members read orders" ON public.orders FOR SELECT TO authenticated USING (tenant_id = (auth.jwt() ->> \'tenant_id\')::uuid);',
      good: 'DROP POLICY IF EXISTS "members read orders" ON public.orders;\nCREATE POLICY "members read orders" ON public.orders FOR SELECT TO authenticated USING (tenant_id = (auth.jwt() ->> \'tenant_id\')::uuid);',
    },
  },
  check(file) {
    const findings: MigrationFinding[] = [];
    const dropped = new Set<string>();
    for (const statement of statementsOf(file, 'DropStmt', 'CreatePolicyStmt')) {
      for (const key of droppedIfExists(statement, 'OBJECT_POLICY')) dropped.add(key);
      const create = bodyOf(statement, 'CreatePolicyStmt');
      if (!create) continue;
      const table = tableOf(create.table);
      if (dropped.has(onTableKey(table, create.policy_name ?? ''))) continue;
      findings.push({
        statement,
        byteLocation: create.table?.location,
        object: { schema: table.schema, table: table.name, name: create.policy_name ?? '' },
        message: `CREATE POLICY "${create.policy_name}" on ${display(table)} is not preceded by DROP POLICY IF EXISTS "${create.policy_name}" ON ${display(table)}: the migration fails when it runs again (§1.4)`,
      });
    }
    return findings;
  },
};
