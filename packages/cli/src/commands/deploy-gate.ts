import { buildReport, deployGate, openControlPlane, usageError } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';

export const deployGateCommand: CommandSpec = {
  name: 'deploy-gate',
  summary: 'Block a deployment while the latest scan of the project has open critical findings (§4.2)',
  help: [
    'Reads the latest successful scan of --project from the control plane. Error-severity findings that are',
    'open and not waived (ops.waivers, checked now) fail the gate with exit code 1; a project without a',
    'successful scan cannot be verified and fails with exit code 3.',
    '',
    'Example:',
    '  platform-kit deploy-gate --project shop --control-plane-url "$PK_CONTROL_PLANE_URL"',
  ].join('\n'),
  options: {
    project: { type: 'string', description: 'Project id (as in the registry)' },
    'control-plane-url': { type: 'string', description: 'The control-plane database (a secret, never printed); default: the local .platform-kit/ops', env: 'PK_CONTROL_PLANE_URL' },
  },
  run: async ({ values }, context) => {
    const project = typeof values.project === 'string' ? values.project : '';
    if (!project) throw usageError('--project is required');
    const url = typeof values['control-plane-url'] === 'string' && values['control-plane-url'] ? values['control-plane-url'] : undefined;
    if (url) context.addSecret(url);
    const db = await openControlPlane({ controlPlaneUrl: url, cwd: context.cwd });
    try {
      const gate = await deployGate(db, project);
      const notices = [
        {
          message:
            gate.blocking.length > 0
              ? `Deployment of ${project} blocked: ${gate.blocking.length} open critical finding(s) in scan ${gate.scanId} (${gate.scannedAt}).`
              : `No open critical findings in scan ${gate.scanId} of ${project} (${gate.scannedAt}).`,
        },
      ];
      if (gate.latestScanFailed) notices.push({ message: `The latest scan ${gate.latestScanFailed.scanId} failed (${gate.latestScanFailed.error ?? 'unknown error'}); deciding on the last successful one.` });
      const report = buildReport({
        command: 'deploy-gate',
        target: { kind: 'database', description: `${project} (latest scan in the control plane)` },
        findings: gate.findings,
        notices,
        details: { project, scanId: gate.scanId, scannedAt: gate.scannedAt, blocking: gate.blocking.length },
      });
      return { kind: 'report', report };
    } finally {
      await db.close();
    }
  },
};
