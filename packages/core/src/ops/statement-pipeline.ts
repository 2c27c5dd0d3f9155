import type { Db } from '../db/port.js';

/**
 * Statements sent on one connection without waiting for each to finish, at most `depth` at a
 * time. The connection runs them in order (same transaction); meanwhile this process prepares the
 * next batch, so the server's work and ours overlap instead of taking turns. The first error is
 * kept and thrown by the next send or by drain; later statements fail in the aborted transaction
 * and their errors are dropped (never left as unhandled rejections).
 */
export class StatementPipeline {
  private readonly inFlight: Promise<void>[] = [];
  private failed: { error: unknown } | undefined;

  constructor(
    private readonly db: Db,
    private readonly depth = 2,
  ) {}

  async send(sql: string, params: unknown[]): Promise<void> {
    this.check();
    this.inFlight.push(
      this.db.query(sql, params).then(
        () => undefined,
        (error: unknown) => {
          this.failed ??= { error };
        },
      ),
    );
    while (this.inFlight.length > this.depth) await this.inFlight.shift();
    this.check();
  }

  /** Waits for every statement sent; throws the first error. */
  async drain(): Promise<void> {
    await Promise.all(this.inFlight.splice(0));
    this.check();
  }

  private check(): void {
    if (this.failed) throw this.failed.error;
  }
}
