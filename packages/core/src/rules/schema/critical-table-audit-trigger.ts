import { tableMatches } from '../../config/object-pattern.js';
import type { InventoryRule, RuleFinding } from '../types.js';
import { checkedTables } from './scope.js';

/**
 * §5.3: "trigger-based audit logging for critical tables". A critical table needs enabled triggers
 * that together fire on INSERT, UPDATE and DELETE. What the trigger function writes (ops.audit_log)
 * is not visible in the inventory; the function body is the audit feature's concern.
 */
const AUDITED_EVENTS = ['INSERT', 'UPDATE', 'DELETE'] as const;

export const criticalTableAuditTrigger: InventoryRule = {
  meta: {
    id: 'critical-table-audit-trigger',
    title: 'Critical table without an audit trigger',
    severity: 'error',
    category: 'audit',
    constitution: ['5.3'],
    rationale:
      'Changes to critical tables (`criticalTables`) must be logged by a trigger, so that no client, API or direct SQL can change a row without a trace. ' +
      'The table needs enabled triggers that fire on INSERT, UPDATE and DELETE.',
    fixable: false,
    examples: {
      bad: 'create table public.payments (id uuid primary key, amount numeric not null);',
      good:
        'create trigger payments_audit after insert or update or delete on public.payments\n' +
        '  for each row execute function ops.audit_row_change();',
    },
  },
  check({ inventory, config }) {
    const findings: RuleFinding[] = [];
    for (const table of checkedTables(inventory, config)) {
      if (!tableMatches(config.criticalTables, table.schema, table.name)) continue;
      const covered = new Set(
        inventory.triggers.filter((t) => t.schema === table.schema && t.table === table.name && t.enabled).flatMap((t) => t.events),
      );
      const missing = AUDITED_EVENTS.filter((event) => !covered.has(event));
      if (missing.length === 0) continue;
      findings.push({
        object: { kind: 'table', schema: table.schema, name: table.name },
        message: `Critical table ${table.schema}.${table.name} has no enabled trigger on ${missing.join(', ')}: changes there are not audited.`,
        ...(table.location ? { location: table.location } : {}),
      });
    }
    return findings;
  },
};
