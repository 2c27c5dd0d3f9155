import type { CommandSpec } from '../command.js';
import { rulesCommand } from './rules.js';

/** Every subcommand, one line each (each engineer adds the line for their command). */
export const COMMANDS: CommandSpec[] = [
  rulesCommand,
];
