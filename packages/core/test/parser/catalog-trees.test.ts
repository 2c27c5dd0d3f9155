import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/port.js';
import { openEmbedded } from '../../src/db/embedded.js';
import { applySupabaseBaseline } from '../../src/baseline/apply.js';
import { convertPolicyTree, followPolicyTree, type CatalogTreeNames } from '../../src/parser/node-tree-to-raw.js';
import { readNodeTree } from '../../src/parser/node-tree.js';
import { loadParser, parseSqlFile, withoutPositions } from '../../src/parser/parse.js';
import { readSql } from '../../src/sql-files.js';
import { createTestDatabase, hasServer, type TestDatabase } from '../helpers/database.js';

/**
 * The server's policy trees, converted without a SQL parser, must be exactly what libpg-query
 * gives for the text pg_get_expr prints (locations aside), on PostgreSQL 15 (the server) and 18
 * (PGlite). Forms the converter does not follow must come back as null (the parser then reads
 * them), never as a different tree.
 */
const SCHEMA = `
  create type public.member_role as enum ('admin', 'member', 'it''s');
  create schema private;
  create function private.is_admin() returns boolean language sql stable as $$ select true $$;
  create function private.clash(x integer) returns integer language sql stable as $$ select x $$;
  create table public.orgs (id uuid primary key, tenant_id uuid, owner uuid, name varchar(20), slug text, role public.member_role,
                            n integer, big bigint, small smallint, is_public boolean, meta jsonb, dropped_later text, tags text[]);
  alter table public.orgs drop column dropped_later;
  create table public.members (org_id uuid, user_id uuid, role public.member_role);
  create table private.secrets (org_id uuid, owner uuid);
  create table public.teams (id uuid primary key, org_id uuid, lead uuid);
`;

/** [policy name, USING expression]: forms the converter must follow (null is a failure here). */
const FOLLOWED: [string, string][] = [
  ['always_true', 'true'],
  ['always_false', 'false'],
  ['one_eq_one', '1 = 1'],
  ['zero', 'n = 0'],
  ['negative', 'n > -1'],
  ['bigint', 'big = 5000000000'],
  ['smallint', "small = 2::smallint"],
  ['text_cast', "'t'::boolean"],
  ['uid_bare', 'auth.uid() = owner'],
  ['uid_select', '(select auth.uid()) = owner'],
  ['uid_not_null', 'auth.uid() is not null'],
  ['jwt_claim', "tenant_id = ((auth.jwt() ->> 'tenant_id')::uuid)"],
  ['jwt_claim_select', "tenant_id = ((select auth.jwt()) ->> 'tenant_id')::uuid"],
  ['app_metadata', "tenant_id = (((auth.jwt() -> 'app_metadata') ->> 'tenant_id'))::uuid"],
  ['user_metadata', "((select auth.jwt()) -> 'user_metadata' ->> 'moderator') = 'true'"],
  ['path_op', "(auth.jwt() #>> '{user_metadata,role}') = 'admin'"],
  ['path_quoted', `(auth.jwt() #>> '{"a b","",null_,"q\\"x"}') = 'admin'`],
  ['role_fn', "auth.role() = 'authenticated'"],
  ['setting', "current_setting('request.jwt.claims', true)::jsonb ->> 'sub' = owner::text"],
  ['enum', "role = 'admin'"],
  ['enum_quote', "role = 'it''s'"],
  ['in_list', "slug in ('a', 'b', '')"],
  ['varchar_in', "name in ('a', 'b')"],
  ['any_array', "slug = any (array['x', 'y'])"],
  ['exists', 'exists (select 1 from public.members m where m.org_id = orgs.id and m.user_id = (select auth.uid()))'],
  ['in_select', 'id in (select org_id from public.members where user_id = auth.uid())'],
  ['in_select_private', 'id in (select s.org_id from private.secrets s where s.owner = auth.uid())'],
  ['and_or_not', "(is_public or owner = auth.uid()) and not (n = 3) and slug is null"],
  ['bool_tests', '(n > 0) is true or (n > 1) is not false or is_public is unknown'],
  ['null_const', 'slug = null::text'],
  ['coalesce', "coalesce(slug, '') <> ''"],
  ['private_fn', '(select private.is_admin())'],
  ['uuid_const', "owner = '00000000-0000-0000-0000-000000000001'::uuid"],
  ['unicode', "slug = 'héllo ✓'"],
  ['long_text', `slug = '${'x'.repeat(200)}'`],
  ['array_contains', "tags @> array['a']"],
  ['storage_folder', "(storage.foldername(slug))[1] = ((select auth.jwt()) ->> 'tenant_id')"],
  ['subscript', "tags[1] = 'a' and tags[1:2] = array['a', 'b'] and exists (select 1 from public.members m where (string_to_array(m.role::text, '_'))[1] = orgs.tags[2])"],
  ['case_expr', 'case when is_public then true when owner is null then false else owner = auth.uid() end'],
  ['case_no_else', "coalesce(case when n > 1 then 'many' end, 'one') = slug"],
  ['distinct_from', 'tenant_id is distinct from owner and not (tenant_id is not distinct from id)'],
  ['joined', 'exists (select 1 from public.members m join public.teams t on t.org_id = m.org_id left join private.secrets s on s.org_id = t.org_id where m.user_id = (select auth.uid()) and t.org_id = orgs.id)'],
  ['cross_join', 'exists (select 1 from public.members m cross join public.teams t where t.lead = m.user_id and m.org_id = orgs.id)'],
  ['join_unqualified', 'exists (select 1 from public.members m join public.teams t on t.org_id = m.org_id where lead = auth.uid())'],
  ['nested_and', 'n = 1 and (n = 2 and n = 3)'],
];

