import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '@platform-kit/core';
import { runInProcess, tempDir } from './helpers.js';

const root = tempDir('migration-lint');
const migrations = path.join(root, 'supabase', 'migrations');
mkdirSync(migrations, { recursive: true });
writeFileSync(path.join(migrations, '20240101000000_orders.sql'), 'CREATE TABLE IF NOT EXISTS public.orders (id bigint PRIMARY KEY);\n');
writeFileSync(path.join(root, 'clean.sql'), "SET lock_timeout = '5s';\nCREATE TABLE IF NOT EXISTS private.notes (id bigint PRIMARY KEY);\n");
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('platform-kit migration-lint', () => {
  it('lints supabase/migrations by default and exits 1 on errors, with file:line:column in JSON', async () => {
    const run = await runInProcess(['migration-lint', '--format', 'json'], { cwd: root });
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.findings.map((f) => [f.rule, f.location])).toEqual([
      ['table-without-rls', { file: 'supabase/migrations/20240101000000_orders.sql', line: 1, column: 28 }],
    ]);
  });

  it('takes files as arguments and exits 0 when clean', async () => {
    const run = await runInProcess(['migration-lint', 'clean.sql'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  it('honours --fail-on never and a config turning the rule off', async () => {
    expect((await runInProcess(['migration-lint', '--fail-on', 'never'], { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, 'off.yml'), 'rules:\n  table-without-rls: "off"\n');
    expect((await runInProcess(['migration-lint', '--config', 'off.yml'], { cwd: root })).code).toBe(0);
  });

  it('exits 2 naming a missing path, and on an empty --base-ref', async () => {
    const missing = await runInProcess(['migration-lint', 'nope'], { cwd: root });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('migration path not found: nope');
    expect((await runInProcess(['migration-lint', '--base-ref', ''], { cwd: root })).code).toBe(2);
  });
});
