import type { InventoryRule } from '../types.js';
import { revokeRelationFromApiRoles } from '../../remediation/sql.js';
import { apiGranteesOf, isExposed, listOf } from './shared.js';

/** auth.users holds every user's e-mail, phone and metadata; a view over it in an exposed schema publishes them. */
export const authUsersExposed: InventoryRule = {
  meta: {
    id: 'auth-users-exposed',
    title: 'auth.users exposed through a view',
    severity: 'error',
    category: 'security',
    constitution: ['2.1', '1.1'],
    rationale:
      'auth.users is not readable by the API roles. A view or materialized view over it in an exposed schema that runs ' +
      "with its owner's rights (no security_invoker) and is granted to anon or authenticated publishes every user's " +
      'e-mail, phone and metadata.',
    equivalents: { supabaseAdvisor: '0002_auth_users_exposed' },
    fixable: true,
    examples: {
      bad: 'create view public.user_emails as select id, email from auth.users;',
      good: 'create table public.profiles (id uuid primary key references auth.users (id) on delete cascade, display_name text);',
    },
  },
  check({ inventory, config }) {
    return inventory.views
      .filter(
        (v) =>
          isExposed(config, v.schema) &&
          (v.kind === 'materialized_view' || !v.securityInvoker) &&
          v.dependsOn.some((d) => d.schema === 'auth' && d.name === 'users'),
      )
      .flatMap((v) => {
        const grantees = apiGranteesOf(inventory, v.schema, v.name);
        if (grantees.length === 0) return [];
        const kind = v.kind === 'materialized_view' ? 'materialized view' : 'view';
        return [
          {
            object: { kind: v.kind, schema: v.schema, name: v.name },
            message:
              `The ${kind} ${v.schema}.${v.name} reads auth.users with its owner's rights and is readable by ${listOf(grantees)}: it exposes user accounts through the Data API. ` +
              'Revoke access from the API roles and serve what the app needs from a profiles table with RLS.',
            location: v.location,
            remediation: { sql: revokeRelationFromApiRoles(v.schema, v.name) },
          },
        ];
      });
  },
};
