import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadParser } from '../../../src/parser/parse.js';
import { introspect } from '../../../src/inventory/introspect.js';
import { sqlDir } from '../../../src/sql-files.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import { rulesForGate, GATES } from '../../../src/engine/gates.js';
import { securityRules } from '../../../src/rules/security/index.js';
import { INVENTORY_RULES } from '../../../src/rules/registry.js';
import { finalizeFindings } from '../../../src/engine/finalize.js';
import { buildRemediationPlan } from '../../../src/remediation/plan.js';
import type { InventoryRule, RuleFinding } from '../../../src/rules/types.js';
import { baselineDatabase } from '../../helpers/fixtures.js';
import { hasServer, type TestDatabase } from '../../helpers/database.js';

/**
 * The plain-SQL gates (sql/gates/*.sql) run through the real psql binary agree with the engine:
 * the same objects on the same database, exit 3 when there is any, exit 0 once the remediation
 * plan has been applied. Server only: psql needs a server to connect to.
 */
const FIXTURE = `
create schema api;
create schema priv;
create table public.open_a (id int primary key);
create table public.open_b (id int primary key) partition by range (id);
create table public.closed (id int primary key);
alter table public.closed enable row level security;
create table public.countries (code text primary key);
create table api.api_open (id int primary key);
create table priv.not_exposed (id int primary key);
create function public.definer_loose() returns int language sql security definer as $$ select 1 $$;
create function public.invoker_loose(a int, b text) returns int language sql as $$ select a $$;
create function public.invoker_loose(a int) returns int language sql as $$ select a $$;
create function public.pinned() returns int language sql set search_path = '' as $$ select 1 $$;
create procedure priv.proc_loose() language sql as $$ select 1 $$;
create function extensions.managed_loose() returns int language sql as $$ select 1 $$;
create extension pg_trgm with schema public;
create extension citext with schema api;
create extension fuzzystrmatch with schema extensions;
`;

const EXPOSED = 'public,api';
const config = ConfigSchema.parse({ exposedSchemas: EXPOSED.split(',') });

interface GateRun {
  code: number;
  offenders: string[];
  output: string;
}

function runGate(url: string, file: string, variables: Record<string, string> = {}): Promise<GateRun> {
  const args = [url, '-X', '-q', '-v', 'ON_ERROR_STOP=1', ...Object.entries(variables).flatMap(([k, v]) => ['-v', `${k}=${v}`]), '-f', path.join(sqlDir(), 'gates', file)];
  return new Promise((resolve) => {
    execFile('psql', args, { env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' } }, (error, stdout, stderr) => {
      const output = `${stdout}${stderr}`;
      const offenders = [...output.matchAll(/WARNING:\s+([a-z-]+): (.+)$/gm)].map((m) => `${m[1]} ${m[2].trim()}`).sort();
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, offenders, output });
    });
  });
}

function engineOffenders(rules: InventoryRule[], findings: (rule: InventoryRule) => RuleFinding[]): string[] {
  return rules
    .flatMap((rule) =>
      findings(rule).map((f) => `${rule.meta.id} ${f.object.schema}.${f.object.name}${f.object.kind === 'function' ? `(${f.object.discriminator ?? ''})` : ''}`),
    )
    .sort();
}

const byId = (id: string) => INVENTORY_RULES.find((r) => r.meta.id === id)!;

describe('gates', () => {
  it('each gate lists known rules; scan runs every security rule', () => {
    const known = new Set(INVENTORY_RULES.map((r) => r.meta.id));
    for (const ids of Object.values(GATES)) for (const id of ids) expect(known.has(id), id).toBe(true);
    expect(rulesForGate('scan').length).toBe(securityRules.length);
    expect(rulesForGate('extensions-schema').map((r) => r.meta.id)).toEqual(['extension-in-public']);
    expect(rulesForGate('rls-coverage').map((r) => r.meta.id)).toContain('tenant-column-type');
    expect(() => rulesForGate('nope')).toThrow(/unknown gate "nope"/);
  });
});

