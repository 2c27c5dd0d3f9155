import type { Db } from '../db/port.js';
import { SEVERITY_RANK } from '../report/finding.js';
import { objectLabel as qualifiedName } from '../report/format/shared.js';
import type { Severity } from '../rules/types.js';
import { ALL_PROJECTS, withProject } from './project-scope.js';

/**
 * The compliance report (§4.2): per project and for the organisation, severity-ranked, with what
 * is new and what was resolved since the previous scan, read from the control plane. JSON for
 * machines, Markdown for people (job summary, issue, chat).
 */
export interface ComplianceFinding {
  rule: string;
  severity: Severity;
  fingerprint: string;
  object: { kind: string; schema: string; name: string; table?: string };
  message: string;
  state: 'new' | 'persisting' | 'resolved';
  waived: boolean;
}

export interface ProjectCompliance {
  project: string;
  owners: string[];
  /** The latest scan, whatever its outcome: a failed latest scan is shown, never hidden. */
  latestScan: { id: string; status: 'running' | 'succeeded' | 'failed'; startedAt: string; finishedAt: string | null; commit: string | null; runId: string | null; trigger: string; error: string | null } | null;
  /** The scan the findings come from (the latest successful one). */
  reportedScanId: string | null;
  open: Record<Severity, number>;
  waived: number;
  newCount: number;
  resolvedCount: number;
  /** Open findings (new and persisting, waived included and marked), most severe first. */
  findings: ComplianceFinding[];
  /** Resolved since the previous scan. */
  resolved: ComplianceFinding[];
  remediationPlan: { id: string; verificationStatus: string; status: string; createdAt: string } | null;
  /** §10.2: waivers that expire within 7 days (a reminder is due). */
  expiringWaivers: { id: string; rule: string; fingerprint: string | null; expiresAt: string }[];
  /** §10.1: exceptions past their expiry date, flagged for review. */
  expiredExceptions: { id: string; rule: string; objectPattern: string; expiresOn: string }[];
}

export interface OrgCompliance {
  formatVersion: 1;
  generatedAt: string;
  projects: ProjectCompliance[];
  totals: { projects: number; failedScans: number; neverScanned: number; open: Record<Severity, number>; waived: number; new: number; resolved: number };
}

const byRank = (a: ComplianceFinding, b: ComplianceFinding) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
  a.rule.localeCompare(b.rule) ||
  a.object.schema.localeCompare(b.object.schema) ||
  (a.object.table ?? '').localeCompare(b.object.table ?? '') ||
  a.object.name.localeCompare(b.object.name);

