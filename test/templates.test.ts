import { copyFileSync, mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultConfig, INVENTORY_RULES, lintMigrations, scan, type Report } from '../packages/core/src/index.js';

/**
 * templates/migrations/ is what the constitution calls "the migration template" (§2.3, §5.2, §5.3):
 * copied as-is into a project, it must pass every gate Platform Kit runs on migrations.
 */
const templates = path.resolve('templates/migrations');
const work = mkdtempSync(path.join(tmpdir(), 'pk-templates-'));
const migrations = path.join(work, 'supabase', 'migrations');
mkdirSync(migrations, { recursive: true });
copyFileSync(path.join(templates, 'tenant_table.sql'), path.join(migrations, '20260101000000_create_widgets.sql'));
copyFileSync(path.join(templates, 'move_extensions_out_of_public.sql'), path.join(migrations, '20260101000100_move_extensions.sql'));

afterAll(() => rmSync(work, { recursive: true, force: true }));

const unwaived = (report: Report) => report.findings.filter((f) => !f.waived).map((f) => `${f.rule} ${f.object.name} ${f.location?.line ?? ''}`);

describe('migration templates', () => {
  it('pass migration-lint', async () => {
    const report = await lintMigrations({ paths: [migrations], config: defaultConfig(), cwd: work });
    expect(unwaived(report)).toEqual([]);
  });

  it('replay and pass every inventory rule', async () => {
    // Every inventory rule: security, schema-lint (drift rules need a previous scan and stay quiet).
    {
      const report = await scan({
        command: 'scan',
        rules: INVENTORY_RULES,
        target: { migrationsDir: migrations },
        config: defaultConfig(),
        options: { root: work },
      });
      expect(unwaived(report)).toEqual([]);
    }
  }, 120_000);
});
