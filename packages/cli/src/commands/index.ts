import type { CommandSpec } from '../command.js';
import { rulesCommand } from './rules.js';
import { extensionsSchemaCommand, functionSecurityCommand, rlsCoverageCommand, scanCommand } from './gates.js';
import { fixCommand } from './fix.js';
import { migrationLintCommand } from './migration-lint.js';
import { specEnforceCommand } from './spec-enforce.js';
import { docSyncCommand } from './doc-sync.js';
import { opsMigrateCommand } from './ops-migrate.js';
import { introspectCommand } from './introspect.js';
import { deployGateCommand } from './deploy-gate.js';
import { reportCommand } from './report.js';
import { planMatrixCommand } from './plan-matrix.js';
import { schemaLintCommand } from './schema-lint.js';

/** Every subcommand, one line each (each engineer adds the line for their command). */
export const COMMANDS: CommandSpec[] = [
  rulesCommand,
  migrationLintCommand,
  scanCommand,
  fixCommand,
  rlsCoverageCommand,
  functionSecurityCommand,
  extensionsSchemaCommand,
  specEnforceCommand,
  docSyncCommand,
  opsMigrateCommand,
  introspectCommand,
  deployGateCommand,
  reportCommand,
  planMatrixCommand,
  schemaLintCommand,
];