async function projectIn(tx: Db, projectId: string, owners: string[]): Promise<ProjectCompliance> {
  const latest = (
    await tx.query<{ id: string; status: 'running' | 'succeeded' | 'failed'; started_at: Date; finished_at: Date | null; commit_sha: string | null; run_id: string | null; trigger: string; error: string | null }>(
      `SELECT id, status, started_at, finished_at, commit_sha, run_id, trigger, error FROM ops.scans
        WHERE project_id = $1 ORDER BY started_at DESC, finished_at DESC NULLS FIRST LIMIT 1`,
      [projectId],
    )
  ).rows[0];
  const reported = (
    await tx.query<{ id: string }>(
      `SELECT id FROM ops.scans WHERE project_id = $1 AND status = 'succeeded' ORDER BY finished_at DESC LIMIT 1`,
      [projectId],
    )
  ).rows[0];
  const rows = reported
    ? (
        await tx.query<ComplianceFinding>(
          `SELECT rule, severity, fingerprint, object, message, state, waived FROM ops.findings WHERE scan_id = $1`,
          [reported.id],
        )
      ).rows
    : [];
  const plan = (
    await tx.query<{ id: string; verification_status: string; status: string; created_at: Date }>(
      `SELECT id, verification_status, status, created_at FROM ops.remediation_plans WHERE project_id = $1 ORDER BY created_at DESC LIMIT 1`,
      [projectId],
    )
  ).rows[0];
  const expiring = (
    await tx.query<{ id: string; rule: string; fingerprint: string | null; expires_at: Date }>(
      `SELECT id, rule, fingerprint, expires_at FROM ops.waivers
        WHERE project_id = $1 AND expires_at > now() AND expires_at <= now() + interval '7 days' ORDER BY expires_at`,
      [projectId],
    )
  ).rows;
  const expired = (
    await tx.query<{ id: string; rule: string; object_pattern: string; expires_on: string | Date }>(
      `SELECT id, rule, object_pattern, expires_on FROM ops.exceptions WHERE project_id = $1 AND expires_on < current_date ORDER BY expires_on`,
      [projectId],
    )
  ).rows;
  const findings = rows.filter((r) => r.state !== 'resolved').sort(byRank);
  const resolved = rows.filter((r) => r.state === 'resolved').sort(byRank);
  const open: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) if (!f.waived) open[f.severity] += 1;
  return {
    project: projectId,
    owners,
    latestScan: latest
      ? {
          id: latest.id,
          status: latest.status,
          startedAt: new Date(latest.started_at).toISOString(),
          finishedAt: latest.finished_at ? new Date(latest.finished_at).toISOString() : null,
          commit: latest.commit_sha,
          runId: latest.run_id,
          trigger: latest.trigger,
          error: latest.error,
        }
      : null,
    reportedScanId: reported?.id ?? null,
    open,
    waived: findings.filter((f) => f.waived).length,
    newCount: findings.filter((f) => f.state === 'new').length,
    resolvedCount: resolved.length,
    findings,
    resolved,
    remediationPlan: plan
      ? { id: plan.id, verificationStatus: plan.verification_status, status: plan.status, createdAt: new Date(plan.created_at).toISOString() }
      : null,
    expiringWaivers: expiring.map((w) => ({ id: w.id, rule: w.rule, fingerprint: w.fingerprint, expiresAt: new Date(w.expires_at).toISOString() })),
    expiredExceptions: expired.map((e) => ({
      id: e.id,
      rule: e.rule,
      objectPattern: e.object_pattern,
      expiresOn: e.expires_on instanceof Date ? e.expires_on.toISOString().slice(0, 10) : String(e.expires_on),
    })),
  };
}

export async function projectCompliance(db: Db, projectId: string): Promise<ProjectCompliance> {
  return withProject(db, projectId, async (tx) => {
    const owners = (await tx.query<{ owners: string[] }>(`SELECT owners FROM ops.projects WHERE id = $1`, [projectId])).rows[0]?.owners ?? [];
    return projectIn(tx, projectId, owners);
  });
}

/** Every project the control plane knows (or only `projects`), worst first. */
export async function orgCompliance(db: Db, options: { projects?: string[]; now?: Date } = {}): Promise<OrgCompliance> {
  const projects = await withProject(db, ALL_PROJECTS, async (tx) => {
    const known = (await tx.query<{ id: string; owners: string[] }>(`SELECT id, owners FROM ops.projects ORDER BY id`)).rows;
    const wanted = options.projects ? new Set(options.projects) : undefined;
    const list = known.filter((p) => !wanted || wanted.has(p.id));
    const out: ProjectCompliance[] = [];
    for (const p of list) out.push(await projectIn(tx, p.id, p.owners));
    // Projects named in the registry that never reached the control plane are listed too.
    for (const id of options.projects ?? []) if (!known.some((k) => k.id === id)) out.push(await projectIn(tx, id, []));
    return out;
  });
  const rank = (p: ProjectCompliance) => [p.latestScan?.status === 'failed' || !p.latestScan ? 1 : 0, p.open.error, p.open.warning, p.open.info];
  projects.sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    return a.project.localeCompare(b.project);
  });
  const totals: OrgCompliance['totals'] = { projects: projects.length, failedScans: 0, neverScanned: 0, open: { error: 0, warning: 0, info: 0 }, waived: 0, new: 0, resolved: 0 };
  for (const p of projects) {
    if (!p.latestScan) totals.neverScanned += 1;
    else if (p.latestScan.status === 'failed') totals.failedScans += 1;
    for (const s of ['error', 'warning', 'info'] as const) totals.open[s] += p.open[s];
    totals.waived += p.waived;
    totals.new += p.newCount;
    totals.resolved += p.resolvedCount;
  }
  return { formatVersion: 1, generatedAt: (options.now ?? new Date()).toISOString(), projects, totals };
}

