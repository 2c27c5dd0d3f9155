import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess, removeRun } from '../../../packages/github/test/helpers/action-env.js';
import { run } from '../src/main.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pk-migration-lint-action-'));
  cleanups.push(() => rmSync(root, { recursive: true, force: true }));
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}

async function action(options: Parameters<typeof runInProcess>[1]) {
  const result = await runInProcess(run, options);
  cleanups.push(() => removeRun(result));
  return result;
}

const SAFE = "SET lock_timeout = '5s';\nCREATE TABLE IF NOT EXISTS public.notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL);\nALTER TABLE public.notes ENABLE ROW LEVEL SECURITY;\n";
const UNSAFE = "SET lock_timeout = '5s';\nALTER TABLE public.notes\n  DROP COLUMN body;\n";


/**
 * A git repository whose base commit holds a migration that fails the lint and whose head commit
 * adds a clean one: linting only the change passes, linting everything fails.
 */
function changeOnTopOfBase(): { root: string; baseSha: string; headSha: string } {
  const root = repo({ 'supabase/migrations/20240101000000_old.sql': 'DROP TABLE IF EXISTS public.legacy;\n' });
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const baseSha = git('rev-parse', 'HEAD');
  writeFileSync(path.join(root, 'supabase/migrations/20240102000000_notes.sql'), SAFE);
  git('add', '.');
  git('commit', '-q', '-m', 'notes');
  return { root, baseSha, headSha: git('rev-parse', 'HEAD') };
}

describe('migration-lint action', () => {
  it('passes clean migrations and sets the outputs', async () => {
    const root = repo({ 'supabase/migrations/20240101000000_notes.sql': SAFE });
    const result = await action({ inputs: { 'working-directory': root }, env: { GITHUB_WORKSPACE: root } });
    expect(result.result.status).toBe('passed');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '0' });
    expect(JSON.parse(readFileSync(result.outputs['report-path'], 'utf8')).command).toBe('migration-lint');
  });

  it('fails with annotations at file, line and column, and writes SARIF when asked', async () => {
    const root = repo({ 'db/supabase/migrations/20240101000000_notes.sql': SAFE, 'db/supabase/migrations/20240102000000_drop.sql': UNSAFE });
    const result = await action({ inputs: { 'working-directory': path.join(root, 'db'), sarif: 'true' }, env: { GITHUB_WORKSPACE: root } });
    expect(result.result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.outputs.errors).toBe('2'); // drop-column, breaking-change-without-rollback
    const drop = result.annotations.find((a) => a.properties.title === 'drop-column');
    expect(drop?.properties).toMatchObject({ file: 'db/supabase/migrations/20240102000000_drop.sql', line: '2', col: '13' });
    const sarif = JSON.parse(readFileSync(result.outputs['sarif-path'], 'utf8'));
    expect(sarif.runs[0].results.length).toBe(2);
  });

  it('on a pull_request event reports only the files the pull request changes', async () => {
    const { root, baseSha } = changeOnTopOfBase();

    const event = { pull_request: { number: 3, base: { sha: baseSha } } };
    const inPr = await action({ inputs: { 'working-directory': root }, env: { GITHUB_WORKSPACE: root }, event });
    expect(inPr.result.status).toBe('passed');
    expect(inPr.result.report?.details).toMatchObject({ filesRead: 2, filesLinted: 1, baseRef: baseSha });

    const everything = await action({ inputs: { 'working-directory': root }, env: { GITHUB_WORKSPACE: root } });
    expect(everything.result.status).toBe('failed');
  });

  it('on a merge_group event (merge queue) reports only the files the group changes since its base', async () => {
    const { root, baseSha, headSha } = changeOnTopOfBase();

    const event = { action: 'checks_requested', merge_group: { head_sha: headSha, head_ref: 'refs/heads/gh-readonly-queue/main/pr-3-' + baseSha, base_sha: baseSha, base_ref: 'refs/heads/main' } };
    const queued = await action({ inputs: { 'working-directory': root }, env: { GITHUB_WORKSPACE: root }, event });
    expect(queued.result.status).toBe('passed');
    expect(queued.result.report?.details).toMatchObject({ filesRead: 2, filesLinted: 1, baseRef: baseSha });
  });

  it('a bad path is an input error naming it', async () => {
    const root = repo({ 'supabase/migrations/20240101000000_notes.sql': SAFE });
    const result = await action({ inputs: { 'working-directory': root, path: 'db/migrations' }, env: { GITHUB_WORKSPACE: root } });
    expect(result.result.status).toBe('error');
    expect(result.exitCode).toBe(1);
    expect(result.result.error).toContain('migration path not found: db/migrations');
  });

  it('a path input that names nothing (" , ") is an input error, not a pass over no files', async () => {
    const root = repo({ 'supabase/migrations/20240101000000_notes.sql': SAFE });
    const result = await action({ inputs: { 'working-directory': root, path: ' , ' }, env: { GITHUB_WORKSPACE: root } });
    expect(result.result.status).toBe('error');
    expect(result.exitCode).toBe(1);
    expect(result.result.error).toContain('input "path" names no file or folder');
  });
});
