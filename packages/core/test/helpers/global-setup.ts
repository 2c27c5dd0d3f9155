import pg from 'pg';
import type { TestProject } from 'vitest/node';

/**
 * Decides once per run where the tests' databases live. A real PostgreSQL server is the default
 * (PK_TEST_DATABASE_URL, else the local one). When none answers the suite falls back to the embedded
 * PGlite and warns; CI sets PK_REQUIRE_SERVER=1, which turns that fallback into a failure.
 */
export const DEFAULT_TEST_URL = 'postgres://root@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { mode: 'server'; adminUrl: string } | { mode: 'embedded' };
  }
}

export default async function setup(project: TestProject): Promise<void> {
  const adminUrl = process.env.PK_TEST_DATABASE_URL ?? DEFAULT_TEST_URL;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    await client.end();
    project.provide('testDatabase', { mode: 'server', adminUrl });
  } catch (error) {
    await client.end().catch(() => undefined);
    const why = (error as Error).message;
    if (process.env.PK_REQUIRE_SERVER === '1') {
      throw new Error(`PK_REQUIRE_SERVER=1 but no PostgreSQL server answered (${why}); refusing the embedded fallback`);
    }
    console.warn(`\n[platform-kit tests] no PostgreSQL server answered (${why}): falling back to the embedded database.\n`);
    project.provide('testDatabase', { mode: 'embedded' });
  }
}
