import type { InventoryRule } from '../types.js';
import { revokeExecuteFromApiRoles } from '../../remediation/sql.js';
import { functionLabel, functionRef, isExposed, listOf, projectFunctions } from './shared.js';

const NOT_CALLABLE = new Set(['trigger', 'event_trigger']);

/** §2.2: SECURITY DEFINER functions in exposed schemas are RPC endpoints for whoever holds EXECUTE, PUBLIC included. */
export const securityDefinerExecutableByApi: InventoryRule = {
  meta: {
    id: 'security-definer-executable-by-api',
    title: 'SECURITY DEFINER function executable by anon or authenticated',
    severity: 'warning',
    category: 'security',
    constitution: ['2.2'],
    rationale:
      "A SECURITY DEFINER function in an exposed schema is callable through /rest/v1/rpc and runs with its owner's " +
      'privileges. PostgreSQL grants EXECUTE to PUBLIC by default, and anon and authenticated inherit it, so revoking ' +
      'from anon alone does nothing. Supabase reports the two roles separately (0028 anon, 0029 authenticated).',
    equivalents: { supabaseAdvisor: '0028_anon_security_definer_function_executable' },
    fixable: true,
    examples: {
      bad: "create function public.purge_tenant(t uuid) returns void language sql security definer set search_path = ''\n  as $$ delete from public.projects where tenant_id = t $$;",
      good: 'revoke execute on function public.purge_tenant(uuid) from public, anon, authenticated;\ngrant execute on function public.purge_tenant(uuid) to service_role;',
    },
  },
  check({ inventory, config }) {
    const keepServiceRole = inventory.roles.some((r) => r.name === 'service_role');
    return projectFunctions(inventory)
      .filter((fn) => fn.securityDefiner && isExposed(config, fn.schema) && !NOT_CALLABLE.has(fn.returns ?? ''))
      .flatMap((fn) => {
        const viaPublic = fn.executeGrantees.some((g) => g.toUpperCase() === 'PUBLIC');
        const direct = fn.executeGrantees.filter((g) => g === 'anon' || g === 'authenticated');
        if (!viaPublic && direct.length === 0) return [];
        const who = viaPublic ? 'anon and authenticated (through the default grant to PUBLIC)' : listOf([...direct].sort());
        return [
          {
            object: functionRef(fn),
            message:
              `SECURITY DEFINER function ${functionLabel(fn)} can be executed by ${who}, as an RPC endpoint running with ${fn.owner}'s privileges. ` +
              'Revoke EXECUTE from PUBLIC, anon and authenticated if only server code calls it; if signed-in users must, grant it to authenticated alone and check the caller inside.',
            location: fn.location,
            remediation: { sql: revokeExecuteFromApiRoles(fn, keepServiceRole) },
          },
        ];
      });
  },
};
