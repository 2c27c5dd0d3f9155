import type { InventoryRule, RuleFinding } from '../types.js';
import { commandsOf } from './policy-clauses.js';
import { apiRolesOf, isUserSchema, listOf, policiesOf } from './shared.js';

/** Several permissive policies for one role and command are all evaluated and OR-ed, for every row. */
export const multiplePermissivePolicies: InventoryRule = {
  meta: {
    id: 'multiple-permissive-policies',
    title: 'Several permissive policies for the same role and command',
    severity: 'warning',
    category: 'performance',
    constitution: ['6.1'],
    rationale:
      'PostgreSQL evaluates every permissive policy that applies to a role and command and ORs the results, so each ' +
      'extra policy costs on every row. One policy with the conditions OR-ed is faster and easier to audit.',
    equivalents: { supabaseAdvisor: '0006_multiple_permissive_policies' },
    fixable: false,
    examples: {
      bad: "create policy own on public.notes for select to authenticated using ((select auth.uid()) = owner);\ncreate policy shared on public.notes for select to authenticated using (shared);",
      good: 'create policy readable on public.notes for select to authenticated using ((select auth.uid()) = owner or shared);',
    },
  },
  check({ inventory }) {
    const findings: RuleFinding[] = [];
    for (const t of inventory.tables.filter((table) => isUserSchema(table.schema))) {
      const permissive = policiesOf(inventory, t).filter((p) => p.permissive);
      if (permissive.length < 2) continue;
      for (const role of ['anon', 'authenticated']) {
        for (const command of ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] as const) {
          const matching = permissive.filter((p) => apiRolesOf(p).includes(role) && commandsOf(p).includes(command));
          if (matching.length < 2) continue;
          const names = matching.map((p) => `"${p.name}"`).sort();
          findings.push({
            object: { kind: 'table', schema: t.schema, name: t.name, discriminator: `${role}/${command}` },
            message:
              `Table ${t.schema}.${t.name} has ${matching.length} permissive policies for role ${role} on ${command}: ${listOf(names)}. ` +
              'Merge them into one policy whose condition ORs theirs.',
            location: t.location,
          });
        }
      }
    }
    return findings;
  },
};
