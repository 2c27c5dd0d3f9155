import type { CommandSpec } from '../command.js';

/** Every subcommand, one line each (each engineer adds the line for their command). */
export const COMMANDS: CommandSpec[] = [];
