import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser } from '../../../src/parser/parse.js';
import type { Inventory } from '../../../src/inventory/schema.js';
import { inventoryOf } from '../../helpers/fixtures.js';
import { inventoryWith } from '../../helpers/inventory-builder.js';
import { hasServer } from '../../helpers/database.js';
import { objectsOf, runRule } from './run.js';
import { securityDefinerView } from '../../../src/rules/security/security-definer-view.js';
import { authUsersExposed } from '../../../src/rules/security/auth-users-exposed.js';
import { materializedViewInApi } from '../../../src/rules/security/materialized-view-in-api.js';
import { foreignTableInApi } from '../../../src/rules/security/foreign-table-in-api.js';
import { extensionInPublic } from '../../../src/rules/security/extension-in-public.js';
import { fkeyToAuthUnique } from '../../../src/rules/security/fkey-to-auth-unique.js';

/** Views, materialized views, foreign tables, extensions and foreign keys to auth. */
const FIXTURE = `
create schema priv;
create table public.base (id int primary key, label text);
alter table public.base enable row level security;
create view public.definer_view as select id from public.base;                                   -- fails security-definer-view
create view public.invoker_view with (security_invoker = true) as select id from public.base;   -- passes
create view public.ungranted_view as select id from public.base;                                 -- no API grant: passes
revoke all on public.ungranted_view from anon, authenticated;
create view priv.hidden_view as select id from public.base;                                      -- not exposed: passes
create view public.user_emails as select id, email from auth.users;                              -- fails auth-users-exposed and security-definer-view
create view public.safe_users with (security_invoker = true) as select id from auth.users;       -- invoker: passes auth-users-exposed
create materialized view public.mv as select id from public.base;                                -- fails materialized-view-in-api
create materialized view public.mv_revoked as select 1 as x;                                     -- passes
revoke all on public.mv_revoked from anon, authenticated;
create foreign data wrapper pk_h2_dummy_fdw;
create server pk_h2_dummy_srv foreign data wrapper pk_h2_dummy_fdw;
create foreign table public.remote_things (id int) server pk_h2_dummy_srv;                       -- fails foreign-table-in-api
create foreign table priv.remote_hidden (id int) server pk_h2_dummy_srv;                         -- passes
grant select on priv.remote_hidden to anon;
create extension pg_trgm with schema public;                                                     -- fails extension-in-public (fixable)
create extension citext with schema extensions;                                                  -- passes
create table public.by_phone (phone text references auth.users (phone));                          -- fails fkey-to-auth-unique
create table public.by_id (user_id uuid references auth.users (id));                              -- passes
`;

let inventory: Inventory;
beforeAll(async () => {
  await loadParser();
  inventory = await inventoryOf(FIXTURE, { extensions: ['pg_trgm', 'citext'] });
});

describe('views and relations in the API', () => {
  it('security-definer-view', () => {
    const findings = runRule(securityDefinerView, inventory);
    expect(objectsOf(findings)).toEqual(['public.definer_view', 'public.user_emails']);
    expect(findings[0].remediation?.sql).toBe('ALTER VIEW "public"."definer_view" SET (security_invoker = true);');
  });
  it('auth-users-exposed', () => {
    const findings = runRule(authUsersExposed, inventory);
    expect(objectsOf(findings)).toEqual(['public.user_emails']);
    expect(findings[0].remediation?.sql).toBe('REVOKE ALL ON TABLE "public"."user_emails" FROM PUBLIC, anon, authenticated;');
  });
  it('materialized-view-in-api', () => {
    expect(objectsOf(runRule(materializedViewInApi, inventory))).toEqual(['public.mv']);
  });
  it('foreign-table-in-api', () => {
    expect(objectsOf(runRule(foreignTableInApi, inventory))).toEqual(['public.remote_things']);
  });
  it('security-definer-view gives no fix SQL before PostgreSQL 15 (no security_invoker there)', () => {
    const old = { ...inventory, server: { version: '14.10', versionNum: 140010 } };
    const findings = runRule(securityDefinerView, old);
    expect(findings.length).toBe(2);
    expect(findings.every((f) => f.remediation === undefined)).toBe(true);
  });
});

describe('extension-in-public', () => {
  it('reports extensions in public with the ALTER EXTENSION fix', () => {
    const findings = runRule(extensionInPublic, inventory);
    expect(objectsOf(findings)).toEqual(['public.pg_trgm']);
    expect(findings[0].remediation?.sql).toBe('CREATE SCHEMA IF NOT EXISTS "extensions";\nALTER EXTENSION "pg_trgm" SET SCHEMA "extensions";');
  });
  it('a non-relocatable extension gets a note and no SQL that would fail (hand-built inventory)', () => {
    const findings = runRule(
      extensionInPublic,
      inventoryWith({ extensions: [{ name: 'xml2', schema: 'public', installedVersion: '1.1', defaultVersion: '1.1', relocatable: false }] }),
    );
    expect(findings[0].remediation).toBeUndefined();
    expect(findings[0].message).toContain('not relocatable');
    expect(findings[0].message).toContain('CREATE EXTENSION "xml2" WITH SCHEMA extensions');
  });
});

describe.runIf(hasServer())('extension-in-public on a real non-relocatable extension (server only: PGlite does not ship xml2)', () => {
  it('xml2 in public is reported without fix SQL', async () => {
    const inv = await inventoryOf('create extension xml2 with schema public;');
    const findings = runRule(extensionInPublic, inv);
    expect(objectsOf(findings)).toEqual(['public.xml2']);
    expect(findings[0].remediation).toBeUndefined();
  });
});

describe('fkey-to-auth-unique', () => {
  it('foreign keys to a unique non-primary key of auth', () => {
    const findings = runRule(fkeyToAuthUnique, inventory);
    expect(objectsOf(findings)).toEqual(['public.by_phone.by_phone_phone_fkey']);
  });
});
