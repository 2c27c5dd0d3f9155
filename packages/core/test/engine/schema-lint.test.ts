import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigSchema } from '../../src/config/schema.js';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';
import { ReportSchema } from '../../src/report/report.js';
import { schemaLint } from '../../src/engine/schema-lint.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';

/** The schema-lint gate end to end: a migrations directory (findings at file and line) and a live database. */
const MIGRATION = `-- orders reference customers
create table public.customers (id uuid primary key,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now());

create table public.orders (id uuid primary key,
  customer_id uuid not null references public.customers (id),
  created_at timestamptz not null default now(), updated_at timestamptz not null default now());
`;

/**
 * Columns defined in one migration, their table altered for something else in a later one: a
 * finding about a column points at the column's definition (or the ALTER that last changed it), a
 * finding about a missing column at the CREATE TABLE, never at the unrelated last ALTER TABLE.
 */
const ACCOUNTS = `-- accounts: tenant-scoped and critical
create table public.accounts (
  id uuid primary key,
  tenant_id text,
  customer_ref uuid,
  created_at timestamp,
  amount numeric not null
);

create table public.ledger (id uuid primary key,
  created_at timestamptz not null default now(), updated_at timestamptz not null default now());
`;
const ACCOUNTS_LATER = `alter table public.accounts enable row level security;
alter table public.accounts rename column customer_ref to customer_id;
alter table public.accounts
  alter column created_at type timestamptz;
alter table public.accounts add column updated_at timestamptz not null default now();
alter table public.ledger enable row level security;
alter table public.accounts enable row level security;
`;

let root: string;
let live: TestDatabase;
const config = ConfigSchema.parse({});

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'pk-schema-lint-'));
  mkdirSync(path.join(root, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(root, 'supabase', 'migrations', '20260101000000_orders.sql'), MIGRATION);
  mkdirSync(path.join(root, 'accounts'), { recursive: true });
  writeFileSync(path.join(root, 'accounts', '20260201000000_accounts.sql'), ACCOUNTS);
  writeFileSync(path.join(root, 'accounts', '20260202000000_rls.sql'), ACCOUNTS_LATER);
  live = await createTestDatabase('schema_lint_gate');
  await applySupabaseBaseline(live.db);
  await live.db.exec(MIGRATION);
});

afterAll(async () => {
  rmSync(root, { recursive: true, force: true });
  await live?.drop();
});

describe('schema-lint gate', () => {
  it('on a migrations replay: findings carry the migration file and line; ON DELETE omission is known for sure', async () => {
    const report = await schemaLint({ target: { migrationsDir: 'supabase/migrations' }, config, options: { root } });
    expect(ReportSchema.parse(report).command).toBe('schema-lint');
    expect(report.target.kind).toBe('migrations');
    const rules = report.findings.map((f) => f.rule).sort();
    expect(rules).toEqual(['foreign-key-on-delete-implicit', 'unindexed-foreign-key']);
    for (const finding of report.findings) {
      // the replay places a foreign key at the line of its REFERENCES clause
      expect(finding.location).toMatchObject({ file: 'supabase/migrations/20260101000000_orders.sql', line: 6 });
    }
    const onDelete = report.findings.find((f) => f.rule === 'foreign-key-on-delete-implicit')!;
    expect(onDelete.message).toContain('no ON DELETE clause');
  });

  it('on a migrations replay: a column finding points at the column, a missing column at the CREATE TABLE', async () => {
    const accountsConfig = ConfigSchema.parse({
      tenancy: { tables: ['public.accounts', 'public.ledger'] },
      criticalTables: ['public.accounts'],
    });
    const report = await schemaLint({ target: { migrationsDir: 'accounts' }, config: accountsConfig, options: { root } });
    const first = 'accounts/20260201000000_accounts.sql';
    const later = 'accounts/20260202000000_rls.sql';
    const at = (rule: string, table: string, name: string) =>
      report.findings.find((f) => f.rule === rule && f.object.schema === 'public' && (f.object.table ?? f.object.name) === table && f.object.name === name)
        ?.location;
    // defined in the first migration, the table last altered (RLS) in the second
    expect(at('tenant-column-type', 'accounts', 'tenant_id')).toEqual({ file: first, line: 4 });
    // renamed in the second migration: still the line that defined it
    expect(at('soft-foreign-key', 'accounts', 'customer_id')).toEqual({ file: first, line: 5 });
    // its type changed in the second migration: the line of that ALTER COLUMN (nullable, no default remain)
    expect(at('audit-timestamps', 'accounts', 'created_at')).toEqual({ file: later, line: 4 });
    // missing columns: the statement that created the table
    expect(at('critical-table-actor-columns', 'accounts', 'created_by')).toEqual({ file: first, line: 2 });
    expect(at('tenant-column-missing', 'ledger', 'ledger')).toEqual({ file: first, line: 10 });
    // a finding about the table itself keeps its last change
    expect(at('critical-table-audit-trigger', 'accounts', 'accounts')).toEqual({ file: later, line: 7 });
  });

  // Needs a live server URL: skipped in the embedded fallback, which CI refuses (PK_REQUIRE_SERVER=1).
  it.runIf(hasServer())('on a live database: the same findings, without locations; NO ACTION reported as implicit', async () => {
    const report = await schemaLint({ target: { databaseUrl: live.url }, config });
    expect(report.target.kind).toBe('database');
    expect(report.findings.map((f) => f.rule).sort()).toEqual(['foreign-key-on-delete-implicit', 'unindexed-foreign-key']);
    expect(report.findings.find((f) => f.rule === 'foreign-key-on-delete-implicit')!.message).toContain('cannot tell');
    expect(report.details?.slowQueries).toBeUndefined();
  });

  // Needs a live server URL: skipped in the embedded fallback, which CI refuses (PK_REQUIRE_SERVER=1).
  it.runIf(hasServer())('config overrides apply: a rule switched off is not run', async () => {
    const quiet = ConfigSchema.parse({ rules: { 'foreign-key-on-delete-implicit': 'off', 'unindexed-foreign-key': 'error' } });
    const report = await schemaLint({ target: { databaseUrl: live.url }, config: quiet });
    expect(report.findings.map((f) => `${f.rule}:${f.severity}`)).toEqual(['unindexed-foreign-key:error']);
  });

  // Needs a live server URL: skipped in the embedded fallback, which CI refuses (PK_REQUIRE_SERVER=1).
  it.runIf(hasServer())('slow queries: refused without a live database, a clear error without pg_stat_statements', async () => {
    await expect(schemaLint({ target: { migrationsDir: 'supabase/migrations' }, config, slowQueries: true, options: { root } })).rejects.toMatchObject({
      kind: 'usage',
    });
    await expect(schemaLint({ target: { databaseUrl: live.url }, config, slowQueries: true })).rejects.toThrow(/pg_stat_statements extension/);
  });

  it('slow queries enabled in the config only: skipped with a notice on a migrations replay', async () => {
    const enabled = ConfigSchema.parse({ schemaLint: { slowQueries: { enabled: true } } });
    const report = await schemaLint({ target: { migrationsDir: 'supabase/migrations' }, config: enabled, options: { root } });
    expect(report.notices.map((n) => n.message)).toContain(
      'slow queries skipped: schemaLint.slowQueries.enabled needs a live database target (--database-url)',
    );
    expect(report.findings.map((f) => f.rule).sort()).toEqual(['foreign-key-on-delete-implicit', 'unindexed-foreign-key']);
  });
});
