import { REPORT_FORMATS, usageError, type FailOn, type ReportFormat } from '@platform-kit/core';
import type { OptionSpec } from './command.js';

export const FAIL_ON_LEVELS = ['error', 'warning', 'info', 'never'] as const satisfies readonly FailOn[];

/** Options every subcommand understands; the framework parses and applies them. */
export const COMMON_OPTIONS: Record<string, OptionSpec> = {
  format: { type: 'string', description: `Output format: ${REPORT_FORMATS.join('|')}`, default: 'text' },
  output: { type: 'string', short: 'o', description: 'Write the output to FILE (atomically) instead of stdout' },
  'fail-on': { type: 'string', description: `Exit 1 when a finding is at or above: ${FAIL_ON_LEVELS.join('|')}`, default: 'error' },
  config: { type: 'string', description: 'Configuration file (default: .platform-kit.yml in the current folder, when present)' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
};

export const EXIT_CODES: [number, string][] = [
  [0, 'nothing at or above the --fail-on threshold'],
  [1, 'findings at or above the --fail-on threshold'],
  [2, 'usage, configuration or input error (bad option, malformed config, unknown rule, migration that fails)'],
  [3, 'connection or runtime error (unreachable host, wrong password, timeout)'],
];

export const ENVIRONMENT: [string, string][] = [
  ['DATABASE_URL', 'default for --database-url (a secret: never printed)'],
  ['PK_CONTROL_PLANE_URL', 'default for --control-plane-url (a secret: never printed)'],
  ['NO_COLOR', 'disable colour in text output (colour is used only when stdout is a terminal)'],
  ['PK_DEBUG', 'set to 1 to print stack traces of unexpected errors'],
];

export function parseFormat(value: unknown): ReportFormat {
  if (typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value)) return value as ReportFormat;
  throw usageError(`invalid --format "${String(value)}": expected one of ${REPORT_FORMATS.join(', ')}`);
}

export function parseFailOn(value: unknown): FailOn {
  if (typeof value === 'string' && (FAIL_ON_LEVELS as readonly string[]).includes(value)) return value as FailOn;
  throw usageError(`invalid --fail-on "${String(value)}": expected one of ${FAIL_ON_LEVELS.join(', ')}`);
}
