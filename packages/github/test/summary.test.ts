import { describe, expect, it } from 'vitest';
import { buildReport, fingerprintOf } from '@platform-kit/core';
import { renderSummary } from '../src/index.js';
import { cell, codeBlock } from '../src/markdown.js';

describe('summary markdown', () => {
  it('escapes HTML and pipes in cells but leaves inline code readable', () => {
    expect(cell('a <img src=x> | b `x ->> y | z` c')).toBe('a &lt;img src=x&gt; \\| b `x ->> y \\| z` c');
    expect(cell('two\nlines')).toBe('two lines');
  });

  it('fences code longer than any backtick run inside it', () => {
    expect(codeBlock('select 1; -- ```', 'sql')).toBe('````sql\nselect 1; -- ```\n````');
  });

  it('says so when there is nothing to report', () => {
    const report = buildReport({ command: 'gate', target: { kind: 'migrations', description: 'db/<migrations>' }, findings: [] });
    const text = renderSummary({ actionName: 'gate', title: 'Gate', report, failed: false, failOn: 'error' });
    expect(text).toBe('## ✅ Gate passes: no findings\n\n**0 errors, 0 warnings, 0 info, 0 waived** · target: migrations `db/<migrations>`\n\n');
  });

  it('renders a hostile object name as text, not markup', () => {
    const object = { kind: 'table' as const, schema: 'public', name: '<b>x</b>|"; drop table y; --' };
    const report = buildReport({
      command: 'gate',
      target: { kind: 'database', description: 'h/db' },
      findings: [{ rule: 'r', severity: 'error', fingerprint: fingerprintOf('r', object), object, message: 'm', remediation: { sql: 'select 1;' } }],
    });
    const text = renderSummary({ actionName: 'gate', title: 'Gate', report, failed: true, failOn: 'error' });
    expect(text).toContain('| 🔴 error | `r` | table public.&lt;b&gt;x&lt;/b&gt;\\|"; drop table y; -- |  | m |');
    expect(text).toContain('<summary><code>r</code> · table public.&lt;b&gt;x&lt;/b&gt;|"; drop table y; --</summary>');
  });

  it("says what to do in the terms of what was checked, then the action's own advice", () => {
    const object = { kind: 'table' as const, schema: 'public', name: 'orders' };
    const finding = { rule: 'r', severity: 'error' as const, fingerprint: fingerprintOf('r', object), object, message: 'm' };
    const render = (kind: 'database' | 'migrations' | 'files', advice?: string[]) =>
      renderSummary({
        actionName: 'gate',
        title: 'Gate',
        report: buildReport({ command: 'gate', target: { kind, description: 'x' }, findings: [finding] }),
        failed: true,
        failOn: 'error',
        ...(advice ? { advice } : {}),
      });
    expect(render('database')).toContain('fix it with a new migration, not by hand');
    expect(render('database')).not.toContain('migration file and line');
    expect(render('migrations')).toContain('the migration file and line that introduced it');
    const files = render('files', ['Run `fix-it`.']);
    expect(files).toContain('each row names the rule and the file and line.\n- Run `fix-it`.\n');
    expect(files).not.toContain('migration');
  });
});
