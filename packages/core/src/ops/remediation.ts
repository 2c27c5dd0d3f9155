import type { Db } from '../db/port.js';
import type { ResolvedConfig } from '../config/schema.js';
import type { Inventory } from '../inventory/schema.js';
import { introspect } from '../inventory/introspect.js';
import { finalizeFindings } from '../engine/finalize.js';
import { loadParser } from '../parser/parse.js';
import type { Finding } from '../report/finding.js';
import { buildRemediationPlan, type RemediationPlan } from '../remediation/plan.js';
import { INVENTORY_RULES, ruleCatalogue } from '../rules/registry.js';
import { replayMigrations } from '../replay/replay.js';
import { redact } from '../db/connection-string.js';
import { withProject } from './project-scope.js';

/**
 * A remediation plan is offered only after it was tried (§1.2 "verify, then trust"): the project's
 * migrations are replayed into an embedded database, the plan applied — twice, to prove it
 * idempotent — and the result scanned again. The verification says what the plan fixed, what it
 * did not, what it cannot fix (no SQL for it), and anything it made worse.
 */
export interface PlanVerification {
  status: 'verified' | 'failed' | 'not-verified';
  /** Why it failed or could not be verified, redacted. */
  reason?: string;
  appliedTwice: boolean;
  /** Fingerprints of planned fixes that the rescan no longer finds. */
  fixed: string[];
  /** Planned fixes the rescan still finds. */
  stillOpen: string[];
  /** Error findings after the plan that were not there before it. */
  introduced: { rule: string; fingerprint: string; message: string }[];
}

export interface VerifiedPlan {
  plan: RemediationPlan;
  verification: PlanVerification;
}

/** Runs every inventory rule (drift excluded: it needs a previous scan) and finalizes the findings. */
export async function scanInventory(inventory: Inventory, config: ResolvedConfig): Promise<Finding[]> {
  await loadParser();
  const produced = INVENTORY_RULES.filter((r) => r.meta.category !== 'drift').map((rule) => ({
    meta: rule.meta,
    findings: rule.check({ inventory, config }),
  }));
  return finalizeFindings(produced, config);
}

/**
 * Applies the plan to `db` (a database holding the project's schema) twice, rescans, and compares.
 * `before` are the findings of that same database before the plan.
 */
export async function verifyPlanOn(db: Db, plan: RemediationPlan, before: Finding[], config: ResolvedConfig): Promise<PlanVerification> {
  const planned = plan.fixed.map((f) => f.fingerprint);
  if (planned.length === 0) return { status: 'not-verified', reason: 'the plan fixes nothing: no finding has remediation SQL', appliedTwice: false, fixed: [], stillOpen: [], introduced: [] };
  try {
    await db.exec(plan.sql);
  } catch (error) {
    return { status: 'failed', reason: `the plan failed to apply: ${redact((error as Error).message)}`, appliedTwice: false, fixed: [], stillOpen: planned, introduced: [] };
  }
  let appliedTwice = true;
  let reason: string | undefined;
  try {
    await db.exec(plan.sql);
  } catch (error) {
    appliedTwice = false;
    reason = `the plan is not idempotent: a second run failed: ${redact((error as Error).message)}`;
  }
  const after = await scanInventory(await introspect(db, { source: 'remediation verification' }), config);
  const open = new Set(after.map((f) => f.fingerprint));
  const had = new Set(before.map((f) => f.fingerprint));
  const fixed = planned.filter((fp) => !open.has(fp));
  const stillOpen = planned.filter((fp) => open.has(fp));
  const introduced = after
    .filter((f) => f.severity === 'error' && !f.waived && !had.has(f.fingerprint))
    .map((f) => ({ rule: f.rule, fingerprint: f.fingerprint, message: f.message }));
  if (!reason && stillOpen.length > 0) reason = `${stillOpen.length} planned fix(es) did not remove their finding`;
  if (!reason && introduced.length > 0) reason = `the plan introduced ${introduced.length} new error finding(s)`;
  return { status: reason ? 'failed' : 'verified', ...(reason ? { reason } : {}), appliedTwice, fixed, stillOpen, introduced };
}

