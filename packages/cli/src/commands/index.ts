import type { CommandSpec } from '../command.js';
import { rulesCommand } from './rules.js';
import { specEnforceCommand } from './spec-enforce.js';
import { docSyncCommand } from './doc-sync.js';
import { migrationLintCommand } from './migration-lint.js';

/** Every subcommand, one line each (each engineer adds the line for their command). */
export const COMMANDS: CommandSpec[] = [
  migrationLintCommand,
  rulesCommand,
  specEnforceCommand,
  docSyncCommand,
];
