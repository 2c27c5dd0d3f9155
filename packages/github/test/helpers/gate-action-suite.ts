import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GATES, type GateName } from '../../../core/src/index.js';
import { removeRun, runInProcess } from './action-env.js';
import { databaseWithViolations, everythingPrinted, PASSWORD, withPassword } from './gate-fixtures.js';
import { hasServer, type TestDatabase } from '../../../core/test/helpers/database.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The two suites every database gate action shares: the example project's migrations in process
 * (fail-on: never, annotations on migration lines, only the gate's rules), and a real database with
 * a known violation (fails the step, proposes the fix, SARIF, never prints the password).
 */
export function describeGateAction(spec: {
  gate: GateName;
  run: () => Promise<{ status: string }>;
  /** The summary heading the action writes when it passes at fail-on: never. */
  passingHeading: string;
  /** "rule:object" the violations database must produce. */
  expectedFinding: string;
  /** Text the remediation SQL must contain. */
  remediationContains: string;
}): void {
  describe(`${spec.gate} action, in process`, () => {
    it('checks the example project migrations and annotates the migration lines', async () => {
      const result = await runInProcess(spec.run, {
        inputs: { 'working-directory': 'examples/saas', 'fail-on': 'never' },
        env: { GITHUB_WORKSPACE: repoRoot },
      });
      try {
        // fail-on: never reports without failing the step.
        expect(result.result.status).toBe('passed');
        expect(result.exitCode).toBe(0);
        expect(Number(result.outputs.errors)).toBeGreaterThan(0);
        const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
        expect(report.command).toBe(spec.gate);
        expect(report.findings.length).toBeGreaterThan(0);
        expect(report.findings.every((f: { rule: string }) => (GATES[spec.gate] as readonly string[]).includes(f.rule))).toBe(true);
        const annotated = result.annotations.filter((a) => a.properties.file);
        expect(annotated.length).toBeGreaterThan(0);
        expect(annotated[0].properties.file).toMatch(/^examples\/saas\/supabase\/migrations\//);
        expect(result.summary).toContain(spec.passingHeading);
      } finally {
        removeRun(result);
      }
    }, 240_000);
  });

  describe.runIf(hasServer())(`${spec.gate} action against a real database`, () => {
    let database: TestDatabase;
    beforeAll(async () => {
      database = await databaseWithViolations(`action_${spec.gate.replace(/-/g, '_')}`);
    });
    afterAll(async () => {
      await database?.drop();
    });

    it('finds the violation, proposes the fix, fails the step, never prints the password', async () => {
      const result = await runInProcess(spec.run, { inputs: { 'database-url': withPassword(database.url!), sarif: 'true' } });
      try {
        expect(result.result.status).toBe('failed');
        expect(result.exitCode).toBe(1);
        const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
        expect(report.findings.map((f: { rule: string; object: { name: string } }) => `${f.rule}:${f.object.name}`)).toContain(spec.expectedFinding);
        expect(readFileSync(result.outputs['remediation-path'], 'utf8')).toContain(spec.remediationContains);
        expect(JSON.parse(readFileSync(result.outputs['sarif-path'], 'utf8')).version).toBe('2.1.0');
        expect(everythingPrinted(result)).not.toContain(PASSWORD);
      } finally {
        removeRun(result);
      }
    });
  });
}
