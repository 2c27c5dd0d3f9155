import type { Db } from '../db/port.js';
import { redact } from '../db/connection-string.js';
import { backoffDelay, defaultSleep } from './retry.js';
import { ALL_PROJECTS, withProject } from './project-scope.js';

/**
 * Alerts (§4.2) leave through `ops.alert_outbox`: enqueued with an idempotency key (the same
 * event enqueued twice is one alert), claimed by deliverers with FOR UPDATE SKIP LOCKED (so two
 * deliverers never send the same row at once: PostgreSQL does the queueing), posted to a
 * Mattermost/Slack-compatible webhook as `{ text }`, retried with exponential backoff and jitter,
 * and moved to `ops.alert_dead_letters` after `maxAttempts`.
 */
export interface AlertInput {
  projectId: string;
  /** Same key, same alert: e.g. `scan:<scan id>:critical`. */
  idempotencyKey: string;
  text: string;
}

/** Returns true when the alert was new, false when its key was already in the outbox. */
export async function enqueueAlert(db: Db, alert: AlertInput): Promise<boolean> {
  return withProject(db, alert.projectId, async (tx) => {
    const { rows } = await tx.query(
      `INSERT INTO ops.alert_outbox (idempotency_key, project_id, payload) VALUES ($1, $2, $3)
       ON CONFLICT ON CONSTRAINT alert_outbox_idempotency_key DO NOTHING RETURNING id`,
      [alert.idempotencyKey, alert.projectId, JSON.stringify({ text: alert.text })],
    );
    return rows.length === 1;
  });
}

export interface DeliveryOptions {
  webhookUrl: string;
  /** Attempts before an alert becomes a dead letter (default 6). */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
  /** Rows claimed per pass (default 20). */
  batchSize?: number;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
}

export interface DeliveryResult {
  delivered: number;
  retried: number;
  dead: number;
}

interface OutboxRow {
  id: string;
  idempotency_key: string;
  project_id: string;
  payload: unknown;
  attempts: number;
}

async function post(url: string, row: OutboxRow, timeoutMs: number): Promise<void> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': row.idempotency_key },
    body: JSON.stringify(row.payload),
    signal: AbortSignal.timeout(timeoutMs),
  });
  // Drain the body so the connection can be reused; the text is the error when it failed.
  const body = await response.text().catch(() => '');
  if (!response.ok) throw new Error(`webhook answered HTTP ${response.status}${body ? `: ${body.slice(0, 200)}` : ''}`);
}

/** One pass over the alerts due now. */
export async function deliverDueAlerts(db: Db, options: DeliveryOptions): Promise<DeliveryResult> {
  const maxAttempts = options.maxAttempts ?? 6;
  const result: DeliveryResult = { delivered: 0, retried: 0, dead: 0 };
  await withProject(db, ALL_PROJECTS, async (tx) => {
    const { rows } = await tx.query<OutboxRow>(
      `SELECT id, idempotency_key, project_id, payload, attempts FROM ops.alert_outbox
        WHERE status = 'pending' AND next_attempt_at <= clock_timestamp()
        ORDER BY next_attempt_at, id LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [options.batchSize ?? 20],
    );
    for (const row of rows) {
      try {
        await post(options.webhookUrl, row, options.timeoutMs ?? 10_000);
        await tx.query(
          `UPDATE ops.alert_outbox SET status = 'delivered', attempts = attempts + 1, delivered_at = now(), last_error = NULL, updated_at = now() WHERE id = $1`,
          [row.id],
        );
        result.delivered += 1;
      } catch (error) {
        const message = redact(error instanceof Error ? error.message : String(error), [options.webhookUrl]);
        const attempts = row.attempts + 1;
        if (attempts >= maxAttempts) {
          await tx.query(
            `UPDATE ops.alert_outbox SET status = 'dead', attempts = $2, last_error = $3, updated_at = now() WHERE id = $1`,
            [row.id, attempts, message],
          );
          await tx.query(
            `INSERT INTO ops.alert_dead_letters (outbox_id, project_id, idempotency_key, payload, attempts, last_error)
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ON CONSTRAINT alert_dead_letters_outbox_key DO NOTHING`,
            [row.id, row.project_id, row.idempotency_key, JSON.stringify(row.payload), attempts, message],
          );
          result.dead += 1;
        } else {
          const delay = backoffDelay(attempts - 1, options);
          await tx.query(
            `UPDATE ops.alert_outbox SET attempts = $2, last_error = $3,
                    next_attempt_at = clock_timestamp() + make_interval(secs => $4::float8 / 1000), updated_at = now()
              WHERE id = $1`,
            [row.id, attempts, message, delay],
          );
          result.retried += 1;
        }
      }
    }
  });
  return result;
}

/**
 * Delivers until nothing is pending: passes over the due alerts, sleeping until the next one is
 * due. Bounded by `maxPasses`, so a caller (the nightly job's last step) always finishes.
 */
export async function drainAlerts(
  db: Db,
  options: DeliveryOptions & { maxPasses?: number; sleep?: (ms: number) => Promise<void> },
): Promise<DeliveryResult & { pending: number }> {
  const total: DeliveryResult = { delivered: 0, retried: 0, dead: 0 };
  const sleep = options.sleep ?? defaultSleep;
  for (let pass = 0; pass < (options.maxPasses ?? 50); pass++) {
    const r = await deliverDueAlerts(db, options);
    total.delivered += r.delivered;
    total.retried += r.retried;
    total.dead += r.dead;
    const next = await withProject(db, ALL_PROJECTS, (tx) =>
      tx.query<{ wait_ms: number | null; pending: number }>(
        `SELECT (extract(epoch FROM min(next_attempt_at) - clock_timestamp()) * 1000)::float8 AS wait_ms, count(*)::int AS pending
           FROM ops.alert_outbox WHERE status = 'pending'`,
      ),
    );
    const { wait_ms, pending } = next.rows[0]!;
    if (pending === 0) return { ...total, pending: 0 };
    if (wait_ms !== null && wait_ms > 0) await sleep(Math.ceil(wait_ms));
  }
  const left = await withProject(db, ALL_PROJECTS, (tx) =>
    tx.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM ops.alert_outbox WHERE status = 'pending'`),
  );
  return { ...total, pending: left.rows[0]!.pending };
}

/**
 * §10.2 expiry reminders: one alert per waiver expiring within 7 days, and one per expired
 * exception (§10.1), idempotent by key so a nightly run repeats none of them.
 */
export async function enqueueExpiryReminders(
  db: Db,
  projects: readonly { project: string; expiringWaivers: { id: string; rule: string; expiresAt: string }[]; expiredExceptions: { id: string; rule: string; expiresOn: string }[] }[],
): Promise<number> {
  let queued = 0;
  for (const p of projects) {
    for (const w of p.expiringWaivers) {
      const text = `Platform Kit: the waiver for ${w.rule} in ${p.project} expires ${w.expiresAt}; remediate or request an extension.`;
      if (await enqueueAlert(db, { projectId: p.project, idempotencyKey: `waiver:${w.id}:expires-soon`, text })) queued += 1;
    }
    for (const e of p.expiredExceptions) {
      const text = `Platform Kit: the exception for ${e.rule} in ${p.project} expired on ${e.expiresOn}; it needs a review.`;
      if (await enqueueAlert(db, { projectId: p.project, idempotencyKey: `exception:${e.id}:expired`, text })) queued += 1;
    }
  }
  return queued;
}
