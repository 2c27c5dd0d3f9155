import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../../src/parser/parse.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { inventoryOf } from '../../helpers/fixtures.js';
import { objectsOf, runRule } from './run.js';
import { securityDefinerSearchPath } from '../../../src/rules/security/security-definer-search-path.js';
import { functionSearchPathMutable } from '../../../src/rules/security/function-search-path-mutable.js';
import { securityDefinerUnjustified } from '../../../src/rules/security/security-definer-unjustified.js';
import { securityDefinerExecutableByApi } from '../../../src/rules/security/security-definer-executable-by-api.js';

/** §2.2 function rules: failing and passing fixtures in one database. */
const FIXTURE = `
create schema priv;
create function public.definer_no_path() returns int language sql security definer as $$ select 1 $$;     -- fails search path, justification, executable (PUBLIC)
create function public.definer_ok(a int, "odd name" text) returns int language sql security definer
  set search_path = pg_catalog, public as $$ select 1 $$;                                                   -- passes all four
comment on function public.definer_ok(int, text) is 'SECURITY DEFINER: reads memberships past their RLS, which would recurse';
revoke execute on function public.definer_ok(int, text) from public, anon, authenticated;
create function public.definer_empty_path() returns int language sql security definer set search_path = '' as $$ select 1 $$; -- passes search path ('' is fixed)
comment on function public.definer_empty_path() is 'short';                                                  -- fails justification: too short
revoke execute on function public.definer_empty_path() from public;                                           -- still fails executable: anon and authenticated hold direct grants
create function public.invoker_mutable() returns int language sql as $$ select 1 $$;                        -- fails mutable (warning)
create function public.invoker_fixed() returns int language sql set search_path = '' as $$ select 1 $$;     -- passes
create procedure public.proc_mutable(n int) language sql as $$ select n $$;                                 -- fails mutable (procedure)
create function public.trg() returns trigger language plpgsql security definer set search_path = ''
  as $$ begin return new; end $$;                                                                            -- trigger: not callable by the API; fails justification only
create function priv.definer_hidden() returns int language sql security definer set search_path = ''
  as $$ select 1 $$;                                                                                         -- not exposed: fails justification only
`;

let inventory: Inventory;
beforeAll(async () => {
  await loadParser();
  inventory = await inventoryOf(FIXTURE);
});

describe('function rules', () => {
  it('security-definer-search-path: SECURITY DEFINER without a pinned search_path, with fix SQL', () => {
    const findings = runRule(securityDefinerSearchPath, inventory);
    expect(objectsOf(findings)).toEqual(['public.definer_no_path']);
    expect(findings[0].remediation?.sql).toBe('ALTER FUNCTION "public"."definer_no_path"() SET search_path = pg_catalog, public;');
  });

  it('function-search-path-mutable: invoker functions and procedures only, never Supabase schemas', () => {
    const findings = runRule(functionSearchPathMutable, inventory);
    expect(objectsOf(findings)).toEqual(['public.invoker_mutable', 'public.proc_mutable']);
    // PostgreSQL spells a procedure's identity arguments with their mode: "IN n integer"
    expect(findings.find((f) => f.object.name === 'proc_mutable')!.remediation?.sql).toBe(
      'ALTER PROCEDURE "public"."proc_mutable"(IN n integer) SET search_path = pg_catalog, public;',
    );
  });

  it('security-definer-unjustified: no comment or a too-short one', () => {
    expect(objectsOf(runRule(securityDefinerUnjustified, inventory))).toEqual([
      'priv.definer_hidden',
      'public.definer_empty_path',
      'public.definer_no_path',
      'public.trg',
    ]);
  });

  it('security-definer-executable-by-api: through PUBLIC or direct grants, exposed schemas, callable functions', () => {
    const findings = runRule(securityDefinerExecutableByApi, inventory);
    expect(objectsOf(findings)).toEqual(['public.definer_empty_path', 'public.definer_no_path']);
    expect(findings.find((f) => f.object.name === 'definer_no_path')!.message).toContain('through the default grant to PUBLIC');
    expect(findings.find((f) => f.object.name === 'definer_empty_path')!.message).toContain('executed by anon and authenticated,');
    expect(findings[0].remediation?.sql).toContain('REVOKE EXECUTE ON FUNCTION');
    expect(findings[0].remediation?.sql).toContain('GRANT EXECUTE ON FUNCTION');
  });

  it('overloads are different objects with different fingerprints', () => {
    const findings = runRule(functionSearchPathMutable, inventory);
    expect(new Set(findings.map((f) => f.object.discriminator)).size).toBe(findings.length);
  });
});
