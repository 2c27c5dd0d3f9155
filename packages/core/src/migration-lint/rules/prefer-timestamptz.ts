import { display, typeNameOf } from '../ast.js';
import type { MigrationRule } from '../types.js';
import { columnDefinitions } from './column-types.js';
import { tableFinding } from './shared.js';

/** timestamp without time zone drops the offset: the same instant stored from two zones differs. */
export const preferTimestamptz: MigrationRule = {
  meta: {
    id: 'prefer-timestamptz',
    title: 'timestamp without time zone column',
    severity: 'warning',
    category: 'integrity',
    constitution: ['5.3'],
    rationale:
      '`timestamp` (without time zone) stores wall-clock time and silently drops the offset, so values written from different time zones cannot be compared. `timestamptz` stores an instant; audit columns (§5.3) must be timestamptz.',
    equivalents: { squawk: 'prefer-timestamp-tz' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS shipped_at timestamp;',
      good: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS shipped_at timestamptz;',
    },
  },
  check(file) {
    return columnDefinitions(file)
      .filter(({ column }) => typeNameOf(column.typeName) === 'timestamp')
      .map(({ statement, table, column, name }) =>
        tableFinding(
          statement,
          table,
          `${display(table)}.${name} is timestamp without time zone: use timestamptz`,
          column.typeName?.location,
          name,
        ),
      );
  },
};
