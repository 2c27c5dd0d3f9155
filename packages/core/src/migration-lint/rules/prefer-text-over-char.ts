import type { TypeName } from '@pgsql/types';
import { display, nodeBody, typeNameOf } from '../ast.js';
import type { MigrationRule } from '../types.js';
import { columnDefinitions } from './column-types.js';
import { tableFinding } from './shared.js';

/**
 * How a blank-padded character type was written: "char(2)", "char" (which means char(1)) or
 * "bpchar" (no length). The parser turns char, character and national character into
 * pg_catalog.bpchar; the quoted one-byte type "char" stays "char" and is not matched here.
 */
function spelling(type: TypeName | undefined): string {
  const length = nodeBody(type?.typmods?.[0], 'A_Const');
  const suffix = (type?.arrayBounds?.length ?? 0) > 0 ? '[]' : '';
  if (!length) return `bpchar${suffix}`;
  return length.location === -1 ? `char${suffix} (that is, char(1))` : `char(${length.ival?.ival ?? '?'})${suffix}`;
}

/** char(n) pads values with spaces and ignores trailing spaces in comparisons: text is what people mean. */
export const preferTextOverChar: MigrationRule = {
  meta: {
    id: 'prefer-text-over-char',
    title: 'char(n) column',
    severity: 'warning',
    category: 'integrity',
    constitution: ['8.2'],
    rationale:
      'char(n) (character(n), bpchar) pads every value with spaces to n characters and treats trailing spaces as insignificant, so comparisons, LIKE, concatenation and client code disagree about what the value is; it is no faster than text, and a bare `char` silently means char(1). Changing the length later is an ACCESS EXCLUSIVE rewrite. Use text, with a CHECK constraint on char_length when the length matters. The quoted one-byte type `"char"` is a different type and is not flagged.',
    equivalents: { squawk: 'ban-char-field' },
    fixable: false,
    examples: {
      bad: 'CREATE TABLE IF NOT EXISTS public.countries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, iso_code char(2) NOT NULL);',
      good: 'CREATE TABLE IF NOT EXISTS public.countries (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, iso_code text NOT NULL CHECK (char_length(iso_code) = 2));',
    },
  },
  check(file) {
    return columnDefinitions(file)
      .filter(({ column }) => typeNameOf(column.typeName) === 'bpchar')
      .map(({ statement, table, column, name }) =>
        tableFinding(
          statement,
          table,
          `${display(table)}.${name} is ${spelling(column.typeName)}, which pads values with spaces: use text with a CHECK constraint on its length`,
          column.typeName?.location,
          name,
        ),
      );
  },
};
