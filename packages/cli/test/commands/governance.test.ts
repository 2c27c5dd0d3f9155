import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ReportSchema } from '@platform-kit/core';
import { runInProcess, tempDir } from '../helpers.js';

const dirs: string[] = [];
function tree(files: Record<string, string>): string {
  const root = tempDir('governance');
  dirs.push(root);
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), content);
  }
  return root;
}
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const bundle = {
  'spec/app/constitution.md': '# C\n\n## Principles\n\nx\n\n## Governance\n\ny\n',
  'spec/app/prd.md': '# P\n\n## Overview\n\nx\n\n## Requirements\n\ny\n\n## Success criteria\n\nz\n',
  'spec/app/plan.md': '# Plan\n\n## Architecture\n\nx\n\n## Constitution check\n\ny\n',
  'spec/app/tasks.md': '# Tasks\n\n- [x] T001 done\n- [ ] T002 open\n',
};

describe('platform-kit spec-enforce', () => {
  it('exits 0 on a complete bundle and reports the task status as JSON', async () => {
    const root = tree(bundle);
    const run = await runInProcess(['spec-enforce', '--root', root, '--format', 'json']);
    expect(run.code).toBe(0);
    const report = ReportSchema.parse(JSON.parse(run.stdout));
    expect(report.command).toBe('spec-enforce');
    expect(report.target.kind).toBe('files');
    expect((report.details?.bundles as { tasks: unknown }[])[0].tasks).toEqual({ total: 2, done: 1, open: 1, malformed: 0 });
  });

  it('exits 1 on an incomplete bundle, naming the file', async () => {
    const root = tree({ ...bundle, 'spec/app/plan.md': '' });
    const run = await runInProcess(['spec-enforce'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('spec/app/plan.md is empty');
    expect(run.stderr).toBe('spec/app/: 1/2 tasks done\n');
  });

  it('reads --config relative to the working directory and .platform-kit.yml from --root otherwise', async () => {
    const root = tree({ ...bundle, '.platform-kit.yml': 'specEnforce:\n  projects: [other]\n' });
    expect((await runInProcess(['spec-enforce', '--root', root])).code).toBe(1);
    const cwd = tree({ 'empty.yml': '{}\n' });
    expect((await runInProcess(['spec-enforce', '--root', root, '--config', 'empty.yml'], { cwd })).code).toBe(0);
  });

  it('rejects an unknown rule in the root .platform-kit.yml with exit 2 naming the file and line', async () => {
    const root = tree({ ...bundle, '.platform-kit.yml': 'rules:\n  spec-tasks-malformd: warning\n' });
    const run = await runInProcess(['spec-enforce', '--root', root]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.platform-kit.yml:2');
    expect(run.stderr).toContain('spec-tasks-malformed');
  });

  it('pull-request mode with --changed-files and --labels (comma-separated or repeated)', async () => {
    const root = tree({ ...bundle, '.platform-kit.yml': 'specEnforce:\n  featurePaths:\n    "src/**": app\n' });
    const failing = await runInProcess(['spec-enforce', '--root', root, '--changed-files', 'src/a.ts,README.md']);
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('update spec/app/');
    expect((await runInProcess(['spec-enforce', '--root', root, '--changed-files', 'src/a.ts', '--changed-files', 'spec/app/tasks.md'])).code).toBe(0);
    expect((await runInProcess(['spec-enforce', '--root', root, '--changed-files', 'README.md', '--labels', 'bug,feature'])).code).toBe(1);
  });

  it('exits 2 for a missing --root and for --base-ref with --changed-files', async () => {
    const missing = await runInProcess(['spec-enforce', '--root', '/nonexistent/pk-cli-root']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('/nonexistent/pk-cli-root');
    expect((await runInProcess(['spec-enforce', '--base-ref', 'main', '--changed-files', 'a'], { cwd: tree(bundle) })).code).toBe(2);
  });
});

describe('platform-kit doc-sync', () => {
  const files = { 'AGENTS.md': '# AGENTS.md\n\nUse pnpm.\nRun tests.\n', 'CLAUDE.md': '# CLAUDE.md\n\nUse npm.\nRun nothing.\n', 'GEMINI.md': '# GEMINI.md\n\nUse pnpm.\nRun tests.\n' };

  it('exits 1 on drift and a missing file, writes the diff with --diff-output, then --fix brings everything in sync', async () => {
    const root = tree(files);
    const drifting = await runInProcess(['doc-sync', '--root', root, '--diff-output', 'out/sync.diff'], { cwd: root });
    expect(drifting.code).toBe(1);
    expect(drifting.stdout).toContain('CLAUDE.md drifts 100.0% from AGENTS.md');
    expect(drifting.stdout).toContain('CODEX.md is missing');
    const diff = readFileSync(path.join(root, 'out/sync.diff'), 'utf8');
    expect(diff).toContain('--- a/CLAUDE.md');
    expect(diff).toContain('+++ b/CODEX.md');

    const fixed = await runInProcess(['doc-sync', '--fix', '--format', 'json'], { cwd: root });
    expect(fixed.code).toBe(0);
    expect(JSON.parse(fixed.stdout).details.written).toEqual(['CLAUDE.md', 'CODEX.md']);
    expect(readFileSync(path.join(root, 'CODEX.md'), 'utf8')).toBe('# CODEX.md\n\nUse pnpm.\nRun tests.\n');
    const after = await runInProcess(['doc-sync'], { cwd: root });
    expect(after.code).toBe(0);
    expect(after.stderr).toContain('CODEX.md: in-sync (0.0% drift from AGENTS.md)\n');
  });

  it('exits 2 for a missing --root and writes nothing', async () => {
    const cwd = tree({});
    const run = await runInProcess(['doc-sync', '--root', 'nope', '--diff-output', 'x.diff'], { cwd });
    expect(run.code).toBe(2);
    expect(existsSync(path.join(cwd, 'x.diff'))).toBe(false);
  });

  it('lists its rules in `platform-kit rules`', async () => {
    const run = await runInProcess(['rules', '--format', 'json']);
    const ids = (JSON.parse(run.stdout).rules as { id: string }[]).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['doc-sync-drift', 'spec-bundle-missing-file', 'spec-pr-bundle-not-updated']));
  });
});
