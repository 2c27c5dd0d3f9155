import type { Db } from '../db/port.js';
import { runtimeError } from '../errors.js';
import type { Finding } from '../report/finding.js';
import { withProject } from './project-scope.js';

/**
 * The deployment gate (§4.2 "critical issues block next deployment"): reads the project's latest
 * successful scan from the control plane. Critical means error severity. A finding blocks while it
 * is open and not waived — and a waiver from ops.waivers counts only while it is still in force,
 * so an expired waiver blocks again without a new scan.
 */
export interface DeployGateResult {
  project: string;
  scanId: string;
  scannedAt: string;
  /** Open findings of the scan (every severity), with waivers as of now. */
  findings: Finding[];
  blocking: Finding[];
  /** Set when the latest scan failed: the gate then decides on the last successful one. */
  latestScanFailed?: { scanId: string; error: string | null };
}

export async function deployGate(db: Db, projectId: string): Promise<DeployGateResult> {
  return withProject(db, projectId, async (tx) => {
    const latest = (
      await tx.query<{ id: string; status: string; error: string | null }>(
        `SELECT id, status, error FROM ops.scans WHERE project_id = $1 ORDER BY started_at DESC LIMIT 1`,
        [projectId],
      )
    ).rows[0];
    const scan = (
      await tx.query<{ id: string; finished_at: Date }>(
        `SELECT id, finished_at FROM ops.scans WHERE project_id = $1 AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
        [projectId],
      )
    ).rows[0];
    if (!scan) {
      // Verify, then trust (§1.2): a project never scanned successfully cannot be cleared.
      throw runtimeError(
        `no successful scan of project "${projectId}" in the control plane${latest ? ` (latest scan ${latest.id} ${latest.status})` : ''}: cannot verify it; run the introspection first`,
      );
    }
    const { rows } = await tx.query<{
      rule: string;
      severity: Finding['severity'];
      fingerprint: string;
      object: Finding['object'];
      message: string;
      location: Finding['location'] | null;
      waived: boolean;
      waiver_id: string | null;
      waiver_ok: boolean | null;
      justification: string | null;
      expires_at: Date | null;
    }>(
      `SELECT f.rule, f.severity, f.fingerprint, f.object, f.message, f.location, f.waived, f.waiver_id,
              (w.expires_at > now()) AS waiver_ok, w.justification, w.expires_at
         FROM ops.findings f LEFT JOIN ops.waivers w ON w.id = f.waiver_id
        WHERE f.scan_id = $1 AND f.state <> 'resolved'`,
      [scan.id],
    );
    // Waivers granted after the scan count too.
    const active = (
      await tx.query<{ rule: string; fingerprint: string | null; justification: string; expires_at: Date }>(
        `SELECT rule, fingerprint, justification, expires_at FROM ops.waivers WHERE project_id = $1 AND expires_at > now()`,
        [projectId],
      )
    ).rows;
    const findings: Finding[] = rows.map((r) => {
      const fresh = active.find((w) => w.rule === r.rule && (w.fingerprint === null || w.fingerprint === r.fingerprint));
      const waivedNow = r.waiver_id ? r.waiver_ok === true || Boolean(fresh) : r.waived || Boolean(fresh);
      const justification = fresh?.justification ?? r.justification ?? 'waived when scanned (configuration exemption)';
      const expires = fresh?.expires_at ?? r.expires_at;
      return {
        rule: r.rule,
        severity: r.severity,
        fingerprint: r.fingerprint,
        object: r.object,
        message: r.message,
        ...(r.location ? { location: r.location } : {}),
        ...(waivedNow ? { waived: { justification, ...(expires ? { expires: new Date(expires).toISOString().slice(0, 10) } : {}) } } : {}),
      };
    });
    return {
      project: projectId,
      scanId: scan.id,
      scannedAt: new Date(scan.finished_at).toISOString(),
      findings,
      blocking: findings.filter((f) => f.severity === 'error' && !f.waived),
      ...(latest && latest.status === 'failed' ? { latestScanFailed: { scanId: latest.id, error: latest.error } } : {}),
    };
  });
}
