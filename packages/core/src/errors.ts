/**
 * Errors that cross the engine's boundary. Each carries the CLI exit code it maps to, so the CLI
 * and the actions agree on what a failure means:
 *   2 = usage, configuration or input (a migration that fails, a malformed config, a bad flag)
 *   3 = connection or runtime (host unreachable, wrong password, timeout)
 * Messages must never contain a connection string with its password: build them with
 * `maskConnectionString` or from `describeTarget`.
 */
export type ErrorKind = 'usage' | 'config' | 'input' | 'connection' | 'runtime';

export interface SourcePosition {
  file: string;
  line?: number;
  column?: number;
}

export class PlatformKitError extends Error {
  readonly kind: ErrorKind;
  readonly position?: SourcePosition;
  readonly hint?: string;

  constructor(kind: ErrorKind, message: string, options: { position?: SourcePosition; hint?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PlatformKitError';
    this.kind = kind;
    this.position = options.position;
    this.hint = options.hint;
  }

  get exitCode(): 2 | 3 {
    return this.kind === 'connection' || this.kind === 'runtime' ? 3 : 2;
  }

  /** One line for a terminal or an `::error::` annotation: "file:line: message (hint)". */
  toDisplayString(): string {
    const where = this.position
      ? `${this.position.file}${this.position.line ? `:${this.position.line}` : ''}${this.position.column ? `:${this.position.column}` : ''}: `
      : '';
    return `${where}${this.message}${this.hint ? ` (${this.hint})` : ''}`;
  }
}

export const usageError = (message: string, hint?: string) => new PlatformKitError('usage', message, { hint });
export const configError = (message: string, position?: SourcePosition, hint?: string) =>
  new PlatformKitError('config', message, { position, hint });
export const inputError = (message: string, position?: SourcePosition, hint?: string) =>
  new PlatformKitError('input', message, { position, hint });
export const connectionError = (message: string, cause?: unknown, hint?: string) =>
  new PlatformKitError('connection', message, { cause, hint });
export const runtimeError = (message: string, cause?: unknown) => new PlatformKitError('runtime', message, { cause });

/** Exit code for any thrown value: PlatformKitError knows its own; anything else is a runtime failure. */
export function exitCodeOf(error: unknown): 2 | 3 {
  return error instanceof PlatformKitError ? error.exitCode : 3;
}
