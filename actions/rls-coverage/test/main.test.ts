import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { run } from '../src/main.js';
import { removeRun, runInProcess } from '../../../packages/github/test/helpers/action-env.js';
import {
  cleanProject,
  databaseWithViolations,
  everythingPrinted,
  PASSWORD,
  projectWithBadSql,
  silentServer,
  withPassword,
} from '../../../packages/github/test/helpers/gate-fixtures.js';
import { hasServer, type TestDatabase } from '../../../packages/core/test/helpers/database.js';
import { startPrivateCluster } from '../../../packages/core/test/helpers/private-cluster.js';
import { connectServer } from '../../../packages/core/src/db/server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('rls-coverage action, in process', () => {
  it('checks the example project migrations: ranked annotations on migration lines, summary, outputs, waived exemption', async () => {
    const result = await runInProcess(run, { inputs: { 'working-directory': 'examples/saas' }, env: { GITHUB_WORKSPACE: repoRoot } });
    try {
      expect(result.result.status).toBe('failed');
      expect(result.exitCode).toBe(1);
      expect(Number(result.outputs.errors)).toBeGreaterThan(0);
      expect(Number(result.outputs.waived)).toBeGreaterThanOrEqual(1); // public.plans, exempted in .platform-kit.yml
      const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
      expect(report.command).toBe('rls-coverage');
      expect(report.target).toEqual({ kind: 'migrations', description: 'supabase/migrations' });
      expect(report.findings.every((f: { rule: string }) => !f.rule.startsWith('security-definer'))).toBe(true);
      // Annotations sit on repository paths and lines; errors come first.
      const first = result.annotations[0];
      expect(first.command).toBe('error');
      expect(first.properties.file).toMatch(/^examples\/saas\/supabase\/migrations\/\d+_\w+\.sql$/);
      expect(Number(first.properties.line)).toBeGreaterThan(0);
      expect(existsSync(path.join(repoRoot, first.properties.file))).toBe(true);
      expect(result.summary).toContain('## ❌ RLS coverage fails (fail-on: error)');
      expect(result.summary).toContain('rls-disabled-in-exposed-schema');
      expect(readFileSync(result.outputs['remediation-path'], 'utf8')).toContain('ENABLE ROW LEVEL SECURITY');
    } finally {
      removeRun(result);
    }
  }, 240_000);

  it('passes on a project without findings', async () => {
    const root = cleanProject();
    const result = await runInProcess(run, { inputs: { 'working-directory': root } });
    try {
      expect(result.result.status).toBe('passed');
      expect(result.exitCode).toBe(0);
      expect(result.outputs).toMatchObject({ errors: '0', warnings: '0', infos: '0', waived: '0' });
      expect(result.outputs['remediation-path']).toBeUndefined();
      expect(result.summary).toContain('passes: no findings');
    } finally {
      removeRun(result);
    }
  }, 240_000);
});

describe.runIf(hasServer())('rls-coverage action against a real database', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await databaseWithViolations('action_rls');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports the table without RLS and never prints the password', async () => {
    const url = withPassword(database.url!);
    const result = await runInProcess(run, { inputs: { 'database-url': url, sarif: 'true' } });
    try {
      expect(result.result.status).toBe('failed');
      const report = JSON.parse(readFileSync(result.outputs['report-path'], 'utf8'));
      expect(report.target.kind).toBe('database');
      expect(report.findings.map((f: { rule: string; object: { name: string } }) => `${f.rule}:${f.object.name}`)).toContain(
        'rls-disabled-in-exposed-schema:open_notes',
      );
      // A live database has no files: every result still needs a repository file for code scanning.
      const sarif = JSON.parse(readFileSync(result.outputs['sarif-path'], 'utf8'));
      const uris = sarif.runs[0].results.map((r: { locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation?.artifactLocation.uri);
      expect(uris.length).toBeGreaterThan(0);
      expect(new Set(uris)).toEqual(new Set(['.platform-kit.yml']));
      expect(result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message)).toEqual(expect.arrayContaining([url, PASSWORD]));
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
    }
  });

  it('fails with one ::error:: line on bad credentials (a role that does not exist), without the password', async () => {
    const result = await runInProcess(run, { inputs: { 'database-url': withPassword(database.url!, 'no_such_role_pk') } });
    try {
      expect(result.result.status).toBe('error');
      expect(result.exitCode).toBe(1);
      const errors = result.annotations.filter((a) => a.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/cannot connect to 127\.0\.0\.1:5432\/pk_test_action_rls_\w+: .*no_such_role_pk/);
      expect(result.summary).toContain('### What to fix');
      expect(result.summary).toContain('database-url');
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
    }
  });
});

