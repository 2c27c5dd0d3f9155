import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from './helpers.js';

/** Three deliberate violations, one per gate, each on a known line. */
export const VIOLATIONS_SQL = [
  'create extension if not exists citext schema public;',
  'create table public.notes (id uuid primary key default gen_random_uuid(), body text);',
  'create function public.touch() returns void language sql security definer as $$ select 1 $$;',
  '',
].join('\n');

export const VIOLATION_FILE = 'supabase/migrations/20240101000000_init.sql';

/** A project folder with supabase/migrations holding the violations; returns its path. */
export function projectWithViolations(label: string): string {
  const root = tempDir(label);
  mkdirSync(path.join(root, 'supabase/migrations'), { recursive: true });
  writeFileSync(path.join(root, VIOLATION_FILE), VIOLATIONS_SQL);
  return root;
}
