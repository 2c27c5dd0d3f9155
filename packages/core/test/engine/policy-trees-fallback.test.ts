import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { rulesForGate } from '../../src/engine/gates.js';
import { scan } from '../../src/engine/scan.js';
import { catalogTreeOf } from '../../src/parser/catalog-trees.js';
import { parserLoaded } from '../../src/parser/parse.js';
import { baselineDatabase } from '../helpers/fixtures.js';
import { hasServer, type TestDatabase } from '../helpers/database.js';

/**
 * A policy expression the catalog-tree conversion does not follow (numeric literals, a simple CASE)
 * is read by the parser: an on-demand scan loads it, and the rules still find what is in the
 * expression. This file runs in its own process, so nothing has loaded the parser before the scan.
 */
describe.runIf(hasServer())('policy expressions left to the parser', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await baselineDatabase('policy_fallback');
    await database.db.exec(`
      create table public.notes (id bigint primary key, owner uuid, tenant_id uuid);
      alter table public.notes enable row level security;
      create policy notes_numeric on public.notes for select to authenticated using (1.5 > 1.0);
      create policy notes_owner on public.notes for delete to authenticated using (owner = (select auth.uid()));
      create policy notes_case on public.notes for update to authenticated
        using (case (owner = auth.uid()) when true then true else false end);`);
  });
  afterAll(async () => database?.drop());

  it('loads the parser on demand and finds the always-true policy and the bare auth.uid()', async () => {
    expect(parserLoaded()).toBe(false);
    const report = await scan({ command: 'rls-coverage', rules: rulesForGate('rls-coverage'), target: { databaseUrl: database.url }, config: defaultConfig(), parser: 'on-demand' });
    expect(parserLoaded()).toBe(true);
    // The catalog brought every tree; the plain one is followed, the numeric one is left to the parser.
    expect(catalogTreeOf('(owner = ( SELECT auth.uid() AS uid))')).toBeDefined();
    expect(catalogTreeOf('(1.5 > 1.0)')).toBeUndefined();
    const rules = report.findings.map((f) => `${f.rule} ${f.object.name}`);
    expect(rules).toContain('allow-all-policy notes_numeric');
    const initplan = report.findings.filter((f) => f.rule === 'auth-rls-initplan');
    expect(initplan).toHaveLength(1);
    expect(initplan[0].message).toContain('auth.uid()');
    expect(initplan[0].remediation?.sql).toContain('(select auth.uid())');
  });
});
