import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../helpers/database.js';
import { openEmbedded } from '../../src/db/embedded.js';
import type { Db } from '../../src/db/port.js';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';
import { introspect } from '../../src/inventory/introspect.js';
import { InventorySchema, type Inventory } from '../../src/inventory/schema.js';
import { inventoryOf } from '../helpers/fixtures.js';

// One fixture touching every inventory section, applied on top of the Supabase baseline.
const FIXTURE = `
create extension if not exists pgcrypto with schema extensions;
create schema app;
comment on schema app is 'application schema';

create table public.tenants (id uuid primary key default gen_random_uuid(), name text not null);
comment on table public.tenants is 'Tenants of the SaaS';

create table public.projects (
  id bigint generated always as identity primary key,
  tenant_id uuid not null references public.tenants (id) on delete cascade,
  owner_id uuid references auth.users (id),
  title varchar(20) not null default 'untitled',
  slug text generated always as (lower(title)) stored,
  created_at timestamptz not null default now()
);
comment on column public.projects.title is 'Shown in the UI';
alter table public.projects enable row level security;
alter table public.projects force row level security;
create policy "tenant read" on public.projects for select to authenticated
  using (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);
create policy restrict_delete on public.projects as restrictive for delete to anon, authenticated using (false);
create policy open_insert on public.projects for insert with check (true);
create index projects_tenant_idx on public.projects (tenant_id) where tenant_id is not null;
create unique index projects_title_key on public.projects (tenant_id, lower(title));

create table public.emails (email text unique, note text);
create table public.refs (email text);
alter table public.refs add constraint refs_email_fkey foreign key (email) references public.emails (email) on update set null not valid;
revoke all on public.emails from anon;
grant select (email) on public.emails to anon;

create function public.secure_fn(a int, b text) returns int language sql security definer set search_path = '' as 'select a';
comment on function public.secure_fn(int, text) is 'Justified: needed by the signup flow';
revoke execute on function public.secure_fn(int, text) from public, anon, authenticated;
grant execute on function public.secure_fn(int, text) to service_role;
create function public.open_fn() returns text language plpgsql stable as $$ begin return 'x'; end $$;

create function app.touch() returns trigger language plpgsql as $$ begin new.created_at = now(); return new; end $$;
create trigger projects_touch before insert or update on public.projects for each row execute function app.touch();
create procedure app.housekeeping() language sql as 'select 1';

create view public.project_titles with (security_invoker = true) as select id, title from public.projects;
create view public.users_view as select id, email from auth.users;
create materialized view public.project_counts as select tenant_id, count(*) as n from public.projects group by tenant_id;
revoke all on public.project_counts from anon;

create foreign data wrapper pk_dummy_fdw;
create server pk_dummy_server foreign data wrapper pk_dummy_fdw;
create foreign table public.remote_rows (id int) server pk_dummy_server;

insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
  values ('avatars', 'avatars', true, 1048576, array['image/png', 'image/jpeg']), ('private', 'private', false, null, null);
`;

function byName<T extends { name: string }>(items: T[], name: string, extra: (item: T) => boolean = () => true): T {
  const found = items.find((item) => item.name === name && extra(item));
  if (!found) throw new Error(`no ${name} among ${items.map((i) => i.name).join(', ')}`);
  return found;
}

