import { tableMatches } from '../../config/object-pattern.js';
import type { InventoryRule, RuleFinding } from '../types.js';
import { checkedTables, columnLocation, columnOf, schemaLintSettings } from './scope.js';

/** §5.3: critical tables record who made each change: `created_by`/`updated_by` uuid NOT NULL. */
export const criticalTableActorColumns: InventoryRule = {
  meta: {
    id: 'critical-table-actor-columns',
    title: 'Critical table without created_by/updated_by',
    severity: 'error',
    category: 'audit',
    constitution: ['5.3'],
    rationale:
      'On tables marked critical (`criticalTables`) every row must say which user created it and which last changed it: ' +
      '`created_by` and `updated_by`, uuid NOT NULL (a user id). Column names: `schemaLint.actorColumns`.',
    fixable: false,
    examples: {
      bad: 'create table public.payments (id uuid primary key, amount numeric not null);',
      good: 'create table public.payments (id uuid primary key, amount numeric not null, created_by uuid not null, updated_by uuid not null);',
    },
  },
  check({ inventory, config }) {
    const settings = schemaLintSettings(config);
    const findings: RuleFinding[] = [];
    for (const table of checkedTables(inventory, config)) {
      if (!tableMatches(config.criticalTables, table.schema, table.name)) continue;
      for (const name of settings.actorColumns) {
        const column = columnOf(table, name);
        const problems: string[] = [];
        if (!column) problems.push('it is missing');
        else {
          if (column.type !== 'uuid') problems.push(`its type is ${column.type}, not uuid`);
          if (!column.notNull) problems.push('it is nullable');
        }
        if (problems.length === 0) continue;
        findings.push({
          object: { kind: 'column', schema: table.schema, table: table.name, name },
          message: `Critical table ${table.schema}.${table.name} needs "${name} uuid NOT NULL": ${problems.join(' and ')}.`,
          ...columnLocation(table, column),
        });
      }
    }
    return findings;
  },
};
