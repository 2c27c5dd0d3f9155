import { constraintsOf, display, typeNameOf } from '../ast.js';
import type { MigrationRule } from '../types.js';
import { columnDefinitions } from './column-types.js';
import { tableFinding } from './shared.js';

const SMALL_INTEGERS = new Set(['int2', 'int4', 'int', 'integer', 'smallint']);
/** 16- and 32-bit serials; bigserial's width is fine, and serial itself is prefer-identity-over-serial's concern. */
const SMALL_SERIALS = new Set(['serial', 'serial4', 'smallserial', 'serial2']);

/** int keys run out (2^31) on busy tables; serial's loose sequence is prefer-identity-over-serial's concern. */
export const preferBigintIdentityKey: MigrationRule = {
  meta: {
    id: 'prefer-bigint-identity-key',
    title: 'int or serial primary key',
    severity: 'warning',
    category: 'integrity',
    constitution: ['5.2'],
    rationale:
      'An int (or serial) primary key runs out at 2,147,483,647 rows ever inserted, and widening it later rewrites the table and every foreign key. Use `bigint GENERATED ALWAYS AS IDENTITY` (or uuid). A serial key of any width is also reported by prefer-identity-over-serial.',
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
        return isKey && (SMALL_INTEGERS.has(type) || SMALL_SERIALS.has(type));
      })
      .map(({ statement, table, column, name }) => {
        const type = typeNameOf(column.typeName);
        const advice = SMALL_SERIALS.has(type) ? 'use bigint GENERATED ALWAYS AS IDENTITY instead of a 32-bit serial type' : 'use bigint (GENERATED ALWAYS AS IDENTITY) or uuid';
        return tableFinding(statement, table, `primary key ${display(table)}.${name} is ${type}: ${advice}`, column.typeName?.location, name);
      });
  },
};
