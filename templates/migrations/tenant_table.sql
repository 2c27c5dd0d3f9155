-- Template: a tenant-scoped table that passes Platform Kit's gates as written.
-- Copy to supabase/migrations/<timestamp>_create_<table>.sql and replace `widgets`.
--   §5.1 tenant_id uuid NOT NULL, RLS filtered by the JWT tenant claim
--   §5.2 explicit foreign keys with ON DELETE and a covering index
--   §5.3 audit columns (timestamptz NOT NULL with defaults)
--   §1.4 idempotent: every statement can run twice

SET lock_timeout = '5s';

CREATE TABLE IF NOT EXISTS public.widgets (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  tenant_id uuid NOT NULL,
  owner_id uuid NOT NULL REFERENCES auth.users (id) ON DELETE CASCADE,
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS widgets_tenant_id_idx ON public.widgets (tenant_id);
CREATE INDEX IF NOT EXISTS widgets_owner_id_idx ON public.widgets (owner_id);

ALTER TABLE public.widgets ENABLE ROW LEVEL SECURITY;

DROP POLICY IF EXISTS widgets_tenant_read ON public.widgets;
CREATE POLICY widgets_tenant_read ON public.widgets
  FOR SELECT TO authenticated
  USING (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);

DROP POLICY IF EXISTS widgets_tenant_write ON public.widgets;
CREATE POLICY widgets_tenant_write ON public.widgets
  FOR INSERT TO authenticated
  WITH CHECK (tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid);
