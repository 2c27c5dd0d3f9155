import path from 'node:path';
import { drainAlerts, enqueueExpiryReminders, inputError, openControlPlane, orgCompliance, parseProjectRegistry, readRegistryText, renderOrgMarkdown, type OrgCompliance } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';
import { loadCommandConfig } from '../target.js';

export const reportCommand: CommandSpec = {
  name: 'report',
  summary: 'Compliance report for the organisation or some projects, from the control plane (Markdown or JSON)',
  help: [
    'Severity-ranked open findings per project, new and resolved since the previous scan, failed and',
    'never-scanned projects. --format json gives the JSON; any other format gives Markdown.',
    'Exit code 1 when open findings reach --fail-on (default error).',
    '',
    'Examples:',
    '  platform-kit report --control-plane-url "$PK_CONTROL_PLANE_URL" --registry platform-kit.projects.yml --output report.md',
    '  platform-kit report --project shop --format json',
  ].join('\n'),
  options: {
    'control-plane-url': { type: 'string', description: 'The control-plane database (a secret); default: the local .platform-kit/ops', env: 'PK_CONTROL_PLANE_URL' },
    project: { type: 'string', multiple: true, description: 'Only this project (repeatable)' },
    registry: { type: 'string', description: 'Project registry: report on its projects, including those never scanned and its broken entries' },
    'deliver-alerts': { type: 'boolean', description: 'Also deliver pending alerts from ops.alert_outbox to the webhook in PK_ALERT_WEBHOOK_URL (controlPlane.alerts.webhookUrlEnv)' },
  },
  run: async ({ values }, context) => {
    const url = typeof values['control-plane-url'] === 'string' && values['control-plane-url'] ? values['control-plane-url'] : undefined;
    if (url) context.addSecret(url);
    let projects = Array.isArray(values.project) ? values.project : typeof values.project === 'string' ? [values.project] : undefined;
    const registryErrors: { entry: string; line?: number; message: string }[] = [];
    if (typeof values.registry === 'string') {
      const text = readRegistryText(path.resolve(context.cwd, values.registry), values.registry, 'pass --registry FILE');
      const registry = parseProjectRegistry(text, values.registry);
      registryErrors.push(...registry.errors);
      projects = [...(projects ?? []), ...registry.projects.map((p) => p.id)];
    }
    const db = await openControlPlane({ controlPlaneUrl: url, cwd: context.cwd });
    let org: OrgCompliance;
    let delivery: string | undefined;
    try {
      org = await orgCompliance(db, { projects });
      await enqueueExpiryReminders(db, org.projects);
      if (values['deliver-alerts'] === true) {
        const { webhookUrlEnv, maxAttempts } = loadCommandConfig(context).controlPlane.alerts;
        const webhookUrl = context.env[webhookUrlEnv];
        if (!webhookUrl) throw inputError(`--deliver-alerts needs the webhook URL in ${webhookUrlEnv}`);
        context.addSecret(webhookUrl);
        const r = await drainAlerts(db, { webhookUrl, maxAttempts, maxPasses: 10 });
        delivery = `alerts: ${r.delivered} delivered, ${r.retried} retried, ${r.dead} dead-lettered, ${r.pending} pending`;
        context.stderr(`platform-kit: ${delivery}\n`);
      }
    } finally {
      await db.close();
    }
    const json = context.common.format === 'json';
    let text = json ? `${JSON.stringify({ ...org, registryErrors }, null, 2)}\n` : renderOrgMarkdown(org);
    if (!json && registryErrors.length > 0) {
      text += `\n## Registry errors\n\n${registryErrors.map((e) => `- ${e.entry}${e.line ? ` (line ${e.line})` : ''}: ${e.message}`).join('\n')}\n`;
    }
    const { error, warning, info } = org.totals.open;
    const failOn = context.common.failOn;
    const failing =
      (failOn === 'error' && error > 0) || (failOn === 'warning' && error + warning > 0) || (failOn === 'info' && error + warning + info > 0) ||
      (failOn !== 'never' && (org.totals.failedScans > 0 || registryErrors.length > 0));
    return { kind: 'done', exitCode: failing ? 1 : 0, text };
  },
};
