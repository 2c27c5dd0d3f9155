import { realpathSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  formatReport,
  failsAt,
  loadConfig,
  PlatformKitError,
  ReportSchema,
  ruleCatalogue,
  runtimeError,
  TOOL_VERSION,
  usageError,
} from '@platform-kit/core';
import type { CommandContext, CommandSpec, OptionSpec } from './command.js';
import { COMMANDS } from './commands/index.js';
import { COMMON_OPTIONS, parseFailOn, parseFormat } from './common-options.js';
import { commandHelp, globalHelp } from './help.js';
import { collectSecrets, flushed, SecretRegistry, writeFileAtomic, writeInSlices } from './io.js';
import { closestNames } from './suggest.js';

/** Where the CLI reads and writes: the real process, or a test's buffers. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Whether stdout is a terminal: text output is coloured only then (and never with NO_COLOR). */
  stdoutIsTTY?: boolean;
}

/**
 * Runs one CLI invocation and returns its exit code: 0 nothing at or above --fail-on, 1 findings at
 * or above it, 2 usage/config/input error, 3 connection/runtime error. Never throws.
 */
export async function main(argv: readonly string[], io: CliIo, commands: readonly CommandSpec[] = COMMANDS): Promise<number> {
  const env = io.env ?? process.env;
  const cwd = io.cwd ?? process.cwd();
  const secrets = new SecretRegistry();
  collectSecrets(argv, env, secrets);
  const out = (text: string) => io.stdout(secrets.redact(text));
  const err = (text: string) => io.stderr(secrets.redact(text));

  try {
    if (argv.length === 0) {
      err(globalHelp(commands));
      throw usageError('missing command', 'run "platform-kit --help" for the list of commands');
    }
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      out(globalHelp(commands));
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      out(`${TOOL_VERSION}\n`);
      return 0;
    }

    const { command, rest } = findCommand(argv, commands);
    const options = mergedOptions(command);
    const parsed = parseCommandLine(command, options, rest);
    if (parsed.values.help) {
      out(commandHelp(command));
      return 0;
    }

    const values = applyDefaults(options, parsed.values, env);
    for (const [name, value] of Object.entries(values)) {
      if (name.endsWith('-url') && typeof value === 'string') secrets.add(value);
    }
    const common: CommandContext['common'] = {
      format: parseFormat(values.format),
      failOn: parseFailOn(values['fail-on']),
      ...(typeof values.output === 'string' ? { output: values.output } : {}),
      ...(typeof values.config === 'string' ? { config: values.config } : {}),
    };
    // An explicit --config is validated up front, for every command, so a typo fails fast.
    if (common.config) loadConfig({ explicitPath: common.config, cwd, knownRuleIds: ruleCatalogue().map((r) => r.id) });

    const context: CommandContext = {
      cwd,
      env,
      stdout: out,
      stderr: err,
      common,
      addSecret: (value) => secrets.add(value),
      redact: (text) => secrets.redact(text),
    };
    const commandValues = Object.fromEntries(Object.entries(values).filter(([name]) => !(name in COMMON_OPTIONS)));
    const outcome = await command.run({ values: commandValues, positionals: parsed.positionals }, context);

    if (outcome.kind === 'done') {
      if (outcome.text !== undefined) emit(outcome.text, common.output && !command.ownsOutput ? path.resolve(cwd, common.output) : undefined);
      return outcome.exitCode;
    }
    const checked = ReportSchema.safeParse(outcome.report);
    if (!checked.success) {
      throw runtimeError(`command "${command.name}" produced an invalid report: ${checked.error.issues[0]?.message ?? 'unknown issue'}`);
    }
    const report = checked.data;
    const toFile = common.output ? path.resolve(cwd, common.output) : undefined;
    const color = common.format === 'text' && !toFile && io.stdoutIsTTY === true && !env.NO_COLOR;
    emit(formatReport(report, common.format, { color, sourceRoot: cwd }), toFile);
    if (toFile) {
      // Something for the log when the report went to a file.
      err(`platform-kit: wrote ${common.format} report to ${common.output} (${report.summary.error} errors, ${report.summary.warning} warnings, ${report.summary.info} info)\n`);
    }
    return failsAt(report, common.failOn) ? 1 : 0;
  } catch (error) {
    return reportError(error, err, env);
  }

  function emit(text: string, file: string | undefined): void {
    if (file) writeFileAtomic(file, secrets.redact(text));
    else out(text);
  }
}

