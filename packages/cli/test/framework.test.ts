import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildReport, connectionError, fingerprintOf, inputError, type Finding, type Severity } from '@platform-kit/core';
import type { CommandSpec } from '../src/command.js';
import { COMMANDS } from '../src/commands/index.js';
import { runInProcess, tempDir } from './helpers.js';

const PASSWORD = 's3cr3t-Pa55word';
const URL_WITH_PASSWORD = `postgres://app:${PASSWORD}@127.0.0.1:1/app`;

function finding(severity: Severity, name: string): Finding {
  const object = { kind: 'table' as const, schema: 'public', name };
  return { rule: 'demo-rule', severity, fingerprint: fingerprintOf('demo-rule', object), object, message: `${severity} on ${name}` };
}

/** A command that reports what its options ask for: the framework's behaviour is what is under test. */
const demo: CommandSpec = {
  name: 'demo',
  summary: 'Report fixture findings',
  options: {
    severity: { type: 'string', description: 'severity of the one finding (none: no finding)', default: 'none' },
    'database-url': { type: 'string', description: 'a secret', env: 'DATABASE_URL' },
    fail: { type: 'string', description: 'throw: input|connection|unexpected' },
  },
  async run({ values }, context) {
    const url = values['database-url'] as string | undefined;
    if (values.fail === 'input') throw inputError(`cannot read ${url}`, { file: 'x.sql', line: 3 }, 'check the file');
    if (values.fail === 'connection') throw connectionError(`connect to ${url} failed: password ${PASSWORD} rejected`);
    if (values.fail === 'unexpected') throw new TypeError(`boom with ${url}`);
    if (values.fail === 'invalid-report') return { kind: 'report', report: { nonsense: true } as never };
    context.stderr(`connecting to ${url ?? 'nothing'}\n`);
    const findings = values.severity === 'none' ? [] : [finding(values.severity as Severity, 'todos')];
    return { kind: 'report', report: buildReport({ command: 'demo', target: { kind: 'database', description: `db ${url}` }, findings }) };
  },
};
const nested: CommandSpec = { name: 'ops migrate', summary: 'Nested', options: {}, run: async () => ({ kind: 'done', exitCode: 0, text: 'migrated\n' }) };
const commands = [demo, nested, ...COMMANDS];
const run = (argv: string[], options: Parameters<typeof runInProcess>[1] = {}) => runInProcess(argv, { commands, ...options });

describe('help and version', () => {
  it('--help lists the commands, the common options and the exit codes', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/demo\s+Report fixture findings/);
    expect(stdout).toMatch(/ops migrate\s+Nested/);
    for (const text of ['--format FORMAT', '--output FILE', '--fail-on LEVEL', '--config FILE', '--version', 'Exit codes:', '  3  connection or runtime error', 'DATABASE_URL']) {
      expect(stdout).toContain(text);
    }
  });

  it('<command> --help shows its own options and the common ones', async () => {
    const { code, stdout } = await run(['demo', '-h']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: platform-kit demo [options]');
    expect(stdout).toMatch(/--database-url URL\s+a secret \(env: DATABASE_URL\)/);
    expect(stdout).toMatch(/--severity VALUE\s+severity .* \(default: none\)/);
    expect(stdout).toContain('--fail-on LEVEL');
  });

  it('--version prints the version', async () => {
    const { code, stdout } = await run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });

  it('runs nested commands', async () => {
    expect(await run(['ops', 'migrate'])).toMatchObject({ code: 0, stdout: 'migrated\n' });
    const group = await run(['ops']);
    expect(group.code).toBe(2);
    expect(group.stderr).toContain('"ops" needs a subcommand: ops migrate');
  });
});

describe('usage errors exit 2 with one clear line', () => {
  it.each([
    [[], /missing command/],
    [['demoo'], /unknown command "demoo" \(did you mean "demo"\?\)/],
    [['demo', '--severty', 'error'], /unknown option --severty for "demo" \(did you mean --severity\?\)/],
    [['demo', '--format', 'yaml'], /invalid --format "yaml": expected one of text, json, markdown, sarif/],
    [['demo', '--fail-on', 'critical'], /invalid --fail-on "critical"/],
    [['demo', '--format'], /option --format: a value is required/],
    [['demo', 'extra'], /"demo" takes no arguments, got "extra"/],
  ])('%j', async (argv, message) => {
    const { code, stderr } = await run(argv as string[]);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr.trimEnd().split('\n').at(-1)).toMatch(/^platform-kit: error: /);
  });
});

