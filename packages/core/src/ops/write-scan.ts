import type { Db } from '../db/port.js';
import type { Inventory } from '../inventory/schema.js';
import type { Finding } from '../report/finding.js';
import type { ResolvedConfig } from '../config/schema.js';
import { driftFindings } from '../engine/drift.js';
import { redact } from '../db/connection-string.js';
import {
  flattenInventory,
  flattenInventoryInBatches,
  inventoryFromRows,
  storedIndexOf,
  type InventoryObjectRow,
  type StoredEntry,
  type StoredIndex,
} from './inventory-objects.js';
import { StatementPipeline } from './statement-pipeline.js';
import { withProject } from './project-scope.js';
import { BATCH_BYTES, BATCH_ROWS, batches, jsonDocumentsParam, jsonDocumentsSql, textParam, textSql } from './bulk-params.js';
import { prepareFindings, readFindingContext, sendFindings } from './write-findings.js';

export type ScanTrigger = 'nightly' | 'on-demand' | 'pull-request';

export interface ProjectInfo {
  id: string;
  name?: string;
  repo?: string;
  owners?: string[];
  exposedSchemas?: string[];
}

export interface ScanRecord {
  /** A uuid chosen by the caller: rerunning with the same id records nothing twice. */
  scanId: string;
  runId?: string;
  project: ProjectInfo;
  repo?: string;
  commit?: string;
  trigger: ScanTrigger;
  toolVersion: string;
  startedAt?: Date;
  inventory: Inventory;
  /** Every finding of the scan, drift findings included. */
  findings: Finding[];
  /**
   * The previous inventory as loadPreviousInventory read it for drift, if it did: its stored
   * identities and hashes are reused when no other scan was recorded since (checked under the lock).
   */
  previous?: PreviousInventory;
}

export type { FindingState } from './write-findings.js';

export interface WrittenScan {
  scanId: string;
  /** False when the scan was already recorded as succeeded (a rerun): nothing was written. */
  written: boolean;
  previousScanId: string | null;
  objects: { total: number; added: number; changed: number; removed: number };
  findings: { new: number; persisting: number; resolved: number; waived: number };
}

/**
 * The project's last successful scan, optionally not counting one scan (the one being written),
 * and how many successful scans the project has: every recorded scan adds one, so an unchanged
 * count means no scan was recorded in between.
 */
export async function latestSuccessfulScan(
  db: Db,
  projectId: string,
  excluding?: string,
): Promise<{ id: string; summary: Record<string, unknown>; succeeded: number } | undefined> {
  const { rows } = await db.query<{ id: string; summary: Record<string, unknown>; succeeded: number }>(
    `SELECT id, summary, (count(*) OVER ())::int AS succeeded FROM ops.scans
      WHERE project_id = $1 AND status = 'succeeded' AND ($2::uuid IS NULL OR id <> $2::uuid)
      ORDER BY finished_at DESC, started_at DESC LIMIT 1`,
    [projectId, excluding ?? null],
  );
  return rows[0];
}

/**
 * What the control plane holds for a project, by kind and identity: the objects present (with
 * their definition hash) and the ones marked removed (a reappearing one is updated, not inserted).
 * Nested maps: no key string is built per object.
 */
export interface StoredObjects {
  present: StoredIndex;
  removed: Map<string, Set<string>>;
}

export interface PreviousInventory {
  scanId: string;
  /** The objects present as of that scan, attributes parsed only when read. */
  inventory: Inventory;
  /**
   * Every stored object of the project (removed ones too) as of that scan. writeScan reuses it
   * instead of reading it again when no other scan of the project was recorded in between.
   */
  stored: { objects: StoredObjects; succeededScans: number };
}


/**
 * The inventory as the control plane last saw it: objects not removed, rebuilt from their stored
 * attributes. Undefined when the project has no successful scan yet (drift has nothing to compare).
 */
export async function loadPreviousInventory(db: Db, projectId: string): Promise<PreviousInventory | undefined> {
  return withProject(db, projectId, async (tx) => {
    const scan = await latestSuccessfulScan(tx, projectId);
    if (!scan) return undefined;
    // The stored identity and definition hash come along: drift compares hashes, so the previous
    // inventory is never hashed again. Attributes come as text (json would make the driver parse
    // each one): they are parsed only for the objects drift looks into.
    const { rows } = await tx.query<{ kind: string; identity: string; definition_hash: string; json: string | null }>(
      `SELECT kind, identity, definition_hash, CASE WHEN removed_in_scan IS NULL THEN attributes::text END AS json
         FROM ops.inventory_objects WHERE project_id = $1`,
      [projectId],
    );
    const present: { kind: string; identity: string; definition_hash: string; json: string }[] = [];
    const removed = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.json !== null) present.push(row as (typeof present)[number]);
      else addTo(removed, row.kind, row.identity);
    }
    const meta = (scan.summary.inventory ?? {}) as { capturedAt?: string; server?: Inventory['server']; source?: string };
    const inventory = inventoryFromRows(present, meta);
    return {
      scanId: scan.id,
      inventory,
      stored: { objects: { present: storedIndexOf(inventory) ?? new Map(), removed }, succeededScans: scan.succeeded },
    };
  });
}

