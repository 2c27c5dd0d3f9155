import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';
import { openEmbedded } from '../../src/db/embedded.js';
import type { Db } from '../../src/db/port.js';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';

const CLAIMS = JSON.stringify({ sub: '9b0e4b1e-8e55-4d55-9c1f-6b8e1c1f2a11', role: 'authenticated', email: 'a@example.com', tenant_id: 't1' });

/** The same expectations on both engines. */
function baselineSuite(name: string, open: () => Promise<{ db: Db; close: () => Promise<void> }>) {
  describe(name, () => {
    let db: Db;
    let close: () => Promise<void>;
    beforeAll(async () => {
      ({ db, close } = await open());
      await applySupabaseBaseline(db);
      await applySupabaseBaseline(db); // twice: idempotent
    });
    afterAll(async () => close?.());

    it('creates the Supabase roles with their attributes', async () => {
      const { rows } = await db.query<{ rolname: string; rolbypassrls: boolean; rolcanlogin: boolean }>(
        `select rolname, rolbypassrls, rolcanlogin from pg_roles
          where rolname in ('anon','authenticated','service_role','authenticator','supabase_admin',
                            'supabase_auth_admin','supabase_storage_admin','dashboard_user') order by rolname`,
      );
      expect(rows.map((r) => r.rolname)).toEqual([
        'anon', 'authenticated', 'authenticator', 'dashboard_user', 'service_role',
        'supabase_admin', 'supabase_auth_admin', 'supabase_storage_admin',
      ]);
      const byName = Object.fromEntries(rows.map((r) => [r.rolname, r]));
      expect(byName.service_role.rolbypassrls).toBe(true);
      expect(byName.anon.rolbypassrls).toBe(false);
      expect(byName.anon.rolcanlogin).toBe(false);
      expect(byName.authenticator.rolcanlogin).toBe(true);
      const member = await db.query<{ ok: boolean }>(`select pg_has_role('authenticator', 'anon', 'MEMBER') as ok`);
      expect(member.rows[0].ok).toBe(true);
    });

    it('creates the Supabase schemas', async () => {
      const { rows } = await db.query<{ nspname: string }>(
        `select nspname from pg_namespace where nspname in ('auth','storage','extensions','graphql_public','realtime','vault') order by 1`,
      );
      expect(rows.map((r) => r.nspname)).toEqual(['auth', 'extensions', 'graphql_public', 'realtime', 'storage', 'vault']);
    });

    it('auth.uid(), auth.role(), auth.email() and auth.jwt() read request.jwt.claims', async () => {
      const { rows } = await db.query<{ uid: string; role: string; email: string; tenant: string }>(
        `select set_config('request.jwt.claims', $1, false) is not null as set,
                auth.uid()::text as uid, auth.role() as role, auth.email() as email, auth.jwt() ->> 'tenant_id' as tenant`,
        [CLAIMS],
      );
      expect(rows[0]).toMatchObject({ uid: '9b0e4b1e-8e55-4d55-9c1f-6b8e1c1f2a11', role: 'authenticated', email: 'a@example.com', tenant: 't1' });
      await db.query(`select set_config('request.jwt.claims', '', false)`);
      const none = await db.query<{ uid: string | null }>(`select auth.uid() as uid`);
      expect(none.rows[0].uid).toBeNull();
    });

    it('has auth.users and storage tables with RLS on storage.objects', async () => {
      const { rows } = await db.query<{ rel: string; rls: boolean }>(
        `select c.oid::regclass::text as rel, c.relrowsecurity as rls from pg_class c
          where c.oid in ('auth.users'::regclass, 'storage.buckets'::regclass, 'storage.objects'::regclass) order by 1`,
      );
      expect(rows).toEqual([
        { rel: 'auth.users', rls: true },
        { rel: 'storage.buckets', rls: true },
        { rel: 'storage.objects', rls: true },
      ]);
      await db.exec(`insert into storage.buckets (id, name, public, file_size_limit, allowed_mime_types)
                     values ('avatars', 'avatars', true, 1048576, array['image/png']) on conflict do nothing`);
      const cols = await db.query<{ n: number }>(
        `select count(*)::int as n from information_schema.columns
          where table_schema = 'auth' and table_name = 'users' and column_name in ('id','email','raw_user_meta_data','raw_app_meta_data','created_at')`,
      );
      expect(cols.rows[0].n).toBe(5);
    });

    it('grants new public tables and functions to the API roles (default privileges)', async () => {
      await db.exec(`create table if not exists public.baseline_probe (id int primary key);
                     create or replace function public.baseline_probe_fn() returns int language sql as 'select 1';`);
      const { rows } = await db.query<{ anon_select: boolean; auth_insert: boolean; anon_exec: boolean; anon_users: boolean }>(
        `select has_table_privilege('anon', 'public.baseline_probe', 'SELECT') as anon_select,
                has_table_privilege('authenticated', 'public.baseline_probe', 'INSERT') as auth_insert,
                has_function_privilege('anon', 'public.baseline_probe_fn()', 'EXECUTE') as anon_exec,
                has_table_privilege('anon', 'auth.users', 'SELECT') as anon_users`,
      );
      expect(rows[0]).toEqual({ anon_select: true, auth_insert: true, anon_exec: true, anon_users: false });
    });
  });
}

baselineSuite('Supabase baseline on the test database', async () => {
  const t: TestDatabase = await createTestDatabase('baseline');
  return { db: t.db, close: () => t.drop() };
});

baselineSuite('Supabase baseline on PGlite', async () => {
  const db = await openEmbedded();
  return { db, close: () => db.close() };
});

describe.runIf(hasServer())('Supabase baseline applied concurrently on one server', () => {
  it('succeeds in several databases at once (cluster-wide roles are race-safe)', async () => {
    const dbs = await Promise.all([1, 2, 3].map((i) => createTestDatabase(`baseline_race_${i}`)));
    try {
      await Promise.all(dbs.map((t) => applySupabaseBaseline(t.db)));
      await Promise.all(dbs.map((t) => applySupabaseBaseline(t.db)));
      for (const t of dbs) {
        const { rows } = await t.db.query<{ n: number }>(`select count(*)::int as n from pg_namespace where nspname in ('auth','storage')`);
        expect(rows[0].n).toBe(2);
      }
    } finally {
      await Promise.all(dbs.map((t) => t.drop()));
    }
  });
});
