import type { InventoryRule } from '../types.js';
import { FIXED_SEARCH_PATH, pinFunctionSearchPath } from '../../remediation/sql.js';
import { functionLabel, functionRef, hasFixedSearchPath, projectFunctions } from './shared.js';

/**
 * Any function whose search_path follows the caller's (warning). SECURITY DEFINER functions are
 * reported once, as errors, by security-definer-search-path.
 */
export const functionSearchPathMutable: InventoryRule = {
  meta: {
    id: 'function-search-path-mutable',
    title: 'Function with a mutable search_path',
    severity: 'warning',
    category: 'security',
    constitution: ['2.2'],
    rationale:
      "A function without its own search_path resolves names with whatever the caller's session has set, so its " +
      'behaviour depends on the caller and can be redirected to look-alike objects. Pinning the search_path makes it ' +
      'deterministic. SECURITY DEFINER functions are reported by security-definer-search-path as errors.',
    equivalents: { supabaseAdvisor: '0011_function_search_path_mutable' },
    fixable: true,
    examples: {
      bad: 'create function public.touch_updated_at() returns trigger language plpgsql\n  as $$ begin new.updated_at := now(); return new; end $$;',
      good: "create function public.touch_updated_at() returns trigger language plpgsql\n  set search_path = ''\n  as $$ begin new.updated_at := pg_catalog.now(); return new; end $$;",
    },
  },
  check({ inventory }) {
    return projectFunctions(inventory)
      .filter((fn) => !fn.securityDefiner && !hasFixedSearchPath(fn))
      .map((fn) => ({
        object: functionRef(fn),
        message:
          `Function ${functionLabel(fn)} has a mutable search_path: it resolves names with the caller's. ` +
          `Add \`SET search_path = ${FIXED_SEARCH_PATH}\` (or '') to it.`,
        location: fn.location,
        remediation: { sql: pinFunctionSearchPath(fn) },
      }));
  },
};
