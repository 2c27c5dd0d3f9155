import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const reusable = path.join(repoRoot, '.github/workflows/nightly-introspection.yml');
const starter = path.join(repoRoot, 'workflows/nightly-introspection.yml');

/** actionlint (WebAssembly) through the packages/github test helper, in a child process. */
function actionlint(files: string[]): { line: number; message: string }[] {
  const child = path.join(repoRoot, 'packages/github/test/helpers/actionlint-child.mjs');
  return JSON.parse(execFileSync(process.execPath, [child, ...files], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NODE_PATH: path.join(repoRoot, 'node_modules') } }));
}

type Step = { uses?: string; with?: Record<string, unknown>; id?: string; if?: string };
type Job = { needs?: string | string[]; if?: string; steps?: Step[]; strategy?: { 'fail-fast'?: boolean; matrix?: string }; outputs?: Record<string, string>; uses?: string };

describe('nightly introspection workflows', () => {
  it('pass actionlint, and actionlint can fail', () => {
    expect(actionlint([reusable, starter])).toEqual([]);
    const broken = path.join(mkdtempSync(path.join(os.tmpdir(), 'pk-nightly-')), 'broken.yml');
    writeFileSync(broken, readFileSync(reusable, 'utf8').replace('needs: plan\n', 'needs: planning\n'));
    expect(actionlint([broken]).length).toBeGreaterThan(0);
  });

  const workflow = parse(readFileSync(reusable, 'utf8')) as { on: { workflow_call: { secrets: Record<string, unknown> } }; permissions: unknown; jobs: Record<string, Job> };
  const action = parse(readFileSync(path.join(repoRoot, 'actions/introspect/action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };

  it('is reusable (workflow_call) with least privilege, and the starter schedules it', () => {
    expect(Object.keys(workflow.on.workflow_call.secrets)).toEqual(['PK_CONTROL_PLANE_URL', 'PK_ALERT_WEBHOOK_URL']);
    expect(workflow.permissions).toEqual({});
    const start = parse(readFileSync(starter, 'utf8'));
    expect(start.on.schedule[0].cron).toMatch(/^\d+ \d+ \* \* \*$/);
    expect(start.jobs.nightly.uses).toMatch(/\.github\/workflows\/nightly-introspection\.yml@/);
    expect(start.jobs.nightly.secrets).toBe('inherit');
  });

  it('fans out one batch job per plan output, each a matrix of at most 256 from the plan, not failing fast', () => {
    const batches = Object.keys(workflow.jobs).filter((j) => j.startsWith('scan-'));
    expect(batches).toEqual(['scan-0', 'scan-1', 'scan-2', 'scan-3']);
    const planOutputs = Object.keys(workflow.jobs.plan!.outputs ?? {});
    batches.forEach((job, n) => {
      const j = workflow.jobs[job]!;
      expect(planOutputs).toContain(`batch-${n}`);
      expect(action.outputs).toHaveProperty(`batch-${n}`);
      expect(j.strategy?.matrix).toBe(`\${{ fromJSON(needs.plan.outputs.batch-${n}) }}`);
      expect(j.strategy?.['fail-fast']).toBe(false);
      expect(j.if).toBe(`fromJSON(needs.plan.outputs.batch-count) > ${n}`);
      const scan = j.steps!.find((s) => s.id === 'scan')!;
      expect(scan.with!['database-url']).toBe('${{ secrets[matrix.urlSecret] }}');
    });
    const report = workflow.jobs.report!;
    expect(report.needs).toEqual(['plan', ...batches]);
    expect(report.if).toContain('always()');
  });

  it('passes only inputs the introspect action declares (actionlint cannot see local actions)', () => {
    for (const [name, job] of Object.entries(workflow.jobs)) {
      for (const step of job.steps ?? []) {
        if (step.uses !== './.platform-kit/actions/introspect') continue;
        for (const input of Object.keys(step.with ?? {})) expect({ job: name, input, declared: input in action.inputs }).toEqual({ job: name, input, declared: true });
      }
    }
  });
});
