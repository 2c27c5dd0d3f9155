import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess, removeRun } from '../../../packages/github/test/helpers/action-env.js';
import { run } from '../src/main.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function tree(files: Record<string, string>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pk-spec-action-'));
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

const bundle = (prefix = '') => ({
  [`${prefix}spec/app/constitution.md`]: '# C\n\n## Principles\n\nx\n\n## Governance\n\ny\n',
  [`${prefix}spec/app/prd.md`]: '# P\n\n## Overview\n\nx\n\n## Requirements\n\ny\n\n## Success criteria\n\nz\n',
  [`${prefix}spec/app/plan.md`]: '# Plan\n\n## Architecture\n\nx\n\n## Constitution check\n\ny\n',
  [`${prefix}spec/app/tasks.md`]: '# Tasks\n\n- [x] T001 done\n- [ ] T002 open\n',
});

describe('spec-enforce action', () => {
  it('passes a complete bundle: outputs, and the task status in the job summary', async () => {
    const root = tree(bundle());
    const result = await action({ inputs: { 'working-directory': root } });
    expect(result.result.status).toBe('passed');
    expect(result.exitCode).toBe(0);
    expect(result.outputs.errors).toBe('0');
    expect(result.summary).toContain('### Spec bundles');
    expect(result.summary).toContain('| `spec/app/` | complete | 1/2 (50.0%) |');
  });

  it('fails on a malformed checklist with an annotation at the file and line (rebased onto working-directory)', async () => {
    const root = tree({ ...bundle('repo/'), 'repo/spec/app/tasks.md': '# Tasks\n\n- [x] T001 done\n-[ ] T002 broken\n' });
    const result = await action({ inputs: { 'working-directory': root, root: 'repo' } });
    expect(result.result.status).toBe('failed');
    expect(result.exitCode).toBe(1);
    expect(result.outputs.errors).toBe('1');
    const annotation = result.annotations.find((a) => a.properties.title?.includes('spec-tasks-malformed') || a.message.includes('malformed'));
    expect(annotation?.properties.file).toBe('repo/spec/app/tasks.md');
    expect(annotation?.properties.line).toBe('4');
  });

  it('pull_request event: takes the base commit and labels from the payload and names the bundle to update', async () => {
    const root = tree({ ...bundle(), '.platform-kit.yml': 'specEnforce:\n  featurePaths:\n    "src/**": app\n', 'src/a.ts': 'export {};\n' });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const baseSha = git('rev-parse', 'HEAD');
    writeFileSync(path.join(root, 'src/a.ts'), 'export const changed = 1;\n');
    git('commit', '-q', '-am', 'feature');

    const event = { pull_request: { number: 7, base: { sha: baseSha }, labels: [{ name: 'feature' }] } };
    const failing = await action({ inputs: { 'working-directory': root }, event });
    expect(failing.result.status).toBe('failed');
    expect(failing.result.report?.findings.map((f) => f.message)).toEqual([
      'this pull request changes src/a.ts (feature path "src/**") and carries the feature label "feature" but does not update the spec bundle: update spec/app/ (tasks.md status, and prd.md/plan.md when the requirements or the design change)',
    ]);

    expect(failing.summary).toContain('- ❌ `app`: 1 file(s) under `src/**` and label `feature`, bundle not updated');

    writeFileSync(path.join(root, 'spec/app/tasks.md'), '# Tasks\n\n- [x] T001 done\n- [x] T002 open\n');
    git('commit', '-q', '-am', 'spec');
    const passing = await action({ inputs: { 'working-directory': root }, event });
    expect(passing.result.status).toBe('passed');
    expect(passing.summary).toContain('- ✅ `app`: 1 file(s) under `src/**` and label `feature`, bundle updated');
  });

  it('merge_group event: takes the base commit from the merge queue payload (which has no labels)', async () => {
    const root = tree({ ...bundle(), '.platform-kit.yml': 'specEnforce:\n  featurePaths:\n    "src/**": app\n', 'src/a.ts': 'export {};\n' });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    const baseSha = git('rev-parse', 'HEAD');
    writeFileSync(path.join(root, 'src/a.ts'), 'export const changed = 1;\n');
    git('commit', '-q', '-am', 'feature');

    const event = { action: 'checks_requested', merge_group: { head_sha: git('rev-parse', 'HEAD'), base_sha: baseSha, base_ref: 'refs/heads/main' } };
    const failing = await action({ inputs: { 'working-directory': root }, event });
    expect(failing.result.status).toBe('failed');
    expect(failing.result.report?.findings.map((f) => f.message)).toEqual([
      'this pull request changes src/a.ts (feature path "src/**") but does not update the spec bundle: update spec/app/ (tasks.md status, and prd.md/plan.md when the requirements or the design change)',
    ]);

    writeFileSync(path.join(root, 'spec/app/tasks.md'), '# Tasks\n\n- [x] T001 done\n- [x] T002 open\n');
    git('commit', '-q', '-am', 'spec');
    const passing = await action({ inputs: { 'working-directory': root }, event });
    expect(passing.result.status).toBe('passed');
  });

  it('a root that does not exist is one clear error', async () => {
    const root = tree({});
    const result = await action({ inputs: { 'working-directory': root, root: 'missing' } });
    expect(result.result.status).toBe('error');
    expect(result.exitCode).toBe(1);
    expect(result.result.error).toContain('--root missing: no such folder');
  });
});
