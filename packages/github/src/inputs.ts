import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import * as core from '@actions/core';
import { inputError, type FailOn } from '@platform-kit/core/scan';

/** An input an action declares beside the common ones (mirrors its action.yml entry). */
export interface InputSpec {
  description: string;
  required?: boolean;
  /** Used when the input is empty (action.yml defaults only apply on a real runner). */
  default?: string;
  /** Masked before anything runs and redacted from every output. */
  secret?: boolean;
  /** Allowed values; anything else is an input error naming them. */
  choices?: readonly string[];
  /** A switch: read like the common `sarif` and `comment` inputs and stored as "true" or "false". */
  boolean?: boolean;
}

/** The inputs every platform-kit action understands (each action.yml declares the ones it uses). */
export interface CommonInputs {
  /** Empty when absent: the action then replays `migrationsPath` into the embedded database. */
  databaseUrl: string;
  /** Absolute path. */
  migrationsPath: string;
  /** Relative to the working directory as given; empty for the default `.platform-kit.yml` lookup. */
  config: string;
  failOn: FailOn;
  /** Absolute path of the resolved working directory. */
  workingDirectory: string;
  sarif: boolean;
  comment: boolean;
  githubToken: string;
}

export interface ActionInputs<Extra extends string = string> extends CommonInputs {
  /** The action's own inputs, by their kebab-case name, defaults applied. */
  extra: Record<Extra, string>;
}

export const FAIL_ON_VALUES = ['error', 'warning', 'info', 'never'] as const;
export const DEFAULT_MIGRATIONS_PATH = 'supabase/migrations';

/** Names of the inputs whose values are secrets, whatever the action. */
export const COMMON_SECRET_INPUTS = ['database-url', 'github-token'] as const;

/** Raw input value as the runner passes it (INPUT_<NAME>, dashes kept, upper case). */
export function rawInput(name: string): string {
  return core.getInput(name);
}

/**
 * A switch input. Beside true and false it takes the spellings people write in `with:` (yes/no,
 * on/off, 1/0, any case), so every switch of every action reads the same way.
 */
export function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const value = raw.trim().toLowerCase();
  if (value === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(value)) return true;
  if (['false', 'no', 'off', '0'].includes(value)) return false;
  throw inputError(`input "${name}" must be true or false, got "${raw}"`);
}

function booleanInput(name: string, fallback: boolean): boolean {
  return parseBoolean(name, rawInput(name), fallback);
}

function choiceInput<T extends string>(name: string, choices: readonly T[], fallback: T): T {
  const value = rawInput(name) || fallback;
  if (!(choices as readonly string[]).includes(value)) {
    throw inputError(`input "${name}" must be one of ${choices.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/** The workspace the runner checked out into (relative inputs resolve against it). */
export function workspaceRoot(): string {
  return process.env.GITHUB_WORKSPACE || process.cwd();
}

/**
 * Reads and validates every input. Secrets must already be masked (runAction does it first).
 * Errors are PlatformKitErrors of kind "input" that name the input and what it accepts.
 */
export function readInputs<Extra extends string>(
  extraSpecs: Record<Extra, InputSpec>,
  /** Fallbacks that must match the action.yml defaults where an action differs (on a real runner those apply first). */
  defaults: { failOn?: FailOn } = {},
): ActionInputs<Extra> {
  const workspace = workspaceRoot();
  const workingDirectoryInput = rawInput('working-directory') || '.';
  const workingDirectory = path.resolve(workspace, workingDirectoryInput);
  if (!existsSync(workingDirectory) || !statSync(workingDirectory).isDirectory()) {
    throw inputError(
      `input "working-directory": ${workingDirectoryInput} is not a directory`,
      undefined,
      'give a folder relative to the repository root, e.g. "." or "apps/db"',
    );
  }
  const databaseUrl = rawInput('database-url');
  if (databaseUrl && !/^postgres(ql)?:\/\//i.test(databaseUrl)) {
    // Never echo the value: it may be a secret pasted into the wrong input.
    throw inputError('input "database-url" must be a postgres:// or postgresql:// connection string');
  }
  const extra = {} as Record<Extra, string>;
  for (const [name, spec] of Object.entries(extraSpecs) as [Extra, InputSpec][]) {
    const given = rawInput(name) || spec.default || '';
    const value = spec.boolean ? String(parseBoolean(name, given, false)) : given;
    if (spec.required && !value) throw inputError(`input "${name}" is required: ${spec.description}`);
    if (value && spec.choices && !spec.choices.includes(value)) {
      throw inputError(`input "${name}" must be one of ${spec.choices.join(', ')}, got "${spec.secret ? '***' : value}"`);
    }
    extra[name] = value;
  }
  return {
    databaseUrl,
    migrationsPath: path.resolve(workingDirectory, rawInput('migrations-path') || DEFAULT_MIGRATIONS_PATH),
    config: rawInput('config'),
    failOn: choiceInput('fail-on', FAIL_ON_VALUES, defaults.failOn ?? 'error'),
    workingDirectory,
    sarif: booleanInput('sarif', false),
    comment: booleanInput('comment', false),
    githubToken: rawInput('github-token'),
    extra,
  };
}
