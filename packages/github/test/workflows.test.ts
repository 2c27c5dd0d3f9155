import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const childScript = path.join(path.dirname(fileURLToPath(import.meta.url)), 'helpers', 'actionlint-child.mjs');

function yamlFiles(dir: string): string[] {
  const full = path.join(repoRoot, dir);
  if (!existsSync(full)) return [];
  return readdirSync(full)
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => path.join(full, f));
}

interface LintResult {
  file: string;
  line: number;
  column: number;
  kind: string;
  message: string;
}

function actionlint(files: string[]): LintResult[] {
  // Resolve the package from the repository root, where it is a dev dependency.
  const out = execFileSync(process.execPath, [childScript, ...files], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') } });
  return JSON.parse(out) as LintResult[];
}

/** action.yml schema errors per file, from GitHub's parser in a child process. */
function actionSchemaErrors(files: string[]): Record<string, string[]> {
  const script = path.join(path.dirname(childScript), 'validate-action-child.ts');
  return JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', script, ...files], { cwd: repoRoot, encoding: 'utf8' }));
}

const workflowFiles = [...yamlFiles('.github/workflows'), ...yamlFiles('workflows')];

describe('workflows', () => {
  it('has the reusable, entry, CI, release and starter workflows', () => {
    const names = workflowFiles.map((f) => path.relative(repoRoot, f));
    expect(names).toEqual(
      expect.arrayContaining([
        '.github/workflows/gates.yml',
        '.github/workflows/required-gates.yml',
        '.github/workflows/ci.yml',
        '.github/workflows/release.yml',
        'workflows/platform-kit-gates.yml',
      ]),
    );
  });

  it('every workflow passes actionlint (offline, WebAssembly)', () => {
    const results = actionlint(workflowFiles);
    expect(results.map((r) => `${path.relative(repoRoot, r.file)}:${r.line}:${r.column}: ${r.message} [${r.kind}]`)).toEqual([]);
  });

  it('actionlint does report a broken workflow (the check can fail)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pk-actionlint-'));
    const broken = path.join(dir, 'broken.yml');
    writeFileSync(broken, 'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.nonexistent_context_key.x }}\n      - uses: actions/checkout@v4\n        with:\n          not-an-input: 1\n');
    expect(actionlint([broken]).length).toBeGreaterThan(0);
  });

  it('the reusable workflow is workflow_call with typed inputs and secrets, and least-privilege permissions', () => {
    const gates = parse(readFileSync(path.join(repoRoot, '.github/workflows/gates.yml'), 'utf8'));
    const call = gates.on.workflow_call;
    for (const input of Object.values(call.inputs) as { type: string }[]) expect(['string', 'boolean', 'number']).toContain(input.type);
    expect(Object.keys(call.secrets)).toEqual(['DATABASE_URL']);
    expect(gates.permissions).toEqual({});
    for (const name of ['rls-coverage', 'function-security', 'extensions-schema', 'migration-lint']) {
      expect(gates.jobs[name].permissions).toEqual({ contents: 'read', 'pull-requests': 'write' });
    }
  });

  it('the reusable workflow passes only inputs each local action declares (actionlint cannot see local actions)', () => {
    const gates = parse(readFileSync(path.join(repoRoot, '.github/workflows/gates.yml'), 'utf8'));
    const used: string[] = [];
    for (const [job, spec] of Object.entries(gates.jobs) as [string, { steps: { uses?: string; with?: Record<string, unknown> }[] }][]) {
      for (const step of spec.steps) {
        const local = /^\.\/\.platform-kit\/actions\/([a-z-]+)$/.exec(step.uses ?? '');
        if (!local) continue;
        used.push(local[1]!);
        const declared = parse(readFileSync(path.join(repoRoot, 'actions', local[1]!, 'action.yml'), 'utf8')).inputs;
        for (const input of Object.keys(step.with ?? {})) expect({ job, input, declared: input in declared }).toEqual({ job, input, declared: true });
      }
    }
    expect(used).toContain('migration-lint');
  });

  it('migration-lint runs in the reusable and starter gates with the full history (its changed-files diff needs the base)', () => {
    const gates = parse(readFileSync(path.join(repoRoot, '.github/workflows/gates.yml'), 'utf8'));
    const reusable = gates.jobs['migration-lint'].steps;
    expect(reusable[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(reusable.at(-1)).toMatchObject({ uses: './.platform-kit/actions/migration-lint', with: { path: '${{ inputs.migrations-path }}', 'working-directory': '${{ inputs.working-directory }}' } });
    const starter = parse(readFileSync(path.join(repoRoot, 'workflows/platform-kit-gates.yml'), 'utf8'));
    expect(Object.keys(starter.on).sort()).toEqual(['merge_group', 'pull_request', 'push']);
    const steps = starter.jobs['migration-lint'].steps;
    expect(steps[0]).toMatchObject({ uses: 'actions/checkout@v4', with: { 'fetch-depth': 0 } });
    expect(steps[1].uses).toBe('platform-kit/platform-kit/actions/migration-lint@v1');
  });

  it('the nightly scans pass each project\'s registry migrationsPath to the introspect action', () => {
    const nightly = parse(readFileSync(path.join(repoRoot, '.github/workflows/nightly-introspection.yml'), 'utf8'));
    const declared = parse(readFileSync(path.join(repoRoot, 'actions/introspect/action.yml'), 'utf8')).inputs;
    expect(declared).toHaveProperty('remediation-migrations');
    const scans = Object.entries(nightly.jobs as Record<string, { steps: { id?: string; with?: Record<string, unknown> }[] }>).filter(([job]) => job.startsWith('scan-'));
    expect(scans.length).toBeGreaterThan(0);
    for (const [job, spec] of scans) {
      const scan = spec.steps.find((s) => s.id === 'scan');
      expect({ job, input: scan?.with?.['remediation-migrations'] }).toEqual({ job, input: '${{ matrix.migrationsPath }}' });
    }
  });

  it('the entry workflow runs on pull_request and merge_group with one aggregate required job', () => {
    const entry = parse(readFileSync(path.join(repoRoot, '.github/workflows/required-gates.yml'), 'utf8'));
    expect(Object.keys(entry.on).sort()).toEqual(['merge_group', 'pull_request']);
    const aggregate = entry.jobs['platform-kit-gates'];
    expect(aggregate.if).toContain('always()');
    expect(aggregate.needs).toEqual(Object.keys(entry.jobs).filter((j) => j !== 'platform-kit-gates'));
  });

  it("the repository's CI runs its own actions on the example project", () => {
    const ci = readFileSync(path.join(repoRoot, '.github/workflows/ci.yml'), 'utf8');
    for (const name of ['rls-coverage', 'function-security', 'extensions-schema']) expect(ci).toContain(`uses: ./actions/${name}`);
    expect(ci).toContain('bash .ci/run');
  });

  it('a release is tagged only after the whole CI passes on the commit', () => {
    const ci = parse(readFileSync(path.join(repoRoot, '.github/workflows/ci.yml'), 'utf8'));
    expect(Object.keys(ci.on)).toContain('workflow_call');
    const release = parse(readFileSync(path.join(repoRoot, '.github/workflows/release.yml'), 'utf8'));
    expect(release.jobs.ci.uses).toBe('./.github/workflows/ci.yml');
    expect(release.jobs.release.needs).toBe('ci');
  });
});

