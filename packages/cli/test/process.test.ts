import { spawn } from 'node:child_process';
import Ajv from 'ajv';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { adminUrl, hasServer } from '../../core/test/helpers/database.js';
import { runInProcess, tempDir, type CliRun } from './helpers.js';
import { projectWithViolations } from './fixtures.js';

const BIN = path.resolve(import.meta.dirname, '../bin/platform-kit.mjs');
const PASSWORD = 'Pr0cess-s3cret-pw';
const FORMATS = ['text', 'json', 'markdown', 'sarif'];

/** Runs the published bin as a real process (node + tsx loader), as a user would. */
function runProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

let root: string;
beforeAll(async () => {
  root = projectWithViolations('process');
  // Saved once in-process (one migrations replay); the processes below read the inventory.
  await runInProcess(['scan', '--save-inventory', 'inventory.json', '--fail-on', 'never'], { cwd: root });
});

// Each process loads the CLI from source through tsx: generous timeouts for a busy machine.
describe('the platform-kit bin as a process', { timeout: 240_000 }, () => {
  it('--help exits 0 and lists the commands; an unknown command or option exits 2 with one line', async () => {
    const [help, unknown, option] = await Promise.all([
      runProcess(['--help']),
      runProcess(['scna']),
      runProcess(['scan', '--databse-url', 'x']),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/Commands:[\s\S]*scan[\s\S]*fix[\s\S]*rules/);
    expect(unknown).toMatchObject({ code: 2, stdout: '', stderr: 'platform-kit: error: unknown command "scna" (did you mean "scan"?)\n' });
    expect(option.code).toBe(2);
    expect(option.stderr).toBe('platform-kit: error: unknown option --databse-url for "scan" (did you mean --database-url?) (run "platform-kit scan --help")\n');
  });

  it('exits 1 on findings, 0 below the threshold, and writes --output in each format', async () => {
    const runs = await Promise.all(
      FORMATS.map((format) => runProcess(['scan', '--inventory', 'inventory.json', '--format', format, '--output', `report.${format}`], { cwd: root })),
    );
    runs.forEach((run, i) => {
      expect(run.code, run.stderr).toBe(1);
      expect(run.stdout).toBe('');
      expect(readFileSync(path.join(root, `report.${FORMATS[i]}`), 'utf8').length).toBeGreaterThan(100);
    });
    expect(JSON.parse(readFileSync(path.join(root, 'report.sarif'), 'utf8')).version).toBe('2.1.0');
    const schema = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../../schema/report.schema.json'), 'utf8'));
    const validate = new Ajv({ strict: false }).compile(schema);
    expect(validate(JSON.parse(readFileSync(path.join(root, 'report.json'), 'utf8'))), JSON.stringify(validate.errors)).toBe(true);
    const below = await runProcess(['function-security', '--inventory', 'inventory.json', '--fail-on', 'never'], { cwd: root });
    expect(below.code).toBe(0);
    expect(below.stdout).toContain('Summary:');
  });

  it('exits 2 naming file and line for a malformed config and for an unknown rule in it', async () => {
    writeFileSync(path.join(root, 'broken.yml'), 'exposedSchemas: [public\n');
    writeFileSync(path.join(root, 'unknown.yml'), 'exposedSchemas: [public]\nrules:\n  no-such-rule: off\n');
    const [broken, unknown] = await Promise.all([
      runProcess(['scan', '--inventory', 'inventory.json', '--config', 'broken.yml'], { cwd: root }),
      runProcess(['scan', '--inventory', 'inventory.json', '--config', 'unknown.yml'], { cwd: root }),
    ]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/^platform-kit: error: broken\.yml:\d+:\d+: invalid YAML/);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/^platform-kit: error: unknown\.yml:3: rules\.no-such-rule: unknown rule "no-such-rule"/);
  });

  it('an unreachable database exits 3 and the password appears nowhere, in any format', async () => {
    const url = `postgresql://app:${PASSWORD}@127.0.0.1:1/app?sslmode=disable`;
    const dir = tempDir('unreachable');
    // Half the formats get the URL as an option, half from DATABASE_URL.
    const runs = await Promise.all(
      FORMATS.map((format, i) =>
        i % 2 === 0
          ? runProcess(['scan', '--database-url', url, '--format', format, '--output', `out.${format}`], { cwd: dir })
          : runProcess(['rls-coverage', '--format', format, '--output', `out.${format}`], { cwd: dir, env: { DATABASE_URL: url } }),
      ),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/^platform-kit: error: /);
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    }
    // Nothing half-written either.
    for (const format of FORMATS) expect(existsSync(path.join(dir, `out.${format}`))).toBe(false);
  });

  it('a malformed connection string exits 2 for every command that takes one, naming no part of it', async () => {
    const dir = tempDir('malformed-url');
    const urls = [`postgresql://app:${PASSWORD}@127.0.0.1:99999/app`, `host=127.0.0.1 password=${PASSWORD}`, `postgres://app:${PASSWORD}@[::1/app`];
    for (const url of urls) {
      const runs = await Promise.all([
        runInProcess(['scan', '--database-url', url, '--output', 'out.txt'], { cwd: dir }),
        runInProcess(['rls-coverage'], { cwd: dir, env: { DATABASE_URL: url } }),
        runInProcess(['ops', 'migrate', '--control-plane-url', url], { cwd: dir }),
        runInProcess(['report', '--format', 'json'], { cwd: dir, env: { PK_CONTROL_PLANE_URL: url } }),
        runInProcess(['deploy-gate', '--project', 'shop', '--control-plane-url', url], { cwd: dir }),
      ]);
      for (const run of runs) {
        expect(run.code, run.stderr).toBe(2);
        expect(run.stderr).toMatch(/^platform-kit: error: the connection string is not a valid postgres:\/\/ or postgresql:\/\/ URL/);
        expect(run.stdout + run.stderr).not.toContain(PASSWORD.slice(2));
      }
    }
    expect(existsSync(path.join(dir, 'out.txt'))).toBe(false);
  });

  it.runIf(hasServer())('a server error that echoes the URL masks all of a password holding a quote or a space', async () => {
    for (const password of [`pa'${PASSWORD}`, `pa ${PASSWORD}`]) {
      const url = new URL(adminUrl());
      url.password = password;
      // The server echoes the role name: make it the URL itself.
      url.username = encodeURIComponent(`see postgres://app:${password}@db.example.com/app`);
      const run = await runInProcess(['scan', '--database-url', url.toString()], { cwd: tempDir('echo') });
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain('does not exist');
      expect(run.stdout + run.stderr).not.toContain(PASSWORD.slice(2));
    }
  });

  it.runIf(hasServer())('a database that does not exist exits 3 and the password appears nowhere, in any format', async () => {
    const url = new URL(adminUrl());
    url.password = PASSWORD;
    url.pathname = '/pk_no_such_database_here';
    const dir = tempDir('nodb');
    const runs = await Promise.all(
      FORMATS.map((format) => runProcess(['scan', '--database-url', url.toString(), '--format', format, '--output', `out.${format}`], { cwd: dir })),
    );
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toContain('pk_no_such_database_here');
      expect(run.stdout + run.stderr).not.toContain(PASSWORD);
    }
    for (const format of FORMATS) expect(existsSync(path.join(dir, `out.${format}`))).toBe(false);
  });
});
