import { PlatformKitError } from '../errors.js';

/**
 * Retries with exponential backoff and full jitter (delay = random(0, min(max, base·2^n))), so
 * many nightly jobs hitting a recovering control plane do not retry in lockstep. `sleep` and
 * `random` are injectable so tests run fast and deterministic.
 */
export interface RetryOptions {
  /** Total attempts, the first included (default 4). */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  isRetryable?: (error: unknown) => boolean;
  onRetry?: (error: unknown, attempt: number, delayMs: number) => void;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

export function backoffDelay(attempt: number, options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'> = {}): number {
  const base = options.baseDelayMs ?? 500;
  const cap = Math.min(options.maxDelayMs ?? 30_000, base * 2 ** attempt);
  return Math.round((options.random ?? Math.random)() * cap);
}

// Lost connections, server shutting down or starting, serialization failures and deadlocks.
const RETRYABLE_SQLSTATE = /^(08|57P0|53300|40001|40P01)/;

/** Errors worth another try: the control plane could not be reached, or dropped us. */
export function isTransient(error: unknown): boolean {
  if (error instanceof PlatformKitError) return error.kind === 'connection';
  const code = (error as { code?: unknown })?.code;
  if (typeof code === 'string') return RETRYABLE_SQLSTATE.test(code) || /^E(CONNREFUSED|CONNRESET|TIMEDOUT|PIPE|HOSTUNREACH|NETUNREACH|AI_AGAIN)$/.test(code);
  return false;
}

export async function withRetry<T>(fn: (attempt: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, options.attempts ?? 4);
  const retryable = options.isRetryable ?? isTransient;
  const sleep = options.sleep ?? defaultSleep;
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (error) {
      if (attempt + 1 >= attempts || !retryable(error)) throw error;
      const delay = backoffDelay(attempt, options);
      options.onRetry?.(error, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
