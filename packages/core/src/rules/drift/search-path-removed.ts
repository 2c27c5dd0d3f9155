import type { DbFunction } from '../../inventory/schema.js';
import { pinFunctionSearchPath } from '../../remediation/sql.js';
import type { InventoryRule } from '../types.js';
import { pairsOf, refOf } from './compare.js';

/** §2.2: a function that pinned its search_path no longer does. */
export const driftSearchPathRemoved: InventoryRule = {
  meta: {
    id: 'drift-search-path-removed',
    title: 'Function search_path removed since the previous scan',
    severity: 'error',
    category: 'drift',
    constitution: ['1.2', '2.2'],
    rationale:
      'The previous scan saw this function with a fixed search_path; now it inherits the caller\'s. A function that resolves ' +
      'names through the caller\'s search_path can be made to call an attacker\'s object, above all when it is SECURITY DEFINER.',
    fixable: true,
    examples: {
      bad: 'alter function public.touch() reset search_path;',
      good: 'alter function public.touch() set search_path = pg_catalog, public;',
    },
  },
  check({ inventory, previous }) {
    if (!previous) return [];
    return pairsOf(previous, inventory, 'function').flatMap(({ before, after }) => {
      const b = before.attributes as unknown as DbFunction;
      const a = after.attributes as unknown as DbFunction;
      if (b.searchPath === null || a.searchPath !== null) return [];
      return [
        {
          object: refOf(after),
          message: `Function ${a.schema}.${a.name}(${a.identityArgs}) pinned search_path=${b.searchPath} in the previous scan and no longer does.`,
          location: a.location,
          remediation: { sql: pinFunctionSearchPath(a) },
        },
      ];
    });
  },
};
