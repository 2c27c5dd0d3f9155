import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { buildReport, connectionError, configError, fingerprintOf, type Finding, type Severity } from '@platform-kit/core';
import { runAction, commentMarker, type ActionResult } from '../src/index.js';
import { removeRun, runInProcess } from './helpers/action-env.js';
import { startGitHubApiServer, type GitHubApiServer } from './helpers/github-api-server.js';

const PASSWORD = 's3cret-Pa55word';
const DATABASE_URL = `postgres://app:${PASSWORD}@127.0.0.1:5432/app`;

function finding(severity: Severity, name: string, line: number, sql?: string): Finding {
  const object = { kind: 'table' as const, schema: 'public', name };
  return {
    rule: `rule-${severity}`,
    severity,
    fingerprint: fingerprintOf(`rule-${severity}`, object),
    object,
    location: { file: 'supabase/migrations/0001_init.sql', line },
    message: `table public.${name} is bad`,
    ...(sql ? { remediation: { sql } } : {}),
  };
}

const reportOf = (findings: Finding[]) =>
  buildReport({ command: 'test-gate', target: { kind: 'migrations', description: 'supabase/migrations' }, findings });

const action = (result: () => ActionResult | Promise<ActionResult>) => () =>
  runAction({ name: 'test-gate', title: 'Test gate', execute: async () => result() });

describe('runAction reporting', () => {
  it('writes outputs, report file, remediation plan, summary and ranked annotations', async () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => finding('warning', `w${i}`, 100 + i)),
      ...Array.from({ length: 12 }, (_, i) => finding('error', `e${i}`, i + 1, `ALTER TABLE public.e${i} ENABLE ROW LEVEL SECURITY;`)),
      finding('info', 'i0', 50),
    ];
    const run = await runInProcess(action(() => reportOf(findings)), { inputs: { 'database-url': DATABASE_URL } });
    try {
      expect(run.result.status).toBe('failed');
      expect(run.exitCode).toBe(1);
      expect(run.outputs).toMatchObject({ errors: '12', warnings: '12', infos: '1', waived: '0' });
      const report = JSON.parse(readFileSync(run.outputs['report-path'], 'utf8'));
      expect(report.findings).toHaveLength(25);
      expect(readFileSync(run.outputs['remediation-path'], 'utf8')).toContain('ALTER TABLE public.e0 ENABLE ROW LEVEL SECURITY;');
      expect(run.outputs['sarif-path']).toBeUndefined();
      // 9 finding errors + the verdict = 10 errors; 10 warnings; 1 notice.
      const errors = run.annotations.filter((a) => a.command === 'error');
      expect(errors).toHaveLength(10);
      expect(errors[0]).toMatchObject({ properties: { file: 'supabase/migrations/0001_init.sql', line: '1', title: 'rule-error' } });
      expect(errors.at(-1)!.message).toMatch(/12 finding\(s\) at or above fail-on "error"/);
      expect(run.annotations.filter((a) => a.command === 'warning')).toHaveLength(10);
      expect(run.annotations.filter((a) => a.command === 'notice')).toHaveLength(1);
      expect(run.summary).toContain('## ❌ Test gate fails (fail-on: error)');
      expect(run.summary).toContain('Not annotated: 3 error, 2 warning, 0 notice');
      expect(run.summary).toContain('<details><summary><code>rule-error</code> · table public.e0</summary>');
      // Errors are ranked above warnings in the table.
      expect(run.summary.indexOf('public.e11')).toBeLessThan(run.summary.indexOf('public.w0'));
      // The URL is masked before anything else and never printed elsewhere.
      const masks = run.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
      expect(masks).toEqual(expect.arrayContaining([DATABASE_URL, PASSWORD]));
      expect(run.stdout.indexOf('::add-mask::')).toBe(0);
      const withoutMasks = run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n');
      for (const text of [withoutMasks, run.summary, run.tempFilesText, JSON.stringify(run.outputs)]) expect(text).not.toContain(PASSWORD);
    } finally {
      removeRun(run);
    }
  });

  it('passes below the threshold and says so', async () => {
    const run = await runInProcess(action(() => reportOf([finding('warning', 'w', 3)])), { inputs: { 'fail-on': 'error' } });
    try {
      expect(run.result.status).toBe('passed');
      expect(run.exitCode).toBe(0);
      expect(run.summary).toContain('passes (fail-on: error)');
      expect(run.outputs['remediation-path']).toBeUndefined();
    } finally {
      removeRun(run);
    }
  });

  it('fails at warning when fail-on is warning', async () => {
    const run = await runInProcess(action(() => reportOf([finding('warning', 'w', 3)])), { inputs: { 'fail-on': 'warning' } });
    try {
      expect(run.result.status).toBe('failed');
      expect(run.exitCode).toBe(1);
    } finally {
      removeRun(run);
    }
  });

  it('keeps the summary under the size limit with a note', async () => {
    const huge = Array.from({ length: 3000 }, (_, i) => finding('error', `t${i}_${'x'.repeat(40)}`, i + 1, `-- ${'y'.repeat(400)}\nSELECT 1;`));
    const run = await runInProcess(action(() => reportOf(huge)));
    try {
      expect(Buffer.byteLength(run.summary)).toBeLessThan(1024 * 1024);
      expect(run.summary).toMatch(/shortened to stay under GitHub's size limit: .*remediation blocks not shown/);
    } finally {
      removeRun(run);
    }
  });
});

