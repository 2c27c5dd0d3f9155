import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/main.js';
import { removeRun, runInProcess } from '../../../packages/github/test/helpers/action-env.js';
import { everythingPrinted, PASSWORD, withPassword } from '../../../packages/github/test/helpers/gate-fixtures.js';
import { applySupabaseBaseline, connectServer, type Db } from '../../../packages/core/src/index.js';
import { startPrivateCluster, type PrivateCluster } from '../../../packages/core/test/helpers/private-cluster.js';

/** The schema-lint action in process (INPUT_* environment, real files), on a migrations project and on a live database. */
const MIGRATION = [
  'create table public.customers (id uuid primary key,',
  '  created_at timestamptz not null default now(), updated_at timestamptz not null default now());',
  'create table public.orders (id uuid primary key,',
  '  customer_id uuid not null references public.customers (id) on delete restrict,',
  '  created_at timestamptz not null default now(), updated_at timestamptz not null default now());',
  '',
].join('\n');

let project: string;

beforeAll(() => {
  project = mkdtempSync(path.join(os.tmpdir(), 'pk-schema-lint-action-'));
  mkdirSync(path.join(project, 'supabase', 'migrations'), { recursive: true });
  writeFileSync(path.join(project, 'supabase', 'migrations', '20260101000000_orders.sql'), MIGRATION);
});

afterAll(() => rmSync(project, { recursive: true, force: true }));

describe('schema-lint action on migrations', () => {
  it('annotates the migration line, writes the remediation SQL, fails at fail-on warning', async () => {
    const result = await runInProcess(run, { inputs: { 'working-directory': project, 'fail-on': 'warning', sarif: 'true' }, env: { GITHUB_WORKSPACE: project } });
    try {
      expect(result.result.status).toBe('failed');
      expect(result.exitCode).toBe(1);
      expect(result.outputs).toMatchObject({ errors: '0', warnings: '1', infos: '0' });
      const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
      expect(report.command).toBe('schema-lint');
      expect(report.findings.map((f: { rule: string }) => f.rule)).toEqual(['unindexed-foreign-key']);
      expect(result.annotations[0].properties).toMatchObject({ file: 'supabase/migrations/20260101000000_orders.sql', line: '4' });
      expect(readFileSync(result.outputs['remediation-path'], 'utf8')).toContain(
        'CREATE INDEX IF NOT EXISTS "orders_customer_id_idx" ON "public"."orders" USING btree ("customer_id");',
      );
      expect(readFileSync(result.outputs['sarif-path'], 'utf8')).toContain('unindexed-foreign-key');
      expect(result.summary).toContain('unindexed-foreign-key');
    } finally {
      removeRun(result);
    }
  }, 240_000);

  it('slow-queries without database-url is an error naming the fix, and a bad input value is refused', async () => {
    // "yes" reads as true, as it does for the common switches (sarif, comment).
    const result = await runInProcess(run, { inputs: { 'working-directory': project, 'slow-queries': 'yes' }, env: { GITHUB_WORKSPACE: project } });
    try {
      expect(result.result.status).toBe('error');
      expect(result.exitCode).toBe(1);
      expect(result.stdout).toContain('slow queries need a live database');
    } finally {
      removeRun(result);
    }
    const bad = await runInProcess(run, { inputs: { 'working-directory': project, 'slow-queries': 'maybe' }, env: { GITHUB_WORKSPACE: project } });
    try {
      expect(bad.result.status).toBe('error');
      expect(bad.stdout).toContain('input "slow-queries" must be true or false, got "maybe"');
    } finally {
      removeRun(bad);
    }
  }, 120_000);
});

describe('schema-lint action on a live database with pg_stat_statements', () => {
  let cluster: PrivateCluster;
  let db: Db;

  beforeAll(async () => {
    cluster = await startPrivateCluster({ shared_preload_libraries: 'pg_stat_statements' });
    db = await connectServer(cluster.url);
    await applySupabaseBaseline(db);
    await db.exec(`${MIGRATION}
      create index if not exists orders_customer_id_idx on public.orders (customer_id);
      create extension if not exists pg_stat_statements schema extensions;
      create table public.events (id bigint generated always as identity primary key, kind int not null,
        created_at timestamptz not null default now(), updated_at timestamptz not null default now());
      insert into public.events (kind) select g % 1000 from generate_series(1, 200000) g;
      analyze public.events;`);
    await db.query('select extensions.pg_stat_statements_reset()');
    for (let i = 0; i < 3; i += 1) await db.query(`select count(*) from public.events where kind = ${i}`);
    writeFileSync(path.join(project, 'slow.yml'), 'schemaLint:\n  slowQueries:\n    thresholdMs: 1\n');
  });

  afterAll(async () => {
    await db?.close();
    await cluster?.stop();
  });

  it('reports the slow statement with its plan and index suggestion, and never prints the password', async () => {
    const result = await runInProcess(run, {
      inputs: {
        'working-directory': project,
        'database-url': withPassword(cluster.url, 'postgres'),
        'slow-queries': 'true',
        config: 'slow.yml',
        'fail-on': 'warning',
      },
      env: { GITHUB_WORKSPACE: project },
    });
    try {
      expect(result.result.error).toBeUndefined();
      expect(result.result.status).toBe('failed');
      const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
      expect(report.target.kind).toBe('database');
      const slow = report.findings.filter((f: { rule: string; message: string }) => f.rule === 'slow-query' && f.message.includes('public.events'));
      expect(slow).toHaveLength(1);
      expect(slow[0].remediation.sql).toBe('CREATE INDEX IF NOT EXISTS "events_kind_idx" ON "public"."events" USING btree ("kind");');
      const detail = report.details.slowQueries.find((q: { query: string }) => q.query.includes('public.events'));
      expect(detail.plan['Node Type']).toBeTruthy();
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
    }
  }, 240_000);
});
