import type { InventoryRule } from '../types.js';
import { quoteLiteral } from '../../db/port.js';
import { functionLabel, functionRef, projectFunctions } from './shared.js';

/** Shortest comment accepted as a justification: the same bar as a config exemption's. */
export const MIN_JUSTIFICATION_LENGTH = 10;

/** §2.2: why invoker privileges are not enough is written down, on the function, in COMMENT ON FUNCTION. */
export const securityDefinerUnjustified: InventoryRule = {
  meta: {
    id: 'security-definer-unjustified',
    title: 'SECURITY DEFINER function without a justification comment',
    severity: 'warning',
    category: 'governance',
    constitution: ['2.2'],
    rationale:
      'SECURITY DEFINER escalates privileges for every caller. The constitution requires each use to be justified ' +
      'where reviewers and auditors find it: a COMMENT ON FUNCTION (at least 10 characters) explaining why invoker ' +
      'privileges are insufficient.',
    fixable: false,
    examples: {
      bad: 'create function public.org_ids_of_user() returns setof uuid language sql security definer set search_path = \'\'\n  as $$ select organization_id from public.memberships where user_id = auth.uid() $$;',
      good: "comment on function public.org_ids_of_user() is\n  'SECURITY DEFINER: policies on memberships call this; invoker rights would recurse into the same policies.';",
    },
  },
  check({ inventory }) {
    return projectFunctions(inventory)
      .filter((fn) => fn.securityDefiner && (fn.comment ?? '').trim().length < MIN_JUSTIFICATION_LENGTH)
      .map((fn) => ({
        object: functionRef(fn),
        message:
          `SECURITY DEFINER function ${functionLabel(fn)} has no justification comment. ` +
          `Explain why invoker privileges are insufficient: COMMENT ON FUNCTION ${functionLabel(fn)} IS ${quoteLiteral('SECURITY DEFINER because ...')};`,
        location: fn.location,
      }));
  },
};