describe('runAction SARIF', () => {
  it('writes SARIF 2.1.0 that validates against the published schema, with repository paths', async () => {
    const schema = createRequire(import.meta.url)('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const validate = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(schema);
    const run = await runInProcess(action(() => reportOf([finding('error', 'a', 3, 'SELECT 1;'), finding('info', 'b', 4)])), {
      inputs: { sarif: 'true', 'database-url': DATABASE_URL },
    });
    try {
      const sarif = JSON.parse(readFileSync(run.outputs['sarif-path'], 'utf8'));
      expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
      expect(sarif.version).toBe('2.1.0');
      expect(sarif.runs[0].results).toHaveLength(2);
      expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('supabase/migrations/0001_init.sql');
      expect(JSON.stringify(sarif)).not.toContain(PASSWORD);
    } finally {
      removeRun(run);
    }
  });

  // Code scanning rejects a result without a physical location; a live-database finding has no file.
  it('points a finding without a location at the config file, as a repository path', async () => {
    const schema = createRequire(import.meta.url)('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
    const validate = addFormats(new Ajv({ allErrors: true, strict: false, unicodeRegExp: false })).compile(schema);
    const { location: _, ...unlocated } = finding('error', 'live', 1);
    const uriOf = async (inputs: Record<string, string>) => {
      const run = await runInProcess(action(() => reportOf([unlocated])), { inputs: { sarif: 'true', ...inputs } });
      try {
        const sarif = JSON.parse(readFileSync(run.outputs['sarif-path'], 'utf8'));
        expect(validate(sarif), JSON.stringify(validate.errors)).toBe(true);
        const [location] = sarif.runs[0].results[0].locations;
        expect(location.logicalLocations[0].fullyQualifiedName).toBe('public.live');
        return location.physicalLocation?.artifactLocation?.uri;
      } finally {
        removeRun(run);
      }
    };
    // GITHUB_WORKSPACE is the repository checkout (cwd here): uris are relative to it.
    expect(await uriOf({})).toBe('.platform-kit.yml');
    expect(await uriOf({ 'working-directory': 'packages/github' })).toBe('packages/github/.platform-kit.yml');
    expect(await uriOf({ 'working-directory': 'packages/github', config: 'ci/platform-kit.yml' })).toBe('packages/github/ci/platform-kit.yml');
  });

  it('rejects a sarif input that is not a boolean', async () => {
    const run = await runInProcess(action(() => reportOf([])), { inputs: { sarif: 'maybe' } });
    try {
      expect(run.annotations.map((a) => a.message)).toEqual(['input "sarif" must be true or false, got "maybe"']);
    } finally {
      removeRun(run);
    }
  });
});

describe('runAction errors', () => {
  it('turns bad inputs into one ::error:: line and a summary saying what to fix', async () => {
    const run = await runInProcess(action(() => reportOf([])), { inputs: { 'fail-on': 'sometimes' } });
    try {
      expect(run.result.status).toBe('error');
      expect(run.exitCode).toBe(1);
      const errors = run.annotations.filter((a) => a.command === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toBe('input "fail-on" must be one of error, warning, info, never, got "sometimes"');
      expect(run.summary).toContain('## ❌ Test gate could not run');
      expect(run.summary).toContain('### What to fix');
    } finally {
      removeRun(run);
    }
  });

  it('rejects a working-directory that does not exist', async () => {
    const run = await runInProcess(action(() => reportOf([])), { inputs: { 'working-directory': 'no/such/dir' } });
    try {
      expect(run.annotations.map((a) => a.message)).toEqual([expect.stringContaining('no/such/dir is not a directory')]);
    } finally {
      removeRun(run);
    }
  });

  it('rejects a database-url that is not a connection string without echoing it', async () => {
    const run = await runInProcess(action(() => reportOf([])), { inputs: { 'database-url': `mysql://u:${PASSWORD}@h/db` } });
    try {
      expect(run.annotations[0].message).toContain('must be a postgres:// or postgresql:// connection string');
      expect(run.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(PASSWORD);
      expect(run.summary).not.toContain(PASSWORD);
    } finally {
      removeRun(run);
    }
  });

  it('redacts a secret that an error message carries and points at the config position', async () => {
    const run = await runInProcess(
      runAction.bind(null, {
        name: 'test-gate',
        execute: async () => {
          throw connectionError(`cannot connect with ${DATABASE_URL} (password ${PASSWORD})`);
        },
      }),
      { inputs: { 'database-url': DATABASE_URL } },
    );
    const configRun = await runInProcess(
      runAction.bind(null, {
        name: 'test-gate',
        execute: async () => {
          throw configError('rules.x: unknown rule "x"', { file: '.platform-kit.yml', line: 4 });
        },
      }),
    );
    try {
      expect(run.annotations).toHaveLength(1);
      expect(run.annotations[0].message).not.toContain(PASSWORD);
      expect(run.annotations[0].message).toContain('postgres://app:***@127.0.0.1:5432/app');
      expect(run.summary).toContain('database-url');
      expect(configRun.annotations[0]).toMatchObject({ properties: { file: '.platform-kit.yml', line: '4' } });
    } finally {
      removeRun(run);
      removeRun(configRun);
    }
  });
});

describe('sticky comment', () => {
  let api: GitHubApiServer;
  beforeAll(async () => {
    api = await startGitHubApiServer();
  });
  afterAll(async () => {
    await api.close();
  });
  const event = { pull_request: { number: 7 } };
  const env = () => ({ GITHUB_API_URL: api.url, GITHUB_REPOSITORY: 'acme/app' });

  it('creates the comment once, then updates it in place', async () => {
    // Another bot's comment is on the PR already: it must be left alone.
    api.comments.push({ id: 1, body: 'unrelated', issue: 7, html_url: 'x' });
    const first = await runInProcess(action(() => reportOf([finding('error', 'a', 1)])), {
      inputs: { comment: 'true', 'github-token': 'tok-write-1234' },
      event,
      env: env(),
    });
    const second = await runInProcess(action(() => reportOf([])), {
      inputs: { comment: 'true', 'github-token': 'tok-write-1234' },
      event,
      env: env(),
    });
    try {
      expect(first.result.comment).toBe('created');
      expect(second.result.comment).toBe('updated');
      const ours = api.comments.filter((c) => c.body.startsWith(commentMarker('test-gate')));
      expect(ours).toHaveLength(1);
      expect(ours[0].body).toContain('passes: no findings');
      expect(api.comments.find((c) => c.id === 1)!.body).toBe('unrelated');
      expect(api.requests.every((r) => r.authorization === 'token tok-write-1234')).toBe(true);
      // The token was masked.
      expect(first.commands.some((c) => c.command === 'add-mask' && c.message === 'tok-write-1234')).toBe(true);
    } finally {
      removeRun(first);
      removeRun(second);
    }
  });

  it('skips with a notice when the token cannot write (fork pull request)', async () => {
    const run = await runInProcess(action(() => reportOf([])), {
      inputs: { comment: 'true', 'github-token': 'read-only' },
      event: { pull_request: { number: 8 } },
      env: env(),
    });
    try {
      expect(run.result.comment).toBe('skipped-no-permission');
      expect(run.exitCode).toBe(0);
      expect(run.annotations).toEqual([expect.objectContaining({ command: 'notice', message: expect.stringContaining('cannot write') })]);
    } finally {
      removeRun(run);
    }
  });

  it('replaces the comment with the error when a later run cannot finish', async () => {
    const inputs = { comment: 'true', 'github-token': 'tok-write-1234' };
    const event = { pull_request: { number: 9 } };
    const ok = await runInProcess(action(() => reportOf([])), { inputs, event, env: env() });
    const broken = await runInProcess(
      runAction.bind(null, {
        name: 'test-gate',
        title: 'Test gate',
        execute: async () => {
          throw connectionError(`cannot connect to ${DATABASE_URL}`);
        },
      }),
      { inputs: { ...inputs, 'database-url': DATABASE_URL }, event, env: env() },
    );
    try {
      expect(ok.result.comment).toBe('created');
      expect(broken.result.status).toBe('error');
      expect(broken.result.comment).toBe('updated');
      const ours = api.comments.filter((c) => c.issue === 9);
      expect(ours).toHaveLength(1);
      expect(ours[0].body).toContain('## ❌ Test gate could not run');
      expect(ours[0].body).not.toContain(PASSWORD);
    } finally {
      removeRun(ok);
      removeRun(broken);
    }
  });

  it('does nothing outside a pull request', async () => {
    const before = api.requests.length;
    const run = await runInProcess(action(() => reportOf([])), { inputs: { comment: 'true', 'github-token': 'x-token' }, env: env() });
    try {
      expect(run.result.comment).toBe('skipped-not-a-pr');
      expect(api.requests.length).toBe(before);
      expect(existsSync(run.outputs['report-path'])).toBe(true);
    } finally {
      removeRun(run);
    }
  });
});