/** The command named by the leading words of argv; nested commands ("ops migrate") match first. */
function findCommand(argv: readonly string[], commands: readonly CommandSpec[]): { command: CommandSpec; rest: string[] } {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  for (const command of byLength) {
    const words = command.name.split(' ');
    if (words.every((word, i) => argv[i] === word)) return { command, rest: argv.slice(words.length) };
  }
  const first = argv[0];
  if (first.startsWith('-')) throw usageError(`expected a command before ${first}`, 'run "platform-kit --help" for the list of commands');
  const group = commands.filter((c) => c.name.startsWith(`${first} `));
  if (group.length > 0) {
    throw usageError(`"${first}" needs a subcommand: ${group.map((c) => c.name).join(', ')}`);
  }
  const close = closestNames(first, commands.map((c) => c.name));
  throw usageError(`unknown command "${first}"`, close.length > 0 ? `did you mean "${close[0]}"?` : 'run "platform-kit --help" for the list of commands');
}

function mergedOptions(command: CommandSpec): Record<string, OptionSpec> {
  for (const name of Object.keys(command.options)) {
    if (name in COMMON_OPTIONS) throw runtimeError(`command "${command.name}" redefines the common option --${name}`);
  }
  return { ...COMMON_OPTIONS, ...command.options };
}

function parseCommandLine(command: CommandSpec, options: Record<string, OptionSpec>, args: string[]) {
  const config = Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      { type: spec.type, ...(spec.short ? { short: spec.short } : {}), ...(spec.multiple ? { multiple: true } : {}) },
    ]),
  );
  try {
    return parseArgs({ args, options: config, strict: true, allowPositionals: command.allowPositionals ?? false });
  } catch (error) {
    throw usageError(describeParseError(error as Error & { code?: string }, command, options), `run "platform-kit ${command.name} --help"`);
  }
}

function describeParseError(error: Error & { code?: string }, command: CommandSpec, options: Record<string, OptionSpec>): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION': {
      const flag = quoted ?? 'option';
      const close = closestNames(flag.replace(/^-+/, ''), Object.keys(options));
      return `unknown option ${flag} for "${command.name}"${close.length > 0 ? ` (did you mean --${close[0]}?)` : ''}`;
    }
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return `${quoted ? `option ${quoted.split(' ')[0]}` : 'an option'}: ${/argument missing/.test(error.message) ? 'a value is required' : 'does not take a value'}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `"${command.name}" takes no arguments, got "${quoted ?? '?'}"`;
    default:
      return error.message.split('\n')[0];
  }
}

/** Fills absent options from their environment variable, then their default. */
function applyDefaults(
  options: Record<string, OptionSpec>,
  values: Record<string, string | boolean | (string | boolean)[] | undefined>,
  env: NodeJS.ProcessEnv,
): Record<string, string | boolean | string[] | undefined> {
  const out: Record<string, string | boolean | string[] | undefined> = {};
  for (const [name, spec] of Object.entries(options)) {
    let value = values[name] as string | boolean | string[] | undefined;
    if (value === undefined && spec.env && env[spec.env]) value = spec.type === 'boolean' ? env[spec.env] === '1' || env[spec.env] === 'true' : env[spec.env];
    if (value === undefined && spec.default !== undefined) value = spec.default;
    out[name] = value;
  }
  return out;
}

function reportError(error: unknown, err: (text: string) => void, env: NodeJS.ProcessEnv): number {
  if (error instanceof PlatformKitError) {
    err(`platform-kit: error: ${error.toDisplayString()}\n`);
    if (env.PK_DEBUG === '1' && error.cause instanceof Error) err(`${error.cause.stack ?? String(error.cause)}\n`);
    return error.exitCode;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  err(`platform-kit: error: unexpected failure: ${message}${env.PK_DEBUG === '1' ? '' : ' (set PK_DEBUG=1 for details)'}\n`);
  if (env.PK_DEBUG === '1' && error instanceof Error) err(`${error.stack ?? ''}\n`);
  return 3;
}

/** The real process: argv, stdout/stderr, exit code. */
export async function runCli(): Promise<never> {
  // A closed pipe (`platform-kit rules | head -1`) is not an error worth a stack trace.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  const code = await main(process.argv.slice(2), {
    stdout: (text) => writeInSlices((slice) => process.stdout.write(slice), text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: process.stdout.isTTY === true,
  });
  // Files and terminals take writes synchronously, but a pipe takes only what fits in its buffer
  // and queues the rest (measured: `platform-kit migration-lint --format json | jq` got the first
  // 128 KiB of a 25 MB report). Exit once both streams have flushed.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit(code);
}

function invokedDirectly(): boolean {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (invokedDirectly()) void runCli();