function addTo(sets: Map<string, Set<string>>, kind: string, identity: string): void {
  let set = sets.get(kind);
  if (!set) sets.set(kind, (set = new Set()));
  set.add(identity);
}

/**
 * Drift of the current inventory against the previous one read back from the control plane. The
 * current inventory is flattened against the stored texts first, so unchanged objects reuse their
 * stored hash instead of being hashed (the writer then shares that flattening).
 */
export function driftAgainst(current: Inventory, previous: PreviousInventory | undefined, config: ResolvedConfig): Finding[] {
  if (!previous) return [];
  flattenInventory(current, previous.inventory);
  return driftFindings(current, previous.inventory, config);
}

/**
 * Records one scan in one transaction. Writers of the same project queue on a transaction-scoped
 * advisory lock taken before anything else, so concurrent writers never interleave (and cannot
 * deadlock: it is the only lock they wait for); writers of different projects do not wait.
 */
export async function writeScan(db: Db, record: ScanRecord): Promise<WrittenScan> {
  const projectId = record.project.id;
  return withProject(db, projectId, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('platform_kit.scan:' || $1))`, [projectId]);

    const existing = await tx.query<{ status: string; previous_scan_id: string | null; summary: { objects?: WrittenScan['objects']; findings?: WrittenScan['findings'] } }>(
      `SELECT status, previous_scan_id, summary FROM ops.scans WHERE id = $1`,
      [record.scanId],
    );
    const already = existing.rows[0];
    if (already?.status === 'succeeded') {
      return {
        scanId: record.scanId,
        written: false,
        previousScanId: already.previous_scan_id,
        objects: already.summary.objects ?? { total: 0, added: 0, changed: 0, removed: 0 },
        findings: already.summary.findings ?? { new: 0, persisting: 0, resolved: 0, waived: 0 },
      };
    }

    await upsertProject(tx, record.project);
    const previous = await latestSuccessfulScan(tx, projectId, record.scanId);
    await tx.query(
      `INSERT INTO ops.scans (id, run_id, project_id, repo, commit_sha, trigger, tool_version, source, previous_scan_id, started_at, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running')
       ON CONFLICT (id) DO UPDATE SET status = 'running', error = NULL, finished_at = NULL,
         previous_scan_id = excluded.previous_scan_id, updated_at = now()`,
      [
        record.scanId,
        record.runId ?? null,
        projectId,
        record.repo ?? record.project.repo ?? null,
        record.commit ?? null,
        record.trigger,
        record.toolVersion,
        record.inventory.source,
        previous?.id ?? null,
        (record.startedAt ?? new Date()).toISOString(),
      ],
    );

    // Findings first: their inserts are mostly the server's work, and they keep it busy while
    // this process classifies (and on a first scan hashes) the inventory. After the one read of
    // the previous findings and the waivers, nothing waits on the server until the end: every
    // statement is pipelined.
    const context = readFindingContext(tx, projectId, previous?.id);
    // What the control plane holds: the caller's read if no scan of the project was recorded since
    // (every recorded scan adds a successful one, and this transaction holds the project's lock),
    // else read now, before any write is queued ahead of it.
    const stored: Promise<StoredObjects> =
      record.previous && previous && record.previous.scanId === previous.id && record.previous.stored.succeededScans === previous.succeeded
        ? Promise.resolve(record.previous.stored.objects)
        : // after the findings context, whether it failed or not: node-postgres deprecates a query sent while another runs
          context.catch(() => undefined).then(() => readStoredObjects(tx, projectId));
    // Both awaited below, where an error surfaces; never left as an unhandled rejection meanwhile.
    context.catch(() => undefined);
    stored.catch(() => undefined);
    const prepared = prepareFindings(record.findings); // while those reads run
    const statements = new StatementPipeline(tx);
    const findings = await sendFindings(statements, projectId, record.scanId, prepared, await context);
    const objects = await sendObjects(statements, projectId, record.scanId, record.inventory, await stored);
    await statements.drain();

    const { waivedFingerprints, ...findingCounts } = findings;
    const summary = {
      objects,
      findings: findingCounts,
      open: countOpen(record.findings, waivedFingerprints),
      inventory: { capturedAt: record.inventory.capturedAt, server: record.inventory.server, source: record.inventory.source },
    };
    await tx.query(
      `UPDATE ops.scans SET status = 'succeeded', finished_at = clock_timestamp(), summary = $2, updated_at = now() WHERE id = $1`,
      [record.scanId, JSON.stringify(summary)],
    );
    await tx.query(
      `INSERT INTO ops.audit_log (project_id, action, target, details) VALUES ($1, 'scan.recorded', $2, $3)`,
      [projectId, `ops.scans:${record.scanId}`, JSON.stringify({ runId: record.runId ?? null, commit: record.commit ?? null, trigger: record.trigger })],
    );
    return { scanId: record.scanId, written: true, previousScanId: previous?.id ?? null, objects, findings: findingCounts };
  });
}

function countOpen(findings: Finding[], waived: Set<string>): Record<string, number> {
  const open: Record<string, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.waived && !waived.has(f.fingerprint)) open[f.severity] = (open[f.severity] ?? 0) + 1;
  return open;
}

async function upsertProject(tx: Db, project: ProjectInfo): Promise<void> {
  await tx.query(
    `INSERT INTO ops.projects AS p (id, name, repo, owners, exposed_schemas)
     VALUES ($1, $2, $3, coalesce($4::text[], '{}'), coalesce($5::text[], '{public}'))
     ON CONFLICT (id) DO UPDATE SET
       name = coalesce(excluded.name, p.name), repo = coalesce(excluded.repo, p.repo),
       owners = CASE WHEN $4::text[] IS NULL THEN p.owners ELSE excluded.owners END,
       exposed_schemas = CASE WHEN $5::text[] IS NULL THEN p.exposed_schemas ELSE excluded.exposed_schemas END,
       updated_at = now()
     WHERE (p.name, p.repo, p.owners, p.exposed_schemas) IS DISTINCT FROM
           (coalesce(excluded.name, p.name), coalesce(excluded.repo, p.repo),
            CASE WHEN $4::text[] IS NULL THEN p.owners ELSE excluded.owners END,
            CASE WHEN $5::text[] IS NULL THEN p.exposed_schemas ELSE excluded.exposed_schemas END)`,
    [project.id, project.name ?? null, project.repo ?? null, project.owners ?? null, project.exposedSchemas ?? null],
  );
}

async function sendObjects(
  statements: StatementPipeline,
  projectId: string,
  scanId: string,
  inventory: Inventory,
  stored: StoredObjects,
): Promise<WrittenScan['objects']> {
  // What the control plane holds: identity and hash only. Night after night most objects are
  // unchanged, and an unchanged object costs nothing — no row rewritten (its "last seen" is derived
  // in ops.inventory_object_lineage). Only new, changed and removed objects are written. The
  // project's advisory lock (held by the caller) keeps this valid until commit.
  const changedRows: InventoryObjectRow[] = [];
  const seen = new Set<StoredEntry>();
  let total = 0;
  let added = 0;
  // New objects are inserted while the rest of the inventory is still being hashed (a project's
  // first scan: every object is new, and hashing them is a good part of the write).
  let pending: { row: InventoryObjectRow; attributes: string }[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    pendingBytes = 0;
    await statements.send(
      `INSERT INTO ops.inventory_objects (project_id, kind, identity, definition_hash, attributes, first_seen_scan)
       SELECT $1, t.kind, t.identity, t.hash, t.attributes::json, $2
         FROM ROWS FROM (${textSql('$3')}, ${textSql('$4')}, ${textSql('$5')}, ${jsonDocumentsSql('$6')})
              AS t(kind, identity, hash, attributes)`,
      [projectId, scanId, ...objectColumns(batch)],
    );
  };
  for await (const rows of flattenInventoryInBatches(inventory)) {
    for (const row of rows) {
      total += 1;
      const before = stored.present.get(row.kind)?.get(row.identity);
      if (before) {
        seen.add(before);
        if (before.definitionHash !== row.definitionHash) changedRows.push(row);
      } else if (stored.removed.get(row.kind)?.has(row.identity)) {
        // A reappearing object counts as changed: its lineage moves (removed_in_scan cleared).
        changedRows.push(row);
      } else {
        added += 1;
        const attributes = row.json ?? JSON.stringify(row.attributes);
        pending.push({ row, attributes });
        pendingBytes += attributes.length;
        if (pending.length >= BATCH_ROWS || pendingBytes >= BATCH_BYTES) await flush();
      }
    }
  }
  await flush();
  const gone: { kind: string; identity: string }[] = [];
  for (const [kind, identities] of stored.present) {
    for (const [identity, entry] of identities) if (!seen.has(entry)) gone.push({ kind, identity });
  }

  for (const batch of documentBatches(changedRows)) {
    await statements.send(
      `UPDATE ops.inventory_objects AS o
          SET definition_hash = t.hash, attributes = t.attributes::json, removed_in_scan = NULL,
              changed_in_scan = $2, updated_at = now()
         FROM ROWS FROM (${textSql('$3')}, ${textSql('$4')}, ${textSql('$5')}, ${jsonDocumentsSql('$6')})
              AS t(kind, identity, hash, attributes)
        WHERE o.project_id = $1 AND o.kind = t.kind AND o.identity = t.identity`,
      [projectId, scanId, ...objectColumns(batch)],
    );
  }
  for (const batch of batches(gone, () => 0, 20_000)) {
    await statements.send(
      `UPDATE ops.inventory_objects AS o SET removed_in_scan = $2, updated_at = now()
         FROM ROWS FROM (${textSql('$3')}, ${textSql('$4')}) AS t(kind, identity)
        WHERE o.project_id = $1 AND o.kind = t.kind AND o.identity = t.identity AND o.removed_in_scan IS NULL`,
      [projectId, scanId, textParam(batch.map((r) => r.kind)), textParam(batch.map((r) => r.identity))],
    );
  }
  return { total, added, changed: changedRows.length, removed: gone.length };
}

async function readStoredObjects(tx: Db, projectId: string): Promise<StoredObjects> {
  const { rows } = await tx.query<{ kind: string; identity: string; definition_hash: string; present: boolean }>(
    `SELECT kind, identity, definition_hash, removed_in_scan IS NULL AS present FROM ops.inventory_objects WHERE project_id = $1`,
    [projectId],
  );
  const stored: StoredObjects = { present: new Map(), removed: new Map() };
  for (const r of rows) {
    if (!r.present) {
      addTo(stored.removed, r.kind, r.identity);
      continue;
    }
    let identities = stored.present.get(r.kind);
    if (!identities) stored.present.set(r.kind, (identities = new Map()));
    identities.set(r.identity, { definitionHash: r.definition_hash });
  }
  return stored;
}

/** Rows with their attributes as JSON text, batched by that text's size. */
function* documentBatches(rows: InventoryObjectRow[]): Generator<{ row: InventoryObjectRow; attributes: string }[]> {
  yield* batches(
    rows.map((row) => ({ row, attributes: row.json ?? JSON.stringify(row.attributes) })),
    (r) => r.attributes.length,
  );
}

/** Parameters $3..$6 of the object statements: kind, identity, hash, attributes. */
function objectColumns(batch: { row: InventoryObjectRow; attributes: string }[]): string[] {
  return [
    textParam(batch.map((r) => r.row.kind)),
    textParam(batch.map((r) => r.row.identity)),
    textParam(batch.map((r) => r.row.definitionHash)),
    jsonDocumentsParam(batch.map((r) => r.attributes)),
  ];
}

/**
 * Records a scan that did not finish (introspection failed, or writing it failed and rolled back)
 * as failed, never as clean. The error is redacted: it may quote a connection string.
 */
export async function recordFailedScan(
  db: Db,
  record: Omit<ScanRecord, 'inventory' | 'findings'> & { source?: string },
  error: unknown,
  secrets: readonly string[] = [],
): Promise<void> {
  const message = redact(error instanceof Error ? error.message : String(error), secrets).slice(0, 4000) || 'unknown error';
  await withProject(db, record.project.id, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('platform_kit.scan:' || $1))`, [record.project.id]);
    await upsertProject(tx, record.project);
    await tx.query(
      `INSERT INTO ops.scans (id, run_id, project_id, repo, commit_sha, trigger, tool_version, source, started_at, finished_at, status, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, clock_timestamp(), 'failed', $10)
       ON CONFLICT (id) DO UPDATE SET status = 'failed', error = excluded.error, finished_at = excluded.finished_at, updated_at = now()
       WHERE ops.scans.status <> 'succeeded'`,
      [
        record.scanId,
        record.runId ?? null,
        record.project.id,
        record.repo ?? record.project.repo ?? null,
        record.commit ?? null,
        record.trigger,
        record.toolVersion,
        record.source ?? null,
        (record.startedAt ?? new Date()).toISOString(),
        message,
      ],
    );
    await tx.query(`INSERT INTO ops.audit_log (project_id, action, target, details) VALUES ($1, 'scan.failed', $2, $3)`, [
      record.project.id,
      `ops.scans:${record.scanId}`,
      JSON.stringify({ error: message }),
    ]);
  });
}
