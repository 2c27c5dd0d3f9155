import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runInProcess, removeRun } from '../../../packages/github/test/helpers/action-env.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../../../packages/core/test/helpers/database.js';
import { applySupabaseBaseline } from '../../../packages/core/src/baseline/apply.js';
import { run } from '../src/main.js';

// The introspect action in-process, against real databases: one project database, one control plane.
describe.runIf(hasServer())('introspect action', () => {
  let project: TestDatabase;
  let plane: TestDatabase;
  let dir: string;
  const runs: { tempDir: string }[] = [];
  beforeAll(async () => {
    project = await createTestDatabase('action_introspect_project');
    await applySupabaseBaseline(project.db);
    await project.db.exec(`create table public.orders (id uuid primary key); alter table public.orders enable row level security;
      create policy "own" on public.orders for select to authenticated using (id = auth.uid());`);
    plane = await createTestDatabase('action_introspect_plane');
    dir = mkdtempSync(path.join(os.tmpdir(), 'pk-introspect-action-'));
    writeFileSync(path.join(dir, 'platform-kit.projects.yml'), 'projects:\n  - id: shop\n    urlSecret: SHOP_URL\n  - id: typo\n    urlSecrt: TYPO_URL\n  - id: missing\n    urlSecret: MISSING_URL\n');
  });
  afterAll(async () => {
    for (const r of runs) removeRun(r);
    rmSync(dir, { recursive: true, force: true });
    await project.drop();
    await plane.drop();
  });
  const action = async (inputs: Record<string, string>) => {
    const r = await runInProcess(run, { inputs: { 'working-directory': dir, ...inputs } });
    runs.push(r);
    return r;
  };

  it('migrate mode creates the ops schema', async () => {
    const r = await action({ mode: 'migrate', 'control-plane-url': plane.url! });
    expect(r.result.status).toBe('passed');
    expect((await plane.db.query(`SELECT to_regclass('ops.scans') IS NOT NULL AS ok`)).rows[0]).toEqual({ ok: true });
  });

  it('plan mode outputs the matrix and annotates the broken entry on its line without failing', async () => {
    const r = await action({ mode: 'plan' });
    expect(r.result.status).toBe('passed');
    expect(JSON.parse(r.outputs['batch-0']!).include.map((i: { project: string }) => i.project)).toEqual(['missing', 'shop']);
    expect(JSON.parse(r.outputs['batch-1']!)).toEqual({ include: [] });
    expect(r.outputs['batch-count']).toBe('1');
    const error = r.annotations.find((a) => a.properties.file === 'platform-kit.projects.yml');
    expect(error?.properties.line).toBe('4');
    expect(error?.message).toMatch(/project typo: .*urlSecrt/);
  });

  it('scan mode records the project; a second scan after drift reports it', async () => {
    const first = await action({ project: 'shop', 'database-url': project.url!, 'url-secret': 'SHOP_URL', 'control-plane-url': plane.url! });
    expect(first.result.error ?? first.result.status).toBe("passed");
    expect(first.outputs['history-status']).toBe('recorded');
    await project.db.exec('alter table public.orders disable row level security');
    const second = await action({ project: 'shop', 'database-url': project.url!, 'control-plane-url': plane.url!, 'fail-on': 'error' });
    expect(second.result.status).toBe('failed');
    const report = JSON.parse(readFileSync(second.outputs['report-path']!, 'utf8'));
    expect(report.findings.map((f: { rule: string }) => f.rule)).toContain('drift-rls-switched-off');
    expect(report.details.history.previousScanId).toBe(first.outputs['scan-id']);
    expect(second.outputs['remediation-path']).toBeUndefined(); // no plan was verified: no SQL offered
  });

  it('a missing secret fails that project by name and records the scan as failed', async () => {
    const r = await action({ project: 'missing', 'database-url': '', 'url-secret': 'MISSING_URL', 'control-plane-url': plane.url! });
    expect(r.result.status).toBe('error');
    expect(r.result.error).toMatch(/project missing: MISSING_URL is missing or empty/);
    const { rows } = await plane.db.query<{ status: string }>(`SELECT status FROM ops.scans WHERE project_id = 'missing'`);
    expect(rows).toEqual([{ status: 'failed' }]);
  });

  it('an unreachable control plane: the report still reaches the summary and report.json, then the step fails', async () => {
    const dead = 'postgres://svc:plane-password-xyz@127.0.0.1:1/ops';
    const r = await action({ project: 'shop', 'database-url': project.url!, 'control-plane-url': dead });
    expect(r.exitCode).toBe(1);
    expect(r.outputs['history-status']).toBe('unreachable');
    expect(existsSync(r.outputs['report-path']!)).toBe(true);
    expect(JSON.parse(readFileSync(r.outputs['report-path']!, 'utf8')).findings.length).toBeGreaterThan(0);
    expect(r.summary).toMatch(/rls-disabled-in-exposed-schema/);
    expect(r.annotations.some((a) => /could not be reached|unreachable|connect/.test(a.message))).toBe(true);
    // ::add-mask:: is how the runner learns the secret; everything else must be clean.
    const printed = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    expect(printed).toContain('could not be reached');
    expect(printed + r.summary + r.tempFilesText).not.toContain('plane-password-xyz');
  }, 60_000);

  it('report mode writes the org compliance report to the summary and files, failing on failed scans', async () => {
    const r = await action({ mode: 'report', 'control-plane-url': plane.url!, 'fail-on': 'never' });
    expect(r.exitCode).toBe(1);
    expect(r.summary).toContain('# Platform Kit compliance report');
    expect(r.summary).toContain('| missing | failed |');
    expect(r.summary).toMatch(/Registry errors[\s\S]*typo \(line 4\)/);
    const md = readFileSync(r.outputs['compliance-markdown-path']!, 'utf8');
    expect(md).toContain('## shop');
    const json = JSON.parse(readFileSync(r.outputs['compliance-json-path']!, 'utf8'));
    expect(json.totals.failedScans).toBe(1);
  });
});

