import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configError } from '../errors.js';

export const DEFAULT_CONFIG_FILE = '.platform-kit.yml';

export interface ConfigFileOptions {
  /** A config file the user named: it must exist. */
  explicitPath?: string;
  /** Where `.platform-kit.yml` is looked for, and what paths in errors are relative to. */
  cwd?: string;
}

/** The config file to read and its text, or nothing (no explicit path, no `.platform-kit.yml`). */
export function readConfigFile(options: ConfigFileOptions = {}): { file: string; display: string; text: string } | undefined {
  const cwd = options.cwd ?? process.cwd();
  let file: string | undefined;
  if (options.explicitPath) {
    file = path.resolve(cwd, options.explicitPath);
    if (!existsSync(file)) throw configError(`config file not found: ${options.explicitPath}`);
  } else if (existsSync(path.join(cwd, DEFAULT_CONFIG_FILE))) {
    file = path.join(cwd, DEFAULT_CONFIG_FILE);
  }
  if (!file) return undefined;
  const display = path.relative(cwd, file) || file;
  try {
    return { file, display, text: readFileSync(file, 'utf8') };
  } catch (error) {
    throw configError(`cannot read config file ${display}: ${(error as Error).message}`);
  }
}
