import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runInProcess, removeRun } from '../../../packages/github/test/helpers/action-env.js';
import { run } from '../src/main.js';

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((fn) => fn()));

function tree(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pk-doc-action-'));
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

const shared = '\n\nUse pnpm.\nRun the tests.\nQuote identifiers.\n';

describe('doc-sync action', () => {
  it('fails on drift, writes the diff artifact (output diff-path) and shows the diff in the summary', async () => {
    const root = tree({
      'AGENTS.md': `# AGENTS.md${shared}`,
      'CLAUDE.md': '# CLAUDE.md\n\nUse npm.\nRun nothing.\nQuote identifiers.\n',
      'GEMINI.md': `# GEMINI.md${shared}`,
      'CODEX.md': `# CODEX.md${shared}`,
    });
    const result = await action({ inputs: { 'working-directory': root } });
    expect(result.result.status).toBe('failed');
    expect(result.outputs.errors).toBe('1');
    const diff = readFileSync(result.outputs['diff-path'], 'utf8');
    expect(diff).toBe(
      '--- a/CLAUDE.md\n+++ b/CLAUDE.md\n@@ -1,5 +1,5 @@\n # CLAUDE.md\n \n-Use npm.\n-Run nothing.\n+Use pnpm.\n+Run the tests.\n Quote identifiers.\n',
    );
    expect(result.summary).toContain('| `CLAUDE.md` | drifting | 66.7% |');
    expect(result.summary).toContain('Suggested diff for <code>CLAUDE.md</code>');
    const annotation = result.annotations.find((a) => a.properties.file === 'CLAUDE.md');
    expect(annotation?.properties.line).toBe('1');
  });

  it('passes files in sync and writes an empty diff', async () => {
    const root = tree({ 'CLAUDE.md': `# CLAUDE.md${shared}`, 'GEMINI.md': `# GEMINI.md${shared}`, 'CODEX.md': `# CODEX.md${shared}` });
    const result = await action({ inputs: { 'working-directory': root } });
    expect(result.result.status).toBe('passed');
    expect(readFileSync(result.outputs['diff-path'], 'utf8')).toBe('');
    expect(result.summary).toContain('Canonical: `CLAUDE.md`');
  });

  it('names a binary instruction file in a finding instead of crashing', async () => {
    const root = tree({ 'CLAUDE.md': `# CLAUDE.md${shared}`, 'GEMINI.md': new Uint8Array([0x23, 0, 0x41]), 'CODEX.md': `# CODEX.md${shared}` });
    const result = await action({ inputs: { 'working-directory': root } });
    expect(result.result.status).toBe('failed');
    expect(result.result.report?.findings.map((f) => f.message)).toEqual(['GEMINI.md cannot be compared: a binary file (NUL byte at offset 1), expected UTF-8 text']);
  });

  it('writes the diff with paths from the repository root when the files sit in a subfolder, so git apply works there', async () => {
    const repo = tree({
      'apps/web/AGENTS.md': `# AGENTS.md${shared}`,
      'apps/web/CLAUDE.md': '# CLAUDE.md\n\nUse npm.\nRun nothing.\nQuote identifiers.\n',
      'apps/web/GEMINI.md': `# GEMINI.md${shared}`,
      'apps/web/CODEX.md': `# CODEX.md${shared}`,
    });
    const result = await action({ inputs: { 'working-directory': 'apps/web' }, env: { GITHUB_WORKSPACE: repo } });
    expect(result.result.status).toBe('failed');
    const diff = readFileSync(result.outputs['diff-path'], 'utf8');
    expect(diff.startsWith('--- a/apps/web/CLAUDE.md\n+++ b/apps/web/CLAUDE.md\n')).toBe(true);
    execFileSync('git', ['init', '-q'], { cwd: repo });
    execFileSync('git', ['apply', result.outputs['diff-path']], { cwd: repo });
    expect(readFileSync(path.join(repo, 'apps/web/CLAUDE.md'), 'utf8')).toBe(`# CLAUDE.md${shared}`);
  });
});
