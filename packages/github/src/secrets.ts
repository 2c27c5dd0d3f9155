import * as core from '@actions/core';
import { redact, secretsOf } from '@platform-kit/core/scan';

/**
 * The secrets one action run knows about. Every value is masked with the runner (`::add-mask::`)
 * the moment it is added, and every text that leaves the process (log lines, annotations, the job
 * summary, report files, SARIF, the PR comment) goes through `redact` with them.
 */
export class SecretSet {
  private readonly values = new Set<string>();

  /** Adds a connection string: the URL itself and its password, raw and decoded. */
  addConnectionString(url: string): void {
    for (const secret of secretsOf(url)) this.add(secret);
  }

  /** Adds a plain secret (a token). Empty values are ignored. */
  add(value: string): void {
    if (!value || this.values.has(value)) return;
    this.values.add(value);
    core.setSecret(value);
  }

  list(): string[] {
    // Longest first, so that a URL is replaced whole before its password inside it.
    return [...this.values].sort((a, b) => b.length - a.length);
  }

  /** Removes connection strings and every known secret from a text. */
  redact(text: string): string {
    return redact(text, this.list());
  }
}
