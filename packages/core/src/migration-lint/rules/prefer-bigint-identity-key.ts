import { constraintsOf, display, typeNameOf } from '../ast.js';
import type { MigrationRule } from '../types.js';
import { columnDefinitions } from './column-types.js';
import { tableFinding } from './shared.js';

const SMALL_INTEGERS = new Set(['int2', 'int4', 'int', 'integer', 'smallint']);
const SERIALS = new Set(['serial', 'serial4', 'smallserial', 'serial2', 'bigserial', 'serial8']);

/** int keys run out (2^31) on busy tables, and serial's sequence is a loose object with its own grants. */
export const preferBigintIdentityKey: MigrationRule = {
  meta: {
    id: 'prefer-bigint-identity-key',
    title: 'int or serial primary key',
    severity: 'warning',
    category: 'integrity',
    constitution: ['5.2'],
    rationale:
      'An int (or serial) primary key runs out at 2,147,483,647 rows ever inserted, and widening it later rewrites the table and every foreign key. serial also creates a sequence with its own ownership and grants. Use `bigint GENERATED ALWAYS AS IDENTITY` (or uuid).',
    equivalents: { squawk: 'prefer-bigint-over-int' },
    fixable: false,
    examples: {
      bad: 'CREATE TABLE IF NOT EXISTS public.invoices (id serial PRIMARY KEY, total numeric NOT NULL);',
      good: 'CREATE TABLE IF NOT EXISTS public.invoices (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, total numeric NOT NULL);',
    },
  },
  check(file) {
    return columnDefinitions(file)
      .filter(({ column, name, tablePrimaryKey }) => {
        const isKey = tablePrimaryKey.has(name) || constraintsOf(column).some((c) => c.contype === 'CONSTR_PRIMARY');
        const type = typeNameOf(column.typeName);
        return isKey && (SMALL_INTEGERS.has(type) || SERIALS.has(type));
      })
      .map(({ statement, table, column, name }) => {
        const type = typeNameOf(column.typeName);
        const advice = SERIALS.has(type) ? 'use bigint GENERATED ALWAYS AS IDENTITY instead of a serial type' : 'use bigint (GENERATED ALWAYS AS IDENTITY) or uuid';
        return tableFinding(statement, table, `primary key ${display(table)}.${name} is ${type}: ${advice}`, column.typeName?.location, name);
      });
  },
};
