import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replayMigrations, type ReplayResult } from '../../src/replay/replay.js';
import { PlatformKitError } from '../../src/errors.js';
import { introspect } from '../../src/inventory/introspect.js';
import { locateInventory } from '../../src/replay/locate.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');
const project = path.join(fixtures, 'project');
const INIT = 'migrations/20240101000000_init.sql';
const SECURITY = 'migrations/20240102000000_security.sql';
const CHANGES = 'migrations/20240103000000_changes.sql';
const REMOTE = 'migrations/20240104000000_remote_schema.sql';

async function replayError(dir: string): Promise<PlatformKitError> {
  try {
    await replayMigrations(dir, { root: fixtures });
  } catch (error) {
    return error as PlatformKitError;
  }
  throw new Error('expected the replay to fail');
}

describe('migrations replay', () => {
  let result: ReplayResult;
  beforeAll(async () => {
    result = await replayMigrations(path.join(project, 'migrations'), { root: project, keepOpen: true });
  });
  afterAll(async () => result?.db?.close());

  it('applies the migration files in filename order and names the files it ignored', () => {
    expect(result.files).toEqual([INIT, SECURITY, CHANGES, REMOTE]);
    expect(result.notices[0].message).toContain('ignored 2 file(s) in migrations');
    expect(result.notices[0].message).toContain('README.md, init.sql');
    expect(result.inventory.source).toBe('embedded replay of migrations');
  });

  it('skips unsupported extensions with a notice naming file and line, and what depended on them', () => {
    const located = result.notices.filter((n) => n.location).map((n) => [n.location!.file, n.location!.line, n.message]);
    expect(located).toEqual([
      [INIT, 3, expect.stringContaining('extension "pg_net" is not available')],
      [INIT, 4, expect.stringContaining('extension "vector" is not available')],
      [INIT, 12, expect.stringContaining('column(s) "embedding" left out')],
      [SECURITY, 17, expect.stringContaining('needs extension "pg_net"')],
      [REMOTE, 10, expect.stringContaining('extension "pg_cron" is not available')],
      [REMOTE, 11, expect.stringContaining('extension "pgsodium" is not available')],
      [REMOTE, 13, expect.stringContaining('extension "pg_graphql" is not available')],
      [REMOTE, 15, expect.stringContaining('extension "supabase_vault" is not available')],
      [REMOTE, 29, expect.stringContaining('needs extension "pg_cron"')],
    ]);
    const projects = result.inventory.tables.find((t) => t.name === 'projects')!;
    expect(projects.columns.map((c) => c.name)).toEqual(['id', 'tenant_id', 'owner_id', 'title']);
    expect(result.inventory.schemas.map((s) => s.name)).toContain('net'); // stand-in schema
  });

  it('applies a `supabase db pull` dump (pg_dump settings, publication, quoted names) and resets the session after it', () => {
    const events = result.inventory.tables.find((t) => t.name === 'events')!;
    expect(events).toMatchObject({ rlsEnabled: true, primaryKey: ['id'], location: { file: REMOTE, line: 28 } });
    expect(result.inventory.tableGrants.some((g) => g.table === 'events' && g.grantee === 'anon')).toBe(true);
  });

  it('locates tables at the statement that created or last altered them; unqualified names are public', () => {
    const loc = (name: string) => result.inventory.tables.find((t) => t.schema === 'public' && t.name === name)?.location;
    expect(loc('tenants')).toEqual({ file: INIT, line: 7 });
    expect(loc('projects')).toEqual({ file: SECURITY, line: 24 }); // the last ALTER TABLE
    expect(loc('renamed')).toEqual({ file: CHANGES, line: 1 });
    expect(result.inventory.tables.find((t) => t.name === 'users')?.location).toBeUndefined(); // baseline objects have none
  });

  it('locates columns at their own definition, and tables also at the statement that created them', () => {
    const projects = result.inventory.tables.find((t) => t.schema === 'public' && t.name === 'projects')!;
    const col = (name: string) => projects.columns.find((c) => c.name === name)?.location;
    expect(projects.location).toEqual({ file: SECURITY, line: 24 }); // the last ALTER TABLE (a foreign key)
    expect(projects.createdLocation).toEqual({ file: INIT, line: 12 });
    expect(col('tenant_id')).toEqual({ file: INIT, line: 14 });
    expect(col('title')).toEqual({ file: INIT, line: 17 });
    expect(result.inventory.tables.find((t) => t.name === 'renamed')).toMatchObject({
      location: { file: CHANGES, line: 1 },
      createdLocation: { file: INIT, line: 20 },
      columns: [{ name: 'id', location: { file: INIT, line: 20 } }],
    });
    const users = result.inventory.tables.find((t) => t.schema === 'auth' && t.name === 'users')!;
    expect(users.createdLocation).toBeUndefined();
    expect(users.columns.every((c) => c.location === undefined)).toBe(true);
  });

  it('locates policies, indexes, functions, triggers, views, extensions and buckets', () => {
    const inv = result.inventory;
    expect(inv.policies.find((p) => p.name === 'tenant read')).toMatchObject({ roles: ['anon', 'authenticated'], location: { file: CHANGES, line: 2 } });
    expect(inv.indexes.find((i) => i.name === 'projects_tenant_idx')?.location).toEqual({ file: SECURITY, line: 9 });
    expect(inv.indexes.find((i) => i.name === 'projects_title_idx')?.location).toEqual({ file: CHANGES, line: 6 });
    // a constraint's index is located at the constraint (here the primary key column of CREATE TABLE)
    expect(inv.indexes.find((i) => i.name === 'projects_pkey')?.location).toEqual({ file: INIT, line: 13 });
    expect(inv.functions.find((f) => f.name === 'touch')).toMatchObject({ schema: 'app', comment: 'keeps updated_at fresh', location: { file: CHANGES, line: 5 } });
    expect(inv.triggers.find((t) => t.name === 'projects_touch')).toMatchObject({ functionSchema: 'app', location: { file: SECURITY, line: 14 } });
    expect(inv.views.find((v) => v.name === 'project_titles')?.location).toEqual({ file: SECURITY, line: 27 });
    expect(inv.views.find((v) => v.name === 'project_counts')?.location).toEqual({ file: SECURITY, line: 28 });
    expect(inv.extensions.find((e) => e.name === 'citext')).toMatchObject({ schema: 'public', location: { file: INIT, line: 5 } });
    expect(inv.extensions.find((e) => e.name === 'uuid-ossp')).toMatchObject({ schema: 'extensions', location: { file: INIT, line: 2 } });
    expect(inv.buckets.map((b) => [b.id, b.public, b.location])).toEqual([
      ['avatars', true, { file: SECURITY, line: 21 }],
      ['documents', false, { file: SECURITY, line: 22 }],
    ]);
  });

  it('locates foreign keys at their constraint and tells whether ON DELETE was written out', () => {
    const fk = (name: string) => result.inventory.foreignKeys.find((f) => f.name === name);
    expect(fk('projects_tenant_id_fkey')).toMatchObject({ onDelete: 'NO ACTION', onDeleteExplicit: false, location: { file: INIT, line: 14 } });
    expect(fk('projects_owner_id_fkey')).toMatchObject({ onDelete: 'CASCADE', onDeleteExplicit: true, location: { file: INIT, line: 15 } });
    expect(fk('projects_tenant_again_fkey')).toMatchObject({ onDelete: 'NO ACTION', onDeleteExplicit: true, location: { file: SECURITY, line: 25 } });
  });

  it('keeps the database open on request, for applying more SQL and scanning again', async () => {
    const db = result.db!;
    await db.exec('alter table public.tenants enable row level security');
    const again = locateInventory(await introspect(db), result.provenance);
    expect(again.tables.find((t) => t.name === 'tenants')).toMatchObject({ rlsEnabled: true, location: { file: INIT, line: 7 } });
    expect(result.inventory.tables.find((t) => t.name === 'tenants')?.rlsEnabled).toBe(false);
  });
});

