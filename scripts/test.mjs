#!/usr/bin/env node
// Runs the test suite. Tests talk to a real PostgreSQL server (PK_TEST_DATABASE_URL, default
// postgres://root@127.0.0.1:5432/postgres). When none answers, the suite falls back to the
// embedded database (PGlite) and says so; with PK_REQUIRE_SERVER=1 (CI) that fallback is refused.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const result = spawnSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', ...args], {
  stdio: 'inherit',
  env: process.env,
});
process.exit(result.status ?? 1);
