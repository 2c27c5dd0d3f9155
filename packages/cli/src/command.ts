import type { Report } from '@platform-kit/core';

/**
 * The shape of every CLI subcommand. The framework (main.ts) owns the common options
 * (--format, --output, --fail-on, --config, --help) and the exit codes; a command only parses its
 * own options and returns a Report, or a plain outcome for commands that report nothing
 * (`ops migrate`, `rules`). The actions call the same core functions, so each action has a twin here.
 */
export interface OptionSpec {
  type: 'string' | 'boolean';
  description: string;
  short?: string;
  multiple?: boolean;
  /** Shown in --help; also the value when absent. */
  default?: string | boolean;
  /** Environment variable read when the option is absent (e.g. DATABASE_URL). */
  env?: string;
}

export interface CommandContext {
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Where reports and messages go (stdout), and diagnostics (stderr). Both already redact secrets. */
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Values every command understands. */
  common: { format: 'text' | 'json' | 'markdown' | 'sarif'; output?: string; failOn: 'error' | 'warning' | 'info' | 'never'; config?: string };
  /** Secrets seen in the arguments or environment: redacted from every output. */
  addSecret: (value: string) => void;
  /** Masks every registered secret and connection string: for text a command writes to files itself. */
  redact?: (text: string) => string;
}

export type CommandOutcome =
  | { kind: 'report'; report: Report }
  /** Output already written; `exitCode` as the command decided (0 or 1). */
  | { kind: 'done'; exitCode: 0 | 1; text?: string };

export interface CommandSpec {
  /** "scan", "rls-coverage", "ops migrate" (a space for nested commands). */
  name: string;
  summary: string;
  /** Extra lines for --help (examples, what positionals mean). */
  help?: string;
  options: Record<string, OptionSpec>;
  allowPositionals?: boolean;
  /**
   * The command writes --output itself (`fix` writes a migration file there); the framework then
   * prints a `done` outcome's text to stdout instead of writing it to --output.
   */
  ownsOutput?: boolean;
  run(
    args: { values: Record<string, string | boolean | string[] | undefined>; positionals: string[] },
    context: CommandContext,
  ): Promise<CommandOutcome>;
}
