import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import Ajv4 from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySupabaseBaseline, ruleCatalogue } from '@platform-kit/core';
import { createTestDatabase, hasServer, type TestDatabase } from '../../core/test/helpers/database.js';
import { runInProcess, tempDir } from './helpers.js';
import { projectWithViolations, VIOLATION_FILE, VIOLATIONS_SQL } from './fixtures.js';

const REPO_ROOT = path.resolve(import.meta.dirname, '../../..');
const reportSchema = JSON.parse(readFileSync(path.join(REPO_ROOT, 'schema/report.schema.json'), 'utf8'));
const validateReport = new Ajv({ allErrors: true, strict: false }).compile(reportSchema);

let root: string;
let inventory: string;
let replayed: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  root = projectWithViolations('commands');
  inventory = path.join(root, 'inventory.json');
  // One replay of the migrations for the whole file; the other cases reuse the saved inventory.
  replayed = await runInProcess(['scan', '--format', 'json', '--save-inventory', inventory], { cwd: root });
});

const findingsOf = (stdout: string) => (JSON.parse(stdout) as { findings: { rule: string; location?: { file: string; line: number } }[] }).findings;

describe('scan on a migrations folder', () => {
  it('exits 1, prints a report that validates against schema/report.schema.json, with file:line locations', () => {
    expect(replayed.stderr).toBe('');
    expect(replayed.code).toBe(1);
    const report = JSON.parse(replayed.stdout);
    expect(validateReport(report), JSON.stringify(validateReport.errors?.slice(0, 3))).toBe(true);
    expect(report.target).toEqual({ kind: 'migrations', description: 'supabase/migrations' });
    const byRule = new Map(findingsOf(replayed.stdout).map((f) => [f.rule, f.location]));
    expect(byRule.get('extension-in-public')).toEqual({ file: VIOLATION_FILE, line: 1 });
    expect(byRule.get('rls-disabled-in-exposed-schema')).toEqual({ file: VIOLATION_FILE, line: 2 });
    expect(byRule.get('security-definer-search-path')).toEqual({ file: VIOLATION_FILE, line: 3 });
  });

  it('the schema check can fail: a report missing its summary does not validate', () => {
    const report = JSON.parse(replayed.stdout);
    delete report.summary;
    expect(validateReport(report)).toBe(false);
  });

  it('saved the inventory, and scanning it gives the same findings', async () => {
    expect(existsSync(inventory)).toBe(true);
    const again = await runInProcess(['scan', '--format', 'json', '--inventory', 'inventory.json'], { cwd: root });
    expect(again.code).toBe(1);
    expect(JSON.parse(again.stdout).findings).toEqual(JSON.parse(replayed.stdout).findings);
    expect(JSON.parse(again.stdout).target).toEqual({ kind: 'inventory', description: 'inventory.json' });
  });
});

