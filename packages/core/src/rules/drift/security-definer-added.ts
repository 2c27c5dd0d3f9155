import type { DbFunction } from '../../inventory/schema.js';
import type { InventoryRule } from '../types.js';
import { pairsOf, refOf } from './compare.js';

/** §2.2: a function became SECURITY DEFINER since the previous scan. */
export const driftSecurityDefinerAdded: InventoryRule = {
  meta: {
    id: 'drift-security-definer-added',
    title: 'SECURITY DEFINER added since the previous scan',
    severity: 'warning',
    category: 'drift',
    constitution: ['1.2', '2.2'],
    rationale:
      'A function that ran with its caller\'s rights now runs with its owner\'s: anyone who may execute it gains those ' +
      'rights for its duration. Such a change needs a justification and a review; this reports it when it happens outside one.',
    fixable: false,
    examples: {
      bad: 'alter function public.stats() security definer;',
      good: 'alter function public.stats() security invoker;',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return pairsOf(previous, inventory, 'function').flatMap(({ before, after }) => {
      const b = before.attributes as unknown as DbFunction;
      const a = after.attributes as unknown as DbFunction;
      if (b.securityDefiner || !a.securityDefiner) return [];
      return [
        {
          object: refOf(after),
          message: `Function ${a.schema}.${a.name}(${a.identityArgs}) became SECURITY DEFINER since the previous scan (owner ${a.owner}).`,
          location: a.location,
        },
      ];
    });
  },
};
