import { appendFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  buildReport,
  buildVerifiedPlan,
  createLogger,
  drainAlerts,
  enqueueExpiryReminders,
  inputError,
  loadConfig,
  loadParser,
  migrateOps,
  openControlPlane,
  orgCompliance,
  parseProjectRegistry,
  readRegistryText,
  persistScan,
  persistScanFailure,
  planMatrix,
  recordRemediationPlan,
  renderOrgMarkdown,
  renderPlanMarkdown,
  ruleCatalogue,
  rulesForGate,
  scanWithInventory,
  type Finding,
  type Report,
  type ScanTrigger,
} from '../../../packages/core/src/index.js';
import { runAction, writeFileAtomic, type ActionContext, type ActionInputs, type ActionOutcome } from '../../../packages/github/src/index.js';

/**
 * Nightly introspection (§1.2, §4.2), one action with four modes so the reusable nightly workflow
 * needs nothing else:
 *   plan     read the project registry, output the scan matrix in batches of at most 256
 *   scan     scan one project (database-url from its secret), record it in the control plane with
 *            drift; optionally verify and record a remediation plan
 *   report   the org compliance report (job summary + files), then deliver pending alerts
 *   migrate  create or upgrade the ops schema
 * A control plane that stays unreachable does not lose the scan: the report still reaches the job
 * summary and report.json (upload it as an artifact), and the step fails afterwards.
 */
const MAX_BATCHES = 4;

const INPUTS = {
  mode: { description: 'plan, scan, report or migrate', default: 'scan', choices: ['plan', 'scan', 'report', 'migrate'] },
  project: { description: 'Project id (scan)' },
  'url-secret': { description: 'Name of the secret holding database-url, for error messages (scan)' },
  'control-plane-url': { description: 'Control-plane database URL', secret: true },
  'exposed-schemas': { description: 'Comma-separated exposed schemas (overrides the config)' },
  owners: { description: 'Comma-separated owners of the project' },
  trigger: { description: 'nightly, on-demand or pull-request', default: 'nightly', choices: ['nightly', 'on-demand', 'pull-request'] },
  registry: { description: 'Project registry file (plan, report)', default: 'platform-kit.projects.yml' },
  'remediation-migrations': { description: 'Migrations folder to verify a remediation plan on (scan)' },
  'alert-webhook-url': { description: 'Mattermost/Slack-compatible webhook for alerts (report)', secret: true },
} as const;
type Extra = keyof typeof INPUTS;

function list(value: string): string[] {
  return value.split(',').map((s) => s.trim()).filter(Boolean);
}

function requireControlPlane(inputs: ActionInputs<Extra>, context: ActionContext): string {
  const url = inputs.extra['control-plane-url'];
  if (!url) throw inputError('input "control-plane-url" is required: pass the control-plane secret (e.g. secrets.PK_CONTROL_PLANE_URL)');
  context.secrets.addConnectionString(url);
  return url;
}

function readRegistry(inputs: ActionInputs<Extra>, context: ActionContext) {
  const file = path.resolve(inputs.workingDirectory, inputs.extra.registry);
  const text = readRegistryText(file, `${inputs.extra.registry} in ${inputs.workingDirectory}`, 'set the registry input to the registry file');
  const registry = parseProjectRegistry(text, inputs.extra.registry);
  for (const e of registry.errors) {
    // A broken entry is an error annotation on its line (redacted: an id may be a pasted
    // connection string); the other projects are still scanned.
    context.error(`project ${e.entry}: ${e.message}`, { title: 'platform-kit registry', file: inputs.extra.registry, line: e.line });
  }
  return registry;
}

const emptyReport = (command: string, description: string, notices: { message: string }[] = []): Report =>
  buildReport({ command, target: { kind: 'files', description }, findings: [], notices });

async function planMode(inputs: ActionInputs<Extra>, context: ActionContext): Promise<Report> {
  const { setOutput } = context;
  const registry = readRegistry(inputs, context);
  const plan = planMatrix(registry.projects, { maxBatches: MAX_BATCHES });
  for (let i = 0; i < MAX_BATCHES; i++) setOutput(`batch-${i}`, JSON.stringify(plan.batches[i] ?? { include: [] }));
  setOutput('batch-count', String(plan.batches.length));
  setOutput('registry-errors', JSON.stringify(registry.errors));
  return emptyReport('plan-matrix', inputs.extra.registry, [
    { message: `${plan.total} project(s) in ${plan.batches.length} batch(es); ${registry.errors.length} broken registry entr${registry.errors.length === 1 ? 'y' : 'ies'}` },
  ]);
}

