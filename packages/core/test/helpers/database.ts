import { inject } from 'vitest';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db } from '../../src/db/port.js';
import { connectServer } from '../../src/db/server.js';
import { openEmbedded } from '../../src/db/embedded.js';

/**
 * A database of the test file's own. On the server: a fresh database (roles are cluster-wide, so
 * role-creating SQL must be idempotent and race-safe); embedded: a fresh PGlite. Always `drop()` it
 * in afterAll.
 */
export interface TestDatabase {
  db: Db;
  /** The connection URL (server mode only): for code under test that connects by itself. */
  url?: string;
  mode: 'server' | 'embedded';
  drop(): Promise<void>;
}

export function testMode(): 'server' | 'embedded' {
  return inject('testDatabase').mode;
}

/** True when the suite runs against a real server; use with describe.runIf for server-only behaviour. */
export const hasServer = (): boolean => testMode() === 'server';

export function adminUrl(): string {
  const provided = inject('testDatabase');
  if (provided.mode !== 'server') throw new Error('no server in embedded test mode');
  return provided.adminUrl;
}

export function databaseUrl(name: string): string {
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createTestDatabase(label: string, options: { extensions?: string[] } = {}): Promise<TestDatabase> {
  if (testMode() === 'embedded') {
    const db = await openEmbedded({ extensions: options.extensions });
    return { db, mode: 'embedded', drop: () => db.close() };
  }
  const name = `pk_test_${label.replace(/[^a-z0-9]+/gi, '_').toLowerCase().slice(0, 30)}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = databaseUrl(name);
  const db = await connectServer(url);
  return {
    db,
    url,
    mode: 'server',
    drop: async () => {
      await db.close();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

/** Runs one statement on the admin connection (CREATE/DROP DATABASE, cluster-wide roles). */
export async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
