import { describe, expect, it } from 'vitest';
import { formatReport, orderedReport, REPORT_FORMATS } from '../../src/report/format/index.js';
import { formatMarkdown, codeSpan, fencedSql } from '../../src/report/format/markdown.js';
import { HOSTILE_NAME, SAMPLE_CATALOGUE, sampleReport } from './sample-report.js';
import { buildReport } from '../../src/report/report.js';
import { objectLabel } from '../../src/report/format/shared.js';

describe('text format', () => {
  it('groups by severity, shows file:line, indents remediation SQL and ends with one summary line', () => {
    const text = formatReport(sampleReport(), 'text');
    const errors = text.indexOf('Errors (2)');
    const warnings = text.indexOf('Warnings (1)');
    const info = text.indexOf('Info (1)');
    expect(errors).toBeGreaterThan(-1);
    expect(warnings).toBeGreaterThan(errors);
    expect(info).toBeGreaterThan(warnings);
    expect(text).toContain('supabase/migrations/20240101000000_init.sql:12');
    expect(text).toContain('supabase/migrations/20240102000000_weird name.sql:3:5');
    expect(text).toMatch(/\n {12}ALTER TABLE "public"\."todos" ENABLE ROW LEVEL SECURITY;\n/);
    expect(text).toContain('Waived (1)');
    expect(text).toContain('public reference data, read-only (until 2099-01-01)');
    expect(text).toContain('Notices (1)');
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('Summary: 2 errors, 1 warning, 1 info (1 waived)');
  });

  it('names objects outside any schema (roles, extensions, files) without a leading dot', () => {
    expect(objectLabel({ kind: 'table', schema: 'public', name: 'todos' })).toBe('public.todos');
    expect(objectLabel({ kind: 'policy', schema: 'public', table: 'todos', name: 'owner only' })).toBe('public.todos.owner only');
    expect(objectLabel({ kind: 'role', schema: '', name: 'anon' })).toBe('anon');
    expect(objectLabel({ kind: 'file', schema: '', name: 'supabase/migrations/1_a.sql' })).toBe('supabase/migrations/1_a.sql');
  });

  it('uses ANSI colour only when asked', () => {
    expect(formatReport(sampleReport(), 'text')).not.toContain('\u001b[');
    expect(formatReport(sampleReport(), 'text', { color: true })).toContain('\u001b[31m');
  });

  it('says so when there is nothing to report', () => {
    const empty = buildReport({ command: 'scan', target: { kind: 'database', description: '127.0.0.1:5432/app' }, findings: [] });
    expect(formatReport(empty, 'text')).toContain('Summary: no findings');
  });
});

describe('json format', () => {
  it('is the report, keys in contract order whatever order the object had', () => {
    const report = sampleReport();
    const shuffled = JSON.parse(JSON.stringify(report), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    const a = formatReport(report, 'json');
    expect(formatReport(shuffled, 'json')).toBe(a);
    const parsed = JSON.parse(a);
    expect(Object.keys(parsed)).toEqual(['formatVersion', 'tool', 'command', 'target', 'findings', 'summary', 'notices']);
    const todos = parsed.findings.find((f: { object: { name: string } }) => f.object.name === 'todos');
    expect(Object.keys(todos)).toEqual(['rule', 'severity', 'fingerprint', 'object', 'location', 'message', 'remediation']);
    const waived = parsed.findings.find((f: { waived?: unknown }) => f.waived);
    expect(Object.keys(waived)).toEqual(['rule', 'severity', 'fingerprint', 'object', 'message', 'waived']);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(report)));
  });

  it('is exactly the pretty-printed ordered report, every optional key present or absent', () => {
    const report = sampleReport();
    const [first] = report.findings;
    const variants: (typeof report)[] = [
      report,
      { ...report, details: { zeta: [1, { b: 2, a: 'x' }], alpha: { nested: true }, none: null } },
      { ...report, notices: [{ message: 'no location' }, { message: 'located', location: { file: 'a.sql', line: 3 } }] },
      {
        ...report,
        findings: [
          { ...first, object: { kind: 'column', schema: 'public', name: 'c', table: 't' }, location: { file: 'f.sql', line: 1, column: 2 } },
          { ...first, location: { file: 'f.sql', line: 9 }, remediation: { sql: 'SELECT 1;\nSELECT 2;' } },
          { ...first, location: undefined, waived: { justification: 'why', expires: '2099-01-01' } },
          { ...first, message: HOSTILE_NAME, waived: { justification: HOSTILE_NAME } },
        ],
      },
      { ...report, findings: [], notices: [] },
    ];
    for (const variant of variants) expect(formatReport(variant, 'json')).toBe(`${JSON.stringify(orderedReport(variant), null, 2)}\n`);
  });
});

