import type { Db } from '../db/port.js';

/**
 * Statements queued on one connection without the caller waiting for each to finish, at most
 * `depth` at a time. They run in order (same transaction), each started when the one before it
 * finished; meanwhile this process prepares the next batch, so the server's work and ours overlap
 * instead of taking turns. The queue is ours, not the driver's: node-postgres deprecates calling
 * query() while another query runs (a warning on every run, removed in pg 9). The first error is
 * kept and thrown by the next send or by drain; statements queued after it are not sent.
 */
export class StatementPipeline {
  private readonly inFlight: Promise<void>[] = [];
  private tail: Promise<void> = Promise.resolve();
  private failed: { error: unknown } | undefined;

  constructor(
    private readonly db: Db,
    private readonly depth = 2,
  ) {}

  async send(sql: string, params: unknown[]): Promise<void> {
    this.check();
    // `tail` never rejects (errors are kept in `failed`), so each statement starts after the last.
    this.tail = this.tail.then(async () => {
      if (this.failed) return;
      try {
        await this.db.query(sql, params);
      } catch (error) {
        this.failed ??= { error };
      }
    });
    this.inFlight.push(this.tail);
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