describe('action.yml files', () => {
  const actionFiles = readdirSync(path.join(repoRoot, 'actions'))
    .map((name) => path.join(repoRoot, 'actions', name, 'action.yml'))
    .filter((file) => existsSync(file));

  it('every action.yml validates against the action schema, runs on node24 from the shared dist/', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'pk-action-yml-'));
    const broken = path.join(dir, 'action.yml');
    writeFileSync(broken, 'name: x\nruns:\n  using: node99\n  main: a.js\n');
    const errors = actionSchemaErrors([...actionFiles, broken]);
    // The check can fail: the broken file has errors.
    expect(errors[broken].length).toBeGreaterThan(0);
    for (const file of actionFiles) {
      expect({ file: path.relative(repoRoot, file), errors: errors[file] }).toEqual({ file: path.relative(repoRoot, file), errors: [] });
      const action = parse(readFileSync(file, 'utf8'));
      expect(action.runs.using).toBe('node24');
      expect(action.runs.main).toBe(`../../dist/${path.basename(path.dirname(file))}.js`);
    }
  });

  it('the three gate actions declare the common inputs and outputs', () => {
    for (const name of ['rls-coverage', 'function-security', 'extensions-schema']) {
      const action = parse(readFileSync(path.join(repoRoot, 'actions', name, 'action.yml'), 'utf8'));
      expect(Object.keys(action.inputs)).toEqual(['database-url', 'migrations-path', 'config', 'fail-on', 'working-directory', 'sarif', 'comment', 'github-token']);
      expect(action.inputs['github-token'].default).toBe('${{ github.token }}');
      expect(Object.keys(action.outputs)).toEqual(['errors', 'warnings', 'infos', 'waived', 'report-path', 'sarif-path', 'remediation-path']);
    }
  });
});
