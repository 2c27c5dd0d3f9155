import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintMigrations } from '../../src/migration-lint/index.js';
import { defaultThreads, lintInWorkers, MIN_CORES, MIN_FILES_PER_WORKER, workerCount } from '../../src/migration-lint/parallel.js';
import { config, projectsRemovedAfterEach } from './helpers.js';

/**
 * Worker threads must not change what migration-lint reports: the same findings, notices, order
 * and fingerprints as one thread, including where a file's findings depend on tables that files
 * linted by another thread created (the main thread lints those again in order).
 */
const project = projectsRemovedAfterEach();

const NOW = new Date('2026-01-01T00:00:00Z');

/** File i of a history where later files touch tables earlier files created (and some do not parse). */
function migration(i: number): string | Buffer {
  if (i === 17) return 'CREATE TABLE broken (;';
  if (i === 41) return Buffer.from([0x53, 0x45, 0x4c, 0x00, 0x01]);
  if (i === 63) return Buffer.from([0x53, 0x45, 0x4c, 0xff, 0xfe, 0x3b]);
  const own = `t_${i}`;
  const earlier = `t_${Math.max(0, i - 7)}`;
  return [
    `CREATE TABLE IF NOT EXISTS public.${own} (id int PRIMARY KEY, note varchar(40), at timestamp);`,
    i % 3 === 0 ? `ALTER TABLE public.${own} ENABLE ROW LEVEL SECURITY;` : '',
    // On a table an earlier file created: a live table, so a plain index locks it.
    `CREATE INDEX IF NOT EXISTS ${earlier}_note_${i} ON public.${earlier} (note);`,
    i % 5 === 0 ? `ALTER TABLE public.${earlier} ADD COLUMN flag_${i} boolean NOT NULL;` : '',
    i % 11 === 0 ? `-- platform-kit-ignore drop-table: archived in 2024\nDROP TABLE public.${earlier};` : '',
    i % 13 === 0 ? `-- platform-kit-ignore drop-table\nDROP TABLE IF EXISTS public.unused_${i};` : '',
    i % 7 === 0 ? `INSERT INTO public.${own} (id) VALUES (${i});` : '',
  ].join('\n');
}

function writeHistory(files: number) {
  const p = project();
  for (let i = 0; i < files; i += 1) p.write(`${String(20240101000000 + i * 100)}_step_${i}.sql`, migration(i));
  return p;
}

describe('linting on worker threads', () => {
  it('uses workers only when there are enough files to pay for starting them', () => {
    expect(defaultThreads(MIN_FILES_PER_WORKER * 2 - 1, 4)).toBe(0);
    expect(defaultThreads(MIN_FILES_PER_WORKER * 2, 4)).toBe(2);
    expect(defaultThreads(10_000, 4)).toBe(4);
    expect(defaultThreads(10_000, 64)).toBe(8);
    expect(defaultThreads(10_000, MIN_CORES - 1)).toBe(0);
    expect(workerCount(10, 1)).toBe(0);
    expect(workerCount(10, 4)).toBe(4);
    expect(workerCount(3, 8)).toBe(3);
  });

  it('really starts workers (a failed start would fall back to one thread and hide it)', async () => {
    const p = writeHistory(30);
    const names = readdirSync(p.migrations).sort();
    const files = names.map((name) => ({ path: `supabase/migrations/${name}`, name }));
    const jobs = names.map((name, index) => ({ index, absolute: path.join(p.migrations, name), reported: true }));
    const outcomes = await lintInWorkers(jobs, { config: config(), files, now: NOW.toISOString() }, false, 3);
    expect(outcomes).toBeDefined();
    expect(outcomes!.map((outcome) => outcome.index)).toEqual(jobs.map((job) => job.index));
  });

  it('reports exactly what one thread reports, cross-file facts and unreadable files included', async () => {
    const p = writeHistory(120);
    const lint = (threads: number) => lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root, now: NOW, threads });
    const single = await lint(0);
    // The history does exercise the cross-file paths and the error findings.
    const rules = new Set(single.findings.map((f) => f.rule));
    for (const rule of ['index-without-concurrently', 'syntax-error', 'unreadable-file', 'suppression-without-reason']) expect(rules, rule).toContain(rule);
    expect(single.findings.length).toBeGreaterThan(300);
    for (const threads of [2, 3]) expect(await lint(threads)).toEqual(single);
  });

  it('in pull request mode, agrees with one thread on which tables the change itself created', async () => {
    const p = writeHistory(60);
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: p.root, stdio: 'pipe', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
    git('init', '-q', '-b', 'main');
    git('add', '.');
    git('commit', '-q', '-m', 'base');
    for (let i = 60; i < 100; i += 1) p.write(`${String(20240101000000 + i * 100)}_step_${i}.sql`, migration(i));
    const lint = (threads: number) =>
      lintMigrations({ paths: ['supabase/migrations'], config: config(), cwd: p.root, now: NOW, threads, changedOnly: { baseRef: 'main' } });
    const single = await lint(0);
    expect(single.details).toMatchObject({ filesRead: 100, filesLinted: 40 });
    expect(single.findings.some((f) => f.rule === 'index-without-concurrently')).toBe(true);
    expect(await lint(2)).toEqual(single);
  });
});
