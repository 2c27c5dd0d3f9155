import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseSqlFile } from '../../src/parser/parse.js';
import { TableHistory } from '../../src/migration-lint/table-history.js';

beforeAll(() => loadParser());

describe('TableHistory: which tables exist as each file starts', () => {
  it('follows creates, drops, renames and schema moves, file by file', () => {
    const history = new TableHistory();
    history.record(0, parseSqlFile('CREATE TABLE a (id int); CREATE TABLE s.b (id int); CREATE TABLE c AS SELECT 1;'));
    history.record(1, parseSqlFile('DROP TABLE IF EXISTS a; ALTER TABLE s.b RENAME TO b2; ALTER TABLE c SET SCHEMA archive;'));
    history.record(2, parseSqlFile('CREATE TABLE a (id int);'));

    const atFile1 = history.before(1);
    expect(['public.a', 's.b', 'public.c'].map((k) => atFile1.has(k))).toEqual([true, true, true]);
    const atFile2 = history.before(2);
    expect(['public.a', 's.b', 's.b2', 'public.c', 'archive.c'].map((k) => atFile2.has(k))).toEqual([false, false, true, false, true]);
    expect(history.before(3).has('public.a')).toBe(true);
    expect(history.before(0).has('public.a')).toBe(false);
  });

  it('can count only some files (the pull request files, for tables not deployed yet)', () => {
    const history = new TableHistory();
    history.record(0, parseSqlFile('CREATE TABLE deployed (id int);'));
    history.record(1, parseSqlFile('CREATE TABLE pending (id int);'));
    const pending = history.before(2, new Set([1]));
    expect(pending.has('public.pending')).toBe(true);
    expect(pending.has('public.deployed')).toBe(false);
  });
});
