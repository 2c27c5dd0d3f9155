import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildInto, node24, repoRoot, runBundle, type Metafile } from '../../../packages/github/test/helpers/bundle.js';

/**
 * spec-enforce and doc-sync as GitHub runs them: built by the release script into a temporary
 * dist/, then `node dist/<action>.js` as a process under the machine's Node 20 and under Node 24.
 */
let build: { dist: string; metafile: Metafile };
let failing: string;

beforeAll(async () => {
  build = await buildInto('governance');
  failing = mkdtempSync(path.join(os.tmpdir(), 'pk-governance-bundle-'));
  const files: Record<string, string> = {
    'spec/app/constitution.md': '# C\n\n## Principles\n\nx\n\n## Governance\n\ny\n',
    'spec/app/prd.md': '# P\n\n## Overview\n\nx\n',
    'spec/app/plan.md': '# Plan\n\n## Architecture\n\nx\n\n## Constitution check\n\ny\n',
    'spec/app/tasks.md': '# Tasks\n\n- [x] T001 done\n',
    'CLAUDE.md': '# CLAUDE.md\n\nUse pnpm.\nRun the tests.\n',
    'GEMINI.md': '# GEMINI.md\n\nUse npm.\nSkip the tests.\n',
    'CODEX.md': '# CODEX.md\n\nUse pnpm.\nRun the tests.\n',
  };
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(failing, file)), { recursive: true });
    writeFileSync(path.join(failing, file), content);
  }
}, 600_000);

afterAll(() => {
  rmSync(path.dirname(build.dist), { recursive: true, force: true });
  rmSync(failing, { recursive: true, force: true });
});

const runtimes: [string, () => string][] = [
  ['node 20 (this machine)', () => process.execPath],
  ['node 24 (runs.using: node24)', node24],
];

describe.each(runtimes)('governance bundles under %s', (_label, binary) => {
  it('pass on this repository: its spec bundle and its agent files', async () => {
    for (const name of ['spec-enforce', 'doc-sync']) {
      const run = await runBundle(binary(), path.join(build.dist, `${name}.js`), { cwd: repoRoot });
      expect(run.exitCode, `${name}: ${run.stdout}${run.stderr}`).toBe(0);
      expect(run.outputs.errors).toBe('0');
    }
  });

  it('fail with annotations at file and line, and doc-sync writes its diff', async () => {
    const spec = await runBundle(binary(), path.join(build.dist, 'spec-enforce.js'), { cwd: failing });
    expect(spec.exitCode).toBe(1);
    expect(spec.outputs.errors).toBe('2');
    expect(spec.annotations.some((a) => a.command === 'error' && a.properties.file === 'spec/app/prd.md' && a.properties.line === '1')).toBe(true);

    const docs = await runBundle(binary(), path.join(build.dist, 'doc-sync.js'), { cwd: failing });
    expect(docs.exitCode).toBe(1);
    expect(docs.annotations.some((a) => a.command === 'error' && a.properties.file === 'GEMINI.md' && a.properties.line === '1')).toBe(true);
    expect(readFileSync(docs.outputs['diff-path'], 'utf8')).toContain('-Use npm.\n-Skip the tests.\n+Use pnpm.\n+Run the tests.\n');
    expect(docs.summary).toContain('Suggested diff for <code>GEMINI.md</code>');
  });
});

describe('governance bundle graph', () => {
  it('does not reach PGlite through static imports (file-based gates never start a database)', () => {
    const outputs = build.metafile.outputs;
    const byName = (file: string) => Object.keys(outputs).find((key) => key.endsWith(`/${path.basename(file)}`))!;
    for (const name of ['spec-enforce', 'doc-sync']) {
      const seen = new Set<string>();
      const queue = [byName(`${name}.js`)];
      while (queue.length > 0) {
        const current = queue.pop()!;
        if (seen.has(current)) continue;
        seen.add(current);
        for (const imported of outputs[current].imports) if (imported.kind === 'import-statement' && !imported.external) queue.push(byName(imported.path));
      }
      const inputs = [...seen].flatMap((output) => Object.keys(outputs[output].inputs));
      expect(inputs.some((input) => input.includes('packages/core/src/governance/'))).toBe(true);
      expect(inputs.filter((input) => input.includes('@electric-sql/pglite') || input.includes('@electric-sql+pglite'))).toEqual([]);
    }
  });
});
