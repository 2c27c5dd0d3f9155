import { bodyOf, display, findOption, namesOf, nodeBody, tableFromNames, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** §2.2: a SECURITY DEFINER function with a mutable search_path can be hijacked by objects in the caller's path. */
export const securityDefinerWithoutSearchPath: MigrationRule = {
  meta: {
    id: 'security-definer-without-search-path',
    title: 'SECURITY DEFINER function without SET search_path',
    severity: 'error',
    category: 'security',
    constitution: ['2.2'],
    rationale:
      "A SECURITY DEFINER function runs with its owner's rights but resolves names through the caller's search_path, so a caller who can create objects earlier in the path can make it run their code (§2.2). Fix the path: `SET search_path = ''` (and qualify names) or `SET search_path = pg_catalog, public`.",
    equivalents: { supabaseAdvisor: 'function_search_path_mutable' },
    fixable: false,
    examples: {
      bad: "CREATE OR REPLACE FUNCTION public.is_admin() RETURNS boolean LANGUAGE sql SECURITY DEFINER AS $$ SELECT coalesce(auth.jwt() ->> 'role' = 'admin', false) $$;",
      good: "CREATE OR REPLACE FUNCTION public.is_admin() RETURNS boolean LANGUAGE sql SECURITY DEFINER SET search_path = '' AS $$ SELECT coalesce(auth.jwt() ->> 'role' = 'admin', false) $$;",
    },
  },
  check(file) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'CreateFunctionStmt')) {
      const fn = bodyOf(statement, 'CreateFunctionStmt');
      if (!fn) continue;
      const security = findOption(fn.options, 'security');
      if (nodeBody(security?.arg, 'Boolean')?.boolval !== true) continue;
      const setsPath = (fn.options ?? []).some((o) => {
        const option = nodeBody(o, 'DefElem');
        return option?.defname === 'set' && nodeBody(option.arg, 'VariableSetStmt')?.name === 'search_path';
      });
      if (setsPath) continue;
      const name = tableFromNames(namesOf(fn.funcname));
      findings.push(
        tableFinding(
          statement,
          name,
          `SECURITY DEFINER function ${display(name)} has no SET search_path: add SET search_path = '' (and schema-qualify names) (§2.2)`,
          security?.location,
        ),
      );
    }
    return findings;
  },
};
