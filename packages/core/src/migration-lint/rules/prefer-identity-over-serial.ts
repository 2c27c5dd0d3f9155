import { display, typeNameOf } from '../ast.js';
import type { MigrationRule } from '../types.js';
import { columnDefinitions, isSerial, SERIAL_IDENTITY_TYPES } from './column-types.js';
import { tableFinding } from './shared.js';

/**
 * serial is a shorthand for "integer + a separate sequence + a DEFAULT nextval()": identity columns
 * are the SQL-standard form, and their sequence belongs to the column.
 */
export const preferIdentityOverSerial: MigrationRule = {
  meta: {
    id: 'prefer-identity-over-serial',
    title: 'serial column',
    severity: 'warning',
    category: 'integrity',
    constitution: ['5.2'],
    rationale:
      'serial, bigserial and smallserial are not types: they create a separate sequence and a DEFAULT nextval(...) on the column. That sequence needs its own USAGE grants (a role that may insert into the table still fails on it), is copied, dumped and owned apart from the column, and nothing stops an INSERT or UPDATE from writing ids past it. An identity column (`GENERATED ALWAYS AS IDENTITY`, or `BY DEFAULT` when rows must sometimes carry their own id) is the SQL-standard form: its sequence is part of the column, follows the table\'s grants and ownership, and ALWAYS rejects hand-written ids.',
    equivalents: { squawk: 'prefer-identity' },
    fixable: false,
    examples: {
      bad: 'CREATE TABLE IF NOT EXISTS public.events (id bigserial PRIMARY KEY, name text NOT NULL);',
      good: 'CREATE TABLE IF NOT EXISTS public.events (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
    },
  },
  check(file) {
    return columnDefinitions(file)
      .filter(({ column, via }) => via !== 'ALTER COLUMN TYPE' && isSerial(column.typeName))
      .map(({ statement, table, column, name }) => {
        const type = typeNameOf(column.typeName);
        return tableFinding(
          statement,
          table,
          `${display(table)}.${name} is ${type}: use ${SERIAL_IDENTITY_TYPES[type]} GENERATED ALWAYS AS IDENTITY (or BY DEFAULT), whose sequence belongs to the column`,
          column.typeName?.location,
          name,
        );
      });
  },
};
