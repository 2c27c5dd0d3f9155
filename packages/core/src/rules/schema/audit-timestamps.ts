import { qualified, quoteIdent } from '../../db/port.js';
import { tableMatches } from '../../config/object-pattern.js';
import type { InventoryRule, RuleFinding } from '../types.js';
import { checkedTables, columnLocation, columnOf, schemaLintSettings } from './scope.js';

/**
 * §5.3: `created_at`/`updated_at` are `timestamp with time zone NOT NULL` with a default. Remediation
 * only where it is safe and idempotent: adding a missing column (`ADD COLUMN IF NOT EXISTS ... NOT NULL
 * DEFAULT now()`: now() is stable, so PostgreSQL 11+ stores it once without rewriting the table, and
 * existing rows get the time of the migration) and setting a missing default. A nullable column or a
 * wrong type needs a backfill or a rewrite: that is left to a reviewed migration.
 */
export const TIMESTAMPTZ = 'timestamp with time zone';

export const auditTimestamps: InventoryRule = {
  meta: {
    id: 'audit-timestamps',
    title: 'Missing or weak created_at/updated_at columns',
    severity: 'warning',
    category: 'audit',
    constitution: ['5.3'],
    rationale:
      'Every state change must be traceable in time: each table carries `created_at` and `updated_at` as `timestamp with time zone NOT NULL` with a default, ' +
      'so that rows record when they were written, in UTC, whatever the client sends. Which tables and columns: `schemaLint.timestampTables` and `schemaLint.timestampColumns`.',
    fixable: true,
    examples: {
      bad: 'create table public.notes (id uuid primary key, body text, created_at timestamp);',
      good:
        'create table public.notes (id uuid primary key, body text,\n' +
        '  created_at timestamptz not null default now(), updated_at timestamptz not null default now());',
    },
  },
  check({ inventory, config }) {
    const settings = schemaLintSettings(config);
    const findings: RuleFinding[] = [];
    for (const table of checkedTables(inventory, config)) {
      if (settings.timestampTables !== 'all' && !tableMatches(settings.timestampTables, table.schema, table.name)) continue;
      for (const name of settings.timestampColumns) {
        const column = columnOf(table, name);
        const object = { kind: 'column' as const, schema: table.schema, table: table.name, name };
        const location = columnLocation(table, column);
        const target = `${table.schema}.${table.name}.${name}`;
        if (!column) {
          findings.push({
            object,
            message: `Table ${table.schema}.${table.name} has no "${name}" column (${TIMESTAMPTZ} NOT NULL DEFAULT now()).`,
            ...location,
            remediation: {
              sql: `ALTER TABLE ${qualified(table.schema, table.name)} ADD COLUMN IF NOT EXISTS ${quoteIdent(name)} ${TIMESTAMPTZ} NOT NULL DEFAULT now();`,
            },
          });
          continue;
        }
        const problems: string[] = [];
        if (column.type !== TIMESTAMPTZ) problems.push(`its type is ${column.type}, not ${TIMESTAMPTZ}`);
        if (!column.notNull) problems.push('it is nullable');
        if (column.default === null) problems.push('it has no default');
        if (problems.length === 0) continue;
        const onlyDefaultMissing = problems.length === 1 && column.default === null;
        findings.push({
          object,
          message: `Column ${target} must be ${TIMESTAMPTZ} NOT NULL with a default: ${problems.join(', ')}.`,
          ...location,
          ...(onlyDefaultMissing
            ? { remediation: { sql: `ALTER TABLE ${qualified(table.schema, table.name)} ALTER COLUMN ${quoteIdent(name)} SET DEFAULT now();` } }
            : {}),
        });
      }
    }
    return findings;
  },
};
