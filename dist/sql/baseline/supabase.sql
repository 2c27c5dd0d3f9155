-- Supabase baseline: what a fresh Supabase project has before its first migration, for a plain
-- PostgreSQL (15+) or the embedded PGlite (18). Used by the embedded scan (the migrations replay)
-- and by the tests.
--
-- Rules for this file:
--   * Idempotent: it runs twice with the same result (IF NOT EXISTS, CREATE OR REPLACE, GRANT).
--   * Race-safe: roles and role memberships are cluster-wide, and several test databases on one
--     server apply this file at the same moment. Every CREATE ROLE / GRANT role runs in a DO block
--     that checks first and tolerates losing the race (duplicate_object, unique_violation).
--   * No ALTER ROLE on an existing role: two concurrent ALTERs of one pg_authid row fail with
--     "tuple concurrently updated".
--   * No extensions: which contrib modules exist depends on the host; the replay installs the
--     ones a Supabase project has (pgcrypto, uuid-ossp in schema extensions) when it can.

-- ---------------------------------------------------------------------------------------------
-- Roles (Supabase's own, with their attributes; no passwords: nothing here logs in over a network)
-- supabase_admin is a superuser in Supabase; here it cannot log in, so a shared test server does
-- not gain a password-less superuser login.
-- ---------------------------------------------------------------------------------------------
DO $baseline$
DECLARE
  spec record;
BEGIN
  FOR spec IN
    SELECT * FROM (VALUES
      ('anon',                   'NOLOGIN NOINHERIT'),
      ('authenticated',          'NOLOGIN NOINHERIT'),
      ('service_role',           'NOLOGIN NOINHERIT BYPASSRLS'),
      ('authenticator',          'LOGIN NOINHERIT'),
      ('supabase_admin',         'NOLOGIN SUPERUSER CREATEDB CREATEROLE REPLICATION BYPASSRLS'),
      ('supabase_auth_admin',    'LOGIN NOINHERIT CREATEROLE'),
      ('supabase_storage_admin', 'LOGIN NOINHERIT CREATEROLE'),
      ('supabase_realtime_admin','NOLOGIN NOINHERIT'),
      ('dashboard_user',         'NOLOGIN CREATEDB CREATEROLE REPLICATION'),
      ('pgsodium_keyholder',     'NOLOGIN NOINHERIT')
    ) AS roles(name, attributes)
  LOOP
    IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = spec.name) THEN
      BEGIN
        EXECUTE format('CREATE ROLE %I %s', spec.name, spec.attributes);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
          NULL; -- another session created it between our check and our CREATE
      END;
    END IF;
  END LOOP;
END
$baseline$;

-- Memberships: PostgREST's login role switches to the API roles.
DO $baseline$
DECLARE
  member_of text;
BEGIN
  FOREACH member_of IN ARRAY ARRAY['anon', 'authenticated', 'service_role'] LOOP
    IF NOT pg_catalog.pg_has_role('authenticator', member_of, 'MEMBER') THEN
      BEGIN
        EXECUTE format('GRANT %I TO authenticator', member_of);
      EXCEPTION
        WHEN duplicate_object OR unique_violation THEN
          NULL;
        WHEN internal_error THEN
          NULL; -- "tuple concurrently updated": a concurrent session granted the same membership
      END;
    END IF;
  END LOOP;
END
$baseline$;

-- ---------------------------------------------------------------------------------------------
-- Schemas
-- ---------------------------------------------------------------------------------------------
CREATE SCHEMA IF NOT EXISTS auth;
CREATE SCHEMA IF NOT EXISTS storage;
CREATE SCHEMA IF NOT EXISTS extensions;
CREATE SCHEMA IF NOT EXISTS graphql_public;
CREATE SCHEMA IF NOT EXISTS realtime;
CREATE SCHEMA IF NOT EXISTS vault;

