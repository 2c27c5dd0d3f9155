import pino, { type DestinationStream } from 'pino';
import { redact } from './db/connection-string.js';

/**
 * Structured logs (§7.1): one JSON object per line, `{ts, level, component, message, metadata}`,
 * levels DEBUG, INFO, WARN, ERROR, FATAL, and the scan context (`project_id`, `scan_id`, `run_id`)
 * in metadata. Everything that leaves goes through redaction: connection strings are masked, known
 * secret values are replaced, and fields named like secrets are dropped to "[redacted]".
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface LogContext {
  project_id?: string;
  scan_id?: string;
  run_id?: string;
  [key: string]: unknown;
}

export interface Logger {
  debug(message: string, metadata?: Record<string, unknown>): void;
  info(message: string, metadata?: Record<string, unknown>): void;
  warn(message: string, metadata?: Record<string, unknown>): void;
  error(message: string, metadata?: Record<string, unknown>): void;
  fatal(message: string, metadata?: Record<string, unknown>): void;
  /** A logger that adds `context` to every line's metadata (e.g. once the scan id is known). */
  child(context: LogContext): Logger;
  /** Values to redact from now on (a connection string read from a secret, its password). */
  addSecrets(values: readonly string[]): void;
}

export interface LoggerOptions {
  component: string;
  level?: LogLevel;
  context?: LogContext;
  /** Known secret values (redacted wherever they appear). */
  secrets?: readonly string[];
  /** Where lines go; stderr by default, so a command's stdout stays its report. */
  destination?: DestinationStream;
}

const SECRET_KEY = /pass(word)?|secret|token|authorization|api[_-]?key|connection[_-]?string|^url$|database_url/i;

function scrub(value: unknown, secrets: readonly string[], depth = 0): unknown {
  if (typeof value === 'string') return redact(value, secrets);
  if (value instanceof Error) return { name: value.name, message: redact(value.message, secrets) };
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) out[key] = SECRET_KEY.test(key) ? '[redacted]' : scrub(v, secrets, depth + 1);
  return out;
}

export function createLogger(options: LoggerOptions): Logger {
  const secrets: string[] = [...(options.secrets ?? [])];
  const base = pino(
    {
      level: options.level ?? (process.env.PK_LOG_LEVEL as LogLevel | undefined) ?? 'info',
      messageKey: 'message',
      base: { component: options.component },
      timestamp: () => `,"ts":"${new Date().toISOString()}"`,
      formatters: {
        level: (label) => ({ level: label.toUpperCase() }),
      },
    },
    options.destination ?? pino.destination({ dest: 2, sync: true }),
  );
  const make = (context: LogContext): Logger => {
    const emit = (level: LogLevel) => (message: string, metadata: Record<string, unknown> = {}) => {
      base[level]({ metadata: scrub({ ...context, ...metadata }, secrets) }, redact(message, secrets));
    };
    return {
      debug: emit('debug'),
      info: emit('info'),
      warn: emit('warn'),
      error: emit('error'),
      fatal: emit('fatal'),
      child: (more) => make({ ...context, ...more }),
      addSecrets: (values) => {
        for (const v of values) if (v && !secrets.includes(v)) secrets.push(v);
      },
    };
  };
  return make(options.context ?? {});
}
