import type { InventoryRule, RuleFinding } from '../types.js';
import { checkedTables } from './scope.js';

/** §6.2: a table without a primary key has no cheap way to address one row. */
export const missingPrimaryKey: InventoryRule = {
  meta: {
    id: 'missing-primary-key',
    title: 'Table without a primary key',
    severity: 'warning',
    category: 'integrity',
    constitution: ['6.2', '5.2'],
    rationale:
      'Without a primary key rows cannot be addressed one at a time efficiently, other tables cannot reference them with a foreign key, ' +
      'and logical replication cannot replicate updates and deletes.',
    equivalents: { supabaseAdvisor: '0004_no_primary_key' },
    fixable: false,
    examples: {
      bad: 'create table public.events (name text, at timestamptz);',
      good: 'create table public.events (id bigint generated always as identity primary key, name text, at timestamptz);',
    },
  },
  check({ inventory, config }) {
    const findings: RuleFinding[] = [];
    for (const table of checkedTables(inventory, config)) {
      if (table.primaryKey && table.primaryKey.length > 0) continue;
      findings.push({
        object: { kind: 'table', schema: table.schema, name: table.name },
        message: `Table ${table.schema}.${table.name} has no primary key.`,
        ...(table.location ? { location: table.location } : {}),
      });
    }
    return findings;
  },
};
