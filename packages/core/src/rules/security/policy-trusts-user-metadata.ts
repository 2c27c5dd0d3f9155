import type { InventoryRule } from '../types.js';
import { readsUserMetadata } from './expression.js';
import { isUserSchema, listOf, policyLabel, policyRef } from './shared.js';

/** Policies must not decide on data the user can edit: JWT user_metadata, auth.users.raw_user_meta_data. */
export const policyTrustsUserMetadata: InventoryRule = {
  meta: {
    id: 'policy-trusts-user-metadata',
    title: 'Policy trusts user_metadata',
    severity: 'error',
    category: 'security',
    constitution: ['2.1', '5.1'],
    rationale:
      "user_metadata (raw_user_meta_data in auth.users) is written by the user through supabase.auth.updateUser(), so a " +
      'policy that reads it lets users grant themselves access (e.g. set their own tenant or role). Use app_metadata, ' +
      'which only the service role can write, or a table the user cannot write.',
    equivalents: { supabaseAdvisor: '0015_rls_references_user_metadata' },
    fixable: false,
    examples: {
      bad: "create policy admins on public.settings using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin');",
      good: "create policy admins on public.settings using (((select auth.jwt()) -> 'app_metadata' ->> 'role') = 'admin');",
    },
  },
  check({ inventory }) {
    return inventory.policies
      .filter((p) => isUserSchema(p.schema) || (p.schema === 'storage' && p.table === 'objects'))
      .flatMap((p) => {
        const clauses = [
          ...(readsUserMetadata(p.using) ? ['USING'] : []),
          ...(readsUserMetadata(p.withCheck) ? ['WITH CHECK'] : []),
        ];
        if (clauses.length === 0) return [];
        return [
          {
            object: policyRef(p),
            message:
              `${policyLabel(p)} reads user_metadata in ${listOf(clauses)}: any user can edit their own user_metadata and pass this check. ` +
              'Read the value from app_metadata (auth.jwt() -> \'app_metadata\') or from a table users cannot write.',
            location: p.location,
          },
        ];
      });
  },
};