describe('markdown format', () => {
  const markdown = formatReport(sampleReport(), 'markdown');

  it('ranks findings by severity in a table and puts remediation SQL in <details> blocks', () => {
    const rows = markdown.split('\n').filter((line) => /^\| (🔴|🟠|🔵)/.test(line));
    expect(rows.map((row) => row.slice(2, 4))).toEqual(['🔴', '🔴', '🟠', '🔵']);
    expect(markdown.match(/<details>/g)).toHaveLength(2);
    expect(markdown).toContain('```sql\nALTER TABLE "public"."todos" ENABLE ROW LEVEL SECURITY;\n```');
    expect(markdown).toContain('#### Waived');
    expect(markdown).toContain('**What to do:** 2 of 4 findings have remediation SQL below; `platform-kit fix`');
  });

  it('escapes hostile identifiers: no raw HTML, no broken table row, no early fence close', () => {
    // Outside code spans and fences (where GitHub shows text literally) no HTML survives.
    const prose = markdown.replace(/(`{3,})sql\n[\s\S]*?\n\1/g, '').replace(/(`+)[\s\S]*?\1/g, '');
    expect(prose).not.toMatch(/<script/i);
    expect(prose).toContain('&lt;script&gt;');
    for (const row of markdown.split('\n').filter((line) => line.startsWith('| '))) {
      // Every row of the findings table has exactly 6 unescaped pipes (5 columns).
      const unescaped = row.replace(/\\\|/g, '').match(/\|/g) ?? [];
      expect([5, 6, 7]).toContain(unescaped.length);
      if (row.includes('🔴')) expect(unescaped.length).toBe(6);
    }
    // The fence around SQL holding four backticks is five long.
    expect(markdown).toContain('`````sql\n');
    expect(fencedSql('a ``` b')).toBe('````sql\na ``` b\n````');
    expect(codeSpan('a`b')).toBe('``a`b``');
    expect(codeSpan('`x')).toBe('`` `x ``');
    expect(markdown).not.toContain(HOSTILE_NAME);
  });

  it('stays under a size budget and says what it left out', () => {
    const big = buildReport({
      command: 'scan',
      target: { kind: 'migrations', description: 'm' },
      findings: Array.from({ length: 500 }, (_, i) => ({
        ...sampleReport().findings.find((f) => f.object.name === 'todos')!,
        fingerprint: i.toString(16).padStart(32, '0'),
        object: { kind: 'table', schema: 'public', name: `t${i}` },
      })),
    });
    const limited = formatMarkdown(big, { maxLength: 20_000 });
    expect(limited.length).toBeLessThanOrEqual(20_000);
    expect(limited).toMatch(/more (findings|remediation blocks) not shown/);
    expect(formatMarkdown(big).length).toBeGreaterThan(20_000);
  });

  it('links rules to their docs when given a base URL', () => {
    const linked = formatReport(sampleReport(), 'markdown', { docsBaseUrl: 'https://example.com/docs/rules/' });
    expect(linked).toContain('](https://example.com/docs/rules/rls-disabled-in-exposed-schema.md)');
  });
});

describe('every format', () => {
  it('renders deterministically', () => {
    for (const format of REPORT_FORMATS) {
      expect(formatReport(sampleReport(), format, { catalogue: SAMPLE_CATALOGUE })).toBe(formatReport(sampleReport(), format, { catalogue: SAMPLE_CATALOGUE }));
    }
  });
});
