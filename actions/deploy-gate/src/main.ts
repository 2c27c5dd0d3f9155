import { buildReport, deployGate, inputError, openControlPlane } from '../../../packages/core/src/index.js';
import { runAction, type ActionOutcome } from '../../../packages/github/src/index.js';

/**
 * §4.2 "critical issues block next deployment": reads the latest successful scan of the project
 * from the control plane and fails while error-severity findings are open and not waived (waivers
 * in ops.waivers are checked as of now). A project never scanned successfully cannot be cleared.
 */
export const run = (): Promise<ActionOutcome> =>
  runAction<'project' | 'control-plane-url'>({
    name: 'deploy-gate',
    title: 'Deploy gate',
    inputs: {
      project: { description: 'Project id (as in the registry)', required: true },
      'control-plane-url': { description: 'Control-plane database URL', required: true, secret: true },
    },
    execute: async (inputs, context) => {
      const url = inputs.extra['control-plane-url'];
      if (!/^postgres(ql)?:\/\//i.test(url)) throw inputError('input "control-plane-url" must be a postgres:// or postgresql:// connection string');
      context.secrets.addConnectionString(url);
      const project = inputs.extra.project;
      const db = await openControlPlane({ controlPlaneUrl: url });
      try {
        const gate = await deployGate(db, project);
        const notices = [
          {
            message:
              gate.blocking.length > 0
                ? `Deployment of ${project} blocked: ${gate.blocking.length} open critical finding(s) in scan ${gate.scanId} (${gate.scannedAt}). Fix them, or record a waiver in ops.waivers (non-production, at most 30 days).`
                : `No open critical findings in scan ${gate.scanId} of ${project} (${gate.scannedAt}).`,
          },
        ];
        if (gate.latestScanFailed) notices.push({ message: `The latest scan ${gate.latestScanFailed.scanId} failed; the gate decided on the last successful one.` });
        // Only critical findings decide; the rest are listed for context but cannot fail the gate.
        const report = buildReport({
          command: 'deploy-gate',
          target: { kind: 'database', description: `${project} (latest scan in the control plane)` },
          findings: gate.findings,
          notices,
          details: { project, scanId: gate.scanId, scannedAt: gate.scannedAt, blocking: gate.blocking.length },
        });
        return { report, remediationSql: '' };
      } finally {
        await db.close();
      }
    },
  });
