import { migrateOps, openControlPlane, usageError } from '@platform-kit/core';
import type { CommandSpec } from '../command.js';

export const opsMigrateCommand: CommandSpec = {
  name: 'ops migrate',
  summary: 'Create or upgrade the control-plane schema (ops) in a database; safe to run twice or concurrently',
  help: [
    'Applies sql/ops/*.sql (idempotent) under an advisory lock and records them in ops.schema_migrations.',
    'Run it with a role that may create schemas and roles; scanners then connect as a member of',
    'platform_kit_writer.',
    '',
    'Example:',
    '  platform-kit ops migrate --control-plane-url "$PK_CONTROL_PLANE_URL"',
  ].join('\n'),
  options: {
    'control-plane-url': { type: 'string', description: 'The control-plane database (a secret, never printed)', env: 'PK_CONTROL_PLANE_URL' },
    local: { type: 'boolean', description: 'Create or migrate the local history .platform-kit/ops instead (later scans then record to it)' },
  },
  run: async ({ values }, context) => {
    const url = typeof values['control-plane-url'] === 'string' && values['control-plane-url'] ? values['control-plane-url'] : undefined;
    if (!url && values.local !== true) throw usageError('--control-plane-url (or PK_CONTROL_PLANE_URL) is required', 'or pass --local for .platform-kit/ops');
    if (url) context.addSecret(url);
    const db = await openControlPlane({ controlPlaneUrl: url, cwd: context.cwd, migrate: true });
    try {
      // openControlPlane already migrated; this second call reports what is there (and proves idempotency).
      const result = await migrateOps(db);
      const target = db.description;
      return {
        kind: 'done',
        exitCode: 0,
        text: `ops schema up to date on ${target}: ${result.unchanged.length + result.applied.length} migration(s) (${[...result.unchanged, ...result.applied].join(', ')})\n`,
      };
    } finally {
      await db.close();
    }
  },
};
