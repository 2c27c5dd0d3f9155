import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ReportSchema } from '@platform-kit/core';
import { runInProcess, tempDir } from '../helpers.js';

/** `platform-kit schema-lint` on a migrations folder: JSON contract, exit codes, config, option errors. */
const root = tempDir('schema-lint');
const migrations = path.join(root, 'supabase', 'migrations');
mkdirSync(migrations, { recursive: true });
writeFileSync(
  path.join(migrations, '20260101000000_logs.sql'),
  [
    'create table public.logs (',
    '  message text,',
    '  created_at timestamptz not null default now(),',
    '  updated_at timestamptz not null default now()',
    ');',
    '',
  ].join('\n'),
);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('platform-kit schema-lint', () => {
  it('replays supabase/migrations and reports at file and line; warnings fail only at --fail-on warning', async () => {
    const run = await runInProcess(['schema-lint', '--format', 'json', '--fail-on', 'warning'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.command).toBe('schema-lint');
    expect(report.findings.map((f) => [f.rule, f.object.name, f.location])).toEqual([
      ['missing-primary-key', 'logs', { file: 'supabase/migrations/20260101000000_logs.sql', line: 1 }],
    ]);
    expect((await runInProcess(['schema-lint'], { cwd: root })).code).toBe(0);
  }, 180_000);

  it('a config switching the rule off silences it; schemaLint settings are validated with file and line', async () => {
    writeFileSync(path.join(root, 'off.yml'), 'rules:\n  missing-primary-key: "off"\n');
    const off = await runInProcess(['schema-lint', '--config', 'off.yml', '--format', 'json', '--fail-on', 'info'], { cwd: root });
    expect(off.code).toBe(0);
    expect(JSON.parse(off.stdout).findings).toEqual([]);
    writeFileSync(path.join(root, 'bad.yml'), 'schemaLint:\n  slowQueries:\n    thresholdMs: -5\n');
    const bad = await runInProcess(['schema-lint', '--config', 'bad.yml'], { cwd: root });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.yml');
    expect(bad.stderr).toContain('schemaLint.slowQueries.thresholdMs');
  }, 120_000);

  it('--slow-queries without a live database is a usage error (exit 2)', async () => {
    const run = await runInProcess(['schema-lint', '--slow-queries'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('slow queries need a live database');
  });

  it('an unreachable database is exit 3 and the password never prints', async () => {
    const url = 'postgres://someone:hunter2secret@127.0.0.1:1/nowhere';
    const run = await runInProcess(['schema-lint', '--database-url', url], { cwd: root });
    expect(run.code).toBe(3);
    expect(run.stderr + run.stdout).not.toContain('hunter2secret');
  });
});