ALTER SCHEMA auth OWNER TO supabase_admin;
ALTER SCHEMA storage OWNER TO supabase_admin;
ALTER SCHEMA graphql_public OWNER TO supabase_admin;
ALTER SCHEMA realtime OWNER TO supabase_admin;
ALTER SCHEMA vault OWNER TO supabase_admin;
-- extensions stays with the current user (postgres in Supabase): migrations create extensions there.

GRANT USAGE ON SCHEMA public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA extensions TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA graphql_public TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
GRANT USAGE ON SCHEMA storage TO anon, authenticated, service_role;
GRANT ALL ON SCHEMA auth TO supabase_auth_admin;
GRANT ALL ON SCHEMA storage TO supabase_storage_admin;

-- ---------------------------------------------------------------------------------------------
-- auth: the users table GoTrue owns, and the helpers policies call
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS auth.users (
  instance_id uuid,
  id uuid NOT NULL PRIMARY KEY,
  aud character varying(255),
  role character varying(255),
  email character varying(255),
  encrypted_password character varying(255),
  email_confirmed_at timestamp with time zone,
  invited_at timestamp with time zone,
  confirmation_token character varying(255),
  confirmation_sent_at timestamp with time zone,
  recovery_token character varying(255),
  recovery_sent_at timestamp with time zone,
  email_change character varying(255),
  email_change_sent_at timestamp with time zone,
  last_sign_in_at timestamp with time zone,
  raw_app_meta_data jsonb,
  raw_user_meta_data jsonb,
  is_super_admin boolean,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  phone text UNIQUE DEFAULT NULL,
  phone_confirmed_at timestamp with time zone,
  banned_until timestamp with time zone,
  deleted_at timestamp with time zone,
  is_sso_user boolean NOT NULL DEFAULT false,
  is_anonymous boolean NOT NULL DEFAULT false
);
CREATE INDEX IF NOT EXISTS users_instance_id_idx ON auth.users (instance_id);
CREATE UNIQUE INDEX IF NOT EXISTS users_email_partial_key ON auth.users (email) WHERE is_sso_user = false;
ALTER TABLE auth.users OWNER TO supabase_auth_admin;
ALTER TABLE auth.users ENABLE ROW LEVEL SECURITY;
GRANT ALL ON TABLE auth.users TO supabase_auth_admin, dashboard_user;

-- The JWT helpers read the claims PostgREST puts in request.jwt.claims (and the older
-- request.jwt.claim.* settings), exactly as Supabase defines them.
CREATE OR REPLACE FUNCTION auth.uid() RETURNS uuid
LANGUAGE sql STABLE
AS $function$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.sub', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub')
    )::uuid
$function$;

CREATE OR REPLACE FUNCTION auth.role() RETURNS text
LANGUAGE sql STABLE
AS $function$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.role', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role')
    )::text
$function$;

CREATE OR REPLACE FUNCTION auth.email() RETURNS text
LANGUAGE sql STABLE
AS $function$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim.email', true), ''),
      (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'email')
    )::text
$function$;

CREATE OR REPLACE FUNCTION auth.jwt() RETURNS jsonb
LANGUAGE sql STABLE
AS $function$
  select
    coalesce(
      nullif(current_setting('request.jwt.claim', true), ''),
      nullif(current_setting('request.jwt.claims', true), '')
    )::jsonb
$function$;

ALTER FUNCTION auth.uid() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.role() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.email() OWNER TO supabase_auth_admin;
ALTER FUNCTION auth.jwt() OWNER TO supabase_auth_admin;
GRANT EXECUTE ON FUNCTION auth.uid(), auth.role(), auth.email(), auth.jwt() TO anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- storage: buckets and objects, RLS on as in Supabase (no policies: a project adds its own)
-- ---------------------------------------------------------------------------------------------
CREATE TABLE IF NOT EXISTS storage.buckets (
  id text NOT NULL PRIMARY KEY,
  name text NOT NULL,
  owner uuid,
  owner_id text,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  public boolean DEFAULT false,
  avif_autodetection boolean DEFAULT false,
  file_size_limit bigint,
  allowed_mime_types text[]
);
CREATE UNIQUE INDEX IF NOT EXISTS bname ON storage.buckets (name);

