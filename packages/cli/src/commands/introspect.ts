import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  buildReport,
  buildVerifiedPlan,
  createLogger,
  loadParser,
  openControlPlane,
  persistScan,
  recordRemediationPlan,
  rulesForGate,
  scanWithInventory,
  usageError,
  type Finding,
  type Inventory,
  type Report,
  type ResolvedConfig,
  type ScanTrigger,
} from '@platform-kit/core';
import type { CommandContext, CommandSpec, OptionSpec } from '../command.js';
import { loadCommandConfig, saveInventory, TARGET_HELP, TARGET_OPTIONS, targetOf } from '../target.js';

type Values = Record<string, string | boolean | string[] | undefined>;

/** Options of every command that records scans (scan, introspect). */
export const HISTORY_OPTIONS: Record<string, OptionSpec> = {
  'control-plane-url': {
    type: 'string',
    description: 'Record the scan in this control-plane database (ops schema); a secret, never printed. Without it: the local .platform-kit/ops',
    env: 'PK_CONTROL_PLANE_URL',
  },
  history: { type: 'boolean', description: 'Record the scan in the local history .platform-kit/ops, creating it (later scans then record by themselves)' },
  'no-history': { type: 'boolean', description: 'Record nothing and show no drift (also: controlPlane.history: off in the config)' },
  project: { type: 'string', description: 'Project id the scan is recorded under (default: controlPlane.project, else the folder name)' },
  trigger: { type: 'string', description: 'Why the scan ran: on-demand|nightly|pull-request', default: 'on-demand' },
};

export const HISTORY_HELP = [
  'History: with --control-plane-url (or PK_CONTROL_PLANE_URL) the scan is recorded in the control plane;',
  'without one it is recorded in the local embedded database .platform-kit/ops once that exists (create it',
  'with --history on the first scan). The next scan of the project then adds drift findings (drift-*).',
  '--no-history turns this off; controlPlane.history in the config sets the default (auto|on|off).',
].join('\n');

const TRIGGERS: readonly ScanTrigger[] = ['on-demand', 'nightly', 'pull-request'];

function projectIdOf(values: Values, config: ResolvedConfig, cwd: string): string {
  const explicit = typeof values.project === 'string' && values.project ? values.project : config.controlPlane.project;
  const id = explicit || path.basename(path.resolve(cwd)).replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[^A-Za-z0-9]+/, '') || 'project';
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/.test(id)) throw usageError(`invalid project id "${id}"`, 'use letters, digits, ".", "_" or "-"');
  return id;
}

function triggerOf(values: Values): ScanTrigger {
  const trigger = String(values.trigger ?? 'on-demand');
  if (!(TRIGGERS as readonly string[]).includes(trigger)) throw usageError(`invalid --trigger "${trigger}": expected one of ${TRIGGERS.join(', ')}`);
  return trigger as ScanTrigger;
}

/**
 * The hook the scan command calls after its report is built: records the scan (unless history is
 * off) and returns the report with the drift findings and a notice about the history added.
 */
