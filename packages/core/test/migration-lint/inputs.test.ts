import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMigrations, MIGRATION_RULE_METAS } from '../../src/migration-lint/index.js';
import { ruleCatalogue } from '../../src/index.js';
import { ReportSchema } from '../../src/report/report.js';
import { config, findingsOf, lintSql, projectsRemovedAfterEach } from './helpers.js';

const project = projectsRemovedAfterEach();

describe('files and folders', () => {
  it('expands folders to <version>_<name>.sql files in version order and reports paths relative to cwd', async () => {
    const p = project();
    p.write('20240102000000_second.sql', 'DROP TABLE b;');
    p.write('20240101000000_first.sql', 'DROP TABLE a;');
    p.write('README.sql', 'DROP TABLE not_a_migration;');
    p.write('20240103000000_notes.txt', 'DROP TABLE nope;');
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    expect(findingsOf(report, 'drop-table').map((f) => [f.location?.file, f.object.name])).toEqual([
      ['supabase/migrations/20240101000000_first.sql', 'a'],
      ['supabase/migrations/20240102000000_second.sql', 'b'],
    ]);
    expect(ReportSchema.parse(report)).toBeTruthy();
    expect(report).toMatchObject({ command: 'migration-lint', target: { kind: 'files' } });
  });

  it('knows tables created by earlier files: a later ALTER on them is on an existing table', async () => {
    const report = await lintSql(['CREATE TABLE IF NOT EXISTS t (a int);', 'CREATE INDEX IF NOT EXISTS i ON t (a);']);
    expect(findingsOf(report, 'index-without-concurrently').map((f) => f.location?.file)).toEqual([
      expect.stringMatching(/_step_1\.sql$/),
    ]);
  });

  it('a missing path is an input error naming it', async () => {
    const p = project();
    await expect(lintMigrations({ paths: ['nope/migrations'], config: config(), cwd: p.root })).rejects.toMatchObject({
      kind: 'input',
      message: expect.stringContaining('nope/migrations'),
    });
  });

  it('an empty folder gives a notice, not a failure', async () => {
    const p = project();
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    expect(report.findings).toEqual([]);
    expect(report.notices[0].message).toContain('no migration files');
  });

  it('excluded paths are not linted', async () => {
    const p = project();
    p.write('20240101000000_legacy.sql', 'DROP TABLE a;');
    const report = await lintMigrations({
      paths: ['supabase/migrations'],
      config: config({ migrationLint: { exclude: ['supabase/migrations/*_legacy.sql'] } }),
      cwd: p.root,
    });
    expect(report.findings).toEqual([]);
  });

  it('a paired rollback file satisfies breaking-change-without-rollback', async () => {
    const p = project();
    p.write('20240101000000_rename.sql', 'ALTER TABLE t RENAME TO u;');
    mkdirSync(path.join(p.root, 'supabase', 'rollbacks'));
    const lint = () => lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    expect(findingsOf(await lint(), 'breaking-change-without-rollback')).toHaveLength(1);
    writeFileSync(path.join(p.root, 'supabase', 'rollbacks', '20240101000000_rename.sql'), 'ALTER TABLE u RENAME TO t;');
    expect(findingsOf(await lint(), 'breaking-change-without-rollback')).toEqual([]);
  });
});

describe('bad input', () => {
  it('a file that does not parse is a finding at the parser position; the other files are still linted', async () => {
    const p = project();
    p.write('20240101000000_ok.sql', 'DROP TABLE a;');
    p.write('20240102000000_broken.sql', "SELECT 1;\nCREATE TABLE t (\n  id bigint PRIMARY KEY,\n  name text NOT NULL,\n);\n");
    p.write('20240103000000_ok.sql', 'DROP TABLE b;');
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    const [syntax] = findingsOf(report, 'syntax-error');
    expect(syntax.location).toEqual({ file: 'supabase/migrations/20240102000000_broken.sql', line: 5, column: 1 });
    expect(syntax.message).toContain('syntax error at or near ")"');
    expect(syntax.severity).toBe('error');
    expect(findingsOf(report, 'drop-table')).toHaveLength(2);
  });

  it('syntax error positions count characters, not bytes, after multi-byte text', async () => {
    const report = await lintSql("SELECT 'é✓';\nSELECT 'ü' FROM WHERE;");
    expect(findingsOf(report, 'syntax-error')[0].location).toMatchObject({ line: 2, column: 17 });
  });

  it('syntax error columns are UTF-16 code units like other findings: an emoji before it counts twice', async () => {
    // 'WHERE' starts at UTF-16 offset 17 (the emoji is a surrogate pair): column 18, not 17 (code points).
    const report = await lintSql("SELECT 1;\nSELECT '😀' FROM WHERE;");
    expect(findingsOf(report, 'syntax-error')[0].location).toMatchObject({ line: 2, column: 18 });
    // The same line without the error: a rule finding after the emoji is counted the same way.
    const dropped = await lintSql("SELECT 1;\nSELECT '😀'; DROP TABLE t;");
    expect(findingsOf(dropped, 'drop-table')[0].location).toMatchObject({ line: 2, column: "SELECT '😀'; ".length + 1 });
  });

  it('a non-UTF-8 file is a finding naming the file', async () => {
    const p = project();
    p.write('20240101000000_latin1.sql', Buffer.from("COMMENT ON TABLE a IS 'caf\xe9';", 'latin1'));
    p.write('20240102000000_ok.sql', 'DROP TABLE b;');
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    const [unreadable] = findingsOf(report, 'unreadable-file');
    expect(unreadable.message).toContain('20240101000000_latin1.sql is not valid UTF-8');
    expect(unreadable.location).toEqual({ file: 'supabase/migrations/20240101000000_latin1.sql', line: 1, column: 1 });
    expect(findingsOf(report, 'drop-table')).toHaveLength(1);
  });

  it('a non-UTF-8 file is located at the line of its first invalid byte', async () => {
    const p = project();
    p.write('20240101000000_latin1.sql', Buffer.from("DROP TABLE a;\n-- ok\nCOMMENT ON TABLE a IS 'caf\xe9';", 'latin1'));
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    expect(findingsOf(report, 'unreadable-file')[0].location).toEqual({ file: 'supabase/migrations/20240101000000_latin1.sql', line: 3, column: 1 });
  });

  it('a UTF-8 byte-order mark is accepted and columns stay right', async () => {
    const p = project();
    p.write('20240101000000_bom.sql', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('DROP TABLE a;')]));
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    expect(findingsOf(report, 'drop-table')[0].location).toMatchObject({ line: 1, column: 1 });
    expect(findingsOf(report, 'syntax-error')).toEqual([]);
  });

  it('a binary file is a finding naming the file', async () => {
    const p = project();
    p.write('20240101000000_image.sql', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01]));
    const report = await lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root });
    expect(findingsOf(report, 'unreadable-file')[0].message).toContain('20240101000000_image.sql is a binary file');
  });
});

