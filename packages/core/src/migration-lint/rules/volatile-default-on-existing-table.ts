import type { ColumnDef, FuncCall } from '@pgsql/types';
import { constraintsOf, display, namesOf, nodeBody, typeNameOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { SERIAL_IDENTITY_TYPES } from './column-types.js';
import { commandsOnExistingTables, tableFinding } from './shared.js';

/**
 * Functions known to be volatile (a new value on every call), by name: PostgreSQL's own
 * (pg_proc.provolatile = 'v'), and the common extensions' (uuid-ossp, pgcrypto, pg_uuidv7). The
 * schema is ignored: on Supabase the extension functions live in "extensions", elsewhere in
 * "public". A function missing here (one of the project's own) is not flagged.
 */
const VOLATILE_FUNCTIONS: ReadonlySet<string> = new Set([
  'random',
  'random_normal',
  'gen_random_uuid',
  'uuidv4',
  'uuidv7',
  'uuid_generate_v1',
  'uuid_generate_v1mc',
  'uuid_generate_v4',
  'uuid_generate_v7',
  'gen_random_bytes',
  'gen_salt',
  'clock_timestamp',
  'timeofday',
  'nextval',
  'currval',
  'lastval',
  'setval',
]);

/** The first call to a known volatile function in a default expression, if any. */
function volatileCall(node: unknown): FuncCall | undefined {
  if (Array.isArray(node)) {
    for (const item of node) {
      const found = volatileCall(item);
      if (found) return found;
    }
    return undefined;
  }
  if (!node || typeof node !== 'object') return undefined;
  const call = (node as { FuncCall?: FuncCall }).FuncCall;
  const name = call ? namesOf(call.funcname).at(-1) : undefined;
  if (call && name && VOLATILE_FUNCTIONS.has(name)) return call;
  for (const value of Object.values(node)) {
    const found = volatileCall(value);
    if (found) return found;
  }
  return undefined;
}

const DEFAULT_LATER = 'add the column without the default, SET DEFAULT, then backfill the existing rows in batches';
const SEQUENCE_LATER = 'add it as a plain column, SET DEFAULT nextval(...) on a sequence, then backfill the existing rows in batches';

/**
 * The advice for a column declared NOT NULL: it has to be added nullable as well, since the rows
 * that exist are NULL until the backfill fills them, and SET NOT NULL comes after the backfill.
 */
function notNullLater(instead: string): string {
  if (instead === DEFAULT_LATER) {
    return 'add the column without the default and without NOT NULL, SET DEFAULT, backfill the existing rows in batches, and only then SET NOT NULL (the existing rows stay NULL until the backfill)';
  }
  return `${instead}; add it without NOT NULL and SET NOT NULL only after the backfill (the existing rows stay NULL until then)`;
}

const isNotNull = (column: ColumnDef) => column.is_not_null === true || constraintsOf(column).some((c) => c.contype === 'CONSTR_NOTNULL');

/** Why adding this column fills every existing row one by one (a table rewrite), where it says so, and what to do instead. */
function rewriteReason(column: ColumnDef): { why: string; instead: string; location?: number } | undefined {
  const volatileDefault = (call: FuncCall) => ({
    why: `with a default that calls ${namesOf(call.funcname).join('.')}(), a volatile function`,
    instead: DEFAULT_LATER,
    location: call.location,
  });
  for (const constraint of constraintsOf(column)) {
    const call = constraint.contype === 'CONSTR_DEFAULT' ? volatileCall(constraint.raw_expr) : undefined;
    if (call) return volatileDefault(call);
    // PostgreSQL 18's VIRTUAL generated columns are computed on read: no rewrite.
    if (constraint.contype === 'CONSTR_GENERATED' && constraint.generated_kind !== 'v') {
      return {
        why: 'as a GENERATED ... STORED column',
        instead: 'add a plain column kept current by a trigger, then backfill the existing rows in batches',
        location: constraint.location,
      };
    }
    if (constraint.contype === 'CONSTR_IDENTITY') return { why: 'as an identity column (a sequence value per row)', instead: SEQUENCE_LATER, location: constraint.location };
  }
  const call = volatileCall(column.raw_default);
  if (call) return volatileDefault(call);
  const type = typeNameOf(column.typeName);
  // serial types get a nextval() default: one sequence value per existing row.
  if (Object.hasOwn(SERIAL_IDENTITY_TYPES, type)) return { why: `as a ${type} column (a sequence value per row)`, instead: SEQUENCE_LATER, location: column.typeName?.location };
  return undefined;
}

/** ADD COLUMN whose value differs per row makes PostgreSQL rewrite the table under an ACCESS EXCLUSIVE lock. */
export const volatileDefaultOnExistingTable: MigrationRule = {
  meta: {
    id: 'volatile-default-on-existing-table',
    title: 'Column with a volatile default added to an existing table',
    severity: 'warning',
    category: 'migration-safety',
    constitution: ['8.2'],
    rationale:
      'Since PostgreSQL 11, ADD COLUMN with a constant or stable default (a literal, now(), current_timestamp) only records the default in the catalog and is instant. A default that calls a volatile function, one that returns a new value on every call (random(), gen_random_uuid(), uuid_generate_v4(), clock_timestamp(), timeofday(), nextval() ...), makes PostgreSQL rewrite the whole table under an ACCESS EXCLUSIVE lock instead, blocking reads and writes until every row is filled; so does a GENERATED ... STORED, identity or serial column. Add the column without the default, then SET DEFAULT (it applies to new rows only) and backfill the existing rows in batches; a NOT NULL column is added without NOT NULL too, and SET NOT NULL only after the backfill, since the existing rows stay NULL until then. In place of a stored generated column, add a plain one kept current by a trigger and backfill it the same way. Volatility is read from the called function\'s name, against a list of volatile functions of PostgreSQL and of the uuid-ossp, pgcrypto and pg_uuidv7 extensions: a default calling a function that is not on the list, such as one of your own, is not reported.',
    equivalents: { squawk: 'adding-field-with-default' },
    fixable: false,
    examples: {
      bad: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS public_id uuid DEFAULT gen_random_uuid();',
      good: 'ALTER TABLE public.orders ADD COLUMN IF NOT EXISTS public_id uuid;\nALTER TABLE public.orders ALTER COLUMN public_id SET DEFAULT gen_random_uuid();',
    },
  },
  check(file, context) {
    const findings: MigrationFinding[] = [];
    for (const { statement, table, command } of commandsOnExistingTables(file, context)) {
      const column = command.subtype === 'AT_AddColumn' ? nodeBody(command.def, 'ColumnDef') : undefined;
      const reason = column ? rewriteReason(column) : undefined;
      if (!column || !reason) continue;
      findings.push(
        tableFinding(
          statement,
          table,
          `column ${column.colname} is added to ${display(table)} ${reason.why}: PostgreSQL rewrites the whole table under an ACCESS EXCLUSIVE lock to fill it. Instead, ${isNotNull(column) ? notNullLater(reason.instead) : reason.instead}`,
          reason.location ?? column.location,
          column.colname,
        ),
      );
    }
    return findings;
  },
};
