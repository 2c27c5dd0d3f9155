import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseSqlFile, SqlSyntaxError } from '../src/parser/parse.js';

beforeAll(() => loadParser());

describe('parseSqlFile', () => {
  it('gives each statement its line and column, skipping comments, with non-ASCII text before it', () => {
    const statements = parseSqlFile("-- ünïcode comment\ncreate table a (x int);\n\n  /* é */ alter table a enable row level security;\nselect 'ü';");
    expect(statements.map((s) => [s.line, s.column, s.text])).toEqual([
      [2, 1, 'create table a (x int)'],
      [4, 11, 'alter table a enable row level security'],
      [5, 1, "select 'ü'"],
    ]);
    expect(Object.keys(statements[1].node)).toEqual(['AlterTableStmt']);
  });

  it('reports a syntax error at the offending token, also after multi-byte characters', () => {
    for (const [sql, line, column] of [
      ['select 1;\nselect from where;', 2, 13],
      ["select 'üüü';\nselect from where;", 2, 13],
      ['selec 1', 1, 1],
    ] as const) {
      let error: unknown;
      try {
        parseSqlFile(sql);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SqlSyntaxError);
      expect([(error as SqlSyntaxError).line, (error as SqlSyntaxError).column], sql).toEqual([line, column]);
    }
  });
});
