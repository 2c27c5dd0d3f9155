import type { Policy } from '../../inventory/schema.js';
import { isAlwaysTrue } from './expression.js';

/**
 * What a policy's clauses mean for each row, as PostgreSQL applies them (measured on PostgreSQL 15):
 * - USING filters existing rows (SELECT, UPDATE, DELETE, ALL); absent, the policy lets no row through.
 * - WITH CHECK filters new rows (INSERT, UPDATE, ALL); absent on INSERT, no row may be inserted;
 *   absent on UPDATE or ALL, USING is applied to the new rows instead.
 */
export type Clause = 'USING' | 'WITH CHECK';

/** The expression that filters new rows: WITH CHECK, or USING where PostgreSQL falls back to it. */
export function effectiveCheck(policy: Policy): string | null {
  if (policy.withCheck !== null) return policy.withCheck;
  if (policy.command === 'UPDATE' || policy.command === 'ALL') return policy.using;
  return null;
}

/** The clauses that matter for a policy's command, with the expression each one applies. */
export function relevantClauses(policy: Policy): { clause: Clause; expression: string | null }[] {
  const clauses: { clause: Clause; expression: string | null }[] = [];
  if (policy.command !== 'INSERT') clauses.push({ clause: 'USING', expression: policy.using });
  if (policy.command === 'INSERT' || policy.command === 'UPDATE' || policy.command === 'ALL') {
    clauses.push({ clause: 'WITH CHECK', expression: effectiveCheck(policy) });
  }
  return clauses;
}

/**
 * The clauses of a permissive policy that let every row through: USING or WITH CHECK always true,
 * or WITH CHECK absent on UPDATE/ALL while USING is always true (new rows then pass too).
 */
export function allowAllClauses(policy: Policy): Clause[] {
  if (!policy.permissive) return [];
  return relevantClauses(policy)
    .filter(({ expression }) => expression !== null && isAlwaysTrue(expression))
    .map(({ clause }) => clause);
}

/** The commands a policy covers: ALL stands for the four. */
export function commandsOf(policy: Policy): ('SELECT' | 'INSERT' | 'UPDATE' | 'DELETE')[] {
  return policy.command === 'ALL' ? ['SELECT', 'INSERT', 'UPDATE', 'DELETE'] : [policy.command];
}
