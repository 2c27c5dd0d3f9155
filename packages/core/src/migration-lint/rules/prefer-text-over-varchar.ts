import { display, typeNameOf } from '../ast.js';
import type { MigrationRule } from '../types.js';
import { columnDefinitions } from './column-types.js';
import { tableFinding } from './shared.js';

/** varchar(n) buys nothing over text in PostgreSQL, and widening it later is a locked ALTER. char(n) is prefer-text-over-char. */
export const preferTextOverVarchar: MigrationRule = {
  meta: {
    id: 'prefer-text-over-varchar',
    title: 'varchar(n) column',
    severity: 'warning',
    category: 'integrity',
    constitution: ['8.2'],
    rationale:
      'In PostgreSQL varchar(n) is stored like text and is no faster; its length limit only moves a business rule into the type, where changing it later takes an ACCESS EXCLUSIVE lock. Use text, with a CHECK (char_length(col) <= n) constraint when a limit matters.',
    equivalents: { squawk: 'prefer-text-field' },
    fixable: false,
    examples: {
      bad: 'CREATE TABLE IF NOT EXISTS public.customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(255));',
      good: 'CREATE TABLE IF NOT EXISTS public.customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text CHECK (char_length(email) <= 255));',
    },
  },
  check(file) {
    return columnDefinitions(file)
      .filter(({ column }) => typeNameOf(column.typeName) === 'varchar' && (column.typeName?.typmods?.length ?? 0) > 0)
      .map(({ statement, table, column, name }) =>
        tableFinding(
          statement,
          table,
          `${display(table)}.${name} is varchar(n): use text with a CHECK constraint on its length`,
          column.typeName?.location,
          name,
        ),
      );
  },
};