export async function withHistory(
  report: Report,
  inventory: Inventory,
  values: Values,
  context: CommandContext,
  options: { force?: boolean } = {},
): Promise<Report> {
  const config = loadCommandConfig(context);
  const controlPlaneUrl = typeof values['control-plane-url'] === 'string' && values['control-plane-url'] ? values['control-plane-url'] : undefined;
  if (!options.force) {
    const setting = config.controlPlane.history;
    if (values['no-history'] === true || setting === 'off') return report;
    // A saved inventory is a snapshot being re-checked, not a new observation of the project.
    if (typeof values.inventory === 'string' && values.history !== true) return report;
    // Without a control plane, the local history is opt-in once: it costs an embedded database start per scan.
    const local = existsSync(path.resolve(context.cwd, config.controlPlane.dataDir));
    if (!controlPlaneUrl && !local && values.history !== true && setting !== 'on') return report;
  }
  if (controlPlaneUrl) context.addSecret(controlPlaneUrl);
  const logger = createLogger({ component: 'cli', level: (context.env.PK_LOG_LEVEL as 'info' | undefined) ?? 'error', secrets: controlPlaneUrl ? [controlPlaneUrl] : [] });
  const result = await persistScan({
    controlPlaneUrl,
    dataDir: config.controlPlane.dataDir,
    cwd: context.cwd,
    project: { id: projectIdOf(values, config, context.cwd), exposedSchemas: config.exposedSchemas, repo: context.env.GITHUB_REPOSITORY },
    repo: context.env.GITHUB_REPOSITORY,
    commit: context.env.GITHUB_SHA,
    runId: context.env.GITHUB_RUN_ID,
    trigger: triggerOf(values),
    inventory,
    findings: report.findings as Finding[],
    config,
    logger,
  });
  return buildReport({
    command: report.command,
    target: report.target,
    findings: [...(report.findings as Finding[]), ...result.drift],
    notices: [...report.notices, ...result.notices],
    details: {
      ...report.details,
      history: { status: result.status, scanId: result.scanId, previousScanId: result.previousScanId, target: result.target, drift: result.drift.length },
    },
  });
}

export const introspectCommand: CommandSpec = {
  name: 'introspect',
  summary: 'Nightly/on-demand introspection of one project, recorded in the control plane with drift and a verified remediation plan',
  help: [
    'The twin of the introspect action: scans the target with every security rule, records it in the',
    'control plane (ops schema) with full lineage, adds drift findings against the previous scan and,',
    'with --remediation-migrations, records a remediation plan verified on a replay of those migrations.',
    '',
    'Examples:',
    '  platform-kit introspect --project shop --database-url "$SHOP_DATABASE_URL" --control-plane-url "$PK_CONTROL_PLANE_URL" --trigger nightly',
    '',
    TARGET_HELP,
    '',
    HISTORY_HELP,
  ].join('\n'),
  options: {
    ...TARGET_OPTIONS,
    ...HISTORY_OPTIONS,
    'remediation-migrations': { type: 'string', description: 'Migrations folder of the project: build a remediation plan, verify it on their replay, record it' },
  },
  run: async ({ values }, context) => {
    if (values['no-history'] === true) throw usageError('introspect always records the scan: --no-history does not apply (use scan)');
    const config = loadCommandConfig(context);
    await loadParser(); // policy rules read parsed expressions
    const { report, inventory } = await scanWithInventory({
      command: 'introspect',
      rules: rulesForGate('scan'),
      target: targetOf(values, context),
      config,
      options: { root: context.cwd },
    });
    saveInventory(values, inventory, context);
    const recorded = await withHistory(report, inventory, values, context, { force: true });
    const migrations = values['remediation-migrations'];
    const history = recorded.details?.history as { status: string; scanId: string } | undefined;
    if (typeof migrations === 'string' && history && (history.status === 'recorded' || history.status === 'already-recorded')) {
      const verified = await buildVerifiedPlan({ findings: recorded.findings as Finding[], migrationsDir: path.resolve(context.cwd, migrations), config, root: context.cwd });
      const url = typeof values['control-plane-url'] === 'string' && values['control-plane-url'] ? values['control-plane-url'] : undefined;
      const db = await openControlPlane({ controlPlaneUrl: url, dataDir: config.controlPlane.dataDir, cwd: context.cwd });
      try {
        const planId = await recordRemediationPlan(db, {
          projectId: projectIdOf(values, config, context.cwd),
          scanId: history.scanId,
          verified,
          requestedBy: context.env.GITHUB_ACTOR ?? context.env.USER ?? 'platform-kit',
        });
        recorded.notices.push({ message: `Remediation plan ${planId}: ${verified.plan.fixed.length} fix(es), verification ${verified.verification.status}${verified.verification.reason ? ` (${verified.verification.reason})` : ''}.` });
        recorded.details = { ...recorded.details, remediationPlan: { id: planId, verification: verified.verification, sql: verified.plan.sql } };
      } finally {
        await db.close();
      }
    }
    return { kind: 'report', report: recorded };
  },
};
