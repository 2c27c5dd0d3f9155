import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runSpecEnforce } from '../../src/governance/spec-enforce/index.js';
import { changedFilesSince } from '../../src/governance/shared/git.js';
import { PlatformKitError } from '../../src/errors.js';
import { cleanup, configWith, goodBundle, tempTree, writeTree } from './helpers.js';

/** Pull-request mode against a real temporary git repository: main, then a feature branch. */
let root: string;
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-c', 'init.defaultBranch=main', ...args], {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });

const config = configWith({
  specEnforce: { featurePaths: { 'packages/billing/**': 'billing', 'packages/search/**': 'search' } },
});

beforeAll(() => {
  root = tempTree({ ...goodBundle('billing'), ...goodBundle('search'), 'packages/billing/src/invoice.ts': 'export const a = 1;\n', 'README.md': '# demo\n' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  git('branch', 'base');
  git('checkout', '-q', '-b', 'feature');
});
afterAll(() => cleanup(root));

function commit(files: Record<string, string>, message: string): void {
  writeTree(root, files);
  git('add', '.');
  git('commit', '-q', '-m', message);
}

describe('spec-enforce pull-request mode', () => {
  it('fails a feature change without its bundle, naming the bundle to update, then passes once the bundle changes', () => {
    commit({ 'packages/billing/src/invoice.ts': 'export const a = 2;\n', 'README.md': '# demo 2\n' }, 'feature work');
    expect(changedFilesSince(root, 'base')).toEqual(['README.md', 'packages/billing/src/invoice.ts']);

    const failing = runSpecEnforce({ root, config, baseRef: 'base' });
    expect(failing.findings).toHaveLength(1);
    expect(failing.findings[0]).toMatchObject({
      rule: 'spec-pr-bundle-not-updated',
      location: { file: 'spec/billing/tasks.md', line: 1 },
      object: { kind: 'file', schema: 'billing', name: 'spec/billing/' },
    });
    expect(failing.findings[0].message).toBe(
      'this pull request changes packages/billing/src/invoice.ts (feature path "packages/billing/**") but does not update the spec bundle: ' +
        'update spec/billing/ (tasks.md status, and prd.md/plan.md when the requirements or the design change)',
    );
    expect(failing.details?.pullRequest).toEqual({
      changedFiles: 2,
      labels: [],
      requiredUpdates: [{ bundle: 'billing', updated: false, files: 1, globs: ['packages/billing/**'], labels: [] }],
    });

    // Updating another bundle does not count.
    commit({ 'spec/search/tasks.md': '# Tasks\n\n- [x] T001 Search\n' }, 'wrong bundle');
    expect(runSpecEnforce({ root, config, baseRef: 'base' }).findings.map((f) => f.rule)).toEqual(['spec-pr-bundle-not-updated']);

    commit({ 'spec/billing/tasks.md': '# Tasks\n\n- [x] T001 Write the spec\n- [x] T002 [P] [US1] Build it\n' }, 'tick the task');
    const passing = runSpecEnforce({ root, config, baseRef: 'base' });
    expect(passing.findings).toEqual([]);
    expect((passing.details?.pullRequest as { requiredUpdates: { updated: boolean }[] }).requiredUpdates[0].updated).toBe(true);
  });

  it('requires a bundle update for a feature label even when no feature path matches', () => {
    const changedFiles = ['README.md'];
    const labelled = runSpecEnforce({ root, config, changedFiles, labels: ['Feature'] });
    expect(labelled.findings.map((f) => f.message)).toEqual([
      'this pull request carries the feature label "Feature" but does not update the spec bundle: update one of spec/billing/, spec/search/ ' +
        '(tasks.md status, and prd.md/plan.md when the requirements or the design change)',
    ]);
    expect(runSpecEnforce({ root, config, changedFiles: [...changedFiles, 'spec/search/prd.md'], labels: ['feature'] }).findings).toEqual([]);
    expect(runSpecEnforce({ root, config, changedFiles, labels: ['bug'] }).findings).toEqual([]);
  });

  it('passes changes outside every feature path', () => {
    expect(runSpecEnforce({ root, config, changedFiles: ['README.md', 'docs/x.md'] }).findings).toEqual([]);
  });

  it('reports an unknown base ref as an input error with a fetch hint', () => {
    let error: unknown;
    try {
      runSpecEnforce({ root, config, baseRef: 'origin/does-not-exist' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlatformKitError);
    expect((error as PlatformKitError).exitCode).toBe(2);
    expect((error as PlatformKitError).message).toBe('--base-ref "origin/does-not-exist" is not a commit in this repository');
    expect((error as PlatformKitError).hint).toContain('fetch-depth: 0');
  });

  it('reports a root outside any git repository as an input error', () => {
    const plain = tempTree({ 'x.md': 'x' });
    try {
      expect(() => changedFilesSince(plain, 'main')).toThrow(/not inside a git repository/);
    } finally {
      cleanup(plain);
    }
  });
});
