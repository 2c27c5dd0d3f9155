import type { InventoryRule } from '../types.js';
import { setViewSecurityInvoker } from '../../remediation/sql.js';
import { apiGranteesOf, isExposed, listOf } from './shared.js';

/** Views run with their owner's rights (and bypass the caller's RLS) unless security_invoker is set. */
export const securityDefinerView: InventoryRule = {
  meta: {
    id: 'security-definer-view',
    title: 'Security definer view in an exposed schema',
    severity: 'error',
    category: 'security',
    constitution: ['2.1', '2.2'],
    rationale:
      "A view checks permissions and row level security as its owner, not as the caller, unless it is created with " +
      'security_invoker (PostgreSQL 15+). A view in an exposed schema readable by the API roles therefore serves rows ' +
      'the caller could not select from the underlying tables.',
    equivalents: { supabaseAdvisor: '0010_security_definer_view' },
    fixable: true,
    examples: {
      bad: 'create view public.project_overview as select * from public.projects;',
      good: 'create view public.project_overview with (security_invoker = true) as select * from public.projects;',
    },
  },
  check({ inventory, config }) {
    const supported = inventory.server.versionNum >= 150000;
    return inventory.views
      .filter((v) => v.kind === 'view' && isExposed(config, v.schema) && !v.securityInvoker)
      .flatMap((v) => {
        const grantees = apiGranteesOf(inventory, v.schema, v.name);
        if (grantees.length === 0) return [];
        return [
          {
            object: { kind: 'view' as const, schema: v.schema, name: v.name },
            message:
              `View ${v.schema}.${v.name} runs with the privileges and RLS bypass of its owner ${v.owner} and is readable by ${listOf(grantees)}. ` +
              (supported ? 'Set security_invoker = true so it applies the caller\'s permissions and policies.' : 'Upgrade to PostgreSQL 15+ and set security_invoker = true, or revoke SELECT from the API roles.'),
            location: v.location,
            ...(supported ? { remediation: { sql: setViewSecurityInvoker(v.schema, v.name) } } : {}),
          },
        ];
      });
  },
};
