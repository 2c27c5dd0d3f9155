import { describe, expect, it } from 'vitest';
import { MIGRATION_RULES } from '../../src/migration-lint/index.js';
import { findingsOf, lintSql } from './helpers.js';

/**
 * Every rule's docs examples are its first fixtures: the bad one must produce the rule's finding
 * (at a file, line and column), the good one must not.
 */
describe.each(MIGRATION_RULES.map((rule) => [rule.meta.id, rule] as const))('%s examples', (id, rule) => {
  it('has examples and an id in kebab-case', () => {
    expect(rule.meta.examples?.bad).toBeTruthy();
    expect(rule.meta.examples?.good).toBeTruthy();
    expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it('flags the bad example at a file, line and column', async () => {
    const found = findingsOf(await lintSql(rule.meta.examples!.bad), id);
    expect(found.length).toBeGreaterThan(0);
    for (const finding of found) {
      expect(finding.location?.file).toMatch(/^supabase\/migrations\/\d+_step_0\.sql$/);
      expect(finding.location?.line).toBeGreaterThanOrEqual(1);
      expect(finding.location?.column).toBeGreaterThanOrEqual(1);
      expect(finding.object.kind).toBe('statement');
    }
  });

  it('passes the good example', async () => {
    expect(findingsOf(await lintSql(rule.meta.examples!.good), id)).toEqual([]);
  });
});

/** [rule, description, files (last one under test), expected finding count, config]. */
type Case = [string, string, string | string[], number, Record<string, unknown>?];

const CASES: Case[] = [
  ['adding-required-column', 'NOT NULL column on a table created in the same file', 'CREATE TABLE t (id bigint); ALTER TABLE t ADD COLUMN c int NOT NULL;', 0],
  ['adding-required-column', 'identity column gives rows a value', 'ALTER TABLE t ADD COLUMN c bigint NOT NULL GENERATED ALWAYS AS IDENTITY;', 0],
  ['adding-required-column', 'SET NOT NULL without backfill', 'ALTER TABLE t ALTER COLUMN c SET NOT NULL;', 1],
  ['adding-required-column', 'SET NOT NULL after a backfill', "UPDATE t SET c = 0 WHERE c IS NULL; ALTER TABLE t ALTER COLUMN c SET NOT NULL;", 0],
  ['adding-required-column', 'nullable column', 'ALTER TABLE t ADD COLUMN c int;', 0],
  ['drop-table', 'table created earlier in the same file', 'CREATE TABLE scratch (id int); DROP TABLE scratch;', 0],
  ['drop-table', 'two tables in one DROP', 'DROP TABLE a, s.b;', 2],
  ['drop-table', 'dropping a view is not a table drop', 'DROP VIEW v;', 0],
  ['drop-column', 'column of a table created in the same file', 'CREATE TABLE t (a int, b int); ALTER TABLE t DROP COLUMN b;', 0],
  ['rename-table', 'renaming an index is not a table rename', 'ALTER INDEX i RENAME TO j;', 0],
  ['rename-column', 'column renamed in a new table', 'CREATE TABLE t (a int); ALTER TABLE t RENAME COLUMN a TO b;', 0],
  ['change-column-type', 'new table', 'CREATE TABLE t (a int); ALTER TABLE t ALTER COLUMN a TYPE bigint;', 0],
  ['constraint-without-not-valid', 'check without NOT VALID', 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);', 1],
  ['constraint-without-not-valid', 'check NOT VALID', 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0) NOT VALID;', 0],
  ['constraint-without-not-valid', 'unique is another rule', 'ALTER TABLE t ADD CONSTRAINT c UNIQUE (a);', 0],
  ['constraint-without-not-valid', 'table created in the same file', 'CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);', 0],
  ['index-without-concurrently', 'index on a table created in the same file', 'CREATE TABLE t (a int); CREATE INDEX IF NOT EXISTS i ON t (a);', 0],
  ['index-without-concurrently', 'concurrent index', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS i ON t (a);', 0],
  ['drop-index-without-concurrently', 'unqualified index', 'DROP INDEX i;', 1],
  ['drop-index-without-concurrently', 'two indexes in one DROP', 'DROP INDEX IF EXISTS i, s.j CASCADE;', 2],
  ['drop-index-without-concurrently', 'concurrent drop is another rule', 'DROP INDEX CONCURRENTLY IF EXISTS i;', 0],
  ['drop-index-without-concurrently', 'index of a table created in the same file', 'CREATE TABLE t (a int); CREATE INDEX i ON t (a); DROP INDEX i;', 0],
  ['drop-index-without-concurrently', 'index of a table created by an earlier, deployed migration', ['CREATE TABLE t (a int); CREATE INDEX i ON t (a);', 'DROP INDEX i;'], 1],
  ['drop-index-without-concurrently', 'index created in the same file on an existing table', 'CREATE INDEX i ON t (a); DROP INDEX i;', 1],
  ['drop-index-without-concurrently', 'index created in another schema is not the unqualified one', 'CREATE TABLE s.t (a int); CREATE INDEX i ON s.t (a); DROP INDEX i;', 1],
  ['drop-index-without-concurrently', 'dropping a table is not an index drop', 'DROP TABLE t;', 0],
  ['unique-constraint-without-index', 'PRIMARY KEY without USING INDEX', 'ALTER TABLE t ADD PRIMARY KEY (id);', 1],
  ['unique-constraint-without-index', 'PRIMARY KEY USING INDEX', 'ALTER TABLE t ADD CONSTRAINT t_pkey PRIMARY KEY USING INDEX t_id_idx;', 0],
  ['unique-constraint-without-index', 'column added with UNIQUE and PRIMARY KEY', 'ALTER TABLE t ADD COLUMN a int UNIQUE, ADD COLUMN b bigint PRIMARY KEY;', 2],
  ['unique-constraint-without-index', 'table created in the same file', 'CREATE TABLE t (a int); ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);', 0],
  ['unique-constraint-without-index', 'table created by an earlier, deployed migration', ['CREATE TABLE t (a int);', 'ALTER TABLE t ADD CONSTRAINT t_a_key UNIQUE (a);'], 1],
  ['unique-constraint-without-index', 'EXCLUDE constraint on an existing table', 'ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);', 1],
  ['unique-constraint-without-index', 'EXCLUDE constraint on a table created in the same file', 'CREATE TABLE t (room int, during tstzrange); ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);', 0],
  ['unique-constraint-without-index', 'EXCLUDE in CREATE TABLE', 'CREATE TABLE IF NOT EXISTS t (room int, during tstzrange, EXCLUDE USING gist (room WITH =, during WITH &&));', 0],
  ['unique-constraint-without-index', 'check constraint is another rule', 'ALTER TABLE t ADD CONSTRAINT c CHECK (a > 0);', 0],
  ['unique-constraint-without-index', 'UNIQUE in CREATE TABLE', 'CREATE TABLE IF NOT EXISTS t (a int UNIQUE, PRIMARY KEY (a));', 0],
  ['volatile-default-on-existing-table', 'uuid_generate_v4 from the extensions schema', 'ALTER TABLE t ADD COLUMN u uuid DEFAULT extensions.uuid_generate_v4();', 1],
  ['volatile-default-on-existing-table', 'volatile call inside an expression', 'ALTER TABLE t ADD COLUMN n int DEFAULT (random() * 10)::int;', 1],
  ['volatile-default-on-existing-table', 'clock_timestamp, timeofday and nextval', "ALTER TABLE t ADD COLUMN a timestamptz DEFAULT clock_timestamp(), ADD COLUMN b text DEFAULT timeofday(), ADD COLUMN c bigint DEFAULT nextval('s');", 3],
  ['volatile-default-on-existing-table', 'now() is stable', 'ALTER TABLE t ADD COLUMN a timestamptz NOT NULL DEFAULT now();', 0],
  ['volatile-default-on-existing-table', 'current_timestamp and a literal', "ALTER TABLE t ADD COLUMN a timestamptz DEFAULT current_timestamp, ADD COLUMN b text DEFAULT 'x';", 0],
  ['volatile-default-on-existing-table', 'function not known to be volatile', 'ALTER TABLE t ADD COLUMN a text DEFAULT my_default();', 0],
  ['volatile-default-on-existing-table', 'SET DEFAULT only affects new rows', 'ALTER TABLE t ALTER COLUMN a SET DEFAULT gen_random_uuid();', 0],
  ['volatile-default-on-existing-table', 'stored generated column', 'ALTER TABLE t ADD COLUMN b int GENERATED ALWAYS AS (a * 2) STORED;', 1],
  ['volatile-default-on-existing-table', 'identity and bigserial columns', 'ALTER TABLE t ADD COLUMN a bigint GENERATED ALWAYS AS IDENTITY, ADD COLUMN b bigserial;', 2],
  ['volatile-default-on-existing-table', 'table created in the same file', 'CREATE TABLE t (a int); ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();', 0],
  ['volatile-default-on-existing-table', 'table created by an earlier, deployed migration', ['CREATE TABLE t (a int);', 'ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();'], 1],
  ['volatile-default-on-existing-table', 'volatile default in CREATE TABLE', 'CREATE TABLE IF NOT EXISTS t (u uuid DEFAULT gen_random_uuid());', 0],
  ['concurrently-in-transaction', 'runner without transactions', 'CREATE INDEX CONCURRENTLY i ON t (a);', 0, { migrationLint: { assumeInTransaction: false } }],
  ['concurrently-in-transaction', 'explicit BEGIN block without assumed transaction', 'BEGIN; CREATE INDEX CONCURRENTLY i ON t (a); COMMIT;', 1, { migrationLint: { assumeInTransaction: false } }],
  ['concurrently-in-transaction', 'DROP INDEX CONCURRENTLY', 'DROP INDEX CONCURRENTLY IF EXISTS i;', 1],
  ['concurrently-in-transaction', 'REINDEX CONCURRENTLY', 'REINDEX INDEX CONCURRENTLY i;', 1],
  ['transaction-control-in-migration', 'COMMIT in the middle of the file', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c int; COMMIT; ALTER TABLE t ADD COLUMN IF NOT EXISTS d int;', 1],
  ['transaction-control-in-migration', 'START TRANSACTION ... ROLLBACK', 'START TRANSACTION; ALTER TABLE t ADD COLUMN IF NOT EXISTS c int; ROLLBACK;', 2],
  ['transaction-control-in-migration', 'END and ABORT are COMMIT and ROLLBACK', 'END; ABORT;', 2],
  ['transaction-control-in-migration', 'BEGIN with options, COMMIT AND CHAIN', 'BEGIN ISOLATION LEVEL SERIALIZABLE; COMMIT AND CHAIN;', 2],
  ['transaction-control-in-migration', 'PREPARE TRANSACTION', "PREPARE TRANSACTION 'm1';", 1],
  ['transaction-control-in-migration', 'savepoints stay inside the transaction', 'SAVEPOINT s; ALTER TABLE t ADD COLUMN IF NOT EXISTS c int; ROLLBACK TO SAVEPOINT s; RELEASE SAVEPOINT s;', 0],
  ['transaction-control-in-migration', 'runner without transactions', 'BEGIN; ALTER TABLE t ADD COLUMN IF NOT EXISTS c int; COMMIT;', 0, { migrationLint: { assumeInTransaction: false } }],
  ['missing-lock-timeout', 'lock_timeout set after the risky statement', "ALTER TABLE t ADD COLUMN IF NOT EXISTS c int; SET lock_timeout = '1s';", 1],
  ['missing-lock-timeout', 'SET LOCAL lock_timeout', "SET LOCAL lock_timeout = '1s'; ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;", 0],
  ['missing-lock-timeout', 'switched off in config', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;', 0, { migrationLint: { requireLockTimeout: false } }],
  ['missing-lock-timeout', 'only new tables touched', 'CREATE TABLE IF NOT EXISTS t (a int); CREATE INDEX IF NOT EXISTS i ON t (a);', 0],
  ['missing-lock-timeout', 'reported once per file', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c int; ALTER TABLE u ADD COLUMN IF NOT EXISTS c int;', 1],
  ['prefer-text-over-varchar', 'varchar without a length', 'CREATE TABLE IF NOT EXISTS t (a varchar);', 0],
  ['prefer-text-over-varchar', 'ALTER COLUMN TYPE varchar(n)', 'ALTER TABLE t ALTER COLUMN a TYPE varchar(20);', 1],
  ['prefer-text-over-varchar', 'char(n) is prefer-text-over-char', 'CREATE TABLE IF NOT EXISTS t (a char(2));', 0],
  ['prefer-text-over-char', 'character(n) in ADD COLUMN', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c character(3);', 1],
  ['prefer-text-over-char', 'bare char means char(1)', 'CREATE TABLE IF NOT EXISTS t (a char, b character);', 2],
  ['prefer-text-over-char', 'national character, char(n)[] and bpchar', 'CREATE TABLE IF NOT EXISTS t (a national character(2), b char(2)[], c bpchar);', 3],
  ['prefer-text-over-char', 'ALTER COLUMN TYPE char(n)', 'ALTER TABLE t ALTER COLUMN a TYPE char(2);', 1],
  ['prefer-text-over-char', 'quoted "char" is the one-byte internal type', 'CREATE TABLE IF NOT EXISTS t (a "char");', 0],
  ['prefer-text-over-char', 'varchar and text', 'CREATE TABLE IF NOT EXISTS t (a varchar(2), b text, c character varying);', 0],
  ['prefer-timestamptz', 'timestamp with time zone', 'CREATE TABLE IF NOT EXISTS t (a timestamp with time zone);', 0],
  ['prefer-timestamptz', 'timestamp in CREATE TABLE', 'CREATE TABLE IF NOT EXISTS t (a timestamp without time zone);', 1],
  ['prefer-bigint-identity-key', 'table-level PRIMARY KEY on an int column', 'CREATE TABLE IF NOT EXISTS t (id int, PRIMARY KEY (id));', 1],
  ['prefer-bigint-identity-key', 'int column that is not a key', 'CREATE TABLE IF NOT EXISTS t (id uuid PRIMARY KEY, n int);', 0],
  ['prefer-bigint-identity-key', 'bigserial key is wide enough (serial is prefer-identity-over-serial)', 'CREATE TABLE IF NOT EXISTS t (id bigserial PRIMARY KEY);', 0],
  ['prefer-bigint-identity-key', 'smallserial key', 'CREATE TABLE IF NOT EXISTS t (id smallserial PRIMARY KEY);', 1],
  ['prefer-identity-over-serial', 'every serial spelling', 'CREATE TABLE IF NOT EXISTS t (a serial, b serial4, c serial8, d smallserial, e serial2, f bigserial);', 6],
  ['prefer-identity-over-serial', 'serial column that is not a key', 'CREATE TABLE IF NOT EXISTS t (id uuid PRIMARY KEY, n serial);', 1],
  ['prefer-identity-over-serial', 'ADD COLUMN bigserial', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS n bigserial;', 1],
  ['prefer-identity-over-serial', 'identity columns', 'CREATE TABLE IF NOT EXISTS t (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY);', 0],
  ['prefer-identity-over-serial', 'a user type named serial in another schema', 'CREATE TABLE IF NOT EXISTS t (a app.serial);', 0],
  ['prefer-identity-over-serial', 'plain integers', 'CREATE TABLE IF NOT EXISTS t (a integer, b bigint, c int8);', 0],
  ['create-without-if-not-exists', 'schema, sequence, extension, index', 'CREATE SCHEMA s; CREATE SEQUENCE q; CREATE EXTENSION pg_trgm WITH SCHEMA extensions; CREATE INDEX i ON t (a);', 4],
  ['create-without-if-not-exists', 'guarded forms', 'CREATE SCHEMA IF NOT EXISTS s; CREATE SEQUENCE IF NOT EXISTS q; ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;', 0],
  ['create-without-or-replace', 'view and trigger', 'CREATE VIEW v AS SELECT 1; CREATE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();', 2],
  ['create-without-if-not-exists', 'enum value added without IF NOT EXISTS', "ALTER TYPE public.mood ADD VALUE 'meh' AFTER 'ok';", 1],
  ['create-without-if-not-exists', 'enum value added with IF NOT EXISTS, or renamed', "ALTER TYPE public.mood ADD VALUE IF NOT EXISTS 'meh'; ALTER TYPE public.mood RENAME VALUE 'meh' TO 'ok';", 0],
  ['create-without-or-replace', 'trigger preceded by DROP TRIGGER IF EXISTS (the Supabase auth trigger pattern)', 'DROP TRIGGER IF EXISTS on_auth_user_created ON auth.users; CREATE TRIGGER on_auth_user_created AFTER INSERT ON auth.users FOR EACH ROW EXECUTE PROCEDURE public.handle_new_user();', 0],
  ['create-without-or-replace', 'trigger dropped on another table', 'DROP TRIGGER IF EXISTS tr ON public.a; CREATE TRIGGER tr BEFORE UPDATE ON public.b FOR EACH ROW EXECUTE FUNCTION f();', 1],
  ['create-without-or-replace', 'replaceable forms', 'CREATE OR REPLACE VIEW v AS SELECT 1; CREATE OR REPLACE TRIGGER tr BEFORE UPDATE ON t FOR EACH ROW EXECUTE FUNCTION f();', 0],
  ['policy-without-drop-if-exists', 'drop of another policy', 'DROP POLICY IF EXISTS other ON t; CREATE POLICY p ON t USING (true);', 1],
  ['policy-without-drop-if-exists', 'drop without IF EXISTS does not count', 'DROP POLICY p ON t; CREATE POLICY p ON t USING (true);', 1],
  ['policy-without-drop-if-exists', 'drop after the create does not count', 'CREATE POLICY p ON t USING (true); DROP POLICY IF EXISTS p ON t;', 1],
  ['policy-without-drop-if-exists', 'schema-qualified drop matches unqualified create in public', 'DROP POLICY IF EXISTS p ON public.t; CREATE POLICY p ON t USING (true);', 0],
  ['insert-without-on-conflict', 'INSERT ... SELECT guarded by WHERE NOT EXISTS', "INSERT INTO plans (code) SELECT 'free' WHERE NOT EXISTS (SELECT 1 FROM plans WHERE code = 'free');", 0],
  ['insert-without-on-conflict', 'INSERT ... SELECT without a guard', 'INSERT INTO plans (code) SELECT code FROM staging;', 1],
  ['table-without-rls', 'table in a schema that is not exposed', 'CREATE TABLE IF NOT EXISTS private.t (a int);', 0],
  ['table-without-rls', 'custom exposed schema', 'CREATE TABLE IF NOT EXISTS api.t (a int);', 1, { exposedSchemas: ['public', 'api'] }],
  ['table-without-rls', 'RLS enabled with the default schema spelled out', 'CREATE TABLE IF NOT EXISTS t (a int); ALTER TABLE public.t ENABLE ROW LEVEL SECURITY;', 0],
  ['table-without-rls', 'temporary table', 'CREATE TEMP TABLE t (a int);', 0],
  ['security-definer-without-search-path', 'SECURITY INVOKER', 'CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql SECURITY INVOKER AS $$ SELECT 1 $$;', 0],
  ['security-definer-without-search-path', 'other SET options do not count', "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER SET work_mem = '1MB' AS $$ SELECT 1 $$;", 1],
  ['extension-outside-extensions-schema', 'extension in public', 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;', 1],
  ['extension-outside-extensions-schema', 'extensions whose control file pins their schema', 'CREATE EXTENSION IF NOT EXISTS pg_cron WITH SCHEMA pg_catalog; CREATE EXTENSION IF NOT EXISTS pgmq; CREATE EXTENSION IF NOT EXISTS supabase_vault WITH SCHEMA vault;', 0],
  ['extension-outside-extensions-schema', 'configured schema', 'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA ext;', 0, { migrationLint: { extensionsSchema: 'ext' } }],
  ['grant-to-anon', 'default privileges to anon', 'ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT ON TABLES TO anon;', 1],
  ['grant-to-anon', 'execute on a function to anon', 'GRANT EXECUTE ON FUNCTION public.f() TO anon;', 1],
  ['grant-to-anon', 'revoke from anon', 'REVOKE ALL ON public.t FROM anon;', 0],
  [
    'grant-to-anon',
    'supabase db diff style: one GRANT per privilege is one finding per table',
    'grant delete on table "public"."t" to "anon"; grant insert on table "public"."t" to "anon"; grant select on table "public"."t" to "anon"; grant select on table "public"."u" to "anon"; grant select on table "public"."t" to "authenticated";',
    2,
  ],
  ['breaking-change-without-rollback', 'rollback comment ignored when the form is file', '-- rollback: rename back\nALTER TABLE t RENAME TO u;', 1, { migrationLint: { rollback: { form: 'file' } } }],
  ['breaking-change-without-rollback', 'line comment form', '-- rollback: ALTER TABLE u RENAME TO t;\nALTER TABLE t RENAME TO u;', 0],
  ['breaking-change-without-rollback', '"rollback:" inside a string is not a comment', "COMMENT ON TABLE t IS '-- rollback: none'; DROP TABLE t;", 1],
  ['breaking-change-without-rollback', 'non-breaking change', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;', 0],
  ['breaking-change-without-rollback', 'once per file', 'DROP TABLE a; DROP TABLE b;', 1],
];

describe.each(CASES)('%s: %s', (rule, _description, files, expected, rawConfig) => {
  it(`gives ${expected} finding(s)`, async () => {
    const report = await lintSql(files, rawConfig);
    const last = `_step_${(Array.isArray(files) ? files.length : 1) - 1}.sql`;
    expect(findingsOf(report, rule).filter((f) => f.location?.file.endsWith(last))).toHaveLength(expected);
  });
});

/** Where the type and transaction-control rules point: the column's type, the statement itself. */
describe.each([
  ['prefer-text-over-char', 'CREATE TABLE IF NOT EXISTS t (\n  id bigint,\n  code char(2)\n);', 3, 8],
  ['prefer-identity-over-serial', 'CREATE TABLE IF NOT EXISTS t (\n  id serial\n);', 2, 6],
  ['transaction-control-in-migration', 'ALTER TABLE t ADD COLUMN IF NOT EXISTS c int;\n  COMMIT;', 2, 3],
] as const)('%s location', (rule, sql, line, column) => {
  it(`is line ${line}, column ${column}`, async () => {
    expect(findingsOf(await lintSql(sql), rule).map((f) => [f.location?.line, f.location?.column])).toEqual([[line, column]]);
  });
});

describe('unique-constraint-without-index on EXCLUDE', () => {
  it('says the constraint can only be built under the lock, not to use USING INDEX', async () => {
    const [finding] = findingsOf(await lintSql('ALTER TABLE t ADD CONSTRAINT t_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&);'), 'unique-constraint-without-index');
    expect(finding.message).toContain('EXCLUDE constraint t_no_overlap on public.t builds its index while reads and writes are blocked');
    expect(finding.message).toContain('no USING INDEX form: it can only be built under that lock');
    expect(finding.message).toContain('low-traffic window with a short lock_timeout');
    expect(finding.message).toContain('suppress this finding with the reason');
    expect(finding.message).not.toContain('CONCURRENTLY');
  });
});

describe('volatile-default-on-existing-table on a NOT NULL column', () => {
  const messageOf = async (sql: string) => findingsOf(await lintSql(sql), 'volatile-default-on-existing-table').map((f) => f.message);

  it('says NOT NULL waits until after the backfill', async () => {
    const [message] = await messageOf('ALTER TABLE t ADD COLUMN u uuid NOT NULL DEFAULT gen_random_uuid();');
    expect(message).toContain('add the column without the default and without NOT NULL, SET DEFAULT, backfill the existing rows in batches, and only then SET NOT NULL');
  });

  it('says nothing of NOT NULL for a nullable column', async () => {
    const [message] = await messageOf('ALTER TABLE t ADD COLUMN u uuid DEFAULT gen_random_uuid();');
    expect(message).toContain('add the column without the default, SET DEFAULT, then backfill the existing rows in batches');
    expect(message).not.toContain('NOT NULL');
  });
});

describe('transaction-control-in-migration names the keyword written', () => {
  it('END and ABORT (the same TransactionStmt as COMMIT and ROLLBACK) by their own names', async () => {
    const found = findingsOf(await lintSql('END;\n/* done */ abort work;\nCOMMIT;\nROLLBACK;'), 'transaction-control-in-migration');
    expect(found.map((f) => [f.object.name, f.message.split(' inside')[0]])).toEqual([
      ['END', 'END (the same as COMMIT)'],
      ['ABORT', 'ABORT (the same as ROLLBACK)'],
      ['COMMIT', 'COMMIT'],
      ['ROLLBACK', 'ROLLBACK'],
    ]);
  });
});

describe('missing-lock-timeout on DROP INDEX', () => {
  it('names the index table, not the index, as what it locks', async () => {
    const [finding] = findingsOf(await lintSql('DROP INDEX IF EXISTS public.orders_status_idx;'), 'missing-lock-timeout');
    expect(finding.message).toContain('a strong lock on the table of index public.orders_status_idx');
  });
});

describe('grant-to-anon message', () => {
  it('names every privilege granted to anon on the object, once', async () => {
    const sql = 'grant delete on table "public"."t" to "anon";\ngrant select on table "public"."t" to "anon";';
    const found = findingsOf(await lintSql(sql), 'grant-to-anon');
    expect(found.map((f) => [f.location?.line, f.message.split(':')[0]])).toEqual([[1, 'grants DELETE, SELECT on public.t to anon']]);
  });
});
