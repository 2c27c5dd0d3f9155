import { isUtf8 } from 'node:buffer';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { configError } from '../errors.js';
import { firstInvalidUtf8 } from '../text/utf8.js';

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
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EISDIR') throw configError(`config file ${display} is a folder, not a file`, { file: display });
    throw configError(`cannot read config file ${display}: ${code ?? (error as Error).message}`, { file: display });
  }
  // Decoded leniently, a stray Latin-1 byte would become U+FFFD and surface as a puzzling
  // "invalid option" on a value that looks right in the editor.
  if (!isUtf8(bytes)) {
    const { byte, line } = firstInvalidUtf8(bytes);
    throw configError(`config file ${display} is not valid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')})`, { file: display, line }, 'save it as UTF-8');
  }
  return { file, display, text: bytes.toString('utf8') };
}