/**
 * What a mode hands to runAction. `failure` is set when the scan (or, in report mode, some scan)
 * was not recorded: the report is still published, and the step fails whatever fail-on says.
 */
type ModeResult = { report: Report; remediationSql?: string; failure?: string };

async function scanMode(inputs: ActionInputs<Extra>, context: ActionContext): Promise<ModeResult> {
  const { setOutput } = context;
  const controlPlaneUrl = requireControlPlane(inputs, context);
  const project = inputs.extra.project;
  if (!project) throw inputError('input "project" is required in scan mode');
  const owners = list(inputs.extra.owners);
  const exposed = list(inputs.extra['exposed-schemas']);
  const scanId = randomUUID();
  const lineage = {
    controlPlaneUrl,
    project: { id: project, owners, ...(exposed.length ? { exposedSchemas: exposed } : {}), repo: process.env.GITHUB_REPOSITORY },
    scanId,
    runId: process.env.GITHUB_RUN_ID,
    repo: process.env.GITHUB_REPOSITORY,
    commit: process.env.GITHUB_SHA,
    trigger: inputs.extra.trigger as ScanTrigger,
  };
  setOutput('scan-id', scanId);
  if (!inputs.databaseUrl) {
    const secretName = inputs.extra['url-secret'] || 'the project secret';
    const error = inputError(`project ${project}: ${secretName} is missing or empty, so there is no database URL to scan`, undefined, `add the repository or organisation secret ${secretName}, or fix urlSecret in the registry`);
    await persistScanFailure(lineage, error);
    throw error;
  }
  const { config } = loadConfig({ explicitPath: inputs.config || undefined, cwd: inputs.workingDirectory, knownRuleIds: ruleCatalogue().map((m) => m.id) });
  if (exposed.length) config.exposedSchemas = exposed;
  const logger = createLogger({ component: 'introspect', context: { project_id: project, scan_id: scanId, run_id: process.env.GITHUB_RUN_ID }, secrets: context.secrets.list() });
  const started = performance.now();
  await loadParser(); // policy rules read parsed expressions
  let scanned;
  try {
    scanned = await scanWithInventory({ command: 'introspect', rules: rulesForGate('scan'), target: { databaseUrl: inputs.databaseUrl }, config, options: { root: inputs.workingDirectory } });
  } catch (error) {
    // The project could not be scanned: recorded as failed (never as clean) and alerted.
    await persistScanFailure({ ...lineage, secrets: context.secrets.list() }, error);
    throw error;
  }
  const scanDurationMs = performance.now() - started;
  const result = await persistScan({ ...lineage, inventory: scanned.inventory, findings: scanned.report.findings as Finding[], config, scanDurationMs, logger });
  setOutput('history-status', result.status);
  const failure = result.status === 'unreachable' || result.status === 'failed' ? `${project}: ${result.error ?? result.status}` : undefined;
  const report = buildReport({
    command: 'introspect',
    target: scanned.report.target,
    findings: [...(scanned.report.findings as Finding[]), ...result.drift],
    notices: [...scanned.report.notices, ...result.notices],
    details: { project, scanId, history: { status: result.status, previousScanId: result.previousScanId } },
  });
  let remediationSql: string | undefined;
  const migrations = inputs.extra['remediation-migrations'];
  if (migrations && (result.status === 'recorded' || result.status === 'already-recorded')) {
    const verified = await buildVerifiedPlan({ findings: report.findings as Finding[], migrationsDir: path.resolve(inputs.workingDirectory, migrations), config, root: inputs.workingDirectory });
    const db = await openControlPlane({ controlPlaneUrl });
    try {
      const planId = await recordRemediationPlan(db, { projectId: project, scanId, verified, requestedBy: process.env.GITHUB_ACTOR ?? 'platform-kit nightly' });
      report.notices.push({ message: `Remediation plan ${planId}: verification ${verified.verification.status}` });
    } finally {
      await db.close();
    }
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, `\n${context.secrets.redact(renderPlanMarkdown(verified))}\n`);
    // Only a verified plan is offered as remediation.sql.
    if (verified.verification.status === 'verified') remediationSql = verified.plan.sql;
  }
  return { report, remediationSql: remediationSql ?? '', failure };
}

