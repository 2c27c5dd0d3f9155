import { describe, expect, it } from 'vitest';
import { findingsOf, lintSql, rulesOf } from './helpers.js';

describe('inline suppressions', () => {
  it('a comment on the line before suppresses that rule for that statement only', async () => {
    const report = await lintSql('-- platform-kit-ignore drop-table: archived to storage first\nDROP TABLE a;\nDROP TABLE b;');
    const drops = findingsOf(report, 'drop-table');
    expect(drops.map((f) => f.object.name)).toEqual(['b']);
    expect(drops[0].location).toMatchObject({ line: 3, column: 1 });
  });

  it('a trailing comment on the same line suppresses its own statement, not the next one', async () => {
    const report = await lintSql('DROP TABLE a; -- platform-kit-ignore drop-table: archived first\nDROP TABLE b;');
    expect(findingsOf(report, 'drop-table').map((f) => f.object.name)).toEqual(['b']);
  });

  it('a comment inside a multi-line statement suppresses it', async () => {
    const sql = 'CREATE TABLE IF NOT EXISTS private.t (\n  a varchar(10) -- platform-kit-ignore prefer-text-over-varchar: external ISO code\n);';
    expect(findingsOf(await lintSql(sql), 'prefer-text-over-varchar')).toEqual([]);
  });

  it('a block comment works and may name several rules', async () => {
    const report = await lintSql('/* platform-kit-ignore drop-table, breaking-change-without-rollback: scratch table from 20230101 */\nDROP TABLE a;');
    expect(rulesOf(report)).not.toContain('drop-table');
    expect(rulesOf(report)).not.toContain('breaking-change-without-rollback');
  });

  it('only suppresses the named rule', async () => {
    const report = await lintSql('-- platform-kit-ignore drop-table: archived first\nDROP TABLE a;');
    expect(rulesOf(report)).toContain('breaking-change-without-rollback');
    expect(rulesOf(report)).not.toContain('drop-table');
  });

  it('the file-level form covers every statement of the file', async () => {
    const report = await lintSql('-- platform-kit-ignore-file drop-table: cleanup of the retired v1 schema\nDROP TABLE a;\nDROP TABLE b;');
    expect(findingsOf(report, 'drop-table')).toEqual([]);
  });

  it('a suppression without a reason suppresses nothing and is a finding at the comment', async () => {
    const report = await lintSql('SELECT 1;\n  -- platform-kit-ignore drop-table\nDROP TABLE a;');
    expect(findingsOf(report, 'drop-table')).toHaveLength(1);
    const [problem] = findingsOf(report, 'suppression-without-reason');
    expect(problem.location).toMatchObject({ line: 2, column: 3 });
    expect(problem.message).toContain('no reason');
  });

  it('an empty reason after the colon counts as no reason', async () => {
    const report = await lintSql('-- platform-kit-ignore drop-table:   \nDROP TABLE a;');
    expect(findingsOf(report, 'suppression-without-reason')).toHaveLength(1);
    expect(findingsOf(report, 'drop-table')).toHaveLength(1);
  });

  it('an unknown rule id is a finding, and a directive naming no rule too', async () => {
    const report = await lintSql('-- platform-kit-ignore drop-tabel: typo\nDROP TABLE a;\n-- platform-kit-ignore-file : nothing named\nSELECT 1;');
    const unknown = findingsOf(report, 'suppression-unknown-rule');
    expect(unknown.map((f) => f.message)).toEqual(
      expect.arrayContaining([expect.stringContaining('"drop-tabel"'), expect.stringContaining('names no rule')]),
    );
    expect(findingsOf(report, 'drop-table')).toHaveLength(1);
  });

  it('a directive inside a string literal or a function body is not a comment (the scanner decides)', async () => {
    const report = await lintSql("COMMENT ON TABLE a IS '-- platform-kit-ignore drop-table: not a comment';\nDROP TABLE a;");
    expect(findingsOf(report, 'drop-table')).toHaveLength(1);
    expect(findingsOf(report, 'suppression-without-reason')).toEqual([]);
  });

  it('works in files with multi-byte characters before the comment', async () => {
    const report = await lintSql("COMMENT ON TABLE a IS 'Bestellungen für Kunden ✓';\n-- platform-kit-ignore drop-table: geprüft und archiviert\nDROP TABLE a;\nDROP TABLE b;");
    expect(findingsOf(report, 'drop-table').map((f) => f.object.name)).toEqual(['b']);
  });

  it('a directive inside a dollar-quoted function body is not a comment', async () => {
    const sql = [
      'CREATE OR REPLACE FUNCTION public.f() RETURNS void LANGUAGE plpgsql AS $$',
      'BEGIN',
      '  -- platform-kit-ignore drop-table: inside the body',
      '  NULL;',
      'END $$;',
      'DROP TABLE a;',
    ].join('\n');
    const report = await lintSql(sql);
    expect(findingsOf(report, 'drop-table')).toHaveLength(1);
    expect(findingsOf(report, 'suppression-without-reason')).toEqual([]);
  });

  it('a rollback block comment between statements counts; the same words in a body do not', async () => {
    const inBody = "CREATE OR REPLACE FUNCTION public.f() RETURNS text LANGUAGE sql AS $$ SELECT '/* rollback: x */' $$;\nDROP TABLE a;";
    expect(findingsOf(await lintSql(inBody), 'breaking-change-without-rollback')).toHaveLength(1);
    const block = 'DROP TABLE a;\n/* rollback:\n   CREATE TABLE a (id bigint);\n*/\n';
    expect(findingsOf(await lintSql(block), 'breaking-change-without-rollback')).toEqual([]);
  });
});
