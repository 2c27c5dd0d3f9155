import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { actionDirs, END_MARKER, expectedReadme, START_MARKER, staleReadmes } from '../../../scripts/generate-action-readmes.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('action READMEs generated from action.yml', () => {
  it('no README has drifted from its action.yml (run: npx tsx scripts/generate-action-readmes.ts)', () => {
    expect(actionDirs(repoRoot).length).toBeGreaterThanOrEqual(3);
    expect(staleReadmes(repoRoot).map((d) => path.relative(repoRoot, d))).toEqual([]);
  });

  it('detects drift when action.yml changes, and keeps the prose around the tables', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'pk-readmes-'));
    const dir = path.join(root, 'actions', 'rls-coverage');
    cpSync(path.join(repoRoot, 'actions', 'rls-coverage'), dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}test`) });
    expect(staleReadmes(root)).toEqual([]);
    const yml = readFileSync(path.join(dir, 'action.yml'), 'utf8').replace('  fail-on:\n', '  new-input:\n    description: a new input\n  fail-on:\n');
    writeFileSync(path.join(dir, 'action.yml'), yml);
    expect(staleReadmes(root)).toEqual([dir]);
    const regenerated = expectedReadme(dir);
    expect(regenerated).toContain('| `new-input` | a new input | no |  |');
    expect(regenerated.startsWith('# Platform Kit: RLS coverage')).toBe(true);
    expect(regenerated.indexOf(START_MARKER)).toBeLessThan(regenerated.indexOf(END_MARKER));
  });
});

/** Every step in a Usage example, wherever it sits (a bare step list or a whole workflow). */
function stepsIn(node: unknown): Array<{ uses?: string; with?: Record<string, unknown> }> {
  if (Array.isArray(node)) return node.flatMap(stepsIn);
  if (node && typeof node === 'object') {
    const own = typeof (node as { uses?: unknown }).uses === 'string' ? [node as { uses: string }] : [];
    return [...own, ...Object.values(node).flatMap(stepsIn)];
  }
  return [];
}

describe('action README usage examples', () => {
  it('use the published action at @v1 and pass every required input', () => {
    for (const dir of actionDirs(repoRoot)) {
      const name = path.basename(dir);
      const readme = readFileSync(path.join(dir, 'README.md'), 'utf8');
      const usage = /## Usage\n\n```yaml\n([\s\S]*?)```/.exec(readme);
      expect(usage, `${name}: README has a Usage yaml block`).not.toBeNull();
      const step = stepsIn(parse(usage![1])).find((candidate) => candidate.uses?.includes(`actions/${name}`));
      expect(step?.uses, `${name}: the example uses the action`).toBe(`platform-kit/platform-kit/actions/${name}@v1`);
      const declared = parse(readFileSync(path.join(dir, 'action.yml'), 'utf8')).inputs as Record<string, { required?: boolean }>;
      const required = Object.entries(declared).filter(([, spec]) => spec.required).map(([input]) => input);
      expect(required.filter((input) => !(input in (step?.with ?? {}))), `${name}: required inputs missing from the example`).toEqual([]);
    }
  });
});
