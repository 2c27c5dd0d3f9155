import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../../src/parser/parse.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { ConfigSchema } from '../../../src/config/schema.js';
import { finalizeFindings } from '../../../src/engine/finalize.js';
import { inventoryOf } from '../../helpers/fixtures.js';
import { inSchema, objectsOf, runRule } from './run.js';
import { rlsDisabledInExposedSchema } from '../../../src/rules/security/rls-disabled-in-exposed-schema.js';
import { policyExistsRlsDisabled } from '../../../src/rules/security/policy-exists-rls-disabled.js';
import { rlsEnabledNoPolicy } from '../../../src/rules/security/rls-enabled-no-policy.js';
import { allowAllPolicy } from '../../../src/rules/security/allow-all-policy.js';
import { policyTrustsUserMetadata } from '../../../src/rules/security/policy-trusts-user-metadata.js';
import { authRlsInitplan } from '../../../src/rules/security/auth-rls-initplan.js';
import { multiplePermissivePolicies } from '../../../src/rules/security/multiple-permissive-policies.js';
import { sensitiveColumnsExposed, isSensitiveColumnName } from '../../../src/rules/security/sensitive-columns-exposed.js';

/**
 * One database for the RLS and policy rules: each object below is a failing or a passing fixture
 * for one or more rules (the comment says which), and each test compares the exact set of objects
 * a rule reports, so a rule that reports too much fails as surely as one that misses.
 */
const FIXTURE = `
create schema priv;
create table public.open_table (id int primary key, note text);                       -- fails rls-disabled
create table public.closed_table (id int primary key);                                -- passes; rls-enabled-no-policy (info)
alter table public.closed_table enable row level security;
create table public.forgot_enable (id int primary key, owner uuid);                   -- fails rls-disabled, policy-exists-rls-disabled
create policy own on public.forgot_enable using ((select auth.uid()) = owner);
create table priv.internal (id int primary key);                                      -- not exposed: passes rls-disabled
create table public.notes (id int primary key, owner uuid, shared boolean);
alter table public.notes enable row level security;
create policy read_all on public.notes for select to anon using (true);                               -- allow-all
create policy "update anything" on public.notes for update to authenticated using (1 = 1);            -- allow-all (USING, and WITH CHECK inherits it)
create policy ins_check on public.notes for insert to authenticated with check ('t'::boolean);        -- allow-all
create policy ins_denied on public.notes for insert to anon;                                           -- absent WITH CHECK on INSERT denies: passes
create policy own_notes on public.notes for select to authenticated using (auth.uid() = owner);       -- initplan; multiple permissive (select)
create policy shared_notes on public.notes for select to authenticated using (shared);                -- multiple permissive (select)
create policy own_wrapped on public.notes for delete to authenticated using ((select auth.uid()) = owner);          -- passes initplan
create policy admin_meta on public.notes for delete to authenticated using ((auth.jwt() -> 'user_metadata' ->> 'role') = 'admin'); -- user metadata, initplan
create policy svc on public.notes for all to service_role using (true);                               -- not an API role: passes allow-all
create policy restr on public.notes as restrictive for select to authenticated using (true);          -- restrictive: passes allow-all
create policy app_meta on public.notes for update to authenticated using ((((select auth.jwt()) -> 'app_metadata') ->> 'role') = 'admin'); -- passes user-metadata
create table public.accounts (id int primary key, password_hash text, "apiKey" text, display_name text); -- fails sensitive (no RLS, granted by default privileges)
create table public.safe_accounts (id int primary key, api_key text);                  -- RLS on: passes sensitive
alter table public.safe_accounts enable row level security;
create table public.ungranted (id int primary key, secret text);                      -- no API grant: passes sensitive (still fails rls-disabled)
revoke all on public.ungranted from anon, authenticated;
create table priv.tokens (id int primary key, token text);                            -- not exposed: passes sensitive
`;

let inventory: Inventory;
beforeAll(async () => {
  await loadParser();
  inventory = await inventoryOf(FIXTURE);
});

