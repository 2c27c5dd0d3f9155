import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { migrateOps } from '../../src/ops/migrate.js';
import { drainAlerts, enqueueAlert } from '../../src/ops/alerts.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/** A real webhook on 127.0.0.1 that fails on purpose: `failures[path]` 500s before it succeeds (-1: always). */
interface Hook {
  url: (path: string) => string;
  received: { path: string; body: unknown; key: string | undefined }[];
  failures: Record<string, number>;
  server: Server;
}

async function startHook(): Promise<Hook> {
  const hook = { received: [], failures: {} } as unknown as Hook;
  hook.server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const left = hook.failures[path] ?? 0;
      if (left !== 0) {
        if (left > 0) hook.failures[path] = left - 1;
        res.writeHead(500).end('deliberate failure');
        return;
      }
      hook.received.push({ path, body: JSON.parse(body), key: req.headers['idempotency-key'] as string | undefined });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((resolve) => hook.server.listen(0, '127.0.0.1', resolve));
  const port = (hook.server.address() as AddressInfo).port;
  hook.url = (path) => `http://127.0.0.1:${port}${path}`;
  return hook;
}

let t: TestDatabase;
let hook: Hook;
beforeAll(async () => {
  t = await createTestDatabase('ops_alerts');
  await migrateOps(t.db);
  await t.db.exec(`INSERT INTO ops.projects (id) VALUES ('p1'), ('p2'), ('p3')`);
  hook = await startHook();
});
afterAll(async () => {
  await new Promise((resolve) => hook.server.close(resolve));
  await t.drop();
});

const fast = { baseDelayMs: 5, maxDelayMs: 20, random: () => 1 };

describe('alerts through the outbox', () => {
  it('an idempotency key enqueues one alert however often it is sent', async () => {
    expect(await enqueueAlert(t.db, { projectId: 'p1', idempotencyKey: 'scan:1:critical', text: 'critical findings in p1' })).toBe(true);
    expect(await enqueueAlert(t.db, { projectId: 'p1', idempotencyKey: 'scan:1:critical', text: 'critical findings in p1' })).toBe(false);
    const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ops.alert_outbox WHERE idempotency_key = 'scan:1:critical'`);
    expect(rows[0]!.n).toBe(1);
  });

  it('retries through 500s with backoff, then delivers { text } once', async () => {
    hook.failures['/flaky'] = 2;
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      await new Promise((resolve) => setTimeout(resolve, ms));
    };
    const result = await drainAlerts(t.db, { webhookUrl: hook.url('/flaky'), maxAttempts: 5, baseDelayMs: 50, maxDelayMs: 100, random: () => 1, sleep });
    expect(result).toMatchObject({ delivered: 1, dead: 0, pending: 0 });
    expect(result.retried).toBe(2);
    // It waited for the backoff instead of hammering the endpoint (sleep is injected to keep the test fast).
    expect(slept.length).toBeGreaterThan(0);
    expect(hook.received).toEqual([{ path: '/flaky', body: { text: 'critical findings in p1' }, key: 'scan:1:critical' }]);
    const { rows } = await t.db.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM ops.alert_outbox WHERE idempotency_key = 'scan:1:critical'`);
    expect(rows[0]).toEqual({ status: 'delivered', attempts: 3 });
    // Delivered alerts are not sent again.
    await drainAlerts(t.db, { webhookUrl: hook.url('/flaky'), ...fast });
    expect(hook.received).toHaveLength(1);
  });

  it('an endpoint that always fails ends in the dead-letter table after N attempts, URL redacted', async () => {
    hook.failures['/down?token=s3cret-hook-token'] = -1;
    await enqueueAlert(t.db, { projectId: 'p2', idempotencyKey: 'scan:2:failed', text: 'scan failed for p2' });
    const result = await drainAlerts(t.db, { webhookUrl: hook.url('/down?token=s3cret-hook-token'), maxAttempts: 3, ...fast, sleep: async () => undefined });
    expect(result).toMatchObject({ delivered: 0, retried: 2, dead: 1, pending: 0 });
    const { rows } = await t.db.query<{ idempotency_key: string; attempts: number; last_error: string }>(
      `SELECT idempotency_key, attempts, last_error FROM ops.alert_dead_letters`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ idempotency_key: 'scan:2:failed', attempts: 3 });
    expect(rows[0]!.last_error).toContain('HTTP 500');
    expect(rows[0]!.last_error).not.toContain('s3cret-hook-token');
  });

  it('a refused connection counts as a failed attempt too', async () => {
    await enqueueAlert(t.db, { projectId: 'p3', idempotencyKey: 'scan:3:critical', text: 'x' });
    const closed = await startHook();
    const url = closed.url('/gone');
    await new Promise((resolve) => closed.server.close(resolve));
    const result = await drainAlerts(t.db, { webhookUrl: url, maxAttempts: 2, ...fast, sleep: async () => undefined });
    expect(result).toMatchObject({ dead: 1, pending: 0 });
  });
});