/**
 * Builds the plan for `findings` (the project's latest scan) and verifies it on a replay of
 * `migrationsDir`. Fixes whose objects the migrations do not create cannot be verified there: the
 * verification then fails and says so, rather than offering an untested patch.
 */
export async function buildVerifiedPlan(input: { findings: Finding[]; migrationsDir: string; config: ResolvedConfig; root?: string }): Promise<VerifiedPlan> {
  await loadParser();
  const plan = buildRemediationPlan(input.findings, { catalogue: ruleCatalogue(), target: 'the project database' });
  if (plan.fixed.length === 0) {
    return { plan, verification: { status: 'not-verified', reason: 'the plan fixes nothing: no open finding has remediation SQL', appliedTwice: false, fixed: [], stillOpen: [], introduced: [] } };
  }
  const replay = await replayMigrations(input.migrationsDir, { keepOpen: true, root: input.root });
  try {
    const before = await scanInventory(replay.inventory, input.config);
    return { plan, verification: await verifyPlanOn(replay.db!, plan, before, input.config) };
  } finally {
    await replay.db?.close();
  }
}

/** Records the plan with its lineage (§11.1: who, what, when, why) in `ops.remediation_plans`. */
export async function recordRemediationPlan(
  db: Db,
  input: { projectId: string; scanId: string; verified: VerifiedPlan; requestedBy: string; why?: string },
): Promise<string> {
  const { plan, verification } = input.verified;
  const what = `remediation plan: ${plan.fixed.length} fix(es), ${plan.unfixable.length} finding(s) it cannot fix, ${plan.waived.length} waived left alone`;
  const why = input.why ?? `fixes findings of scan ${input.scanId}: ${[...new Set(plan.fixed.map((f) => f.rule))].sort().join(', ') || 'none'}`;
  return withProject(db, input.projectId, async (tx) => {
    // A new plan supersedes the project's earlier proposals (the trigger logs the change).
    await tx.query(`UPDATE ops.remediation_plans SET status = 'superseded', updated_at = now() WHERE project_id = $1 AND status = 'proposed'`, [input.projectId]);
    const { rows } = await tx.query<{ id: string }>(
      `INSERT INTO ops.remediation_plans (scan_id, project_id, sql, findings_covered, findings_uncovered, requested_by, what, why, verification, verification_status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [
        input.scanId,
        input.projectId,
        plan.sql,
        plan.fixed.map((f) => f.fingerprint),
        JSON.stringify(plan.unfixable.map((f) => ({ rule: f.rule, fingerprint: f.fingerprint, object: f.object, message: f.message }))),
        input.requestedBy,
        what,
        why,
        JSON.stringify(verification),
        verification.status,
      ],
    );
    const id = rows[0]!.id;
    await tx.query(`INSERT INTO ops.audit_log (project_id, action, target, details) VALUES ($1, 'remediation_plan.proposed', $2, $3)`, [
      input.projectId,
      `ops.remediation_plans:${id}`,
      JSON.stringify({ requestedBy: input.requestedBy, scanId: input.scanId, verification: verification.status }),
    ]);
    return id;
  });
}

/** Markdown for people: what the plan fixes, what it cannot, and how the verification went. */
export function renderPlanMarkdown(verified: VerifiedPlan): string {
  const { plan, verification: v } = verified;
  const lines = [
    '## Remediation plan',
    '',
    `Verification: **${v.status}**${v.reason ? ` — ${v.reason}` : ''}${v.appliedTwice ? ' (applied twice on a replay of the migrations: idempotent)' : ''}`,
    '',
    `Fixes (${plan.fixed.length}): ${plan.fixed.map((f) => `\`${f.rule}\` ${f.object.schema}.${f.object.table ? `${f.object.table}.` : ''}${f.object.name}`).join(', ') || 'none'}`,
    '',
    `Cannot fix (${plan.unfixable.length}, need a person): ${plan.unfixable.map((f) => `\`${f.rule}\` ${f.object.schema}.${f.object.name}`).join(', ') || 'none'}`,
  ];
  if (v.introduced.length) lines.push('', `Introduced by the plan: ${v.introduced.map((i) => `\`${i.rule}\``).join(', ')}`);
  lines.push('', '```sql', plan.sql.trimEnd(), '```');
  return lines.join('\n');
}