/** Forms left to the parser: the converter must say null, not guess. */
const LEFT_TO_PARSER: [string, string][] = [
  ['numeric', 'n::numeric > 1.5'],
  ['join_using', 'exists (select 1 from public.members join public.teams using (org_id) where lead = auth.uid())'],
  ['simple_case', "case role when 'admin' then true else false end"],
  ['self_clash', 'exists (select 1 from public.orgs where orgs.owner = auth.uid())'],
];

const ALL = [...FOLLOWED, ...LEFT_TO_PARSER];

async function createPolicies(db: Db): Promise<void> {
  await applySupabaseBaseline(db);
  await db.exec(SCHEMA);
  for (const [name, expression] of ALL) await db.exec(`create policy ${name} on public.orgs using (${expression})`);
}

async function readTrees(db: Db): Promise<CatalogTreeNames> {
  const { rows } = await db.query<{ trees: unknown }>(`select ${readSql('introspection/policy-trees.sql').trim()} as trees`);
  const value = rows[0].trees;
  return (typeof value === 'string' ? JSON.parse(value) : value) as CatalogTreeNames;
}

function parsedExpression(expression: string): unknown {
  const [statement] = parseSqlFile(`select ${expression}`);
  const select = (statement.node as { SelectStmt: { targetList: { ResTarget: { val: unknown } }[] } }).SelectStmt;
  return withoutPositions(select.targetList[0].ResTarget.val);
}

async function policyExpressions(db: Db): Promise<Map<string, string>> {
  const { rows } = await db.query<{ name: string; expression: string }>(
    `select polname as name, pg_get_expr(polqual, polrelid) as expression from pg_policy where polrelid = 'public.orgs'::regclass`,
  );
  return new Map(rows.map((row) => [row.name, row.expression]));
}

function checkAgainstParser(names: CatalogTreeNames, expressions: Map<string, string>): void {
  const trees = new Map(names.trees.map(([expression, tree, relid]) => [expression, { tree, relid }]));
  for (const [name] of FOLLOWED) {
    const expression = expressions.get(name)!;
    const entry = trees.get(expression)!;
    const followed = followPolicyTree(entry.tree, entry.relid, names);
    expect(followed, `${name}: ${expression}`).toHaveProperty('tree');
    const converted = convertPolicyTree(entry.tree, entry.relid, names);
    expect(converted, `${name}: ${expression}`).toEqual(parsedExpression(expression));
  }
  for (const [name] of LEFT_TO_PARSER) {
    const expression = expressions.get(name)!;
    const entry = trees.get(expression)!;
    expect(convertPolicyTree(entry.tree, entry.relid, names), `${name}: ${expression}`).toBeNull();
  }
}

beforeAll(async () => {
  await loadParser();
});

describe.runIf(hasServer())('policy trees from PostgreSQL 15 (the server)', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase('catalog_trees');
    await createPolicies(database.db);
  });
  afterAll(async () => database?.drop());

  it('converts every followed form to the tree the parser gives for the printed text, and leaves the rest', async () => {
    checkAgainstParser(await readTrees(database.db), await policyExpressions(database.db));
  });
});

describe('policy trees from PostgreSQL 18 (PGlite)', () => {
  let db: Db & { close(): Promise<void> };
  beforeAll(async () => {
    db = await openEmbedded();
    await createPolicies(db);
  }, 60_000);
  afterAll(async () => db?.close());

  it('converts every followed form to the tree the parser gives for the printed text, and leaves the rest', async () => {
    checkAgainstParser(await readTrees(db), await policyExpressions(db));
  });
});

describe('readNodeTree', () => {
  it('reads nodes, lists, null, datums, bitmapsets and escaped tokens', () => {
    const tree = readNodeTree('{OPEXPR :opno 98 :args ({VAR :varno 1} {CONST :constisnull false :constvalue 5 [ 20 0 0 0 -1 ]}) :cols (b 8 9) :name a\\ b :none <> :flag true :s "x"}');
    expect(tree).toEqual({
      node: 'OPEXPR',
      fields: {
        opno: 98,
        args: [
          { node: 'VAR', fields: { varno: 1 } },
          { node: 'CONST', fields: { constisnull: false, constvalue: Uint8Array.from([20, 0, 0, 0, 255]) } },
        ],
        cols: [8, 9],
        name: 'a b',
        none: null,
        flag: true,
        s: 'x',
      },
    });
  });
  it('rejects text that is not a node tree', () => {
    expect(() => readNodeTree('{OPEXPR :opno')).toThrow(/end of node tree/);
    expect(() => readNodeTree('{OPEXPR opno 1}')).toThrow(/field name/);
  });
});
