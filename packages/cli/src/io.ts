import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { inputError, redact, secretsOf } from '@platform-kit/core';

/** Environment variables that hold connection strings: masked whatever the command. */
export const SECRET_ENV_VARS = ['DATABASE_URL', 'PK_CONTROL_PLANE_URL'] as const;

/**
 * The secrets of one CLI invocation. Every byte the CLI writes (stdout, stderr, --output files)
 * passes through `redact`, which masks any connection string and every registered value.
 */
export class SecretRegistry {
  private readonly values = new Set<string>();

  add(value: string | undefined): void {
    if (!value) return;
    for (const secret of secretsOf(value)) this.values.add(secret);
  }

  redact(text: string): string {
    // Longest first, so a whole URL is masked before the password inside it.
    return redact(
      text,
      [...this.values].sort((a, b) => b.length - a.length),
    );
  }
}

/** Characters per write: large enough that the calls are few, small enough to encode cheaply. */
const SLICE = 64 * 1024;

/**
 * Writes text to a stream in 64 KiB slices. Node turns a string into one Buffer per write: for a
 * large report (a 25 MB JSON migration-lint report) one write allocates and fills 25 MB at once,
 * which measured 10× slower than slices that reuse small, cache-warm buffers. A slice never ends
 * between the two halves of a surrogate pair (each half alone would be written as U+FFFD).
 */
export function writeInSlices(write: (text: string) => void, text: string): void {
  if (text.length <= SLICE) {
    write(text);
    return;
  }
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + SLICE, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    write(text.slice(start, end));
    start = end;
  }
}

/** Resolves once everything written to the stream so far has been handed to the operating system. */
export function flushed(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write('', () => resolve());
  });
}

/**
 * Registers the values of every `--*-url` option straight from argv, before any parsing can fail
 * and echo them, and the secret environment variables.
 */
export function collectSecrets(argv: readonly string[], env: NodeJS.ProcessEnv, registry: SecretRegistry): void {
  for (const name of SECRET_ENV_VARS) registry.add(env[name]);
  for (let i = 0; i < argv.length; i += 1) {
    const token = argv[i];
    const inline = /^--[a-z0-9-]*-url=(.*)$/s.exec(token);
    if (inline) registry.add(inline[1]);
    else if (/^--[a-z0-9-]*-url$/.test(token) && i + 1 < argv.length) registry.add(argv[i + 1]);
  }
}

/**
 * Writes a file atomically: a temporary file in the same folder, flushed, then renamed over the
 * target (or hard-linked when `overwrite` is false, which fails if the target exists). A crash or an
 * error leaves either the old file or the new one, never half of one.
 */
export function writeFileAtomic(target: string, content: string, options: { overwrite?: boolean } = {}): void {
  const overwrite = options.overwrite ?? true;
  const dir = path.dirname(target);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    const file = fileInTheWay(dir);
    if (file !== undefined) throw inputError(`cannot create folder ${dir}: ${file} is a file, not a folder`, undefined, 'choose another --output');
    throw inputError(`cannot create folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeInSlices((slice) => writeSync(fd, slice), content);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (overwrite) {
      renameSync(temp, target);
    } else {
      linkSync(temp, target);
      unlinkSync(temp);
    }
  } catch (error) {
    safeUnlink(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw inputError(`${target} already exists; not overwriting it`, undefined, 'choose another --output');
    throw inputError(`cannot write ${target}: ${code ?? (error as Error).message}`);
  }
}

/** The nearest existing ancestor of `dir` (or `dir` itself) when it is a file, not a folder: why mkdir failed. */
function fileInTheWay(dir: string): string | undefined {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      return statSync(current).isDirectory() ? undefined : current;
    } catch {
      if (path.dirname(current) === current) return undefined;
    }
  }
}

function safeUnlink(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}
