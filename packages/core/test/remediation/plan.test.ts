import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../src/parser/parse.js';
import { buildRemediationPlan, planFromReport } from '../../src/remediation/plan.js';
import { pinFunctionSearchPath } from '../../src/remediation/sql.js';
import { buildReport } from '../../src/report/report.js';
import type { Finding } from '../../src/report/finding.js';
import { ruleCatalogue } from '../../src/rules/registry.js';

beforeAll(async () => {
  await loadParser();
});

function finding(rule: string, name: string, extra: Partial<Finding> = {}): Finding {
  return {
    rule,
    severity: 'error',
    fingerprint: `${rule}-${name}`.padEnd(32, '0').slice(0, 32),
    object: { kind: 'table', schema: 'public', name },
    message: `${rule} on ${name}`,
    ...extra,
  };
}

describe('buildRemediationPlan (pure)', () => {
  const findings: Finding[] = [
    finding('security-definer-search-path', 'f', { object: { kind: 'function', schema: 'public', name: 'f' }, remediation: { sql: 'ALTER FUNCTION "public"."f"() SET search_path = pg_catalog, public;' } }),
    finding('rls-disabled-in-exposed-schema', 'b', { remediation: { sql: 'ALTER TABLE "public"."b" ENABLE ROW LEVEL SECURITY;' } }),
    finding('sensitive-columns-exposed', 'b', { remediation: { sql: 'ALTER TABLE "public"."b" ENABLE ROW LEVEL SECURITY;' } }),
    finding('rls-disabled-in-exposed-schema', 'a', { remediation: { sql: 'ALTER TABLE "public"."a" ENABLE ROW LEVEL SECURITY;' } }),
    finding('extension-in-public', 'pg_trgm', { object: { kind: 'extension', schema: 'public', name: 'pg_trgm' }, remediation: { sql: 'CREATE SCHEMA IF NOT EXISTS "extensions";\nALTER EXTENSION "pg_trgm" SET SCHEMA "extensions";' } }),
    finding('allow-all-policy', 'p', { message: 'always true\nsecond line' }),
    finding('rls-disabled-in-exposed-schema', 'countries', { remediation: { sql: 'ALTER TABLE "public"."countries" ENABLE ROW LEVEL SECURITY;' }, waived: { justification: 'public reference data' } }),
  ];

  it('orders fixes deterministically: extensions, tables, functions; dedupes identical SQL', () => {
    const plan = buildRemediationPlan(findings, { target: 'test', catalogue: ruleCatalogue() });
    const statements = plan.sql.split('\n').filter((line) => line && !line.startsWith('--'));
    expect(statements).toEqual([
      'CREATE SCHEMA IF NOT EXISTS "extensions";',
      'ALTER EXTENSION "pg_trgm" SET SCHEMA "extensions";',
      'ALTER TABLE "public"."a" ENABLE ROW LEVEL SECURITY;',
      'ALTER TABLE "public"."b" ENABLE ROW LEVEL SECURITY;',
      'ALTER FUNCTION "public"."f"() SET search_path = pg_catalog, public;',
    ]);
    expect(plan.fixed.map((f) => `${f.rule}:${f.object.name}`)).toEqual([
      'extension-in-public:pg_trgm',
      'rls-disabled-in-exposed-schema:a',
      'rls-disabled-in-exposed-schema:b',
      'sensitive-columns-exposed:b',
      'security-definer-search-path:f',
    ]);
    expect(plan.unfixable.map((f) => f.rule)).toEqual(['allow-all-policy']);
    expect(plan.waived.map((f) => f.object.name)).toEqual(['countries']);
  });

  it('has a header saying what it fixes, what it cannot and what it leaves alone; no line of a message escapes its comment', () => {
    const plan = buildRemediationPlan(findings, { target: 'test', catalogue: ruleCatalogue() });
    expect(plan.sql).toContain('-- Target: test');
    expect(plan.sql).toContain('-- Fixes 5 findings:');
    expect(plan.sql).toContain('-- Cannot fix automatically (1)');
    expect(plan.sql).toContain('allow-all-policy: table public.p: always true second line');
    expect(plan.sql).toContain('-- Waived, left untouched (1):');
    expect(plan.sql).not.toContain('"countries" ENABLE');
  });

  it('is the same text whatever the input order', () => {
    const a = buildRemediationPlan(findings).sql;
    const b = buildRemediationPlan([...findings].reverse()).sql;
    expect(b).toBe(a);
  });

  it('an empty plan is only comments', () => {
    const plan = buildRemediationPlan([]);
    expect(plan.sql.split('\n').filter((l) => l && !l.startsWith('--'))).toEqual([]);
    expect(plan.sql).toContain('Fixes: nothing');
  });

  it('planFromReport takes the target from the report', () => {
    const report = buildReport({ command: 'scan', target: { kind: 'migrations', description: 'supabase/migrations' }, findings });
    expect(planFromReport(report).sql).toContain('-- Target: supabase/migrations');
  });

  it('refuses function arguments that are not an argument list (a tampered inventory)', () => {
    expect(() => pinFunctionSearchPath({ schema: 'public', name: 'f', identityArgs: 'int) STABLE; DROP TABLE x; --', kind: 'function' })).toThrow(/refusing to generate SQL/);
    expect(pinFunctionSearchPath({ schema: 'public', name: 'f', identityArgs: '"odd name" text, n integer', kind: 'function' })).toBe(
      'ALTER FUNCTION "public"."f"("odd name" text, n integer) SET search_path = pg_catalog, public;',
    );
  });
});