CREATE TABLE IF NOT EXISTS storage.objects (
  id uuid NOT NULL DEFAULT gen_random_uuid() PRIMARY KEY,
  bucket_id text,
  name text,
  owner uuid,
  owner_id text,
  created_at timestamp with time zone DEFAULT now(),
  updated_at timestamp with time zone DEFAULT now(),
  last_accessed_at timestamp with time zone DEFAULT now(),
  metadata jsonb,
  path_tokens text[] GENERATED ALWAYS AS (string_to_array(name, '/')) STORED,
  version text,
  user_metadata jsonb,
  CONSTRAINT objects_bucketId_fkey FOREIGN KEY (bucket_id) REFERENCES storage.buckets (id)
);
CREATE UNIQUE INDEX IF NOT EXISTS bucketid_objname ON storage.objects (bucket_id, name);
CREATE INDEX IF NOT EXISTS name_prefix_search ON storage.objects (name text_pattern_ops);

ALTER TABLE storage.buckets OWNER TO supabase_storage_admin;
ALTER TABLE storage.objects OWNER TO supabase_storage_admin;
ALTER TABLE storage.buckets ENABLE ROW LEVEL SECURITY;
ALTER TABLE storage.objects ENABLE ROW LEVEL SECURITY;
GRANT ALL ON TABLE storage.buckets, storage.objects TO anon, authenticated, service_role, supabase_storage_admin, dashboard_user;

-- Path helpers storage policies use: (storage.foldername(name))[1] = auth.uid()::text
CREATE OR REPLACE FUNCTION storage.foldername(name text) RETURNS text[]
LANGUAGE plpgsql IMMUTABLE
AS $function$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[1 : array_length(_parts, 1) - 1];
end
$function$;

CREATE OR REPLACE FUNCTION storage.filename(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $function$
declare
  _parts text[];
begin
  select string_to_array(name, '/') into _parts;
  return _parts[array_length(_parts, 1)];
end
$function$;

CREATE OR REPLACE FUNCTION storage.extension(name text) RETURNS text
LANGUAGE plpgsql IMMUTABLE
AS $function$
declare
  _parts text[];
  _filename text;
begin
  select string_to_array(name, '/') into _parts;
  select _parts[array_length(_parts, 1)] into _filename;
  return reverse(split_part(reverse(_filename), '.', 1));
end
$function$;

ALTER FUNCTION storage.foldername(text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.filename(text) OWNER TO supabase_storage_admin;
ALTER FUNCTION storage.extension(text) OWNER TO supabase_storage_admin;
GRANT EXECUTE ON FUNCTION storage.foldername(text), storage.filename(text), storage.extension(text)
  TO anon, authenticated, service_role;

-- ---------------------------------------------------------------------------------------------
-- Default privileges: Supabase grants everything new in public to the API roles (RLS is what
-- protects rows). Without FOR ROLE these apply to objects the current user creates, which is the
-- user the migrations run as.
-- ---------------------------------------------------------------------------------------------
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA graphql_public GRANT ALL ON TABLES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA graphql_public GRANT ALL ON SEQUENCES TO anon, authenticated, service_role;
ALTER DEFAULT PRIVILEGES IN SCHEMA graphql_public GRANT ALL ON FUNCTIONS TO anon, authenticated, service_role;

-- Realtime's publication (migrations add tables to it; `supabase db pull` dumps ALTER PUBLICATION ... OWNER).
DO $baseline$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_publication WHERE pubname = 'supabase_realtime') THEN
    CREATE PUBLICATION supabase_realtime;
  END IF;
END
$baseline$;

-- Supabase's search_path: extension functions (uuid_generate_v4, gen_random_bytes...) resolve unqualified.
DO $baseline$
BEGIN
  EXECUTE format('ALTER DATABASE %I SET search_path TO "$user", public, extensions', current_database());
END
$baseline$;