function introspectionSuite(label: string, open: () => Promise<{ db: Db; close: () => Promise<void> }>) {
  describe(label, () => {
    let db: Db;
    let close: () => Promise<void>;
    let inv: Inventory;
    beforeAll(async () => {
      ({ db, close } = await open());
      await applySupabaseBaseline(db);
      await db.exec(FIXTURE);
      inv = await introspect(db, { source: 'fixture' });
    });
    afterAll(async () => close?.());

    it('returns a valid inventory with server and source', () => {
      expect(InventorySchema.parse(inv)).toBeTruthy();
      expect(inv.source).toBe('fixture');
      expect(inv.server.versionNum).toBeGreaterThanOrEqual(150000);
      expect(inv.formatVersion).toBe(1);
    });

    it('schemas: user schemas with owner and comment, no system schemas', () => {
      const names = inv.schemas.map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(['app', 'auth', 'extensions', 'public', 'storage']));
      expect(names).not.toContain('pg_catalog');
      expect(names).not.toContain('information_schema');
      expect(byName(inv.schemas, 'app').comment).toBe('application schema');
      expect(byName(inv.schemas, 'auth').owner).toBe('supabase_admin');
    });

    it('tables: kind, owner, RLS, comment, primary key, columns with type/nullability/default/identity/generated', () => {
      const projects = byName(inv.tables, 'projects', (t) => t.schema === 'public');
      expect(projects).toMatchObject({ kind: 'table', rlsEnabled: true, rlsForced: true, comment: null, primaryKey: ['id'] });
      expect(typeof projects.owner).toBe('string');
      expect(typeof projects.estimatedRows).toBe('number');
      expect(projects.columns.map((c) => c.name)).toEqual(['id', 'tenant_id', 'owner_id', 'title', 'slug', 'created_at']);
      expect(byName(projects.columns, 'id')).toEqual({
        name: 'id', type: 'bigint', notNull: true, default: null, identity: true, generated: false, comment: null,
      });
      expect(byName(projects.columns, 'tenant_id')).toMatchObject({ type: 'uuid', notNull: true, default: null });
      expect(byName(projects.columns, 'title')).toEqual({
        name: 'title', type: 'character varying(20)', notNull: true, default: "'untitled'::character varying",
        identity: false, generated: false, comment: 'Shown in the UI',
      });
      expect(byName(projects.columns, 'slug')).toMatchObject({ generated: true, default: null });
      expect(byName(projects.columns, 'created_at')).toMatchObject({ type: 'timestamp with time zone', default: 'now()' });
      const tenants = byName(inv.tables, 'tenants');
      expect(tenants).toMatchObject({ rlsEnabled: false, rlsForced: false, comment: 'Tenants of the SaaS', primaryKey: ['id'] });
      expect(byName(inv.tables, 'emails').primaryKey).toBeNull();
      expect(byName(inv.tables, 'objects', (t) => t.schema === 'storage')).toMatchObject({ rlsEnabled: true, owner: 'supabase_storage_admin' });
      expect(byName(inv.tables, 'users', (t) => t.schema === 'auth').columns.map((c) => c.name)).toContain('raw_user_meta_data');
    });

    it('policies: command, permissive/restrictive, roles, deparsed USING and WITH CHECK', () => {
      const onProjects = inv.policies.filter((p) => p.table === 'projects');
      expect(onProjects.map((p) => p.name)).toEqual(['open_insert', 'restrict_delete', 'tenant read']);
      const read = byName(onProjects, 'tenant read');
      expect(read).toMatchObject({ schema: 'public', command: 'SELECT', permissive: true, roles: ['authenticated'], withCheck: null });
      expect(read.using).toContain("->> 'tenant_id'");
      expect(read.using).toContain('auth.jwt()');
      expect(byName(onProjects, 'restrict_delete')).toMatchObject({
        command: 'DELETE', permissive: false, roles: ['anon', 'authenticated'], using: 'false', withCheck: null,
      });
      expect(byName(onProjects, 'open_insert')).toMatchObject({ command: 'INSERT', roles: ['public'], using: null, withCheck: 'true' });
    });

    it('functions: kind, language, security definer, config/search_path, grants incl. PUBLIC, comment, body hash', () => {
      const secure = byName(inv.functions, 'secure_fn');
      expect(secure).toMatchObject({
        schema: 'public', identityArgs: 'a integer, b text', kind: 'function', language: 'sql', returns: 'integer',
        securityDefiner: true, volatility: 'volatile', searchPath: '""', comment: 'Justified: needed by the signup flow',
      });
      expect(secure.config).toEqual(['search_path=""']);
      expect(secure.executeGrantees).not.toContain('PUBLIC');
      expect(secure.executeGrantees).toContain('service_role');
      expect(secure.executeGrantees).not.toContain('anon');
      expect(secure.bodyHash).toMatch(/^[0-9a-f]{32}$/);
      const open = byName(inv.functions, 'open_fn');
      expect(open).toMatchObject({ language: 'plpgsql', securityDefiner: false, volatility: 'stable', searchPath: null, config: [], comment: null });
      expect(open.executeGrantees).toEqual(expect.arrayContaining(['PUBLIC', 'anon', 'authenticated']));
      expect(byName(inv.functions, 'housekeeping')).toMatchObject({ kind: 'procedure', returns: null, schema: 'app' });
      expect(byName(inv.functions, 'uid', (f) => f.schema === 'auth')).toMatchObject({ returns: 'uuid', volatility: 'stable' });
      // pgcrypto's functions belong to the extension: not in the inventory
      expect(inv.functions.find((f) => f.name === 'digest')).toBeUndefined();
    });

    it('views: security_invoker, materialized views, definition and dependencies', () => {
      expect(byName(inv.views, 'project_titles')).toMatchObject({
        kind: 'view', securityInvoker: true, securityBarrier: false, dependsOn: [{ schema: 'public', name: 'projects' }],
      });
      const usersView = byName(inv.views, 'users_view');
      expect(usersView).toMatchObject({ securityInvoker: false, dependsOn: [{ schema: 'auth', name: 'users' }] });
      expect(usersView.definition).toContain('auth.users');
      expect(byName(inv.views, 'project_counts')).toMatchObject({
        kind: 'materialized_view', securityInvoker: false, dependsOn: [{ schema: 'public', name: 'projects' }],
      });
    });

    it('foreign tables with their server', () => {
      expect(inv.foreignTables).toEqual([expect.objectContaining({ schema: 'public', name: 'remote_rows', server: 'pk_dummy_server' })]);
    });

    it('extensions: schema, versions, relocatable', () => {
      const pgcrypto = byName(inv.extensions, 'pgcrypto');
      expect(pgcrypto).toMatchObject({ schema: 'extensions', relocatable: true });
      expect(pgcrypto.installedVersion).toMatch(/^\d/);
      expect(pgcrypto.defaultVersion).toBe(pgcrypto.installedVersion);
      expect(byName(inv.extensions, 'plpgsql').schema).toBe('pg_catalog');
    });

    it('indexes: key columns (expressions null), unique, primary, partial, method, definition', () => {
      const partial = byName(inv.indexes, 'projects_tenant_idx');
      expect(partial).toMatchObject({
        schema: 'public', table: 'projects', columns: ['tenant_id'], unique: false, primary: false, partial: true, valid: true, method: 'btree',
      });
      expect(partial.definition).toContain('WHERE (tenant_id IS NOT NULL)');
      expect(byName(inv.indexes, 'projects_title_key')).toMatchObject({ columns: ['tenant_id', null], unique: true, partial: false });
      expect(byName(inv.indexes, 'projects_pkey')).toMatchObject({ primary: true, unique: true, columns: ['id'] });
    });

    it('foreign keys: columns, referenced table and key, actions, validation', () => {
      expect(byName(inv.foreignKeys, 'projects_tenant_id_fkey')).toEqual({
        schema: 'public', table: 'projects', name: 'projects_tenant_id_fkey', columns: ['tenant_id'],
        refSchema: 'public', refTable: 'tenants', refColumns: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION',
        validated: true, referencedKey: 'primary',
      });
      expect(byName(inv.foreignKeys, 'projects_owner_id_fkey')).toMatchObject({ refSchema: 'auth', refTable: 'users', onDelete: 'NO ACTION' });
      expect(byName(inv.foreignKeys, 'refs_email_fkey')).toMatchObject({
        refTable: 'emails', refColumns: ['email'], onUpdate: 'SET NULL', validated: false, referencedKey: 'unique',
      });
    });

    it('table and column grants to the API roles', () => {
      const projectsAnon = inv.tableGrants.find((g) => g.table === 'projects' && g.grantee === 'anon');
      expect(projectsAnon).toMatchObject({ schema: 'public', relationKind: 'table' });
      expect(projectsAnon?.privileges).toEqual(expect.arrayContaining(['SELECT', 'INSERT', 'UPDATE', 'DELETE']));
      expect(inv.tableGrants.find((g) => g.table === 'emails' && g.grantee === 'anon')).toBeUndefined();
      expect(inv.tableGrants.find((g) => g.table === 'project_counts' && g.grantee === 'anon')).toBeUndefined();
      expect(inv.tableGrants.find((g) => g.table === 'project_counts' && g.grantee === 'authenticated')?.relationKind).toBe('materialized_view');
      expect(inv.tableGrants.find((g) => g.table === 'users_view' && g.grantee === 'anon')?.relationKind).toBe('view');
      expect(inv.tableGrants.some((g) => g.grantee === 'service_role')).toBe(false);
      expect(inv.columnGrants).toEqual([{ schema: 'public', table: 'emails', column: 'email', grantee: 'anon', privileges: ['SELECT'] }]);
    });

    it('triggers: function, timing, events, level, enabled', () => {
      expect(inv.triggers).toEqual([{
        schema: 'public', table: 'projects', name: 'projects_touch', functionSchema: 'app', functionName: 'touch',
        timing: 'BEFORE', events: ['INSERT', 'UPDATE'], level: 'ROW', enabled: true,
      }]);
    });

    it('storage buckets', () => {
      expect(inv.buckets).toEqual([
        { id: 'avatars', name: 'avatars', public: true, fileSizeLimit: 1048576, allowedMimeTypes: ['image/png', 'image/jpeg'] },
        { id: 'private', name: 'private', public: false, fileSizeLimit: null, allowedMimeTypes: null },
      ]);
    });

    it('roles: the Supabase roles with their attributes', () => {
      expect(byName(inv.roles, 'service_role')).toEqual({ name: 'service_role', superuser: false, bypassRls: true, canLogin: false });
      expect(byName(inv.roles, 'supabase_admin')).toMatchObject({ superuser: true });
      expect(inv.roles.some((r) => r.name.startsWith('pg_'))).toBe(false);
    });

    it('leaves the session as it found it (timeouts were SET LOCAL)', async () => {
      const { rows } = await db.query<{ t: string; ro: string }>(`select current_setting('statement_timeout') as t, current_setting('transaction_read_only') as ro`);
      expect(rows[0]).toEqual({ t: '0', ro: 'off' });
    });

    it('uses the same number of queries whatever the schema size', async () => {
      let queries = 0;
      const counting: Db = {
        kind: db.kind,
        description: db.description,
        query: (sql, params) => { queries += 1; return db.query(sql, params); },
        exec: (sql) => { queries += 1; return db.exec(sql); },
        transaction: (fn) => db.transaction(() => fn(counting)),
        close: () => db.close(),
      };
      await introspect(counting);
      const before = queries;
      await db.exec(Array.from({ length: 40 }, (_, i) => `create table public.bulk_${i} (id int primary key, tenant_id uuid);
        create policy p on public.bulk_${i} using (true); create view public.bulk_v${i} as select * from public.bulk_${i};`).join('\n'));
      queries = 0;
      const bigger = await introspect(counting);
      expect(bigger.tables.length).toBeGreaterThan(inv.tables.length + 39);
      expect(queries).toBe(before);
      expect(queries).toBeLessThanOrEqual(3);
    });
  });
}

introspectionSuite('introspection on the test database', async () => {
  const t = await createTestDatabase('introspect', { extensions: ['pgcrypto'] });
  return { db: t.db, close: () => t.drop() };
});

introspectionSuite('introspection on PGlite', async () => {
  const db = await openEmbedded({ extensions: ['pgcrypto'] });
  return { db, close: () => db.close() };
});

describe('inventoryOf() fixture helper', () => {
  it('returns the inventory of baseline + SQL in a database of its own', async () => {
    const inv = await inventoryOf('create table public.fixture_probe (id int primary key); alter table public.fixture_probe enable row level security;');
    expect(inv.source).toBe('test fixture');
    expect(inv.tables.find((t) => t.name === 'fixture_probe')).toMatchObject({ schema: 'public', rlsEnabled: true, primaryKey: ['id'] });
    expect(inv.tables.some((t) => t.schema === 'auth' && t.name === 'users')).toBe(true);
  });
});
