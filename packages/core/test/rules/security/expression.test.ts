import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../../src/parser/parse.js';
import {
  isAlwaysTrue,
  readsUserMetadata,
  restrictsToTenant,
  unwrappedAuthCalls,
  valuesComparedWith,
  referencesColumn,
  wrapAuthCalls,
} from '../../../src/rules/security/expression.js';

beforeAll(async () => {
  await loadParser();
});

describe('isAlwaysTrue (constant folding on the parse tree)', () => {
  it.each(['true', '(true)', '1 = 1', '(1 = 1)', "'t'::boolean", "'yes'::bool", '2 > 1', '1 + 1 = 2', "'a' = 'a'", 'NOT false', 'x OR true', '(tenant_id = 1) OR (1 = 1)', 'true AND true', 'NULL IS NULL', 'true IS TRUE'])(
    'always true: %s',
    (expression) => expect(isAlwaysTrue(expression)).toBe(true),
  );
  it.each(['false', '1 = 2', 'x', 'x AND true', 'auth.uid() = owner', "'t'::text = 'true'", 'NULL', 'NULL = NULL', '1 = 1 AND x', 'not true', 'current_setting(\'x\') = \'x\''])(
    'not always true: %s',
    (expression) => expect(isAlwaysTrue(expression)).toBe(false),
  );
  it('an unparsable expression is not declared always true', () => {
    expect(isAlwaysTrue('1 = = 1')).toBe(false);
  });
});

describe('restrictsToTenant', () => {
  const ok = [
    "(tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid)",
    "(tenant_id = (( SELECT auth.jwt() AS jwt) ->> 'tenant_id'::text)::uuid)",
    "((( SELECT auth.jwt() AS jwt) ->> 'tenant_id'::text))::uuid = t.tenant_id",
    "(tenant_id = (((auth.jwt() -> 'app_metadata'::text) ->> 'tenant_id'::text))::uuid)",
    "(( SELECT (auth.jwt() ->> 'tenant_id'::text)) = (tenant_id)::text)",
    "((tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid) AND (owner = auth.uid()))",
  ];
  const bad = [
    'true',
    "(tenant_id = ((auth.jwt() ->> 'org'::text))::uuid)",
    "(other_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid)",
    "((tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid) OR true)",
    "(NOT (tenant_id = ((auth.jwt() ->> 'tenant_id'::text))::uuid))",
    "(tenant_id = (((auth.jwt() -> 'user_metadata'::text) ->> 'tenant_id'::text))::uuid)",
    "(tenant_id IN ( SELECT m.tenant_id FROM memberships m WHERE (m.user_id = auth.uid())))",
    "(tenant_id <> ((auth.jwt() ->> 'tenant_id'::text))::uuid)",
    "(tenant_id = ((current_setting('request.jwt.claims'::text, true))::jsonb ->> 'tenant_id')::uuid)",
  ];
  it.each(ok)('restricts: %s', (e) => expect(restrictsToTenant(e, 'tenant_id', 'tenant_id')).toBe(true));
  it.each(bad)('does not restrict: %s', (e) => expect(restrictsToTenant(e, 'tenant_id', 'tenant_id')).toBe(false));
  it('absent expression does not restrict', () => expect(restrictsToTenant(null, 'tenant_id', 'tenant_id')).toBe(false));
  it('honours configured column and claim', () => {
    expect(restrictsToTenant("(org_id = ((auth.jwt() ->> 'org'::text))::uuid)", 'org_id', 'org')).toBe(true);
  });
});

describe('other expression checks', () => {
  it('reads user_metadata through the JWT or auth.users', () => {
    expect(readsUserMetadata("(((auth.jwt() -> 'user_metadata'::text) ->> 'role'::text) = 'admin'::text)")).toBe(true);
    expect(readsUserMetadata("((auth.jwt() #>> '{user_metadata,role}'::text[]) = 'admin'::text)")).toBe(true);
    expect(readsUserMetadata("(EXISTS ( SELECT 1 FROM auth.users u WHERE ((u.raw_user_meta_data ->> 'admin'::text) = 'true'::text)))")).toBe(true);
    expect(readsUserMetadata("(((auth.jwt() -> 'app_metadata'::text) ->> 'role'::text) = 'admin'::text)")).toBe(false);
  });
  it('finds auth calls outside sub-selects', () => {
    expect(unwrappedAuthCalls('(auth.uid() = owner)')).toEqual(['auth.uid()']);
    expect(unwrappedAuthCalls('(( SELECT auth.uid() AS uid) = owner)')).toEqual([]);
    expect(unwrappedAuthCalls("((auth.jwt() ->> 'x'::text) = (current_setting('a'::text))::text)")).toEqual(['auth.jwt()', 'current_setting()']);
    expect(unwrappedAuthCalls(null)).toEqual([]);
  });
  it('reads bucket ids compared with bucket_id', () => {
    expect(valuesComparedWith("(bucket_id = 'avatars'::text)", 'bucket_id')).toEqual(['avatars']);
    expect(valuesComparedWith("(bucket_id = ANY (ARRAY['a'::text, 'b'::text]))", 'bucket_id')).toEqual(['a', 'b']);
    expect(referencesColumn("(owner_id = (auth.uid())::text)", 'bucket_id')).toBe(false);
  });
});

describe('wrapAuthCalls (the auth-rls-initplan rewrite)', () => {
  it.each([
    ['(auth.uid() = owner)', '((select auth.uid()) = owner)'],
    ["((auth.jwt() ->> 'tenant_id'::text) = 'x')", "(((select auth.jwt()) ->> 'tenant_id'::text) = 'x')"],
    ["(current_setting('app.x'::text, true) = 'a)b'::text)", "((select current_setting('app.x'::text, true)) = 'a)b'::text)"],
    ['(( SELECT auth.uid() AS uid) = owner OR auth.role() = \'admin\'::text)', "(( SELECT auth.uid() AS uid) = owner OR (select auth.role()) = 'admin'::text)"],
    ["(\"ünï\" = auth.email())", "(\"ünï\" = (select auth.email()))"],
    ['(coalesce(auth.uid(), owner) = owner)', '(coalesce((select auth.uid()), owner) = owner)'],
  ])('%s', (input, output) => {
    expect(wrapAuthCalls(input)).toBe(output);
    expect(unwrappedAuthCalls(output)).toEqual([]);
  });
  it('nothing to wrap', () => expect(wrapAuthCalls('(( SELECT auth.uid() AS uid) = owner)')).toBeNull());
});