describe('every finding is located', () => {
  it('has file, line and column, and a fingerprint that survives unrelated edits above it', async () => {
    const sql = [
      'CREATE TABLE public.t (id serial PRIMARY KEY, a varchar(5), b timestamp);',
      'ALTER TABLE public.t2 ADD COLUMN c int NOT NULL;',
      'CREATE INDEX CONCURRENTLY i ON public.t2 (c);',
      'DROP TABLE public.t3;',
      "GRANT SELECT ON public.t2 TO anon;",
      'CREATE FUNCTION f() RETURNS int LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;',
      'CREATE EXTENSION pg_trgm;',
      "INSERT INTO public.t (a) VALUES ('x');",
      'CREATE POLICY p ON public.t USING (true);',
      '-- platform-kit-ignore nope',
      'SELECT 1;',
    ].join('\n');
    const report = await lintSql(sql);
    expect(report.findings.length).toBeGreaterThan(15);
    for (const finding of report.findings) {
      expect(finding.location?.file).toBeTruthy();
      expect(finding.location?.line).toBeGreaterThanOrEqual(1);
      expect(finding.location?.column).toBeGreaterThanOrEqual(1);
    }
    const shifted = await lintSql(`SELECT 'unrelated';\n${sql}`);
    const fingerprints = (r: typeof report) => r.findings.map((f) => f.fingerprint).sort();
    expect(fingerprints(shifted)).toEqual(fingerprints(report));
    expect(shifted.findings.find((f) => f.rule === 'drop-table')?.location?.line).toBe(5);
  });

  it('the catalogue lists every migration rule once core is imported', () => {
    const ids = ruleCatalogue().map((m) => m.id);
    for (const meta of MIGRATION_RULE_METAS) expect(ids).toContain(meta.id);
  });
});

function git(cwd: string, ...args: string[]) {
  execFileSync('git', args, { cwd, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
}

describe('changed files only (pull request mode)', () => {
  it('reports only files changed since the merge base, with table knowledge from all files', async () => {
    const p = project();
    git(p.root, 'init', '-q', '-b', 'main');
    p.write('20231231000000_broken.sql', 'CREATE TABLE oops (;');
    p.write('20240101000000_orders.sql', 'CREATE TABLE IF NOT EXISTS public.orders (id bigint PRIMARY KEY); ALTER TABLE public.orders ENABLE ROW LEVEL SECURITY;\nDROP TABLE old_stuff;');
    git(p.root, 'add', '.');
    git(p.root, 'commit', '-q', '-m', 'base');
    git(p.root, 'checkout', '-q', '-b', 'feature');
    p.write('20240102000000_items.sql', 'CREATE TABLE IF NOT EXISTS public.items (id bigint PRIMARY KEY); ALTER TABLE public.items ENABLE ROW LEVEL SECURITY;');
    git(p.root, 'add', '.');
    git(p.root, 'commit', '-q', '-m', 'items');
    // Uncommitted work counts too.
    p.write('20240103000000_indexes.sql', 'CREATE INDEX IF NOT EXISTS orders_id ON public.orders (id);\nCREATE INDEX IF NOT EXISTS items_id ON public.items (id);');

    const report = await lintMigrations({
      paths: ['supabase/migrations'],
      config: config(),
      cwd: p.root,
      changedOnly: { baseRef: 'main' },
    });
    const files = new Set(report.findings.map((f) => f.location?.file));
    expect(files.has('supabase/migrations/20240101000000_orders.sql')).toBe(false);
    // orders was deployed before the PR: indexing it locks a live table. items is new in this PR.
    expect(findingsOf(report, 'index-without-concurrently').map((f) => f.object.name)).toEqual(['orders']);
    expect(report.details).toMatchObject({ filesRead: 4, filesLinted: 2, baseRef: 'main' });
    // A broken file outside the change is a notice, not a finding of this pull request.
    expect(findingsOf(report, 'syntax-error')).toEqual([]);
    expect(report.notices[0]).toMatchObject({ location: { file: 'supabase/migrations/20231231000000_broken.sql', line: 1 } });
  });

  it('an unknown base ref is an input error with a hint', async () => {
    const p = project();
    git(p.root, 'init', '-q', '-b', 'main');
    p.write('20240101000000_a.sql', 'SELECT 1;');
    git(p.root, 'add', '.');
    git(p.root, 'commit', '-q', '-m', 'base');
    await expect(
      lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root, changedOnly: { baseRef: 'origin/nope' } }),
    ).rejects.toMatchObject({ kind: 'input', hint: expect.stringContaining('fetch-depth') });
  });
});
