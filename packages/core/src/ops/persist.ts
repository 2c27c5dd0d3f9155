import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Db } from '../db/port.js';
import { connectServer } from '../db/server.js';
import { openEmbedded } from '../db/embedded.js';
import { secretsOf, redact } from '../db/connection-string.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import type { Finding } from '../report/finding.js';
import { TOOL_VERSION, type Notice } from '../report/report.js';
import { loadParser } from '../parser/parse.js';
import { configError, PlatformKitError } from '../errors.js';
import type { Logger } from '../logging.js';
import { migrateOps } from './migrate.js';
import { acquireLocalLockQueued } from './local-lock.js';
import { isTransient, withRetry, type RetryOptions } from './retry.js';
import { driftAgainst, loadPreviousInventory, recordFailedScan, writeScan, type ProjectInfo, type ScanTrigger, type WrittenScan } from './write-scan.js';
import { recordMetrics, scanMetrics } from './metrics.js';
import { enqueueAlert } from './alerts.js';

/**
 * Where scans are kept: a control-plane database (`controlPlaneUrl`, shared by an organisation's
 * nightly jobs) or, without one, an embedded PostgreSQL in a local directory (`dataDir`), so two
 * scans on a laptop already show history and drift.
 */
export interface ControlPlaneTarget {
  controlPlaneUrl?: string;
  /** Used when there is no URL (default `.platform-kit/ops` under `cwd`). */
  dataDir?: string;
  cwd?: string;
  /** Apply the ops migrations first (always done for the local directory). */
  migrate?: boolean;
}

export interface PersistScanInput extends ControlPlaneTarget {
  project: ProjectInfo;
  scanId?: string;
  runId?: string;
  repo?: string;
  commit?: string;
  trigger?: ScanTrigger;
  inventory: Inventory;
  /** The scan's findings (drift findings are added here). */
  findings: Finding[];
  config: ResolvedConfig;
  startedAt?: Date;
  /** How long the scan (introspection + rules) took: recorded as a metric. */
  scanDurationMs?: number;
  retry?: RetryOptions;
  logger?: Logger;
}

export type PersistStatus = 'recorded' | 'already-recorded' | 'unreachable' | 'failed';

export interface PersistScanResult {
  status: PersistStatus;
  scanId: string;
  /** Where it went, printable (no secret). */
  target: string;
  previousScanId: string | null;
  /** Drift findings against the previous scan: the caller adds them to its report. */
  drift: Finding[];
  written?: WrittenScan;
  /** Redacted; set when status is unreachable or failed. */
  error?: string;
  /** For the report: what happened to the history, in a sentence. */
  notices: Notice[];
}

