import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runSpecEnforce } from '../../src/governance/spec-enforce/index.js';
import { specEnforceRules } from '../../src/governance/spec-enforce/rules/index.js';
import { ruleCatalogue } from '../../src/rules/registry.js';
import { loadConfig } from '../../src/config/load.js';
import { PlatformKitError } from '../../src/errors.js';
import { ReportSchema } from '../../src/report/report.js';
import '../../src/governance/index.js';
import { cleanup, configWith, goodBundle, tempTree } from './helpers.js';

const roots: string[] = [];
function tree(files: Record<string, string | Uint8Array>): string {
  const root = tempTree(files);
  roots.push(root);
  return root;
}
afterEach(() => roots.splice(0).forEach(cleanup));

function check(root: string, config = configWith(), extra: Partial<Parameters<typeof runSpecEnforce>[0]> = {}) {
  const report = runSpecEnforce({ root, config, ...extra });
  ReportSchema.parse(report);
  return report;
}
const rulesOf = (report: ReturnType<typeof check>) => report.findings.map((f) => f.rule);
const where = (report: ReturnType<typeof check>) => report.findings.map((f) => `${f.rule} ${f.location?.file ?? '-'}:${f.location?.line ?? '-'}`);

describe('spec-enforce catalogue', () => {
  it('registers every rule as governance §3.1 in the catalogue', () => {
    const catalogue = new Map(ruleCatalogue().map((meta) => [meta.id, meta]));
    for (const rule of specEnforceRules) {
      expect(catalogue.get(rule.meta.id)).toBe(rule.meta);
      expect(rule.meta.category).toBe('governance');
      expect(rule.meta.constitution).toContain('3.1');
    }
  });
});

describe('spec-enforce bundles', () => {
  it('passes a complete bundle and reports the task status', () => {
    const report = check(tree(goodBundle('billing')));
    expect(report.findings).toEqual([]);
    expect(report.details?.bundles).toEqual([
      {
        name: 'billing',
        path: 'spec/billing/',
        because: 'folder spec/billing/ matches specEnforce.discover "spec/*"',
        files: { 'constitution.md': 'ok', 'prd.md': 'ok', 'plan.md': 'ok', 'tasks.md': 'ok' },
        tasks: { total: 2, done: 1, open: 1, malformed: 0 },
      },
    ]);
  });

  it('reports each missing file, and a whole missing bundle for a listed or discovered project', () => {
    const files = goodBundle('billing');
    delete files['spec/billing/plan.md'];
    const root = tree({ ...files, 'packages/auth/src/index.ts': 'export {};\n' });
    const config = configWith({ specEnforce: { projects: ['search'], discover: ['spec/*', 'packages/*'] } });
    const report = check(root, config);
    expect(report.findings.map((f) => f.message).sort()).toEqual([
      'spec/billing/plan.md is missing: every spec bundle needs constitution.md, prd.md, plan.md, tasks.md',
      'spec bundle spec/auth/ is missing (packages/auth/ matches specEnforce.discover "packages/*"): create it with constitution.md, prd.md, plan.md, tasks.md',
      'spec bundle spec/search/ is missing (listed in specEnforce.projects): create it with constitution.md, prd.md, plan.md, tasks.md',
    ].sort());
    expect(new Set(rulesOf(report))).toEqual(new Set(['spec-bundle-missing-file']));
  });

  it('treats a bundle named in featurePaths as significant', () => {
    const report = check(tree(goodBundle('billing')), configWith({ specEnforce: { featurePaths: { 'packages/search/**': 'search' } } }));
    expect(report.findings.map((f) => f.message)).toEqual([
      'spec bundle spec/search/ is missing (named in specEnforce.featurePaths): create it with constitution.md, prd.md, plan.md, tasks.md',
    ]);
  });

  it('reports empty files (whitespace or comments only) and skips their section check', () => {
    const root = tree({ ...goodBundle('billing'), 'spec/billing/plan.md': '\n  <!-- write the plan -->\n\n' });
    expect(where(check(root))).toEqual(['spec-bundle-empty-file spec/billing/plan.md:1']);
  });

  it('reports each missing required section, and ignores headings inside fenced code', () => {
    const root = tree({
      ...goodBundle('billing'),
      'spec/billing/prd.md': '# PRD\n\n## Overview\n\nx\n\n```md\n## Requirements\n```\n',
    });
    const report = check(root);
    expect(report.findings.map((f) => f.message).sort()).toEqual([
      'spec/billing/prd.md has no "Requirements" section: add a heading such as "## Requirements"',
      'spec/billing/prd.md has no "Success Criteria" or "Acceptance Criteria" section: add a heading such as "## Success Criteria"',
    ]);
    expect(new Set(rulesOf(report))).toEqual(new Set(['spec-bundle-missing-section']));
  });

  it('uses a configured heading schema per file, merged with the defaults', () => {
    const root = tree(goodBundle('billing'));
    const config = configWith({ specEnforce: { sections: { 'tasks.md': [['Phase 1', 'Backlog']] } } });
    expect(check(root, config).findings.map((f) => f.message)).toEqual([
      'spec/billing/tasks.md has no "Phase 1" or "Backlog" section: add a heading such as "## Phase 1"',
    ]);
    const fixed = tree(goodBundle('billing', '## Backlog\n\n- [ ] T001 later\n'));
    expect(check(fixed, config).findings).toEqual([]);
  });

  it('reports malformed checklist lines at their line, and a tasks.md without a checklist', () => {
    const root = tree(goodBundle('billing', '- [x] T001 fine\n-[ ] T002 broken\n- [] T003 broken\n'));
    expect(where(check(root))).toEqual(['spec-tasks-malformed spec/billing/tasks.md:4', 'spec-tasks-malformed spec/billing/tasks.md:5']);
    const prose = tree(goodBundle('billing', '1. Write the parser\n2. Test it\n'));
    expect(where(check(prose))).toEqual(['spec-tasks-no-checklist spec/billing/tasks.md:1']);
  });

  it('reports paths named by done tasks that do not exist, not those of open tasks', () => {
    const root = tree({
      ...goodBundle('billing', '- [x] T001 Add `src/invoice.ts` and `src/missing.ts`\n- [ ] T002 Add `src/later.ts`\n'),
      'src/invoice.ts': 'export {};\n',
    });
    const report = check(root);
    expect(where(report)).toEqual(['spec-tasks-missing-path spec/billing/tasks.md:3']);
    expect(report.findings[0].message).toContain('`src/missing.ts`');
    expect(check(root, configWith({ specEnforce: { checkTaskPaths: false } })).findings).toEqual([]);
  });

  it('gives stable fingerprints and honours severity overrides and exemptions', () => {
    const root = tree(goodBundle('billing', '- [x] T001 Add `src/missing.ts`\n'));
    const first = check(root).findings[0];
    const moved = tree(goodBundle('billing', '# more text\n\n- [x] T001 Add `src/missing.ts`\n'));
    expect(check(moved).findings[0].fingerprint).toBe(first.fingerprint);
    const config = configWith({
      rules: { 'spec-tasks-missing-path': 'warning' },
      exemptions: [{ rule: 'spec-tasks-missing-path', object: 'spec/billing/tasks.md', justification: 'the file moves in the next release' }],
    });
    const waived = check(root, config);
    expect(waived.findings[0]).toMatchObject({ severity: 'warning', waived: { justification: 'the file moves in the next release' } });
    expect(waived.summary).toEqual({ error: 0, warning: 0, info: 0, waived: 1 });
  });

  it('gives a notice, not a finding, when no project is significant', () => {
    const report = check(tree({ 'README.md': '# x\n' }));
    expect(report.findings).toEqual([]);
    expect(report.notices[0].message).toContain('no significant projects found');
  });
});

