import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
