import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createTestDatabase, hasServer, type TestDatabase } from '../../../core/test/helpers/database.js';
import { inventoryWith, table } from '../../../core/test/helpers/inventory-builder.js';
import { runInProcess, tempDir } from '../helpers.js';

// The control-plane commands end to end, against a real PostgreSQL server as the control plane.
describe.runIf(hasServer())('control-plane commands', () => {
  let t: TestDatabase;
  let url: string;
  let dir: string;
  beforeAll(async () => {
    t = await createTestDatabase('cli_control_plane');
    // Trust authentication ignores the password: it is there to prove it never prints.
    const withPassword = new URL(t.url!);
    withPassword.password = 'never-print-me';
    url = withPassword.toString();
    dir = tempDir('control-plane');
  });
  afterAll(async () => {
    await t.drop();
  });

  const inv = (file: string, rls: boolean, extra = false) => {
    const tables = [table('public', 'orders', { rlsEnabled: rls })];
    if (extra) tables.push(table('public', 'added_later', { rlsEnabled: true }));
    writeFileSync(path.join(dir, file), JSON.stringify(inventoryWith({ tables })));
    return file;
  };
  const run = (argv: string[], env: NodeJS.ProcessEnv = {}) => runInProcess(argv, { cwd: dir, env });

  it('ops migrate applies the schema, twice without change; the URL is never printed', async () => {
    const first = await run(['ops', 'migrate', '--control-plane-url', url]);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('0001_ops_core.sql');
    const second = await run(['ops', 'migrate'], { PK_CONTROL_PLANE_URL: url });
    expect(second.code).toBe(0);
    expect(first.stdout + second.stdout).not.toContain('never-print-me');
  });

  it('introspect records scans; the second shows drift; deploy-gate passes, then blocks', async () => {
    const a = await run(['introspect', '--inventory', inv('a.json', true), '--project', 'shop', '--control-plane-url', url, '--format', 'json', '--trigger', 'nightly']);
    expect(a.code).toBe(0);
    const first = JSON.parse(a.stdout);
    expect(first.details.history.status).toBe('recorded');
    expect(first.findings.filter((f: { rule: string }) => f.rule.startsWith('drift-'))).toEqual([]);
    expect((await run(['deploy-gate', '--project', 'shop', '--control-plane-url', url])).code).toBe(0);

    const b = await run(['introspect', '--inventory', inv('b.json', false, true), '--project', 'shop', '--control-plane-url', url, '--format', 'json']);
    expect(b.code).toBe(1);
    const second = JSON.parse(b.stdout);
    expect(second.details.history.previousScanId).toBe(first.details.history.scanId);
    const rules = second.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['drift-rls-switched-off', 'drift-object-added', 'rls-disabled-in-exposed-schema']));

    const gate = await run(['deploy-gate', '--project', 'shop', '--control-plane-url', url, '--format', 'json']);
    expect(gate.code).toBe(1);
    expect(JSON.parse(gate.stdout).details.blocking).toBeGreaterThan(0);
    expect((await run(['deploy-gate', '--project', 'nobody', '--control-plane-url', url])).code).toBe(3);
    expect(a.stdout + b.stdout + b.stderr + gate.stdout + gate.stderr).not.toContain('never-print-me');
  });

  it('report gives the org report in Markdown and JSON, with registry errors', async () => {
    writeFileSync(path.join(dir, 'projects.yml'), 'projects:\n  - id: shop\n    urlSecret: SHOP_URL\n  - id: typo\n    urlSecrt: X\n  - id: never\n    urlSecret: NEVER_URL\n');
    const md = await run(['report', '--control-plane-url', url, '--registry', 'projects.yml']);
    expect(md.code).toBe(1);
    expect(md.stdout).toContain('# Platform Kit compliance report');
    expect(md.stdout).toMatch(/\| shop \| succeeded \| [1-9]/);
    expect(md.stdout).toContain('| never | never scanned |');
    expect(md.stdout).toMatch(/typo \(line 4\): .*urlSecrt/);
    const json = await run(['report', '--control-plane-url', url, '--project', 'shop', '--format', 'json', '--fail-on', 'never']);
    expect(json.code).toBe(0);
    const org = JSON.parse(json.stdout);
    expect(org.projects.map((p: { project: string }) => p.project)).toEqual(['shop']);
    // Switching RLS off resolved "RLS on but no policy": resolved findings are listed apart.
    expect(org.projects[0].resolved.map((f: { rule: string }) => f.rule)).toEqual(['rls-enabled-no-policy']);
  });

  it('report --deliver-alerts posts the new-critical alert the second scan queued, once', async () => {
    const received: string[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push(JSON.parse(body).text);
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const hook = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/secret-token-123`;
    try {
      const r = await run(['report', '--control-plane-url', url, '--deliver-alerts', '--fail-on', 'never'], { PK_ALERT_WEBHOOK_URL: hook });
      expect(r.code).toBe(0);
      expect(received).toHaveLength(1);
      expect(received[0]).toMatch(/new critical finding\(s\) in shop/);
      expect(r.stderr).toMatch(/alerts: 1 delivered/);
      expect(r.stderr + r.stdout).not.toContain('secret-token-123');
      await run(['report', '--control-plane-url', url, '--deliver-alerts', '--fail-on', 'never'], { PK_ALERT_WEBHOOK_URL: hook });
      expect(received).toHaveLength(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('plan-matrix prints batches and names broken entries while planning the rest', async () => {
    const entries = Array.from({ length: 300 }, (_, i) => `  - id: p${i}\n    urlSecret: P${i}_URL\n`).join('');
    writeFileSync(path.join(dir, 'big.yml'), `projects:\n${entries}  - id: broken\n    urlSecret: 1bad\n`);
    const r = await run(['plan-matrix', '--registry', 'big.yml', '--max-batches', '4']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.batches.map((b: { include: unknown[] }) => b.include.length)).toEqual([256, 44]);
    expect(plan.errors).toHaveLength(1);
    expect(r.stderr).toMatch(/big\.yml:602: project broken: urlSecret/);
    expect((await run(['plan-matrix', '--registry', 'big.yml', '--max-batches', '1'])).code).toBe(2);
  });
});

describe('scan with local history (no control plane)', () => {
  it('is opt-in once with --history; scans then show drift; concurrent scans queue on the directory', async () => {
    const dir = tempDir('local-history');
    const write = (file: string, rls: boolean) =>
      writeFileSync(path.join(dir, file), JSON.stringify(inventoryWith({ tables: [table('public', 'orders', { rlsEnabled: rls })] })));
    write('on.json', true);
    write('off.json', false);
    const plain = await runInProcess(['scan', '--inventory', 'on.json', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(plain.stdout).details?.history).toBeUndefined();

    const first = await runInProcess(['scan', '--inventory', 'on.json', '--history', '--project', 'laptop', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(first.stdout).details.history.status).toBe('recorded');
    const [a, b] = await Promise.all([
      runInProcess(['scan', '--inventory', 'off.json', '--history', '--project', 'laptop', '--format', 'json'], { cwd: dir }),
      runInProcess(['scan', '--inventory', 'on.json', '--history', '--project', 'laptop', '--format', 'json'], { cwd: dir }),
    ]);
    const reports = [JSON.parse(a.stdout), JSON.parse(b.stdout)];
    expect(reports.map((r) => r.details.history.status)).toEqual(['recorded', 'recorded']);
    // Whichever ran second saw the other as its previous scan: the off→on or on→off switch is drift.
    const rules = reports.flatMap((r) => r.findings.map((f: { rule: string }) => f.rule));
    expect(rules).toContain('drift-rls-switched-off');
    expect(reports.map((r) => r.details.history.previousScanId)).toContain(JSON.parse(first.stdout).details.history.scanId);
  }, 300_000);
});
