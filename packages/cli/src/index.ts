// Public surface of @platform-kit/cli: the in-process entry point (tests, other tools) and the command contract.
export { main, runCli, type CliIo } from './main.js';
export type { CommandSpec, CommandContext, CommandOutcome, OptionSpec } from './command.js';
export { COMMANDS } from './commands/index.js';
export { writeFileAtomic } from './io.js';