describe('rls-coverage action, bad input', () => {
  it('an unreachable host: one ::error:: line, a summary that says what to fix, no password', async () => {
    const result = await runInProcess(run, { inputs: { 'database-url': `postgres://app:${PASSWORD}@127.0.0.1:1/app` } });
    try {
      expect(result.exitCode).toBe(1);
      const errors = result.annotations.filter((a) => a.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/^cannot connect to 127\.0\.0\.1:1\/app: .*ECONNREFUSED|^cannot connect to 127\.0\.0\.1:1\/app/);
      expect(result.summary).toContain('## ❌ RLS coverage could not run');
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
    }
  });

  // The shared server trusts every login; a cluster of the test's own checks passwords (SCRAM).
  it.runIf(hasServer())('a wrong password: one ::error:: line naming the failed authentication, no password', async () => {
    const cluster = await startPrivateCluster({}, { password: 'the-Right-pw-42' });
    try {
      const right = await connectServer(cluster.url);
      await right.close(); // the right password gets in: the failure below is the password's
      const wrong = new URL(cluster.url);
      wrong.password = PASSWORD;
      const result = await runInProcess(run, { inputs: { 'database-url': wrong.toString() } });
      try {
        expect(result.exitCode).toBe(1);
        const errors = result.annotations.filter((a) => a.command === 'error');
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toMatch(new RegExp(`cannot connect to 127\\.0\\.0\\.1:${cluster.port}/postgres: .*password authentication failed`));
        expect(result.summary).toContain('### What to fix');
        expect(everythingPrinted(result)).not.toContain(PASSWORD);
        expect(everythingPrinted(result)).not.toContain('the-Right-pw-42');
      } finally {
        removeRun(result);
      }
    } finally {
      await cluster.stop();
    }
  }, 120_000);

  it('a database that never answers: a timeout error, no password', async () => {
    const server = await silentServer();
    const result = await runInProcess(run, { inputs: { 'database-url': `postgresql://app:${PASSWORD}@127.0.0.1:${server.port}/app` } });
    try {
      expect(result.exitCode).toBe(1);
      const errors = result.annotations.filter((a) => a.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/cannot connect to 127\.0\.0\.1:\d+\/app: .*(timeout|terminated)/i);
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
      await server.close();
    }
  }, 60_000);

  it('a migration that does not parse: the error points at its file and line', async () => {
    // The project sits in a sub-folder of the workspace: the annotation needs the repository path.
    const { root } = projectWithBadSql();
    const result = await runInProcess(run, { inputs: { 'working-directory': path.basename(root) }, env: { GITHUB_WORKSPACE: path.dirname(root) } });
    try {
      expect(result.exitCode).toBe(1);
      const errors = result.annotations.filter((a) => a.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].properties.file).toBe(`${path.basename(root)}/supabase/migrations/20240101000000_broken.sql`);
      expect(errors[0].properties.line).toBe('3');
      expect(result.summary).toContain('could not run');
    } finally {
      removeRun(result);
    }
  });

  it('a migrations-path that does not exist names the input to change', async () => {
    const result = await runInProcess(run, { inputs: { 'migrations-path': 'db/nowhere' } });
    try {
      expect(result.exitCode).toBe(1);
      expect(result.annotations.map((a) => a.message)).toEqual([
        expect.stringMatching(/^migrations-path db\/nowhere is not a directory .*\(set migrations-path \(relative to working-directory\), or database-url/),
      ]);
    } finally {
      removeRun(result);
    }
  });

  it('a malformed database-url is refused without echoing it', async () => {
    const result = await runInProcess(run, { inputs: { 'database-url': `host=db password=${PASSWORD}` } });
    try {
      expect(result.exitCode).toBe(1);
      expect(result.annotations.map((a) => a.message)).toEqual(['input "database-url" must be a postgres:// or postgresql:// connection string']);
      expect(everythingPrinted(result)).not.toContain(PASSWORD);
    } finally {
      removeRun(result);
    }
  });
});
