import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config/schema.js';
import { rulesForGate } from '../../src/engine/gates.js';
import { scan } from '../../src/engine/scan.js';
import { parserLoaded } from '../../src/parser/parse.js';
import { baselineDatabase } from '../helpers/fixtures.js';
import { hasServer, type TestDatabase } from '../helpers/database.js';

/**
 * A policy expression the catalog-tree reader does not follow (here a CASE) is read by the parser:
 * an on-demand scan loads it, and the rule still finds what is in the expression. This file runs in
 * its own process, so nothing has loaded the parser before the scan.
 */
describe.runIf(hasServer())('policy expressions left to the parser', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await baselineDatabase('policy_fallback');
    await database.db.exec(`
      create table public.notes (id bigint primary key, owner uuid);
      alter table public.notes enable row level security;
      create policy notes_owner on public.notes for select to authenticated
        using (case when owner is null then false else owner = auth.uid() end);`);
  });
  afterAll(async () => database?.drop());

  it('loads the parser on demand and reports the bare auth.uid() inside the CASE', async () => {
    expect(parserLoaded()).toBe(false);
    const report = await scan({ command: 'rls-coverage', rules: rulesForGate('rls-coverage'), target: { databaseUrl: database.url }, config: defaultConfig(), parser: 'on-demand' });
    expect(parserLoaded()).toBe(true);
    const initplan = report.findings.filter((f) => f.rule === 'auth-rls-initplan');
    expect(initplan).toHaveLength(1);
    expect(initplan[0].message).toContain('auth.uid()');
    expect(initplan[0].remediation?.sql).toContain('(select auth.uid())');
  });
});