/** Opens the control plane (with retries when it is a server) and makes sure `ops` exists. */
export async function openControlPlane(target: ControlPlaneTarget, retry: RetryOptions = {}): Promise<Db> {
  if (target.controlPlaneUrl) {
    const url = target.controlPlaneUrl;
    const db = await withRetry(() => connectServer(url, { applicationName: 'platform-kit control plane' }), retry);
    try {
      if (target.migrate) await migrateOps(db);
      else await assertMigrated(db);
    } catch (error) {
      await db.close();
      throw error;
    }
    return db;
  }
  const dataDir = path.resolve(target.cwd ?? process.cwd(), target.dataDir ?? '.platform-kit/ops');
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const release = await acquireLocalLockQueued(dataDir);
  let db: Db;
  try {
    db = await openEmbedded({ dataDir });
  } catch (error) {
    release();
    throw error;
  }
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      release();
    }
  };
  try {
    await migrateOps(db);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

async function assertMigrated(db: Db): Promise<void> {
  const { rows } = await db.query<{ ok: boolean }>(`SELECT to_regclass('ops.scans') IS NOT NULL AS ok`);
  if (!rows[0]?.ok) {
    throw configError(
      `the control plane at ${db.description} has no ops schema`,
      undefined,
      'run `platform-kit ops migrate --control-plane-url URL` once with an owner role',
    );
  }
}

export function describeTarget(target: ControlPlaneTarget): string {
  if (target.controlPlaneUrl) return `control plane ${redact(target.controlPlaneUrl)}`;
  return `local history ${target.dataDir ?? '.platform-kit/ops'}`;
}

/**
 * Records a finished scan: loads the project's previous scan, computes drift against it, writes
 * the scan (drift included) in one transaction, then metrics and — when it found new critical
 * issues — an alert in the outbox. The whole attempt is retried on transient errors; writing is
 * idempotent by scan id, so a retry after a lost COMMIT acknowledgement records nothing twice.
 * It never throws for an unreachable control plane: the caller still has its report to publish.
 */
export async function persistScan(input: PersistScanInput): Promise<PersistScanResult> {
  const scanId = input.scanId ?? randomUUID();
  const target = describeTarget(input);
  const secrets = input.controlPlaneUrl ? secretsOf(input.controlPlaneUrl) : [];
  const log = input.logger?.child({ project_id: input.project.id, scan_id: scanId, run_id: input.runId });
  const record = {
    scanId,
    runId: input.runId,
    project: input.project,
    repo: input.repo,
    commit: input.commit,
    trigger: input.trigger ?? 'on-demand',
    toolVersion: TOOL_VERSION,
    startedAt: input.startedAt,
  } as const;
  await loadParser(); // some drift remediations are checked with the parser

  let drift: Finding[] = [];
  try {
    const outcome = await withRetry(
      async () => {
        const db = await openControlPlane(input, { ...input.retry, attempts: 1 });
        try {
          const previous = await loadPreviousInventory(db, input.project.id);
          drift = driftAgainst(input.inventory, previous, input.config);
          const persistStart = performance.now();
          const written = await writeScan(db, { ...record, inventory: input.inventory, findings: [...input.findings, ...drift], previous });
          const persistMs = performance.now() - persistStart;
          if (written.written) {
            const all = [...input.findings, ...drift];
            await recordMetrics(db, { projectId: input.project.id, scanId, runId: input.runId }, scanMetrics({
              durationMs: input.scanDurationMs ?? 0,
              persistMs,
              objects: written.objects.total,
              findings: all.filter((f) => !f.waived),
              errors: 0,
            }));
            await alertOnNewCritical(db, input.project.id, scanId, all, written);
          }
          return written;
        } finally {
          await db.close();
        }
      },
      {
        ...input.retry,
        onRetry: (error, attempt, delayMs) =>
          log?.warn('control plane write failed, retrying', { attempt, delay_ms: delayMs, error: redact(String((error as Error)?.message ?? error), secrets) }),
      },
    );
    log?.info('scan recorded', { target, objects: outcome.objects.total, findings: outcome.findings, written: outcome.written });
    const n = outcome.findings;
    return {
      status: outcome.written ? 'recorded' : 'already-recorded',
      scanId,
      target,
      previousScanId: outcome.previousScanId,
      drift,
      written: outcome,
      notices: [
        {
          message: outcome.previousScanId
            ? `Scan ${scanId} recorded in the ${target}: ${n.new} new, ${n.persisting} persisting, ${n.resolved} resolved since scan ${outcome.previousScanId}; ${drift.length} drift finding(s).`
            : `Scan ${scanId} recorded in the ${target}: the first scan of project ${input.project.id}, so no drift yet.`,
        },
      ],
    };
  } catch (error) {
    const message = redact(error instanceof Error ? error.message : String(error), secrets);
    if (isTransient(error)) {
      log?.error('control plane unreachable: scan not recorded', { error: message });
      return {
        status: 'unreachable',
        scanId,
        target,
        previousScanId: null,
        drift: [],
        error: message,
        notices: [{ message: `The ${target} could not be reached (${message}); this scan was not recorded. The report is complete without history.` }],
      };
    }
    // A control plane without the ops schema is a setup mistake the user must fix: exit code 2.
    if (error instanceof PlatformKitError && error.kind === 'config') throw error;
    // Not a connection problem: the write itself failed. Record the scan as failed — never as clean.
    log?.error('recording the scan failed', { error: message });
    await recordFailure(input, record, error, secrets).catch((e) =>
      log?.error('could not record the failure either', { error: redact(String((e as Error)?.message ?? e), secrets) }),
    );
    return {
      status: 'failed',
      scanId,
      target,
      previousScanId: null,
      drift: [],
      error: message,
      notices: [{ message: `Recording scan ${scanId} in the ${target} failed (${message}); it is recorded as failed.` }],
    };
  }
}

async function recordFailure(
  target: ControlPlaneTarget,
  record: Parameters<typeof recordFailedScan>[1],
  error: unknown,
  secrets: readonly string[],
): Promise<void> {
  const db = await openControlPlane(target, { attempts: 2 });
  try {
    await recordFailedScan(db, record, error, secrets);
    await enqueueAlert(db, {
      projectId: record.project.id,
      idempotencyKey: `scan:${record.scanId}:failed`,
      text: `Platform Kit: the scan of ${record.project.id} failed (${redact(error instanceof Error ? error.message : String(error), secrets).slice(0, 300)}).`,
    });
  } finally {
    await db.close();
  }
}

/**
 * A scan that could not run (the project's database unreachable, a bad secret): recorded as
 * failed with its redacted error, and an alert queued. Returns false when even the control plane
 * could not be reached.
 */
export async function persistScanFailure(
  input: ControlPlaneTarget & { project: ProjectInfo; scanId?: string; runId?: string; repo?: string; commit?: string; trigger?: ScanTrigger; secrets?: readonly string[] },
  error: unknown,
): Promise<boolean> {
  const secrets = [...(input.secrets ?? []), ...(input.controlPlaneUrl ? secretsOf(input.controlPlaneUrl) : [])];
  try {
    await recordFailure(
      input,
      {
        scanId: input.scanId ?? randomUUID(),
        runId: input.runId,
        project: input.project,
        repo: input.repo,
        commit: input.commit,
        trigger: input.trigger ?? 'nightly',
        toolVersion: TOOL_VERSION,
      },
      error,
      secrets,
    );
    return true;
  } catch {
    return false;
  }
}

async function alertOnNewCritical(db: Db, projectId: string, scanId: string, findings: Finding[], written: WrittenScan): Promise<void> {
  if (written.findings.new === 0) return;
  const { rows } = await db.query<{ fingerprint: string }>(
    `SELECT fingerprint FROM ops.findings WHERE scan_id = $1 AND state = 'new' AND severity = 'error' AND NOT waived`,
    [scanId],
  );
  if (rows.length === 0) return;
  const fresh = new Set(rows.map((r) => r.fingerprint));
  const lines = findings
    .filter((f) => fresh.has(f.fingerprint))
    .slice(0, 10)
    .map((f) => `- ${f.rule}: ${f.object.schema}.${f.object.table ? `${f.object.table}.` : ''}${f.object.name}`);
  await enqueueAlert(db, {
    projectId,
    idempotencyKey: `scan:${scanId}:new-critical`,
    text: `Platform Kit: ${rows.length} new critical finding(s) in ${projectId} (scan ${scanId}); the next deployment is blocked until they are fixed or waived.\n${lines.join('\n')}`,
  });
}