describe('other formats of a real scan', () => {
  it('sarif validates against the SARIF 2.1.0 schema; markdown has the table', async () => {
    const require = createRequire(import.meta.url);
    const sarifSchema = JSON.parse(readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json', { paths: [REPO_ROOT] }), 'utf8'));
    const ajv = new Ajv4({ strict: false, unicodeRegExp: false });
    addFormats(ajv);
    const validateSarif = ajv.compile(sarifSchema);
    const sarif = await runInProcess(['scan', '--inventory', inventory, '--format', 'sarif'], { cwd: root });
    expect(sarif.code).toBe(1);
    const log = JSON.parse(sarif.stdout);
    expect(validateSarif(log), JSON.stringify(validateSarif.errors?.slice(0, 3))).toBe(true);
    expect(log.runs[0].results.length).toBe(JSON.parse(replayed.stdout).findings.length);
    const markdown = await runInProcess(['scan', '--inventory', inventory, '--format', 'markdown'], { cwd: root });
    expect(markdown.stdout).toContain('| Severity | Rule | Object | Location | Message |');
    expect(markdown.stdout).toContain(`\`${VIOLATION_FILE}:2\``);
  });
});

describe('the gates run their own rules only', () => {
  it.each([
    ['rls-coverage', 'rls-disabled-in-exposed-schema', 'extension-in-public'],
    ['function-security', 'security-definer-search-path', 'rls-disabled-in-exposed-schema'],
    ['extensions-schema', 'extension-in-public', 'security-definer-search-path'],
  ])('%s', async (gate, expected, foreign) => {
    const { code, stdout } = await runInProcess([gate, '--inventory', inventory, '--format', 'json'], { cwd: root });
    expect(code).toBe(1);
    const rules = findingsOf(stdout).map((f) => f.rule);
    expect(rules).toContain(expected);
    expect(rules).not.toContain(foreign);
    expect(JSON.parse(stdout).command).toBe(gate);
  });

  it('--fail-on never exits 0; the config can turn a rule off or waive an object', async () => {
    expect((await runInProcess(['extensions-schema', '--inventory', inventory, '--fail-on', 'never'], { cwd: root })).code).toBe(0);
    writeFileSync(path.join(root, 'off.yml'), 'rules:\n  extension-in-public: off\n');
    expect((await runInProcess(['extensions-schema', '--inventory', inventory, '--config', 'off.yml'], { cwd: root })).code).toBe(0);
    writeFileSync(
      path.join(root, 'waive.yml'),
      'exemptions:\n  - rule: extension-in-public\n    object: public.citext\n    justification: tested waiver for the CLI tests\n',
    );
    const waived = await runInProcess(['extensions-schema', '--inventory', inventory, '--config', 'waive.yml', '--format', 'json'], { cwd: root });
    expect(waived.code).toBe(0);
    expect(JSON.parse(waived.stdout).summary).toMatchObject({ error: 0, waived: 1 });
  });
});

describe('target errors exit 2', () => {
  it('a missing migrations folder', async () => {
    const { code, stderr } = await runInProcess(['scan', '--migrations', 'nope'], { cwd: root });
    expect(code).toBe(2);
    expect(stderr).toBe('platform-kit: error: migrations folder nope not found (pass --migrations DIR, --database-url URL or --inventory FILE)\n');
  });

  it('a migrations path that is a file, not a folder', async () => {
    writeFileSync(path.join(root, 'one-migration.sql'), 'select 1;\n');
    const { code, stderr } = await runInProcess(['scan', '--migrations', 'one-migration.sql'], { cwd: root });
    expect(code).toBe(2);
    expect(stderr).toBe(
      'platform-kit: error: --migrations one-migration.sql is a file, not a folder (pass the folder that holds the migrations, or --inventory FILE for a saved inventory)\n',
    );
  });

  it('a registry path that is a folder, not a file', async () => {
    mkdirSync(path.join(root, 'registry-folder.yml'), { recursive: true });
    const planned = await runInProcess(['plan-matrix', '--registry', 'registry-folder.yml'], { cwd: root });
    expect(planned.code).toBe(2);
    expect(planned.stderr).toBe('platform-kit: error: registry registry-folder.yml is a folder, not a file (pass --registry FILE)\n');
    // report reads the registry before it opens the control plane.
    const reported = await runInProcess(['report', '--registry', 'registry-folder.yml'], { cwd: root });
    expect(reported.code).toBe(2);
    expect(reported.stderr).toBe('platform-kit: error: registry registry-folder.yml is a folder, not a file (pass --registry FILE)\n');
  });

  it('an --output whose parent is a file, not a folder', async () => {
    writeFileSync(path.join(root, 'some-file.txt'), 'not a folder\n');
    for (const output of ['some-file.txt/out.json', 'some-file.txt/deeper/out.json']) {
      const { code, stderr } = await runInProcess(['scan', '--inventory', inventory, '--fail-on', 'never', '-o', output], { cwd: root });
      expect(code).toBe(2);
      expect(stderr).toContain(`${path.join(root, 'some-file.txt')} is a file, not a folder (choose another --output)`);
      expect(stderr).not.toContain('EEXIST');
    }
  });

  it('an inventory file that is not one', async () => {
    writeFileSync(path.join(root, 'bad-inventory.json'), '{"tables": []}');
    const { code, stderr } = await runInProcess(['scan', '--inventory', 'bad-inventory.json'], { cwd: root });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^platform-kit: error: bad-inventory\.json: inventory file bad-inventory\.json does not match/);
  });

  it('a migration that PostgreSQL rejects names the file and line', async () => {
    const broken = projectWithViolations('broken');
    writeFileSync(path.join(broken, 'supabase/migrations/20240102000000_broken.sql'), 'select 1;\ncreate table public.x (id int references public.missing(id));\n');
    const { code, stderr } = await runInProcess(['scan'], { cwd: broken });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^platform-kit: error: supabase\/migrations\/20240102000000_broken\.sql:2(:\d+)?: /);
  });
});

