import { buildReport, type Report } from '../../src/report/report.js';
import { fingerprintOf, type Finding } from '../../src/report/finding.js';
import type { ObjectRef, RuleMeta, Severity } from '../../src/rules/types.js';

/** Identifiers a hostile migration could create: quotes, pipes, backticks, HTML, newlines, unicode. */
export const HOSTILE_NAME = 'x"; drop table y; -- | `tick` <script>alert(1)</script> *bold* ünï\ncode';

function finding(rule: string, severity: Severity, object: ObjectRef, extra: Partial<Finding> = {}): Finding {
  const { discriminator: _d, ...visible } = object;
  return { rule, severity, fingerprint: fingerprintOf(rule, object), object: visible, message: `${rule} on ${object.name}`, ...extra };
}

export const SAMPLE_CATALOGUE: RuleMeta[] = [
  {
    id: 'rls-disabled-in-exposed-schema',
    title: 'RLS disabled on a table in an exposed schema',
    severity: 'error',
    category: 'security',
    constitution: ['2.1'],
    rationale: 'Tables in an exposed schema are reachable through the Data API.',
    equivalents: { supabaseAdvisor: '0013_rls_disabled_in_public' },
    fixable: true,
  },
  {
    id: 'function-search-path-mutable',
    title: 'Function with a mutable search_path',
    severity: 'warning',
    category: 'security',
    constitution: ['2.2'],
    rationale: 'A mutable search_path lets a caller shadow objects.',
    fixable: true,
  },
];

/** A report with every shape a formatter must handle: located and unlocated, fixable, waived, notices. */
export function sampleReport(): Report {
  return buildReport({
    command: 'scan',
    target: { kind: 'migrations', description: 'supabase/migrations' },
    findings: [
      finding('rls-disabled-in-exposed-schema', 'error', { kind: 'table', schema: 'public', name: 'todos' }, {
        location: { file: 'supabase/migrations/20240101000000_init.sql', line: 12 },
        remediation: { sql: 'ALTER TABLE "public"."todos" ENABLE ROW LEVEL SECURITY;' },
      }),
      finding('rls-disabled-in-exposed-schema', 'error', { kind: 'table', schema: 'public', name: HOSTILE_NAME }, {
        location: { file: 'supabase/migrations/20240102000000_weird name.sql', line: 3, column: 5 },
        message: `RLS is disabled on ${HOSTILE_NAME} | really`,
        remediation: { sql: 'ALTER TABLE "public"."x""; ```` drop" ENABLE ROW LEVEL SECURITY;\n-- ``` fence' },
      }),
      finding('function-search-path-mutable', 'warning', { kind: 'function', schema: 'public', name: 'touch', discriminator: '()' }),
      finding('rule-not-in-catalogue', 'info', { kind: 'policy', schema: 'public', table: 'todos', name: 'read own' }, {
        location: { file: 'supabase/migrations/20240101000000_init.sql', line: 20 },
      }),
      finding('rls-disabled-in-exposed-schema', 'error', { kind: 'table', schema: 'public', name: 'countries' }, {
        waived: { justification: 'public reference data, read-only', expires: '2099-01-01' },
      }),
    ],
    notices: [{ message: 'skipped CREATE EXTENSION pg_net (not available in the embedded database)', location: { file: 'supabase/migrations/20240101000000_init.sql', line: 1 } }],
  });
}