describe('spec-enforce bad input', () => {
  it('names binary, non-UTF-8 and oversized files instead of crashing', () => {
    const root = tree({
      ...goodBundle('billing'),
      'spec/billing/prd.md': new Uint8Array([0x23, 0x20, 0x50, 0x00, 0x01]),
      'spec/billing/plan.md': new Uint8Array([0x23, 0x20, 0x0a, 0x41, 0xff, 0xfe]),
      'spec/billing/constitution.md': `# C\n\n## Principles\n\n${'x'.repeat(3000)}\n\n## Governance\n`,
    });
    const report = check(root, configWith({ specEnforce: { maxFileBytes: 2048 } }));
    expect(report.findings.map((f) => [f.rule, f.message])).toEqual([
      ['spec-bundle-unreadable-file', expect.stringMatching(/^spec\/billing\/constitution\.md cannot be checked: \d+ bytes, over the limit of 2048 bytes/)],
      ['spec-bundle-unreadable-file', 'spec/billing/plan.md cannot be checked: not valid UTF-8 (first invalid byte 0xff on line 2); save it as UTF-8'],
      ['spec-bundle-unreadable-file', 'spec/billing/prd.md cannot be checked: a binary file (NUL byte at offset 3), expected UTF-8 text'],
    ]);
  });

  it('reports a folder where a file should be', () => {
    const files = goodBundle('billing');
    delete files['spec/billing/plan.md'];
    const root = tree({ ...files, 'spec/billing/plan.md/x.md': 'x' });
    expect(check(root).findings[0].message).toBe('spec/billing/plan.md cannot be checked: a folder, not a file');
  });

  it('rejects a root that does not exist with an input error (exit 2)', () => {
    let error: unknown;
    try {
      runSpecEnforce({ root: '/nonexistent/pk-root', config: configWith() });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PlatformKitError);
    expect((error as PlatformKitError).exitCode).toBe(2);
    expect((error as PlatformKitError).message).toContain('/nonexistent/pk-root');
  });

  it('rejects "**" in a discover glob as a config error', () => {
    expect(() => check(tree({}), configWith({ specEnforce: { discover: ['packages/**'] } }))).toThrow(/one segment per folder level/);
  });
});

describe("this repository's own spec bundle", () => {
  it('passes spec-enforce with its own configuration', () => {
    const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
    const { config } = loadConfig({ cwd: repoRoot });
    const report = runSpecEnforce({ root: repoRoot, config });
    expect(report.findings).toEqual([]);
    const bundles = report.details?.bundles as { name: string; tasks: { total: number; done: number } }[];
    expect(bundles.map((b) => b.name)).toContain('platform-kit');
    const own = bundles.find((b) => b.name === 'platform-kit')!;
    expect(own.tasks.total).toBeGreaterThan(20);
    expect(own.tasks.done).toBeGreaterThan(0);
  });
});
