import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadParser, parseSqlFile } from '../../src/parser/parse.js';
import { defaultConstraintName, key, ProvenanceLog } from '../../src/replay/provenance.js';
import { withoutColumns } from '../../src/replay/strip-columns.js';
import { discoverMigrations } from '../../src/replay/discover.js';
import { blameSkippedExtension, identifiersOf } from '../../src/replay/unsupported-extensions.js';

beforeAll(() => loadParser());

function logOf(sql: string): ProvenanceLog {
  const log = new ProvenanceLog();
  log.beginFile('m.sql', sql);
  for (const statement of parseSqlFile(sql)) log.record(statement);
  return log;
}

describe('provenance from the syntax tree', () => {
  it('names unnamed foreign keys as PostgreSQL does, and reads ON DELETE from the tokens', () => {
    const log = logOf(`create table s.child (
  a int references parent on delete no action,
  b int references parent,
  constraint named foreign key (a, b) references p2 (x, y) on update cascade
);`);
    expect(log.get(key.foreignKey('s', 'child', 'child_a_fkey'))).toEqual({ file: 'm.sql', line: 2, onDeleteExplicit: true });
    expect(log.get(key.foreignKey('s', 'child', 'child_b_fkey'))).toEqual({ file: 'm.sql', line: 3, onDeleteExplicit: false });
    expect(log.get(key.foreignKey('s', 'child', 'named'))).toEqual({ file: 'm.sql', line: 4, onDeleteExplicit: false });
  });

  it('keeps lines right after non-ASCII text (parser locations are UTF-8 bytes)', () => {
    const log = logOf(`-- Übersicht: 日本語のコメント
create table "café" (
  -- ünïcode — everywhere
  a int references parent on delete cascade
);`);
    expect(log.get(key.foreignKey('public', 'café', 'café_a_fkey'))).toEqual({ file: 'm.sql', line: 4, onDeleteExplicit: true });
    expect(log.get(key.relation('public', 'café'))).toEqual({ file: 'm.sql', line: 2 });
  });

  it('locates the index of a UNIQUE or PRIMARY KEY constraint at the constraint, also when added later or adopted', () => {
    const log = logOf(`create table docs (
  id bigint,
  code text unique,
  slug text
);
alter table docs add constraint docs_pk primary key (id);
alter table docs add unique (slug);
create unique index docs_slug_lower on docs (lower(slug));
alter table docs add constraint docs_slug_lower_key unique using index docs_slug_lower;`);
    expect(log.get(key.index('public', 'docs_code_key'))).toEqual({ file: 'm.sql', line: 3 });
    expect(log.get(key.index('public', 'docs_pk'))).toEqual({ file: 'm.sql', line: 6 });
    expect(log.get(key.index('public', 'docs_slug_key'))).toEqual({ file: 'm.sql', line: 7 });
    // USING INDEX renames the index to the constraint's name.
    expect(log.get(key.index('public', 'docs_slug_lower'))).toBeUndefined();
    expect(log.get(key.index('public', 'docs_slug_lower_key'))).toEqual({ file: 'm.sql', line: 9 });
  });

  it('shortens long default names to 63 bytes like makeObjectName', () => {
    expect(defaultConstraintName('orders', ['customer_id'], 'fkey')).toBe('orders_customer_id_fkey');
    const long = defaultConstraintName('a'.repeat(50), ['b'.repeat(40)], 'fkey');
    expect(Buffer.byteLength(long)).toBe(63);
    expect(long).toBe(`${'a'.repeat(29)}_${'b'.repeat(28)}_fkey`);
  });

  it('follows renames and schema moves of tables, with their policies', () => {
    const log = logOf(`create table t (id int);
create policy p on t using (true);
alter table t rename to u;
alter table u set schema private;
alter policy p on private.u using (false);`);
    expect(log.get(key.relation('public', 't'))).toBeUndefined();
    expect(log.get(key.relation('private', 'u'))).toEqual({ file: 'm.sql', line: 4 });
    expect(log.get(key.policy('private', 'u', 'p'))).toEqual({ file: 'm.sql', line: 5 });
  });

  it('records each column at its definition, moved only by changes to that column', () => {
    const log = logOf(`create table t (
  id int primary key,
  tenant_id text,
  note text
);
alter table t enable row level security;
alter table t
  alter column note set not null;
alter table t add column created_at timestamp, add column if not exists note text;
alter table t alter column created_at type timestamptz;
alter table t alter column created_at set default now(), drop column id;
comment on column t.tenant_id is 'x';`);
    const col = (name: string) => log.get(key.column('public', 't', name))?.line;
    expect(log.get(key.relation('public', 't'))?.line).toBe(12); // the table's last change
    expect(log.get(key.created('public', 't'))?.line).toBe(1);
    expect(col('tenant_id')).toBe(3); // its own line in CREATE TABLE; RLS and the comment do not move it
    expect(col('note')).toBe(7); // SET NOT NULL: the statement's line (the parser gives no location)
    expect(col('created_at')).toBe(11); // ADD COLUMN, then TYPE, then SET DEFAULT
    expect(col('id')).toBeUndefined(); // dropped
  });

  it('moves column keys with RENAME COLUMN and with renames and schema moves of their table', () => {
    const log = logOf(`create table t (
  a int,
  b int
);
alter table t rename column a to z;
alter table t rename b to y;
alter table t rename to u;
alter table u set schema private;`);
    expect(log.get(key.column('public', 't', 'a'))).toBeUndefined();
    expect(log.get(key.column('public', 't', 'z'))).toBeUndefined();
    expect(log.get(key.column('private', 'u', 'z'))).toEqual({ file: 'm.sql', line: 2 });
    expect(log.get(key.column('private', 'u', 'y'))).toEqual({ file: 'm.sql', line: 3 });
    expect(log.get(key.created('private', 'u'))).toEqual({ file: 'm.sql', line: 1 });

    const recreated = logOf(`create table t (a int, b int);
drop table t;
create table t (
  a int
);`);
    expect(recreated.get(key.column('public', 't', 'a'))?.line).toBe(4);
    expect(recreated.get(key.column('public', 't', 'b'))).toBeUndefined();
  });

  it('records grants and comments as the last change to an object', () => {
    const log = logOf(`create function f() returns int language sql as 'select 1';
create table t (id int);
grant execute on function f() to anon;
comment on table t is 'x';`);
    expect(log.get(key.fn('public', 'f'))?.line).toBe(3);
    expect(log.get(key.relation('public', 't'))?.line).toBe(4);
  });
});

