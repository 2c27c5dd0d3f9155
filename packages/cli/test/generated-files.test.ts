import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderDocs, REGENERATE_COMMAND, REPO_ROOT } from '../../../scripts/generate-docs.js';
import { renderSchemas } from '../../../scripts/generate-schemas.js';

/** Committed files that must equal what the generators produce now. */
function staleFiles(expected: Map<string, string>): string[] {
  return [...expected].filter(([file, content]) => {
    const full = path.join(REPO_ROOT, file);
    return !existsSync(full) || readFileSync(full, 'utf8') !== content;
  }).map(([file]) => file);
}

describe('generated docs', () => {
  it('docs/rules/*.md and docs/cli.md match the rule catalogue and the CLI', () => {
    const expected = renderDocs();
    const stale = staleFiles(expected);
    const orphans = readdirSync(path.join(REPO_ROOT, 'docs/rules'))
      .filter((name) => name.endsWith('.md') && !expected.has(`docs/rules/${name}`))
      .map((name) => `docs/rules/${name} (no such rule)`);
    expect([...stale, ...orphans], `stale generated docs: run \`${REGENERATE_COMMAND}\` and commit the result`).toEqual([]);
  });

  it('has one page per rule with its metadata, exemption and severity examples', () => {
    const docs = renderDocs([
      {
        id: 'demo-rule',
        title: 'A demo | rule',
        severity: 'warning',
        category: 'security',
        constitution: ['2.1'],
        rationale: 'Because.',
        equivalents: { supabaseAdvisor: '0013_rls_disabled_in_public' },
        fixable: true,
        examples: { bad: 'create table t();', good: 'create table t(); alter table t enable row level security;' },
      },
    ], []);
    const page = docs.get('docs/rules/demo-rule.md')!;
    expect(page).toContain('# demo-rule: A demo | rule');
    expect(page).toContain('| Supabase advisor | `0013_rls_disabled_in_public` |');
    expect(page).toContain('  - rule: demo-rule');
    expect(page).toContain('  demo-rule: error   # error | warning | info | off');
    expect(page).toContain('```sql\ncreate table t();\n```');
    expect(docs.get('docs/rules/README.md')).toContain('[`demo-rule`](demo-rule.md) | warning | §2.1 | yes | A demo \\| rule |');
    expect(() => renderDocs([docsMeta('a'), docsMeta('a')], [])).toThrow(/duplicate rule ids/);
  });
});

describe('generated JSON Schemas', () => {
  it('schema/*.json match ReportSchema and ConfigSchema', () => {
    const stale = staleFiles(new Map(Object.entries(renderSchemas())));
    expect(stale, 'stale JSON Schemas: run `npx tsx scripts/generate-schemas.ts` and commit the result').toEqual([]);
  });
});

function docsMeta(id: string) {
  return { id, title: id, severity: 'info' as const, category: 'security' as const, constitution: [], rationale: 'x', fixable: false };
}