// The step's verdict, its error annotations and what it prints, with databases of their own.
describe.runIf(hasServer())('introspect action: verdict, annotation limit and redaction', () => {
  let project: TestDatabase;
  let plane: TestDatabase;
  let dir: string;
  const runs: { tempDir: string }[] = [];
  beforeAll(async () => {
    project = await createTestDatabase('action_introspect_many');
    await applySupabaseBaseline(project.db);
    // Twelve error findings: more than GitHub's ten error annotations per step.
    await project.db.exec(Array.from({ length: 12 }, (_, i) => `create table public.open_${i} (id int primary key);`).join('\n'));
    plane = await createTestDatabase('action_introspect_many_plane');
    dir = mkdtempSync(path.join(os.tmpdir(), 'pk-introspect-limits-'));
    const broken = Array.from({ length: 3 }, (_, i) => `  - id: broken${i}\n    urlSecrt: BROKEN_URL\n`).join('');
    writeFileSync(path.join(dir, 'report.projects.yml'), `projects:\n  - id: many\n    urlSecret: MANY_URL\n${broken}`);
    writeFileSync(path.join(dir, 'pasted.projects.yml'), 'projects:\n  - id: postgres://svc:registry-pw-123@db.example.com:5432/postgres\n    urlSecret: SHOP_URL\n');
  });
  afterAll(async () => {
    for (const r of runs) removeRun(r);
    rmSync(dir, { recursive: true, force: true });
    await project.drop();
    await plane.drop();
  });
  const action = async (inputs: Record<string, string>) => {
    const r = await runInProcess(run, { inputs: { 'working-directory': dir, ...inputs } });
    runs.push(r);
    return r;
  };
  const errorsOf = (r: Awaited<ReturnType<typeof action>>) => r.annotations.filter((a) => a.command === 'error');

  it('fail-on defaults to never, as action.yml says: error findings alone do not fail a nightly scan', async () => {
    await action({ mode: 'migrate', 'control-plane-url': plane.url! });
    const r = await action({ project: 'many', 'database-url': project.url!, 'control-plane-url': plane.url! });
    expect(r.outputs['history-status']).toBe('recorded');
    expect(Number(r.outputs.errors)).toBeGreaterThanOrEqual(12);
    expect(r.result.status).toBe('passed');
    expect(r.exitCode).toBe(0);
    expect(r.summary).toContain('passes (fail-on: never)');
  });

  it('report mode: its own errors and the verdict share the ten error annotations with the findings', async () => {
    const r = await action({ mode: 'report', registry: 'report.projects.yml', 'control-plane-url': plane.url! });
    expect(r.exitCode).toBe(1);
    const errors = errorsOf(r);
    expect(errors).toHaveLength(10);
    // Every broken entry and the verdict are among them; findings fill the rest.
    expect(errors.filter((a) => /^project broken\d: /.test(a.message))).toHaveLength(3);
    expect(errors.at(-1)!.message).toMatch(/3 broken registry entries/);
    expect(errors.filter((a) => a.message.startsWith('[many] ')).length).toBe(6);
    // The heading agrees with the exit code.
    expect(r.summary).toMatch(/^## ❌ Nightly introspection fails/m);
    expect(r.summary).not.toMatch(/Nightly introspection passes/);
  });

  it('an unrecorded scan fails the step, and the summary heading says so even with fail-on never', async () => {
    const dead = 'postgres://svc:plane-password-xyz@127.0.0.1:1/ops';
    const r = await action({ project: 'many', 'database-url': project.url!, 'control-plane-url': dead, 'fail-on': 'never' });
    expect(r.outputs['history-status']).toBe('unreachable');
    expect(r.exitCode).toBe(1);
    expect(r.summary).toMatch(/^## ❌ Nightly introspection fails/m);
    expect(r.summary).not.toMatch(/Nightly introspection passes/);
    expect(errorsOf(r).length).toBeLessThanOrEqual(10);
    expect(errorsOf(r).at(-1)!.message).toMatch(/^Nightly introspection: many: cannot connect/);
  }, 60_000);

  it('a registry path that is a folder is named as a folder, not as missing', async () => {
    mkdirSync(path.join(dir, 'folder.projects.yml'), { recursive: true });
    const r = await action({ mode: 'plan', registry: 'folder.projects.yml' });
    expect(r.result.status).not.toBe('passed');
    const messages = errorsOf(r).map((a) => a.message).join('\n');
    expect(messages).toContain('registry folder.projects.yml in ');
    expect(messages).toContain('is a folder, not a file');
    expect(messages).not.toContain('not found');
  });

  it('redacts a connection string pasted into the registry from annotations and outputs', async () => {
    const r = await action({ mode: 'plan', registry: 'pasted.projects.yml' });
    expect(r.result.status).toBe('passed');
    const error = errorsOf(r).find((a) => a.message.startsWith('project '));
    expect(error?.properties).toMatchObject({ file: 'pasted.projects.yml', line: '2' });
    expect(JSON.parse(r.outputs['registry-errors']!)).toHaveLength(1);
    const printed = r.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
    for (const text of [printed, r.summary, JSON.stringify(r.outputs)]) expect(text).not.toContain('registry-pw-123');
  });
});
