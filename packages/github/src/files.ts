import { mkdirSync, mkdtempSync, renameSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '@platform-kit/core/scan';
import { objectLabel } from './summary.js';

/** A fresh folder for this step's files: under RUNNER_TEMP on a runner (kept for later steps), else the OS temp dir. */
export function createOutputDir(actionName: string): string {
  const base = process.env.RUNNER_TEMP || os.tmpdir();
  mkdirSync(base, { recursive: true });
  return mkdtempSync(path.join(base, `platform-kit-${actionName}-`));
}

/** Writes a file atomically: a reader never sees half of it. */
export function writeFileAtomic(file: string, content: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, content, 'utf8');
  renameSync(temp, file);
}

/**
 * The remediation plan as one SQL file, from the findings' own SQL (most severe first). Each block
 * is idempotent, so the file can be applied twice.
 */
export function remediationSqlOf(report: Report): string | undefined {
  const blocks = report.findings
    .filter((f) => f.remediation && !f.waived)
    .map((f) => `-- ${f.rule}: ${objectLabel(f)}\n-- ${f.message.replace(/\r?\n/g, ' ')}\n${f.remediation!.sql.trim()}\n`);
  if (blocks.length === 0) return undefined;
  return `-- Remediation plan from platform-kit ${report.command} (review before applying)\n\n${blocks.join('\n')}`;
}