describe.runIf(hasServer())('sql/gates through psql agree with the engine', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    await loadParser();
    t = await baselineDatabase('sql_gates', { extensions: ['pg_trgm', 'citext', 'fuzzystrmatch'] });
    await t.db.exec(FIXTURE);
  });
  afterAll(async () => t?.drop());

  const cases = [
    { file: 'check_rls_coverage.sql', rules: ['rls-disabled-in-exposed-schema'] },
    { file: 'check_function_security.sql', rules: ['security-definer-search-path', 'function-search-path-mutable'] },
    { file: 'check_extensions_schema.sql', rules: ['extension-in-public'] },
  ];

  it.each(cases)('$file lists the same objects as $rules and exits 3', async ({ file, rules }) => {
    const inventory = await introspect(t.db);
    const expected = engineOffenders(rules.map(byId), (rule) => rule.check({ inventory, config }));
    expect(expected.length).toBeGreaterThan(0);
    const run = await runGate(t.url!, file, { exposed_schemas: EXPOSED });
    expect(run.code, run.output).toBe(3);
    expect(run.offenders).toEqual(expected);
    expect(run.output).toMatch(/ERROR:\s+check_/);
  });

  it('check_rls_coverage defaults to public and honours exempt_tables', async () => {
    const run = await runGate(t.url!, 'check_rls_coverage.sql', { exempt_tables: 'public.countries' });
    expect(run.offenders).toEqual(['rls-disabled-in-exposed-schema public.open_a', 'rls-disabled-in-exposed-schema public.open_b']);
  });

  it('after the remediation plan, every gate passes (exit 0)', async () => {
    const inventory = await introspect(t.db);
    const findings = finalizeFindings(
      securityRules.map((rule) => ({ meta: rule.meta, findings: rule.check({ inventory, config }) })),
      config,
    );
    await t.db.exec(buildRemediationPlan(findings).sql);
    for (const { file } of cases) {
      const run = await runGate(t.url!, file, { exposed_schemas: EXPOSED });
      expect(run.code, `${file}: ${run.output}`).toBe(0);
      expect(run.offenders).toEqual([]);
    }
  });
});

describe.runIf(hasServer())('sql/gates on examples/saas applied to a real PostgreSQL server', () => {
  const exampleDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../examples/saas/supabase/migrations');
  let t: TestDatabase;
  beforeAll(async () => {
    await loadParser();
    t = await baselineDatabase('sql_gates_example');
    await t.db.exec('create extension if not exists pgcrypto with schema extensions');
    for (const file of readdirSync(exampleDir).filter((f) => /^[0-9]+_.*\.sql$/.test(f)).sort()) {
      await t.db.transaction((tx) => tx.exec(readFileSync(path.join(exampleDir, file), 'utf8')));
    }
  });
  afterAll(async () => t?.drop());

  it('every gate agrees with the engine; the exemption of public.plans maps to exempt_tables', async () => {
    const inventory = await introspect(t.db);
    const exampleConfig = ConfigSchema.parse({ exposedSchemas: ['public'] });
    const cases: { file: string; rules: string[]; vars: Record<string, string> }[] = [
      { file: 'check_rls_coverage.sql', rules: ['rls-disabled-in-exposed-schema'], vars: { exempt_tables: 'public.plans' } },
      { file: 'check_function_security.sql', rules: ['security-definer-search-path', 'function-search-path-mutable'], vars: {} },
      { file: 'check_extensions_schema.sql', rules: ['extension-in-public'], vars: {} },
    ];
    for (const { file, rules, vars } of cases) {
      const expected = engineOffenders(rules.map(byId), (rule) => rule.check({ inventory, config: exampleConfig })).filter(
        (o) => o !== 'rls-disabled-in-exposed-schema public.plans',
      );
      const run = await runGate(t.url!, file, vars);
      expect(run.offenders, file).toEqual(expected);
      expect(run.code, file).toBe(3);
    }
  });
});
