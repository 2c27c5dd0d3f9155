import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { afterEach } from 'vitest';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigSchema, type ResolvedConfig } from '../../src/config/schema.js';
import { lintMigrations } from '../../src/migration-lint/index.js';
import type { Report } from '../../src/report/report.js';

/** A temporary project folder with supabase/migrations, removed by `cleanup`. */
export function tempProject(): { root: string; migrations: string; write(name: string, sql: string | Buffer): string; cleanup(): void } {
  const root = mkdtempSync(path.join(tmpdir(), 'pk-migration-lint-'));
  const migrations = path.join(root, 'supabase', 'migrations');
  mkdirSync(migrations, { recursive: true });
  return {
    root,
    migrations,
    write(name, sql) {
      const file = path.join(migrations, name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, sql);
      return file;
    },
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Returns a maker of temporary projects for this test file; each is removed after its test. */
export function projectsRemovedAfterEach(): () => ReturnType<typeof tempProject> {
  const projects: ReturnType<typeof tempProject>[] = [];
  afterEach(() => {
    while (projects.length > 0) projects.pop()!.cleanup();
  });
  return () => {
    const p = tempProject();
    projects.push(p);
    return p;
  };
}

export function config(raw: Record<string, unknown> = {}): ResolvedConfig {
  return ConfigSchema.parse(raw);
}

/**
 * Lints migration files given as SQL strings (written to a temporary supabase/migrations folder, in
 * order) and returns the report. The last file is the one under test; earlier ones are history.
 */
export async function lintSql(files: string | string[], rawConfig: Record<string, unknown> = {}): Promise<Report> {
  const project = tempProject();
  try {
    const list = Array.isArray(files) ? files : [files];
    list.forEach((sql, index) => project.write(`${String(20240101000000 + index)}_step_${index}.sql`, sql));
    return await lintMigrations({ paths: ['supabase/migrations'], config: config(rawConfig), cwd: project.root });
  } finally {
    project.cleanup();
  }
}

export function rulesOf(report: Report, file?: string): string[] {
  return report.findings.filter((f) => !file || f.location?.file.endsWith(file)).map((f) => f.rule);
}

export function findingsOf(report: Report, rule: string) {
  return report.findings.filter((f) => f.rule === rule);
}