describe('column stripping for missing extension types', () => {
  it('cuts a middle, a last and an only column on lexer tokens', () => {
    expect(withoutColumns('create table t (a int, e vector(3), b text)', [23])).toBe('create table t (a int, b text)');
    expect(withoutColumns('create table t (a int, e vector(3))', [23])).toBe('create table t (a int)');
    expect(withoutColumns('create table t (e vector(3))', [16])).toBe('create table t ()');
  });
});

describe('blaming a skipped extension', () => {
  it('only for "missing object" errors that mention one of its names', () => {
    const [statement] = parseSqlFile(`select cron.schedule('x', '* * * * *', 'select 1')`);
    const ids = identifiersOf(statement.node);
    expect(blameSkippedExtension(new Set(['pg_cron']), '42883', ids)).toBe('pg_cron');
    expect(blameSkippedExtension(new Set(['pg_cron']), '23505', ids)).toBeUndefined();
    expect(blameSkippedExtension(new Set(['vector']), '42883', ids)).toBeUndefined();
    expect(blameSkippedExtension(new Set(), '42883', ids)).toBeUndefined();
    // a string literal that happens to spell one of its names is not a use of the extension
    const [insert] = parseSqlFile(`insert into missing_table (kind) values ('schedule')`);
    expect(blameSkippedExtension(new Set(['pg_cron']), '42P01', identifiersOf(insert.node))).toBeUndefined();
  });
});

describe('discovering migration files', () => {
  it('takes ^[0-9]+_.*\\.sql$ in code-point order and lists the rest', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'pk-discover-'));
    for (const name of ['2_b.sql', '10_a.sql', '1_Z.sql', 'seed.sql', '3_notes.txt']) writeFileSync(path.join(dir, name), '');
    mkdirSync(path.join(dir, '4_dir.sql'));
    const { files, ignored } = discoverMigrations(dir);
    expect(files.map((f) => f.name)).toEqual(['10_a.sql', '1_Z.sql', '2_b.sql']);
    expect(ignored).toEqual(['3_notes.txt', 'seed.sql']);
  });
});
