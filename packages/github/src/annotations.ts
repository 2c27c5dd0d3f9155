import path from 'node:path';
import * as core from '@actions/core';
import type { Report } from '@platform-kit/core/scan';
import { objectLabel } from './summary.js';

/**
 * GitHub keeps at most 10 annotations of each level (error, warning, notice) per step and drops
 * the rest silently. The report is ranked most severe first, so taking the first ten of each level
 * keeps the ones that matter; the summary says how many were left out.
 */
export const ANNOTATIONS_PER_LEVEL = 10;

export type AnnotationLevel = 'error' | 'warning' | 'notice';

export interface Annotation {
  level: AnnotationLevel;
  message: string;
  properties: core.AnnotationProperties;
}

export interface AnnotationPlan {
  annotations: Annotation[];
  limitPerLevel: number;
  notAnnotated: { error: number; warning: number; notice: number; total: number };
}

const LEVEL_OF = { error: 'error', warning: 'warning', info: 'notice' } as const;

/** A finding's file as a path from the repository root (annotations attach to repository paths). */
export function repositoryPath(file: string, workingDirectory: string, workspace: string): string {
  const absolute = path.resolve(workingDirectory, file);
  const relative = path.relative(workspace, absolute);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
}

/**
 * Chooses the annotations to emit. `reserved` slots per level are kept free (the fail-on verdict
 * is itself an error annotation). Waived findings are not annotated.
 */
export function planAnnotations(
  report: Report,
  options: { workingDirectory: string; workspace: string; reserved?: Partial<Record<AnnotationLevel, number>> },
): AnnotationPlan {
  const used = { error: 0, warning: 0, notice: 0 };
  const notAnnotated = { error: 0, warning: 0, notice: 0, total: 0 };
  const annotations: Annotation[] = [];
  for (const finding of report.findings) {
    if (finding.waived) continue;
    const level = LEVEL_OF[finding.severity];
    const room = ANNOTATIONS_PER_LEVEL - (options.reserved?.[level] ?? 0);
    if (used[level] >= room) {
      notAnnotated[level] += 1;
      notAnnotated.total += 1;
      continue;
    }
    used[level] += 1;
    const properties: core.AnnotationProperties = { title: finding.rule };
    if (finding.location) {
      properties.file = repositoryPath(finding.location.file, options.workingDirectory, options.workspace);
      properties.startLine = finding.location.line;
      if (finding.location.column) properties.startColumn = finding.location.column;
    }
    const fix = finding.remediation ? ' Remediation SQL is in the job summary.' : '';
    annotations.push({ level, message: `${finding.message} (${objectLabel(finding)}).${fix}`, properties });
  }
  return { annotations, limitPerLevel: ANNOTATIONS_PER_LEVEL, notAnnotated };
}

/** Emits the planned annotations through the toolkit, each message redacted. */
export function emitAnnotations(plan: AnnotationPlan, redact: (text: string) => string): void {
  for (const annotation of plan.annotations) {
    const message = redact(annotation.message);
    const properties = { ...annotation.properties, title: annotation.properties.title && redact(annotation.properties.title) };
    if (annotation.level === 'error') core.error(message, properties);
    else if (annotation.level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
}

/**
 * Error annotations an action emits itself while it runs (a broken registry entry), beside the
 * findings. They count against the same per-step limit: runAction reserves one finding slot for
 * each, and one slot is always kept for the verdict or the error that ends the run, so the step
 * never has more than ANNOTATIONS_PER_LEVEL errors. Each one is redacted; `file` is relative to the
 * working directory, like a finding's.
 */
export class OwnErrorAnnotations {
  emitted = 0;
  dropped = 0;

  constructor(private readonly options: { redact: (text: string) => string; workingDirectory: string; workspace: string }) {}

  error(message: string, where: { title?: string; file?: string; line?: number } = {}): void {
    if (this.emitted >= ANNOTATIONS_PER_LEVEL - 1) {
      this.dropped += 1;
      return;
    }
    this.emitted += 1;
    const { redact, workingDirectory, workspace } = this.options;
    const properties: core.AnnotationProperties = {};
    if (where.title) properties.title = redact(where.title);
    if (where.file) properties.file = redact(repositoryPath(where.file, workingDirectory, workspace));
    if (where.line) properties.startLine = where.line;
    core.error(redact(message), properties);
  }
}
