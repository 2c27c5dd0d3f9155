-- Acme Projects: a multi-tenant project tracker (organizations → projects → tasks, invoices, files).
-- Tenancy model (constitution §5.1): every tenant-scoped table carries tenant_id uuid NOT NULL, and
-- a custom access token hook puts the caller's organization id in the JWT as the top-level claim
-- "tenant_id". Policies compare the two: tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid.

create extension if not exists pg_trgm with schema extensions;

-- deliberate violation: extension-in-public (§2.3). citext belongs in the extensions schema.
create extension if not exists citext with schema public;

-- Server-side objects (audit log, policy helpers) live outside the schemas the Data API exposes,
-- so none of them is an RPC endpoint. authenticated needs USAGE to call the policy helpers.
create schema if not exists private;
revoke all on schema private from public;
grant usage on schema private to authenticated, service_role;
