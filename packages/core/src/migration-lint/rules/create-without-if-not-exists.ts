import type { ParsedStatement } from '../../parser/parse.js';
import { bodyOf, DEFAULT_SCHEMA, display, namesOf, nodeBody, tableFromNames, tableOf, type TableName, statementsOf } from '../ast.js';
import type { MigrationFinding, MigrationRule } from '../types.js';
import { tableFinding } from './shared.js';

/** What a statement creates without IF NOT EXISTS: a description, the object, and where. */
function unguardedCreate(statement: ParsedStatement): { what: string; object: TableName; location?: number; message?: string }[] {
  const create = bodyOf(statement, 'CreateStmt');
  if (create && !create.if_not_exists) return [{ what: 'CREATE TABLE', object: tableOf(create.relation), location: create.relation?.location }];
  const index = bodyOf(statement, 'IndexStmt');
  if (index && !index.if_not_exists) {
    const schema = index.relation?.schemaname ?? DEFAULT_SCHEMA;
    if (!index.idxname) {
      // IF NOT EXISTS needs a name; run again, an unnamed index does not fail but is built a second time.
      const on = tableOf(index.relation);
      return [{ what: 'CREATE INDEX without a name', object: { schema, name: `${on.name}.(unnamed index)` }, location: index.relation?.location, message: `CREATE INDEX without a name builds a second, identical index on ${display(on)} when the migration runs again (§1.4): name it and add IF NOT EXISTS` }];
    }
    return [{ what: 'CREATE INDEX', object: { schema, name: index.idxname }, location: index.relation?.location }];
  }
  const enumValue = bodyOf(statement, 'AlterEnumStmt');
  if (enumValue?.newVal !== undefined && !enumValue.oldVal && !enumValue.skipIfNewValExists) {
    const type = tableFromNames(namesOf(enumValue.typeName));
    return [{ what: `ALTER TYPE ... ADD VALUE '${enumValue.newVal}'`, object: { schema: type.schema, name: `${type.name}.${enumValue.newVal}` } }];
  }
  const schema = bodyOf(statement, 'CreateSchemaStmt');
  if (schema && !schema.if_not_exists) return [{ what: 'CREATE SCHEMA', object: { schema: schema.schemaname ?? '', name: schema.schemaname ?? '' } }];
  const sequence = bodyOf(statement, 'CreateSeqStmt');
  if (sequence && !sequence.if_not_exists) return [{ what: 'CREATE SEQUENCE', object: tableOf(sequence.sequence), location: sequence.sequence?.location }];
  const extension = bodyOf(statement, 'CreateExtensionStmt');
  if (extension && !extension.if_not_exists) return [{ what: 'CREATE EXTENSION', object: { schema: '', name: extension.extname ?? '' } }];
  const createAs = bodyOf(statement, 'CreateTableAsStmt');
  if (createAs && !createAs.if_not_exists) {
    const what = createAs.objtype === 'OBJECT_MATVIEW' ? 'CREATE MATERIALIZED VIEW' : 'CREATE TABLE AS';
    return [{ what, object: tableOf(createAs.into?.rel), location: createAs.into?.rel?.location }];
  }
  const alter = bodyOf(statement, 'AlterTableStmt');
  if (alter) {
    const table = tableOf(alter.relation);
    return (alter.cmds ?? [])
      .map((c) => nodeBody(c, 'AlterTableCmd'))
      .filter((c) => c?.subtype === 'AT_AddColumn' && !c.missing_ok)
      .map((c) => {
        const column = nodeBody(c?.def, 'ColumnDef');
        return { what: `ADD COLUMN ${column?.colname ?? ''}`, object: { schema: table.schema, name: `${table.name}.${column?.colname ?? ''}` }, location: column?.location };
      });
  }
  return [];
}

/** §1.4: a migration that stops half-way must run again cleanly; a bare CREATE fails the second time. */
export const createWithoutIfNotExists: MigrationRule = {
  meta: {
    id: 'create-without-if-not-exists',
    title: 'CREATE without IF NOT EXISTS',
    severity: 'error',
    category: 'idempotency',
    constitution: ['1.4'],
    rationale:
      'Every migration must be idempotent (§1.4): running it again, after a partial failure or on a database where part of it was applied by hand, must succeed. CREATE TABLE, INDEX, SCHEMA, SEQUENCE, EXTENSION, MATERIALIZED VIEW, ADD COLUMN and ALTER TYPE ... ADD VALUE take IF NOT EXISTS. An index needs a name for IF NOT EXISTS: an unnamed CREATE INDEX does not fail when run again, it silently builds a second, identical index. Statements that have no IF NOT EXISTS (CREATE TYPE, CREATE POLICY, CREATE TRIGGER) are not reported here: guard a CREATE TYPE with a DO block that checks pg_type, see policy-without-drop-if-exists and create-without-or-replace for the others.',
    equivalents: { squawk: 'prefer-robust-stmts' },
    fixable: false,
    examples: {
      bad: 'CREATE TABLE public.tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
      good: 'CREATE TABLE IF NOT EXISTS public.tags (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
    },
  },
  check(file) {
    const findings: MigrationFinding[] = [];
    for (const statement of statementsOf(file, 'CreateStmt', 'IndexStmt', 'CreateSchemaStmt', 'CreateSeqStmt', 'CreateExtensionStmt', 'CreateTableAsStmt', 'AlterTableStmt', 'AlterEnumStmt')) {
      for (const { what, object, location, message } of unguardedCreate(statement)) {
        findings.push(tableFinding(statement, object, message ?? `${what} without IF NOT EXISTS fails when the migration runs again (§1.4)`.replace('  ', ' '), location));
      }
    }
    return findings;
  },
};