// ---------------------------------------------------------------------------------------------
// Markdown

const ICON: Record<Severity, string> = { error: '🔴 error', warning: '🟠 warning', info: '🔵 info' };

/** Table cells: pipes and newlines would break the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function objectLabel(f: ComplianceFinding): string {
  return `${f.object.kind} \`${qualifiedName(f.object)}\``;
}

function scanLine(p: ProjectCompliance): string {
  if (!p.latestScan) return 'never scanned';
  const s = p.latestScan;
  const base = `${s.status} (${s.trigger}, ${s.startedAt}${s.commit ? `, commit ${s.commit.slice(0, 12)}` : ''})`;
  return s.status === 'failed' ? `**${base}**: ${cell(s.error ?? 'unknown error')}` : base;
}

export function renderProjectMarkdown(p: ProjectCompliance, options: { heading?: string; limit?: number } = {}): string {
  const limit = options.limit ?? 50;
  const lines = [
    `${options.heading ?? '##'} ${p.project}`,
    '',
    `Latest scan: ${scanLine(p)}${p.owners.length ? ` · owners: ${p.owners.join(', ')}` : ''}`,
    '',
    `Open: **${p.open.error} error**, ${p.open.warning} warning, ${p.open.info} info · ${p.waived} waived · ${p.newCount} new · ${p.resolvedCount} resolved since the previous scan`,
  ];
  if (p.latestScan?.status === 'failed' && p.reportedScanId) lines.push('', `_Findings below are from the last successful scan, ${p.reportedScanId}._`);
  if (p.findings.length > 0) {
    lines.push('', '| Severity | Rule | Object | State | Message |', '|---|---|---|---|---|');
    for (const f of p.findings.slice(0, limit)) {
      lines.push(`| ${ICON[f.severity]}${f.waived ? ' (waived)' : ''} | \`${f.rule}\` | ${cell(objectLabel(f))} | ${f.state === 'new' ? '**new**' : 'persisting'} | ${cell(f.message)} |`);
    }
    if (p.findings.length > limit) lines.push('', `…and ${p.findings.length - limit} more (see the JSON report).`);
  }
  if (p.resolved.length > 0) {
    lines.push('', `Resolved since the previous scan: ${p.resolved.slice(0, limit).map((f) => `\`${f.rule}\` on ${objectLabel(f)}`).join(', ')}`);
  }
  for (const w of p.expiringWaivers) lines.push('', `⏰ Waiver ${w.id} for \`${w.rule}\` expires ${w.expiresAt}: remediate or request an extension (§10.2).`);
  for (const e of p.expiredExceptions) lines.push('', `⚠️ Exception ${e.id} for \`${e.rule}\` on ${cell(e.objectPattern)} expired on ${e.expiresOn}: review it (§10.1).`);
  if (p.remediationPlan) {
    lines.push('', `Remediation plan ${p.remediationPlan.id}: ${p.remediationPlan.status}, verification ${p.remediationPlan.verificationStatus}.`);
  }
  return lines.join('\n');
}

export function renderOrgMarkdown(org: OrgCompliance, options: { limitPerProject?: number } = {}): string {
  const t = org.totals;
  const lines = [
    '# Platform Kit compliance report',
    '',
    `Generated ${org.generatedAt} · ${t.projects} project(s) · ${t.failedScans} failed scan(s) · ${t.neverScanned} never scanned`,
    '',
    `Open across the organisation: **${t.open.error} error**, ${t.open.warning} warning, ${t.open.info} info · ${t.waived} waived · ${t.new} new · ${t.resolved} resolved since the previous scans`,
    '',
    '| Project | Latest scan | Error | Warning | Info | New | Resolved |',
    '|---|---|---|---|---|---|---|',
    ...org.projects.map(
      (p) =>
        `| ${cell(p.project)} | ${p.latestScan ? p.latestScan.status : 'never scanned'} | ${p.open.error} | ${p.open.warning} | ${p.open.info} | ${p.newCount} | ${p.resolvedCount} |`,
    ),
  ];
  for (const p of org.projects) lines.push('', renderProjectMarkdown(p, { heading: '##', limit: options.limitPerProject ?? 20 }));
  return `${lines.join('\n')}\n`;
}
