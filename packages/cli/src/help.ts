import { TOOL_VERSION } from '@platform-kit/core';
import type { CommandSpec, OptionSpec } from './command.js';
import { COMMON_OPTIONS, ENVIRONMENT, EXIT_CODES } from './common-options.js';

/** `platform-kit --help`: commands, common options, exit codes, environment. */
export function globalHelp(commands: readonly CommandSpec[]): string {
  const width = Math.max(12, ...commands.map((c) => c.name.length)) + 2;
  return [
    `platform-kit ${TOOL_VERSION}: governance gates for Supabase (PostgreSQL) projects`,
    '',
    'Usage: platform-kit <command> [options]',
    '       platform-kit <command> --help',
    '',
    'Commands:',
    ...[...commands].sort((a, b) => a.name.localeCompare(b.name)).map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Common options (every command):',
    ...optionLines({ ...COMMON_OPTIONS, version: { type: 'boolean', description: 'Print the version' } }),
    '',
    ...exitAndEnvironment(),
  ].join('\n');
}

/** `platform-kit <command> --help`. */
export function commandHelp(command: CommandSpec): string {
  const ownOptions = Object.keys(command.options).length > 0;
  // One column width for both tables, so they line up.
  const width = Math.max(...[command.options, COMMON_OPTIONS].flatMap((options) => flagsOf(options).map((flag) => flag.length)));
  return [
    `platform-kit ${command.name}: ${command.summary}`,
    '',
    `Usage: platform-kit ${command.name} [options]${command.allowPositionals ? ' [ARGS...]' : ''}`,
    ...(command.help ? ['', command.help.trimEnd()] : []),
    ...(ownOptions ? ['', 'Options:', ...optionLines(command.options, width)] : []),
    '',
    'Common options:',
    ...optionLines(COMMON_OPTIONS, width),
    '',
    ...exitAndEnvironment(),
  ].join('\n');
}

function flagOf(name: string, spec: OptionSpec): string {
  return `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${placeholder(name)}` : ''}`;
}

function flagsOf(options: Record<string, OptionSpec>): string[] {
  return Object.entries(options).map(([name, spec]) => flagOf(name, spec));
}

function optionLines(options: Record<string, OptionSpec>, minWidth = 0): string[] {
  const rows = Object.entries(options).map(([name, spec]) => {
    const flag = flagOf(name, spec);
    const extras = [
      spec.default !== undefined && spec.default !== false ? `default: ${String(spec.default)}` : '',
      spec.env ? `env: ${spec.env}` : '',
      spec.multiple && !/repeatable/i.test(spec.description) ? 'repeatable' : '',
    ].filter(Boolean);
    return [flag, `${spec.description}${extras.length > 0 ? ` (${extras.join('; ')})` : ''}`] as const;
  });
  const width = Math.max(24, minWidth, ...rows.map(([flag]) => flag.length)) + 2;
  return rows.map(([flag, text]) => `  ${flag.padEnd(width)}${text}`);
}

export function placeholder(name: string): string {
  if (name === 'format') return 'FORMAT';
  if (name === 'fail-on') return 'LEVEL';
  if (name.endsWith('-url')) return 'URL';
  if (['output', 'config', 'inventory', 'save-inventory'].includes(name) || name.endsWith('-file')) return 'FILE';
  if (['migrations', 'root'].includes(name) || name.endsWith('-dir')) return 'DIR';
  return 'VALUE';
}

function exitAndEnvironment(): string[] {
  return [
    'Exit codes:',
    ...EXIT_CODES.map(([code, text]) => `  ${code}  ${text}`),
    '',
    'Environment:',
    ...ENVIRONMENT.map(([name, text]) => `  ${name.padEnd(22)}${text}`),
    '',
  ];
}