describe('rls-disabled-in-exposed-schema', () => {
  it('reports every table without RLS in an exposed schema, granted or not, with fix SQL', () => {
    const findings = runRule(rlsDisabledInExposedSchema, inventory);
    expect(inSchema(objectsOf(findings), 'public', 'priv')).toEqual(['public.accounts', 'public.forgot_enable', 'public.open_table', 'public.ungranted']);
    const open = findings.find((f) => f.object.name === 'open_table')!;
    expect(open.message).toContain('anon and authenticated can already reach every row');
    expect(open.remediation?.sql).toBe('ALTER TABLE "public"."open_table" ENABLE ROW LEVEL SECURITY;');
  });
  it('follows exposedSchemas from the config', () => {
    const findings = runRule(rlsDisabledInExposedSchema, inventory, { exposedSchemas: ['priv'] });
    expect(objectsOf(findings)).toEqual(['priv.internal', 'priv.tokens']);
  });
  it('an exemption with a justification waives the finding but keeps it visible', () => {
    const config = ConfigSchema.parse({
      exemptions: [{ rule: 'rls-disabled-in-exposed-schema', object: 'public.open_table', justification: 'reference data, public-read by design' }],
    });
    const findings = finalizeFindings([{ meta: rlsDisabledInExposedSchema.meta, findings: rlsDisabledInExposedSchema.check({ inventory, config }) }], config);
    const open = findings.find((f) => f.object.name === 'open_table')!;
    expect(open.waived?.justification).toBe('reference data, public-read by design');
    expect(findings.filter((f) => !f.waived && f.object.schema === 'public').map((f) => f.object.name).sort()).toEqual(['accounts', 'forgot_enable', 'ungranted']);
  });
});

describe('policy-exists-rls-disabled / rls-enabled-no-policy', () => {
  it('policies on a table with RLS off', () => {
    const findings = runRule(policyExistsRlsDisabled, inventory);
    expect(objectsOf(findings)).toEqual(['public.forgot_enable']);
    expect(findings[0].message).toContain('"own"');
  });
  it('RLS on with no policy is info, only for the project schemas', () => {
    expect(rlsEnabledNoPolicy.meta.severity).toBe('info');
    expect(objectsOf(runRule(rlsEnabledNoPolicy, inventory))).toEqual(['public.closed_table', 'public.safe_accounts']);
  });
});

describe('allow-all-policy', () => {
  it('reports always-true permissive policies of the API roles, decided on the parse tree', () => {
    const findings = runRule(allowAllPolicy, inventory);
    expect(objectsOf(findings)).toEqual(['public.notes.ins_check', 'public.notes.read_all', 'public.notes.update anything']);
    const update = findings.find((f) => f.object.name === 'update anything')!;
    expect(update.message).toContain('USING and WITH CHECK');
    expect(update.message).toContain('WITH CHECK is absent');
  });
});

describe('policy-trusts-user-metadata / auth-rls-initplan / multiple-permissive-policies', () => {
  it('user_metadata in a policy', () => {
    expect(objectsOf(runRule(policyTrustsUserMetadata, inventory))).toEqual(['public.notes.admin_meta']);
  });
  it('bare auth calls', () => {
    const findings = runRule(authRlsInitplan, inventory);
    expect(objectsOf(findings)).toEqual(['public.notes.admin_meta', 'public.notes.own_notes']);
    expect(findings.find((f) => f.object.name === 'own_notes')!.message).toContain('(select auth.uid())');
  });
  it('several permissive policies per role and command', () => {
    expect(objectsOf(runRule(multiplePermissivePolicies, inventory))).toEqual([
      'public.notes#authenticated/DELETE',
      'public.notes#authenticated/SELECT',
      'public.notes#authenticated/UPDATE',
    ]);
  });
});

describe('sensitive-columns-exposed', () => {
  it('sensitive names on granted tables without RLS in exposed schemas', () => {
    const findings = runRule(sensitiveColumnsExposed, inventory);
    expect(objectsOf(findings)).toEqual(['public.accounts']);
    expect(findings[0].message).toContain('apiKey and password_hash');
  });
  it('name matching works on words, not substrings', () => {
    for (const name of ['password', 'password_hash', 'apiKey', 'api_key', 'refresh_token', 'ssn', 'card_number', 'client_secret']) expect(isSensitiveColumnName(name), name).toBe(true);
    for (const name of ['display_name', 'tokenizer_kind', 'secretary', 'pinned', 'description', 'keyboard']) expect(isSensitiveColumnName(name), name).toBe(false);
  });
});