describe('fix', () => {
  it('writes the plan as a new migration, never overwriting, and lists what needs a person', async () => {
    const first = await runInProcess(['fix', '--inventory', inventory, '--fail-on', 'never'], { cwd: root });
    expect(first.code).toBe(0);
    const written = readdirSync(path.join(root, 'supabase/migrations')).filter((f) => f.endsWith('_platform_kit_remediation.sql'));
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^\d{14}_platform_kit_remediation\.sql$/);
    expect(first.stdout).toContain(`Wrote supabase/migrations/${written[0]}`);
    const sql = readFileSync(path.join(root, 'supabase/migrations', written[0]), 'utf8');
    expect(sql).toContain('ALTER TABLE "public"."notes" ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain('ALTER EXTENSION "citext" SET SCHEMA "extensions";');

    const target = path.join(root, 'plan.sql');
    writeFileSync(target, '-- keep me\n');
    const refused = await runInProcess(['fix', '--inventory', inventory, '--output', 'plan.sql'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('already exists; not overwriting it');
    expect(readFileSync(target, 'utf8')).toBe('-- keep me\n');
  });

  it('describes the plan as JSON and exits 1 when unfixable findings remain at the threshold', async () => {
    const { code, stdout } = await runInProcess(['fix', '--inventory', inventory, '--format', 'json', '-o', 'plan2.sql', '--fail-on', 'info'], { cwd: root });
    const summary = JSON.parse(stdout);
    expect(summary.file).toBe('plan2.sql');
    expect(summary.fixed.map((f: { rule: string }) => f.rule)).toContain('rls-disabled-in-exposed-schema');
    expect(code).toBe(summary.unfixable.length > 0 ? 1 : 0);
    expect(summary.unfixable.length).toBeGreaterThan(0);
  });

  it('writes nothing when nothing is fixable', async () => {
    writeFileSync(path.join(root, 'nothing.yml'), 'rules:\n' + ruleCatalogue().map((r) => `  ${r.id}: off\n`).join(''));
    const { code, stdout } = await runInProcess(['fix', '--inventory', inventory, '--config', 'nothing.yml', '-o', 'none.sql'], { cwd: root });
    expect(code).toBe(0);
    expect(stdout).toContain('Nothing to fix');
    expect(existsSync(path.join(root, 'none.sql'))).toBe(false);
  });
});

describe('rules', () => {
  it('--format json lists every rule with the contract fields', async () => {
    const { code, stdout } = await runInProcess(['rules', '--format', 'json']);
    expect(code).toBe(0);
    const { rules } = JSON.parse(stdout);
    expect(rules.map((r: { id: string }) => r.id)).toEqual(ruleCatalogue().map((r) => r.id));
    for (const rule of rules) {
      expect(Object.keys(rule)).toEqual(['id', 'title', 'severity', 'category', 'constitution', 'equivalents', 'fixable', 'rationale']);
    }
    expect(rules.find((r: { id: string }) => r.id === 'rls-disabled-in-exposed-schema').equivalents.supabaseAdvisor).toMatch(/rls_disabled_in_public/);
  });

  it('prints a table in text and refuses sarif', async () => {
    const text = await runInProcess(['rules']);
    expect(text.stdout).toMatch(/^ID\s+SEVERITY\s+CATEGORY/);
    expect(text.stdout).toContain(`${ruleCatalogue().length} rules.`);
    const sarif = await runInProcess(['rules', '--format', 'sarif']);
    expect(sarif.code).toBe(2);
  });
});

describe.runIf(hasServer())('live database', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase('cli_live');
    await applySupabaseBaseline(t.db);
    await t.db.exec(VIOLATIONS_SQL);
  });
  afterAll(async () => t?.drop());

  it('scan finds the violations; fix writes a plan that, applied twice, clears the fixable ones', async () => {
    // A folder of its own: a scan run in the checkout would record history in its .platform-kit/.
    const cwd = tempDir('live');
    const before = await runInProcess(['scan', '--database-url', t.url!, '--format', 'json'], { cwd });
    expect(before.code).toBe(1);
    const report = JSON.parse(before.stdout);
    expect(report.target.kind).toBe('database');
    expect(findingsOf(before.stdout).map((f) => f.rule)).toEqual(expect.arrayContaining(['rls-disabled-in-exposed-schema', 'extension-in-public', 'security-definer-search-path']));

    const dir = projectWithViolations('live-fix');
    const fixed = await runInProcess(['fix', '--database-url', t.url!, '--output', 'plan.sql', '--fail-on', 'never'], { cwd: dir });
    expect(fixed.code).toBe(0);
    const plan = readFileSync(path.join(dir, 'plan.sql'), 'utf8');
    await t.db.exec(plan);
    await t.db.exec(plan);

    const after = await runInProcess(['scan', '--database-url', t.url!, '--format', 'json'], { cwd });
    const remaining = findingsOf(after.stdout).map((f) => f.rule);
    for (const rule of ['rls-disabled-in-exposed-schema', 'extension-in-public', 'security-definer-search-path']) expect(remaining).not.toContain(rule);
  });
});
