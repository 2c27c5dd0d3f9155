import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../src/parser/parse.js';
import { introspect } from '../../src/inventory/introspect.js';
import type { Inventory } from '../../src/inventory/schema.js';
import { ConfigSchema, type ResolvedConfig } from '../../src/config/schema.js';
import { finalizeFindings } from '../../src/engine/finalize.js';
import { securityRules } from '../../src/rules/security/index.js';
import { buildRemediationPlan } from '../../src/remediation/plan.js';
import type { Finding } from '../../src/report/finding.js';
import { baselineDatabase } from '../helpers/fixtures.js';
import type { TestDatabase } from '../helpers/database.js';

/**
 * The remediation plan on a real database: apply it, scan again, the fixable findings are gone;
 * apply it twice, no error and the same catalog. The fixtures use hostile identifiers: quotes,
 * spaces, a newline, unicode, reserved words and an injection attempt, beside a canary table.
 */
const HOSTILE_SCHEMA = '"; drop table x; --';
const FIXTURE = `
create table public.x (id int primary key);                                  -- canary: must survive
alter table public.x enable row level security;
create schema "${HOSTILE_SCHEMA.replace(/"/g, '""')}";
create table "${HOSTILE_SCHEMA.replace(/"/g, '""')}"."select" (id int primary key, "api key" text);
grant select on "${HOSTILE_SCHEMA.replace(/"/g, '""')}"."select" to anon;
create table public."my table" (id int primary key, password text);
create table public."ünïcødé ✓" (id int primary key);
create table public."line
break" (id int primary key);
create table public."we""ird" (id int primary key, owner uuid);
create policy "own ""rows""" on public."we""ird" using ((select auth.uid()) = owner);
create table public."ünï table" (id int primary key, "ownér" uuid, tenant text);
alter table public."ünï table" enable row level security;
create policy "bare; --" on public."ünï table" for update to authenticated
  using (auth.uid() = "ownér" and tenant = current_setting('app.tenant', true))
  with check (coalesce(auth.uid(), "ownér") = "ownér");
create function public."drop table x; --"("select" text, n integer default 1) returns int language sql security definer
  as $$ select 1 $$;
create function "${HOSTILE_SCHEMA.replace(/"/g, '""')}"."ƒ()"() returns int language sql as $$ select 2 $$;
create procedure public."proc with space"(inout a int) language sql as $$ select a $$;
create view public."view ""quoted""" as select id from public."my table";
create view public."user list" as select id, email from auth.users;
create materialized view public."mat view" as select id from public."my table";
create foreign data wrapper pk_h2_plan_fdw;
create server pk_h2_plan_srv foreign data wrapper pk_h2_plan_fdw;
create foreign table public."remote; table" (id int) server pk_h2_plan_srv;
create extension pg_trgm with schema public;
`;

const config: ResolvedConfig = ConfigSchema.parse({ exposedSchemas: ['public', HOSTILE_SCHEMA] });

function scan(inventory: Inventory): Finding[] {
  return finalizeFindings(
    securityRules.map((rule) => ({ meta: rule.meta, findings: rule.check({ inventory, config }) })),
    config,
  );
}

/** The catalog as the rules see it, without the capture time. */
function comparable(inventory: Inventory): unknown {
  return { ...inventory, capturedAt: '' };
}

let t: TestDatabase;
let before: Finding[];
let plan: ReturnType<typeof buildRemediationPlan>;
beforeAll(async () => {
  await loadParser();
  t = await baselineDatabase('remediation', { extensions: ['pg_trgm'] });
  await t.db.exec(FIXTURE);
  before = scan(await introspect(t.db));
  plan = buildRemediationPlan(before);
});
afterAll(async () => t?.drop());

describe('remediation plan on a real database', () => {
  it('covers every fixable rule class in the fixture', () => {
    const rules = new Set(plan.fixed.map((f) => f.rule));
    for (const rule of [
      'rls-disabled-in-exposed-schema',
      'policy-exists-rls-disabled',
      'sensitive-columns-exposed',
      'security-definer-search-path',
      'function-search-path-mutable',
      'security-definer-executable-by-api',
      'security-definer-view',
      'auth-users-exposed',
      'materialized-view-in-api',
      'foreign-table-in-api',
      'extension-in-public',
      'auth-rls-initplan',
    ]) {
      expect(rules.has(rule), rule).toBe(true);
    }
  });

  it('applied once, a new scan no longer reports the fixed findings; the canary table survives', async () => {
    await t.db.exec(plan.sql);
    const after = scan(await introspect(t.db));
    const remaining = new Set(after.map((f) => f.fingerprint));
    const stillThere = plan.fixed.filter((f) => remaining.has(f.fingerprint)).map((f) => `${f.rule} ${f.object.schema}.${f.object.name}`);
    expect(stillThere).toEqual([]);
    const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from pg_catalog.pg_tables where schemaname = 'public' and tablename = 'x'`);
    expect(rows[0].n).toBe(1);
    // nothing fixable is left: the plan of the new scan is empty
    expect(buildRemediationPlan(after).fixed).toEqual([]);
  });

  it('applied a second time, it raises no error and changes nothing', async () => {
    const once = comparable(await introspect(t.db));
    await t.db.exec(plan.sql);
    const twice = comparable(await introspect(t.db));
    expect(twice).toEqual(once);
  });

  it('the function with hostile name and arguments got its search_path and lost PUBLIC execute', async () => {
    const inventory = await introspect(t.db);
    const fn = inventory.functions.find((f) => f.name === 'drop table x; --')!;
    expect(fn.searchPath).toBe('pg_catalog, public');
    expect(fn.executeGrantees).not.toContain('PUBLIC');
    expect(fn.executeGrantees).not.toContain('anon');
    expect(fn.executeGrantees).toContain('service_role');
    const ext = inventory.extensions.find((e) => e.name === 'pg_trgm')!;
    expect(ext.schema).toBe('extensions');
  });
});