describe('migrations replay: bad input', () => {
  it('a failing migration names the file, the line and PostgreSQL message (exit 2)', async () => {
    const error = await replayError(path.join(fixtures, 'failing'));
    expect(error).toBeInstanceOf(PlatformKitError);
    expect(error.kind).toBe('input');
    expect(error.exitCode).toBe(2);
    expect(error.position).toEqual({ file: 'failing/20240102000000_broken.sql', line: 4 });
    expect(error.message).toContain('failing/20240102000000_broken.sql');
    expect(error.message).toContain('relation "missing_table" does not exist');
  });

  it('a syntax error names the file and line before anything runs', async () => {
    const error = await replayError(path.join(fixtures, 'syntax'));
    expect(error.kind).toBe('input');
    expect(error.position).toMatchObject({ file: 'syntax/20240101000000_typo.sql', line: 2 });
    expect(error.message).toContain('syntax error');
  });

  it('a non-UTF-8 migration is an input error at the line of its first invalid byte, not replayed as U+FFFD', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pk-replay-'));
    try {
      writeFileSync(path.join(dir, '20240101000000_latin1.sql'), Buffer.from("CREATE TABLE a (id int);\nCOMMENT ON TABLE a IS 'caf\xe9';\n", 'latin1'));
      const error = await replayError(dir);
      expect(error.kind).toBe('input');
      expect(error.exitCode).toBe(2);
      expect(error.position).toEqual({ file: path.relative(fixtures, dir).split(path.sep).join('/') + '/20240101000000_latin1.sql', line: 2 });
      expect(error.message).toContain('is not valid UTF-8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a UTF-8 byte-order mark is dropped, as migration-lint drops it, not a syntax error', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pk-replay-'));
    try {
      writeFileSync(path.join(dir, '20240101000000_bom.sql'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('CREATE TABLE a (id int);\n')]));
      const result = await replayMigrations(dir, { root: dir });
      expect(result.inventory.tables.find((t) => t.name === 'a')?.location).toMatchObject({ file: '20240101000000_bom.sql', line: 1 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing migrations directory is named', async () => {
    const error = await replayError(path.join(fixtures, 'no-such-dir'));
    expect(error.kind).toBe('input');
    expect(error.message).toContain('migrations directory not found');
    expect(error.message).toContain('no-such-dir');
  });
});