async function reportMode(inputs: ActionInputs<Extra>, context: ActionContext): Promise<ModeResult> {
  const { setOutput } = context;
  const controlPlaneUrl = requireControlPlane(inputs, context);
  const registry = readRegistry(inputs, context);
  const db = await openControlPlane({ controlPlaneUrl });
  try {
    const org = await orgCompliance(db, { projects: registry.projects.map((p) => p.id) });
    let markdown = renderOrgMarkdown(org);
    if (registry.errors.length) markdown += `\n## Registry errors\n\n${registry.errors.map((e) => `- ${e.entry}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`).join('\n')}\n`;
    writeFileAtomic(path.join(context.outputDir, 'compliance.md'), context.secrets.redact(markdown));
    writeFileAtomic(path.join(context.outputDir, 'compliance.json'), context.secrets.redact(`${JSON.stringify({ ...org, registryErrors: registry.errors }, null, 2)}\n`));
    setOutput('compliance-markdown-path', path.join(context.outputDir, 'compliance.md'));
    setOutput('compliance-json-path', path.join(context.outputDir, 'compliance.json'));
    if (process.env.GITHUB_STEP_SUMMARY) appendFileSync(process.env.GITHUB_STEP_SUMMARY, context.secrets.redact(markdown));
    const notices = [{ message: `${org.totals.projects} project(s): ${org.totals.failedScans} failed scan(s), ${org.totals.neverScanned} never scanned, ${registry.errors.length} broken registry entries` }];
    const reminders = await enqueueExpiryReminders(db, org.projects);
    if (reminders > 0) notices.push({ message: `${reminders} waiver/exception expiry reminder(s) queued` });
    const webhookUrl = inputs.extra['alert-webhook-url'];
    if (webhookUrl) {
      const r = await drainAlerts(db, { webhookUrl, maxPasses: 10 });
      notices.push({ message: `alerts: ${r.delivered} delivered, ${r.retried} retried, ${r.dead} dead-lettered, ${r.pending} pending` });
    }
    const failure =
      org.totals.failedScans > 0 || registry.errors.length > 0 ? `${org.totals.failedScans} failed scan(s), ${registry.errors.length} broken registry entries` : undefined;
    // Every open finding of every project, so fail-on and the counts mean what they mean elsewhere.
    const findings: Finding[] = org.projects.flatMap((p) =>
      p.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        fingerprint: f.fingerprint,
        object: f.object as Finding['object'],
        message: `[${p.project}] ${f.message}`,
        ...(f.waived ? { waived: { justification: 'waived in the control plane' } } : {}),
      })),
    );
    const report = buildReport({ command: 'report', target: { kind: 'database', description: 'control plane' }, findings, notices, details: { totals: org.totals } });
    return { report, failure };
  } finally {
    await db.close();
  }
}

async function migrateMode(inputs: ActionInputs<Extra>, context: ActionContext): Promise<Report> {
  const db = await openControlPlane({ controlPlaneUrl: requireControlPlane(inputs, context), migrate: true });
  try {
    const result = await migrateOps(db);
    return emptyReport('ops migrate', 'control plane', [{ message: `ops schema up to date: ${[...result.unchanged, ...result.applied].join(', ')}` }]);
  } finally {
    await db.close();
  }
}

export function run(): Promise<ActionOutcome> {
  return runAction<Extra>({
    name: 'introspect',
    title: 'Nightly introspection',
    inputs: INPUTS,
    // As in action.yml: nightly scans record findings, the report job decides what fails.
    failOnDefault: 'never',
    execute: async (inputs, context) => {
      switch (inputs.extra.mode) {
        case 'plan':
          return planMode(inputs, context);
        case 'report':
          return reportMode(inputs, context);
        case 'migrate':
          return migrateMode(inputs, context);
        default:
          // remediationSql is '' unless a plan was verified: unverified SQL is never offered as a file.
          return scanMode(inputs, context);
      }
    },
  });
}
