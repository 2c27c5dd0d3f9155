import type { Policy } from '../../inventory/schema.js';
import type { InventoryRule } from '../types.js';
import { pairsOf, refOf } from './compare.js';

/** §2.1: a policy's USING / WITH CHECK or its roles changed: who sees which rows changed. */
export const driftPolicyExpressionChanged: InventoryRule = {
  meta: {
    id: 'drift-policy-expression-changed',
    title: 'RLS policy expression changed since the previous scan',
    severity: 'warning',
    category: 'drift',
    constitution: ['1.2', '2.1'],
    rationale:
      'A policy keeps its name while its USING or WITH CHECK expression, command or roles change: the same policy now ' +
      'admits different rows. Changes to access rules deserve review; this shows the expression before and after.',
    fixable: false,
    examples: {
      bad: "-- previous: using (owner_id = auth.uid())\nalter policy \"own rows\" on public.notes using (true);",
      good: '-- the policy expression unchanged, or changed by a reviewed migration',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return pairsOf(previous, inventory, 'policy').flatMap(({ before, after }) => {
      const b = before.attributes as unknown as Policy;
      const a = after.attributes as unknown as Policy;
      const parts: string[] = [];
      if (b.using !== a.using) parts.push(`USING ${b.using ?? '(none)'} → ${a.using ?? '(none)'}`);
      if (b.withCheck !== a.withCheck) parts.push(`WITH CHECK ${b.withCheck ?? '(none)'} → ${a.withCheck ?? '(none)'}`);
      if (b.command !== a.command) parts.push(`FOR ${b.command} → FOR ${a.command}`);
      if ([...b.roles].sort().join(',') !== [...a.roles].sort().join(',')) parts.push(`TO ${b.roles.join(', ')} → TO ${a.roles.join(', ')}`);
      if (b.permissive !== a.permissive) parts.push(a.permissive ? 'RESTRICTIVE → PERMISSIVE' : 'PERMISSIVE → RESTRICTIVE');
      if (parts.length === 0) return [];
      return [
        {
          object: refOf(after),
          message: `Policy "${a.name}" on ${a.schema}.${a.table} changed since the previous scan: ${parts.join('; ')}.`,
          location: a.location,
        },
      ];
    });
  },
};
