import type { Db } from '../db/port.js';
import { withProject } from './project-scope.js';

/** One measurement for `ops.metrics` (§7.2). */
export interface Metric {
  name: string;
  value: number;
  unit?: string;
  labels?: Record<string, string>;
}

/** The standard metrics of one scan: duration, object counts, findings per severity, errors. */
export function scanMetrics(input: {
  durationMs: number;
  persistMs?: number;
  objects: number;
  findings: { severity: 'error' | 'warning' | 'info' }[];
  errors: number;
}): Metric[] {
  const perSeverity = { error: 0, warning: 0, info: 0 };
  for (const f of input.findings) perSeverity[f.severity] += 1;
  const metrics: Metric[] = [
    { name: 'scan.duration', value: input.durationMs, unit: 'ms' },
    { name: 'scan.objects', value: input.objects, unit: 'count' },
    ...Object.entries(perSeverity).map(([severity, value]) => ({ name: 'scan.findings', value, unit: 'count', labels: { severity } })),
    { name: 'scan.errors', value: input.errors, unit: 'count' },
  ];
  if (input.persistMs !== undefined) metrics.push({ name: 'scan.persist_duration', value: input.persistMs, unit: 'ms' });
  return metrics;
}

/** Writes metrics in one statement, scoped to the project like every other ops write. */
export async function recordMetrics(
  db: Db,
  target: { projectId: string; scanId?: string; runId?: string },
  metrics: readonly Metric[],
): Promise<void> {
  if (metrics.length === 0) return;
  await withProject(db, target.projectId, (tx) =>
    tx.query(
      `INSERT INTO ops.metrics (project_id, scan_id, run_id, name, value, unit, labels)
       SELECT $1, $2, $3, m.name, m.value, m.unit, m.labels::jsonb
         FROM unnest($4::text[], $5::float8[], $6::text[], $7::text[]) AS m(name, value, unit, labels)`,
      [
        target.projectId,
        target.scanId ?? null,
        target.runId ?? null,
        metrics.map((m) => m.name),
        metrics.map((m) => m.value),
        metrics.map((m) => m.unit ?? ''),
        metrics.map((m) => JSON.stringify(m.labels ?? {})),
      ],
    ),
  );
}
