import type { InventoryRule } from '../types.js';
import { FIXED_SEARCH_PATH, pinFunctionSearchPath } from '../../remediation/sql.js';
import { functionLabel, functionRef, hasFixedSearchPath, projectFunctions } from './shared.js';

/** §2.2 / §1.1: a SECURITY DEFINER function resolves names with the caller's search_path unless it pins one. */
export const securityDefinerSearchPath: InventoryRule = {
  meta: {
    id: 'security-definer-search-path',
    title: 'SECURITY DEFINER function without a fixed search_path',
    severity: 'error',
    category: 'security',
    constitution: ['1.1', '2.2'],
    rationale:
      "A SECURITY DEFINER function runs with its owner's privileges but resolves unqualified names through the caller's " +
      'search_path. A caller who can create objects in any schema on that path (or in pg_temp) can substitute a table, ' +
      'function or operator and run code as the owner. Pin the search_path on the function.',
    equivalents: { supabaseAdvisor: '0011_function_search_path_mutable' },
    fixable: true,
    examples: {
      bad: 'create function public.is_member(org uuid) returns boolean language sql security definer\n  as $$ select exists (select 1 from memberships where organization_id = org) $$;',
      good: "create function public.is_member(org uuid) returns boolean language sql security definer\n  set search_path = pg_catalog, public\n  as $$ select exists (select 1 from public.memberships where organization_id = org) $$;",
    },
  },
  check({ inventory }) {
    return projectFunctions(inventory)
      .filter((fn) => fn.securityDefiner && !hasFixedSearchPath(fn))
      .map((fn) => ({
        object: functionRef(fn),
        message:
          `SECURITY DEFINER function ${functionLabel(fn)} has no fixed search_path: it runs as ${fn.owner} but resolves names with the caller's search_path. ` +
          `Add \`SET search_path = ${FIXED_SEARCH_PATH}\` (or '') to the function and schema-qualify the names it uses.`,
        location: fn.location,
        remediation: { sql: pinFunctionSearchPath(fn) },
      }));
  },
};
