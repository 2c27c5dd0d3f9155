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

let root: string;
let live: TestDatabase;
const config = ConfigSchema.parse({});

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'pk-schema-lint-'));
  mkdirSync(path.join(root, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(root, 'supabase', 'migrations', '20260101000000_orders.sql'), MIGRATION);
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
