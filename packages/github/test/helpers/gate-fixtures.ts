import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { applySupabaseBaseline } from '@platform-kit/core';
import { createTestDatabase, type TestDatabase } from '../../../core/test/helpers/database.js';

/** A password the tests put in every connection string and then search every output for. */
export const PASSWORD = 'Pw-9f3c1b7e-secret';

/** The URL with a user and the password set (the server trusts 127.0.0.1, so the password is only a secret to leak). */
export function withPassword(url: string, user = 'root'): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = PASSWORD;
  return parsed.toString();
}

/**
 * One violation per gate on a real database: a table without RLS in public (rls-coverage), a
 * SECURITY DEFINER function without search_path (function-security), citext in public
 * (extensions-schema).
 */
export const VIOLATIONS_SQL = `
create table if not exists public.open_notes (id bigint primary key, body text);
grant select on public.open_notes to anon, authenticated;
create or replace function public.definer_without_path() returns integer
  language sql security definer as $$ select 1 $$;
create extension if not exists citext schema public;
`;

export async function databaseWithViolations(label: string): Promise<TestDatabase> {
  const database = await createTestDatabase(label);
  await applySupabaseBaseline(database.db);
  await database.db.exec(VIOLATIONS_SQL);
  return database;
}

/** A project folder whose only migration does not parse. */
export function projectWithBadSql(): { root: string; file: string } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pk-bad-sql-'));
  const dir = path.join(root, 'supabase', 'migrations');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, '20240101000000_broken.sql');
  writeFileSync(file, 'create table public.ok (id int primary key);\n\ncreate tabel public.broken (id int);\n');
  return { root, file };
}

/** A project with clean migrations: no finding for any gate. */
export function cleanProject(): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'pk-clean-'));
  const dir = path.join(root, 'supabase', 'migrations');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, '20240101000000_init.sql'),
    [
      'create table public.notes (id bigint primary key, body text);',
      'alter table public.notes enable row level security;',
      "create policy notes_owner on public.notes for select to authenticated using ((select auth.uid()) is not null);",
      '',
    ].join('\n'),
  );
  return root;
}

/** A TCP server on 127.0.0.1 that accepts connections and never answers: a database that times out. */
export async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Every text the run left behind, except the `::add-mask::` commands that hand secrets to the runner. */
export function everythingPrinted(run: { stdout: string; summary: string; tempFilesText: string; outputs: Record<string, string> }): string {
  const stdout = run.stdout
    .split('\n')
    .filter((line) => !line.startsWith('::add-mask::'))
    .join('\n');
  return [stdout, run.summary, run.tempFilesText, JSON.stringify(run.outputs)].join('\n');
}