describe('exit codes follow --fail-on', () => {
  it.each([
    ['none', 'error', 0],
    ['error', 'error', 1],
    ['warning', 'error', 0],
    ['warning', 'warning', 1],
    ['info', 'warning', 0],
    ['info', 'info', 1],
    ['error', 'never', 0],
  ])('a %s finding with --fail-on %s exits %i', async (severity, failOn, expected) => {
    const { code } = await run(['demo', '--severity', severity, '--fail-on', failOn]);
    expect(code).toBe(expected);
  });

  it('defaults to --fail-on error', async () => {
    expect((await run(['demo', '--severity', 'error'])).code).toBe(1);
    expect((await run(['demo', '--severity', 'warning'])).code).toBe(0);
  });

  it('maps errors to 2 (input) and 3 (connection, unexpected), naming file and line', async () => {
    const input = await run(['demo', '--fail', 'input']);
    expect(input.code).toBe(2);
    expect(input.stderr).toBe('platform-kit: error: x.sql:3: cannot read nothing... (check the file)\n'.replace('nothing...', 'undefined'));
    expect((await run(['demo', '--fail', 'connection'])).code).toBe(3);
    const unexpected = await run(['demo', '--fail', 'unexpected']);
    expect(unexpected.code).toBe(3);
    expect(unexpected.stderr).toBe('platform-kit: error: unexpected failure: boom with undefined (set PK_DEBUG=1 for details)\n');
    const debug = await run(['demo', '--fail', 'unexpected'], { env: { PK_DEBUG: '1' } });
    expect(debug.stderr).toContain('TypeError: boom');
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('refuses a report that breaks the JSON contract (exit 3)', async () => {
    const { code, stderr } = await run(['demo', '--fail', 'invalid-report']);
    expect(code).toBe(3);
    expect(stderr).toContain('produced an invalid report');
  });
});

describe('--output', () => {
  it('writes the report to the file (same bytes as stdout would get) and leaves no temporary file', async () => {
    const dir = tempDir('output');
    const toStdout = await run(['demo', '--severity', 'warning', '--format', 'json']);
    const file = path.join(dir, 'nested', 'report.json');
    const toFile = await run(['demo', '--severity', 'warning', '--format', 'json', '--output', file]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(readFileSync(file, 'utf8')).toBe(toStdout.stdout);
    expect(readdirSync(path.dirname(file))).toEqual(['report.json']);
    expect(toFile.stderr).toContain('wrote json report to');
  });

  it('relative paths resolve against the working directory; an unwritable target exits 2 and writes nothing', async () => {
    const dir = tempDir('output-rel');
    expect((await run(['demo', '-o', 'r.txt'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(path.join(dir, 'r.txt'), 'utf8')).toContain('Summary: no findings');
    writeFileSync(path.join(dir, 'blocker'), 'a file where a folder should be');
    const blocked = await run(['demo', '-o', 'blocker/r.txt'], { cwd: dir });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^platform-kit: error: cannot (create folder|write)/m);
    expect(readdirSync(dir).sort()).toEqual(['blocker', 'r.txt']);
  });

  it('replaces an existing file whole', async () => {
    const dir = tempDir('output-replace');
    const file = path.join(dir, 'r.md');
    writeFileSync(file, 'old content that is much longer than the new report would ever be '.repeat(200));
    await run(['demo', '--format', 'markdown', '-o', file]);
    expect(readFileSync(file, 'utf8')).toMatch(/^### Platform Kit: `demo`/);
    expect(readFileSync(file, 'utf8')).not.toContain('old content');
  });
});

describe('secrets never print', () => {
  it.each(['text', 'json', 'markdown', 'sarif'])('masks --*-url values and DATABASE_URL in %s output, stderr and files', async (format) => {
    const dir = tempDir('secrets');
    const out = path.join(dir, 'out');
    for (const argv of [
      ['demo', '--database-url', URL_WITH_PASSWORD, '--severity', 'error', '--format', format],
      [`demo`, `--database-url=${URL_WITH_PASSWORD}`, '--fail', 'connection', '--format', format],
      ['demo', '--database-url', URL_WITH_PASSWORD, '--format', format, '--output', out],
      ['demo', '--database-url', URL_WITH_PASSWORD, '--fail', 'unexpected', '--format', format],
    ]) {
      const result = await run(argv, { env: { PK_DEBUG: '1' } });
      expect(result.stdout + result.stderr).not.toContain(PASSWORD);
    }
    const fromEnv = await run(['demo', '--fail', 'connection', '--format', format], { env: { DATABASE_URL: URL_WITH_PASSWORD } });
    expect(fromEnv.code).toBe(3);
    expect(fromEnv.stderr).toContain('***');
    expect(fromEnv.stderr).not.toContain(PASSWORD);
    expect(readFileSync(out, 'utf8')).not.toContain(PASSWORD);
    // The target description stays, without the password (SARIF has no place for it).
    if (format !== 'sarif') expect(readFileSync(out, 'utf8')).toContain('127.0.0.1:1');
  });

  it('masks a URL even when the parser rejects the command line', async () => {
    const result = await run(['demo', '--database-url', URL_WITH_PASSWORD, '--bogus', URL_WITH_PASSWORD]);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain(PASSWORD);
  });
});

describe('colour', () => {
  it('is used only when stdout is a terminal, not with NO_COLOR, not in files', async () => {
    const ansi = '\u001b[';
    expect((await run(['demo', '--severity', 'error'], { tty: true })).stdout).toContain(ansi);
    expect((await run(['demo', '--severity', 'error'], { tty: false })).stdout).not.toContain(ansi);
    expect((await run(['demo', '--severity', 'error'], { tty: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(ansi);
    expect((await run(['demo', '--severity', 'error', '--format', 'json'], { tty: true })).stdout).not.toContain(ansi);
  });
});

describe('--config', () => {
  it('a malformed file exits 2 naming the file and the line', async () => {
    const dir = tempDir('config');
    writeFileSync(path.join(dir, 'bad.yml'), 'exposedSchemas:\n  - public\nexposedSchemas: [api]\n');
    const { code, stderr } = await run(['demo', '--config', 'bad.yml'], { cwd: dir });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^platform-kit: error: bad\.yml:3:1: invalid YAML: Map keys must be unique/);
    writeFileSync(path.join(dir, 'indent.yml'), 'tenancy:\n  column: org_id\n claim: org\n');
    const indent = await run(['demo', '--config', 'indent.yml'], { cwd: dir });
    expect(indent.code).toBe(2);
    expect(indent.stderr).toMatch(/^platform-kit: error: indent\.yml:3:\d+: invalid YAML/);
  });

  it('an unknown key or an unknown rule exits 2 naming the file and the line', async () => {
    const dir = tempDir('config-rule');
    writeFileSync(path.join(dir, 'typo.yml'), 'exposedSchemas: [public]\nrules:\n  rls-disabled-in-exposd-schema: off\n');
    const rule = await run(['demo', '--config', 'typo.yml'], { cwd: dir });
    expect(rule.code).toBe(2);
    expect(rule.stderr).toMatch(/^platform-kit: error: typo\.yml:3: rules\.rls-disabled-in-exposd-schema: unknown rule .*did you mean "rls-disabled-in-exposed-schema"/);
    writeFileSync(path.join(dir, 'key.yml'), 'exposedSchemas: [public]\nexposedSchema: [api]\n');
    const key = await run(['demo', '--config', 'key.yml'], { cwd: dir });
    expect(key.code).toBe(2);
    expect(key.stderr).toMatch(/key\.yml:2: .*exposedSchema/);
  });

  it('a folder or a non-UTF-8 file exits 2 naming the file (and the line of the bad byte)', async () => {
    const dir = tempDir('config-unreadable');
    mkdirSync(path.join(dir, 'folder.yml'));
    const folder = await run(['demo', '--config', 'folder.yml'], { cwd: dir });
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('platform-kit: error: folder.yml: config file folder.yml is a folder, not a file\n');
    writeFileSync(path.join(dir, 'latin1.yml'), Buffer.from('exposedSchemas: [public]\ntenancy:\n  column: caf\xe9\n', 'latin1'));
    const latin1 = await run(['demo', '--config', 'latin1.yml'], { cwd: dir });
    expect(latin1.code).toBe(2);
    expect(latin1.stderr).toMatch(/^platform-kit: error: latin1\.yml:3: config file latin1\.yml is not valid UTF-8 \(byte 0xe9\)/);
  });

  it('a missing file exits 2', async () => {
    const { code, stderr } = await run(['demo', '--config', 'nope.yml'], { cwd: tempDir('config-missing') });
    expect(code).toBe(2);
    expect(stderr).toContain('config file not found: nope.yml');
  });
});
