import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATES } from '../../../packages/core/src/index.js';
import { run } from '../src/main.js';
import { removeRun, runInProcess } from '../../../packages/github/test/helpers/action-env.js';
import { databaseWithViolations, everythingPrinted, PASSWORD, withPassword } from '../../../packages/github/test/helpers/gate-fixtures.js';
import { hasServer, type TestDatabase } from '../../../packages/core/test/helpers/database.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('function-security action, in process', () => {
  it('checks the example project migrations and annotates the migration lines', async () => {
    const result = await runInProcess(run, { inputs: { 'working-directory': 'examples/saas', 'fail-on': 'never' }, env: { GITHUB_WORKSPACE: repoRoot } });
    try {
      // fail-on: never reports without failing the step.
      expect(result.result.status).toBe('passed');
      expect(result.exitCode).toBe(0);
      expect(Number(result.outputs.errors)).toBeGreaterThan(0);
      const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
      expect(report.command).toBe('function-security');
      expect(report.findings.length).toBeGreaterThan(0);
      expect(report.findings.every((f: { rule: string }) => (GATES['function-security'] as readonly string[]).includes(f.rule))).toBe(true);
      const annotated = result.annotations.filter((a) => a.properties.file);
      expect(annotated.length).toBeGreaterThan(0);
      expect(annotated[0].properties.file).toMatch(/^examples\/saas\/supabase\/migrations\//);
      expect(result.summary).toContain('## ⚠️ Function security passes (fail-on: never)');
    } finally {
      removeRun(result);
    }
  }, 240_000);
});

describe.runIf(hasServer())('function-security action against a real database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await databaseWithViolations('action_function_security');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('finds the violation, proposes the fix, fails the step, never prints the password', async () => {
    const result = await runInProcess(run, { inputs: { 'database-url': withPassword(database.url!), sarif: 'true' } });
    try {
      expect(result.result.status).toBe('failed');
      expect(result.exitCode).toBe(1);
      const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
      expect(report.findings.map((f: { rule: string; object: { name: string } }) => `${f.rule}:${f.object.name}`)).toContain('security-definer-search-path:definer_without_path');
      expect(readFileSync(result.outputs['remediation-path'], 'utf8')).toContain('ALTER FUNCTION');
      expect(JSON.parse(readFileSync(result.outputs['sarif-path'], 'utf8')).version).toBe('2.1.0');
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
    }
  });
});
