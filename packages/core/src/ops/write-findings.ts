import type { Db } from '../db/port.js';
import type { Finding } from '../report/finding.js';
import { SEVERITY_RANK } from '../report/finding.js';
import { batches, jsonDocumentsParam, jsonDocumentsSql, textParam, textSql } from './bulk-params.js';
import type { StatementPipeline } from './statement-pipeline.js';

export type FindingState = 'new' | 'persisting' | 'resolved';

export interface FindingCounts {
  new: number;
  persisting: number;
  resolved: number;
  waived: number;
}

/** A finding with its JSON texts, one per fingerprint. */
export interface PreparedFinding {
  finding: Finding;
  object: string;
  location: string | null;
}

/**
 * One finding per fingerprint (the same rule on the same object twice is one finding; the most
 * severe wins), with the JSON texts the insert sends. Needs nothing from the database, so the
 * writer does it while its earlier statements run.
 */
export function prepareFindings(findings: Finding[]): PreparedFinding[] {
  const byFingerprint = new Map<string, Finding>();
  for (const f of [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])) byFingerprint.set(f.fingerprint, f);
  return [...byFingerprint.values()].map((finding) => ({
    finding,
    object: JSON.stringify(finding.object),
    location: finding.location ? JSON.stringify(finding.location) : null,
  }));
}

interface PreviousFinding {
  rule: string;
  severity: string;
  /** JSON text: carried over verbatim into a resolved row, never parsed. */
  object: string;
  message: string;
  location: string | null;
}

/** What a scan's findings are compared with: the previous scan's open findings, active waivers. */
export interface FindingContext {
  previous: Map<string, PreviousFinding>;
  waivers: { id: string; rule: string; fingerprint: string | null }[];
}

/** The previous scan's open findings and the project's active waivers (one query after the other: a pg connection runs one at a time). */
export async function readFindingContext(tx: Db, projectId: string, previousScanId: string | undefined): Promise<FindingContext> {
  const previous = previousScanId
    ? await tx.query<PreviousFinding & { fingerprint: string }>(
        `SELECT fingerprint, rule, severity, object::text AS object, message, location::text AS location
           FROM ops.findings WHERE scan_id = $1 AND state <> 'resolved'`,
        [previousScanId],
      )
    : { rows: [] };
  const active = await tx.query<{ id: string; rule: string; fingerprint: string | null }>(
    `SELECT id, rule, fingerprint FROM ops.waivers WHERE project_id = $1 AND expires_at > now() ORDER BY created_at`,
    [projectId],
  );
  return { previous: new Map(previous.rows.map((r) => [r.fingerprint, r])), waivers: active.rows };
}

/**
 * Sends the scan's findings, each new or persisting against the previous scan, plus the previous
 * scan's open findings that are gone as resolved. Returns the counts and the waived fingerprints.
 */
export async function sendFindings(
  statements: StatementPipeline,
  projectId: string,
  scanId: string,
  prepared: PreparedFinding[],
  context: FindingContext,
): Promise<FindingCounts & { waivedFingerprints: Set<string> }> {
  const rows: { fingerprint: string; rule: string; severity: string; object: string; message: string; location: string | null; state: FindingState; waived: boolean; waiverId: string | null }[] = [];
  const counts = { new: 0, persisting: 0, resolved: 0, waived: 0 };
  const waivedFingerprints = new Set<string>();
  const current = new Set<string>();
  for (const { finding: f, object, location } of prepared) {
    current.add(f.fingerprint);
    const waiver = context.waivers.find((w) => w.rule === f.rule && (w.fingerprint === null || w.fingerprint === f.fingerprint));
    const state: FindingState = context.previous.has(f.fingerprint) ? 'persisting' : 'new';
    const waived = Boolean(f.waived) || Boolean(waiver);
    if (waived) {
      counts.waived += 1;
      waivedFingerprints.add(f.fingerprint);
    }
    counts[state] += 1;
    rows.push({ fingerprint: f.fingerprint, rule: f.rule, severity: f.severity, object, message: f.message, location, state, waived, waiverId: waiver?.id ?? null });
  }
  for (const [fingerprint, p] of context.previous) {
    if (current.has(fingerprint)) continue;
    counts.resolved += 1;
    rows.push({ fingerprint, rule: p.rule, severity: p.severity, object: p.object, message: p.message, location: p.location, state: 'resolved', waived: false, waiverId: null });
  }
  // A plain INSERT, no ON CONFLICT: the rows are unique by fingerprint (above), and a scan's
  // findings exist only if it committed as succeeded, in which case writeScan returned before
  // writing anything. The primary key still refuses a duplicate, and an error rolls back the scan.
  for (const batch of batches(rows, (r) => r.object.length + r.message.length + (r.location?.length ?? 0))) {
    await statements.send(
      `INSERT INTO ops.findings (scan_id, project_id, rule, fingerprint, severity, object, message, location, state, waived, waiver_id)
       SELECT $1, $2, t.rule, t.fingerprint, t.severity, t.object::json, t.message, nullif(t.location, '')::json,
              t.state, t.waived::boolean, t.waiver_id::uuid
         FROM ROWS FROM (${textSql('$3')}, ${textSql('$4')}, ${textSql('$5')}, ${jsonDocumentsSql('$6')}, ${textSql('$7')},
                         ${jsonDocumentsSql('$8')}, ${textSql('$9')}, ${textSql('$10')}, ${textSql('$11')})
              AS t(rule, fingerprint, severity, object, message, location, state, waived, waiver_id)`,
      [
        scanId,
        projectId,
        textParam(batch.map((r) => r.rule)),
        textParam(batch.map((r) => r.fingerprint)),
        textParam(batch.map((r) => r.severity)),
        jsonDocumentsParam(batch.map((r) => r.object)),
        textParam(batch.map((r) => r.message)),
        jsonDocumentsParam(batch.map((r) => r.location)),
        textParam(batch.map((r) => r.state)),
        textParam(batch.map((r) => String(r.waived))),
        textParam(batch.map((r) => r.waiverId)),
      ],
    );
  }
  return { ...counts, waivedFingerprints };
}
