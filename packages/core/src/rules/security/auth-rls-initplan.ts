import type { InventoryRule } from '../types.js';
import { unwrappedAuthCalls, wrapAuthCalls } from './expression.js';
import { alterPolicyExpressions } from '../../remediation/sql.js';
import { isUserSchema, listOf, policyLabel, policyRef } from './shared.js';

/** auth.uid() and friends outside `(select ...)` are re-evaluated for every row. */
export const authRlsInitplan: InventoryRule = {
  meta: {
    id: 'auth-rls-initplan',
    title: 'Auth function in a policy not wrapped in (select ...)',
    severity: 'warning',
    category: 'performance',
    constitution: ['6.1'],
    rationale:
      'PostgreSQL evaluates auth.uid(), auth.jwt(), auth.role(), auth.email() and current_setting() once per row when ' +
      'they appear bare in a policy. Wrapped in a scalar sub-select they run once per statement (an initplan), which ' +
      'makes RLS on large tables orders of magnitude cheaper with the same result. The fix rewrites the policy with ' +
      'ALTER POLICY, wrapping each call; the rest of the expression is kept as PostgreSQL deparsed it.',
    equivalents: { supabaseAdvisor: '0003_auth_rls_initplan' },
    fixable: true,
    examples: {
      bad: 'create policy own on public.notes using (auth.uid() = owner);',
      good: 'create policy own on public.notes using ((select auth.uid()) = owner);',
    },
  },
  check({ inventory }) {
    return inventory.policies
      .filter((p) => isUserSchema(p.schema) || (p.schema === 'storage' && p.table === 'objects'))
      .flatMap((p) => {
        const calls = [...new Set([...unwrappedAuthCalls(p.using), ...unwrappedAuthCalls(p.withCheck)])].sort();
        if (calls.length === 0) return [];
        const using = p.using === null ? null : unwrappedAuthCalls(p.using).length > 0 ? wrapAuthCalls(p.using) : p.using;
        const withCheck = p.withCheck === null ? null : unwrappedAuthCalls(p.withCheck).length > 0 ? wrapAuthCalls(p.withCheck) : p.withCheck;
        const rewritable = (p.using === null || using !== null) && (p.withCheck === null || withCheck !== null);
        return [
          {
            object: policyRef(p),
            message:
              `${policyLabel(p)} calls ${listOf(calls)} outside a sub-select, so it runs once per row. ` +
              `Wrap each call: ${calls.map((c) => `(select ${c})`).join(', ')}.`,
            location: p.location,
            ...(rewritable ? { remediation: { sql: alterPolicyExpressions(p, using, withCheck) } } : {}),
          },
        ];
      });
  },
};
