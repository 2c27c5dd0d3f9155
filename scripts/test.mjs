#!/usr/bin/env node
// Runs the test suite. Tests talk to a real PostgreSQL server (PK_TEST_DATABASE_URL, default
// postgres://root@127.0.0.1:5432/postgres). When none answers, the suite falls back to the
// embedded database (PGlite) and says so; with PK_REQUIRE_SERVER=1 (CI) that fallback is refused.
// After the run it prints one plain closing line, "tests: N passed, N failed, N skipped", that any
// CI can read without knowing vitest's own summary.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const dir = mkdtempSync(path.join(tmpdir(), 'pk-test-'));
const resultsFile = path.join(dir, 'results.json');
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${resultsFile}`, ...args],
  { stdio: 'inherit', env: process.env },
);
if (existsSync(resultsFile)) {
  const summary = JSON.parse(readFileSync(resultsFile, 'utf8'));
  const skipped = (summary.numPendingTests ?? 0) + (summary.numTodoTests ?? 0);
  console.log(`\ntests: ${summary.numPassedTests} passed, ${summary.numFailedTests} failed, ${skipped} skipped`);
}
rmSync(dir, { recursive: true, force: true });
process.exit(result.status ?? 1);
