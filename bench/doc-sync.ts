/**
 * doc-sync on large instruction files, beside `git diff --no-index --numstat` of the same files in the
 * same run (a line diff everyone trusts), reported as a ratio. Three cases at the 1 MiB default
 * limit: identical files, a few edited lines, and two unrelated files (where the edit budget stops
 * the diff early). Not a test: numbers to read.
 *
 *   npx tsx bench/doc-sync.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { defaultConfig, runDocSync } from '../packages/core/src/index.js';

const LINES = 20_000; // ≈ 1 MiB of Markdown at ~50 bytes a line
const line = (tag: string, i: number) => `- ${tag} rule ${i}: keep migrations idempotent and quote identifiers.`;

function setup(name: string, canonical: string[], other: string[]): string {
  const root = mkdtempSync(path.join(os.tmpdir(), `pk-bench-doc-sync-${name}-`));
  writeFileSync(path.join(root, 'CLAUDE.md'), `# CLAUDE.md\n\n${canonical.join('\n')}\n`);
  writeFileSync(path.join(root, 'GEMINI.md'), `# GEMINI.md\n\n${other.join('\n')}\n`);
  writeFileSync(path.join(root, 'CODEX.md'), `# CODEX.md\n\n${canonical.join('\n')}\n`);
  return root;
}

function time(fn: () => void, runs = 3): number {
  fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

const base = Array.from({ length: LINES }, (_, i) => line('shared', i));
const edited = base.map((text, i) => (i % 1000 === 0 ? line('edited', i) : text));
const unrelated = Array.from({ length: LINES }, (_, i) => line(`other-${i}`, i * 7));
const config = defaultConfig();
config.docSync.maxFileBytes = 4 * 1024 * 1024;

console.log(`doc-sync on ${LINES}-line files (median of 3 runs; reference: git diff --no-index --numstat on CLAUDE.md vs GEMINI.md)`);
console.log('case        doc-sync ms   git diff ms   ratio   drift');
for (const [name, other] of [['identical', base], ['edited', edited], ['unrelated', unrelated]] as const) {
  const root = setup(name, base, other);
  try {
    let drift = '';
    const ours = time(() => {
      const result = runDocSync({ root, config });
      const gemini = (result.report.details?.files as { file: string; drift: number; exact: boolean }[]).find((f) => f.file === 'GEMINI.md')!;
      drift = `${gemini.exact ? '' : '>= '}${(gemini.drift * 100).toFixed(2)}%`;
    });
    const reference = time(() => {
      try {
        execFileSync('git', ['diff', '--no-index', '--numstat', 'CLAUDE.md', 'GEMINI.md'], { cwd: root, stdio: 'pipe' });
      } catch {
        // git diff --no-index exits 1 when the files differ.
      }
    });
    console.log(`${name.padEnd(12)}${ours.toFixed(1).padStart(11)}${reference.toFixed(1).padStart(14)}${(ours / reference).toFixed(2).padStart(8)}   ${drift}`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
